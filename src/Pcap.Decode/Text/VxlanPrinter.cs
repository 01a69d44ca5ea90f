using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>VXLAN as tcpdump 4.99's print-vxlan.c prints its header; the caller prints the inner frame after it.</summary>
internal static class VxlanPrinter
{
    /// <summary>What the header printer leaves to the caller.</summary>
    public enum Outcome
    {
        /// <summary>The header printed; the inner Ethernet frame follows on the next line.</summary>
        InnerFrame,
        /// <summary>tcpdump's <c> (invalid)</c>: the datagram is shorter than the header.</summary>
        Invalid,
        /// <summary>The header was not captured: tcpdump stops the packet with <c> [|vxlan]</c>.</summary>
        Truncated,
    }

    /// <summary>Prints <c>VXLAN, flags [I] (0x08), vni N</c> and a newline for a datagram of <paramref name="length"/> bytes.</summary>
    public static Outcome Write(ref LineWriter writer, ReadOnlySpan<byte> payload, int length)
    {
        writer.Append("VXLAN");
        if (length < VxlanHeader.Length)
        {
            writer.Append(" (invalid)");
            return Outcome.Invalid;
        }
        if (payload.Length < 1)
            return Outcome.Truncated;
        var flags = payload[0];
        writer.Append(", flags [");
        writer.Append((flags & VxlanHeader.ValidVniFlag) != 0 ? "I" : "invalid");
        writer.Append("] (0x");
        writer.AppendHexByte(flags);
        writer.Append("), ");
        if (payload.Length < 7)
            return Outcome.Truncated;
        writer.Append("vni ");
        writer.AppendDecimal((uint)(payload[4] << 16 | payload[5] << 8 | payload[6]));
        writer.Append('\n');
        return VxlanHeader.TryRead(payload, out _, out _) ? Outcome.InnerFrame : Outcome.Truncated;
    }
}
