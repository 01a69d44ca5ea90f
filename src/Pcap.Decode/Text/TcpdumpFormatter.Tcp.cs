namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    // Forwarder for the IP printers not yet moved out; goes when they call TcpPrinter themselves.
    internal void WriteTcp(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, in IpContext context) => TcpPrinter.Print(ref writer, _state, bytes, length, in context);
}
