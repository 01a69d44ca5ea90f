using Pcap.Decode.Network;
using Pcap.Wire;

namespace Pcap.Decode.Text;

/// <summary>IPsec AH as tcpdump 4.99's print-ah.c prints it, then the protocol it protects (print-ip-demux.c's loop).</summary>
internal static class AhPrinter
{
    /// <summary>
    /// Prints the AH headers at the start of <paramref name="bytes"/> (<paramref name="length"/> bytes by the IP layer), one
    /// after the other, then hands what follows to <see cref="IpDemuxPrinter"/>.
    /// </summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, in IpContext context)
    {
        byte next;
        do
        {
            if (!AuthenticationHeader.TryReadPartial(bytes, out var ah))
            {
                state.WriteTruncated(ref writer, "ah");
                return;
            }
            next = ah.NextHeader.Value;
            var headerLength = PrintHeader(ref writer, state, ah);
            if (headerLength < 0)
                return;
            bytes = bytes.Length > headerLength ? bytes[headerLength..] : default;
            length = Math.Max(0, length - headerLength);
        }
        while (next == AuthenticationHeader.IpProtocolNumber);
        // Behind AH, tcpdump's TCP and UDP printers see an IP header naming another protocol and print the ports alone.
        var inner = new IpContext(context.Source, context.Destination, context.IsIpv6, context.Fragmented, context.IpHeader,
            endpointAddresses: false, context.ChecksumDestination);
        IpDemuxPrinter.Print(ref writer, state, new IpProtocol(next), bytes, length, in inner);
    }

    /// <summary><c>AH(...): </c>; the header's length, or -1 where a field was not captured (the packet is given up).</summary>
    private static int PrintHeader(ref LineWriter writer, PrintState state, AuthenticationHeader ah)
    {
        writer.Append("AH");
        if (ah.Captured < 2)
            return Truncated(ref writer, state);
        var headerLength = ah.HeaderLength;
        writer.Append('(');
        if (state.Options.Verbose > 0)
        {
            writer.Append("length=");
            writer.AppendDecimal(ah.PayloadLength);
            writer.Append('(');
            writer.AppendDecimal((uint)headerLength);
            writer.Append("-bytes),");
        }
        if (ah.Captured < 4)
            return Truncated(ref writer, state);
        if (ah.Reserved != 0)
        {
            writer.Append("reserved=0x");
            writer.AppendHex(ah.Reserved);
            writer.Append("[MustBeZero],");
        }
        if (ah.Captured < 8)
            return Truncated(ref writer, state);
        writer.Append("spi=0x");
        writer.AppendHex(ah.SecurityParametersIndex, 8);
        writer.Append(',');
        if (ah.Captured < AuthenticationHeader.FixedLength)
            return Truncated(ref writer, state);
        writer.Append("seq=0x");
        writer.AppendHex(ah.SequenceNumber);
        writer.Append(",icv=0x");
        foreach (var b in ah.IntegrityCheckValue)
            writer.AppendHexByte(b);
        if (ah.Captured < headerLength)
            return Truncated(ref writer, state);
        writer.Append("): ");
        return headerLength;
    }

    private static int Truncated(ref LineWriter writer, PrintState state)
    {
        state.WriteTruncated(ref writer, "ah", abandoned: true);
        return -1;
    }
}
