using System.Net;
using Pcap.Decode.Application;
using Pcap.Decode.Files;
using Pcap.Decode.Walk;

namespace Pcap.Decode.Tests.Walk;

/// <summary>The layer-walk example of the README's decoding section, compiled; <see cref="ReadmeWalkExampleTests"/> checks the README shows exactly these lines.</summary>
internal static class ReadmeWalkExample
{
    public static void Run(string path, TextWriter console)
    {
        // README-BEGIN
        var walker = new LayerWalker();   // reuse it for every packet: walking allocates nothing
        using var reader = CaptureReader.Open(path);
        while (reader.TryReadPacket(out var packet))
        {
            var layers = walker.Walk(packet.LinkType, packet.Data);
            if (layers.TryGetIpv4(out var ip) && layers.TryGetTcp(out var tcp))
                console.WriteLine($"{new IPAddress(ip.Source)}.{tcp.SourcePort} > {tcp.DestinationPort}: {tcp.Flags}");
            if (layers.Application == ApplicationProtocol.Dns)
                console.WriteLine($"DNS, {layers.ApplicationPayload.Length} bytes");
        }
        // README-END
    }
}
