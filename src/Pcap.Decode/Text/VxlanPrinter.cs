using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>
/// VXLAN as tcpdump 4.99's <c>print-vxlan.c</c> prints it, from the <see cref="VxlanHeader"/> view (lax for cut-off
/// headers): the header, then the inner Ethernet frame on the next line, printed as a frame of its own
/// (<see cref="EncapsulatedEthernetPrinter"/>, which bounds the nesting).
/// </summary>
internal static class VxlanPrinter
{
    /// <summary>Prints the datagram payload in <paramref name="payload"/>; <paramref name="length"/> is its length per UDP.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> payload, int length)
    {
        writer.Append("VXLAN");
        if (length < VxlanHeader.Length)
        {
            writer.Append(" (invalid)");
            return;
        }
        if (!VxlanHeader.TryReadFlags(payload, out var header, out _))
        {
            state.WriteTruncated(ref writer, "vxlan", abandoned: true);
            return;
        }
        var flags = header.Flags;
        writer.Append(", flags [");
        writer.Append((flags & VxlanHeader.ValidVniFlag) != 0 ? "I" : "invalid");
        writer.Append("] (0x");
        writer.AppendHexByte(flags);
        writer.Append("), ");
        if (!header.HasVni)
        {
            state.WriteTruncated(ref writer, "vxlan", abandoned: true);
            return;
        }
        writer.Append("vni ");
        writer.AppendDecimal(header.Vni);
        writer.Append('\n');
        if (!header.IsComplete)
        {
            state.WriteTruncated(ref writer, "vxlan", abandoned: true);
            return;
        }
        EncapsulatedEthernetPrinter.Print(ref writer, state, header.Payload, length - VxlanHeader.Length, "vxlan");
    }
}
