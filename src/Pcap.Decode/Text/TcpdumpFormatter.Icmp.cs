namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    // Forwarder for the IP printers not yet moved out; goes when they call IcmpPrinter themselves.
    internal void WriteIcmp(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, in IpContext context, bool moreFragments) => IcmpPrinter.Print(ref writer, _state, bytes, length, in context);
}
