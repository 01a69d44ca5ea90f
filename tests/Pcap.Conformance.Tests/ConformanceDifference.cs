using Pcap.Filter;
using Pcap.Testing.Packets;

namespace Pcap.Conformance.Tests;

/// <summary>One disagreement between the reference (libpcap) and the candidate, with everything needed to reproduce it.</summary>
internal sealed record ConformanceDifference(
    LinkType LinkType, string Expression, string What, GeneratedPacket? Packet = null, uint? Expected = null, uint? Actual = null)
{
    public override string ToString()
    {
        var text = $"[{LinkType}] \"{Expression}\": {What}";
        if (Packet is not null)
            text += $"\n    packet ({Packet.Description}; caplen {Packet.Data.Length}, wire {Packet.WireLength}): {Packet.Hex}" +
                    $"\n    libpcap returned {Expected}, candidate returned {Actual}";
        return text;
    }
}
