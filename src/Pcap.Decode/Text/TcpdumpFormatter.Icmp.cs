namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    // Forwarders for the IP printers not yet moved out; they go when those call IcmpPrinter and Icmpv6Printer themselves.
    internal void WriteIcmp(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, in IpContext context, bool moreFragments) => IcmpPrinter.Print(ref writer, _state, bytes, length, in context);

    internal void WriteIcmpv6(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, in IpContext context) => Icmpv6Printer.Print(ref writer, _state, bytes, length, in context);
}
