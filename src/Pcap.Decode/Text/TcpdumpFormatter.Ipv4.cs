namespace Pcap.Decode.Text;

// Forwarders to the IP printers for the callers not yet split out (issue 11); removed when nobody calls them.
public sealed partial class TcpdumpFormatter
{
    internal void WriteIpv4(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length) => Ipv4Printer.Print(ref writer, _state, bytes, length);

    internal void WriteIpv6(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length) => Ipv6Printer.Print(ref writer, _state, bytes, length);
}
