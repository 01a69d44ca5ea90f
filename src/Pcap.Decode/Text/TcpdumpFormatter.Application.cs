using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    /// <summary>
    /// The application printer tcpdump's print-udp.c picks by port, in its order; false when none of ours applies and the
    /// caller prints <c>UDP, length N</c>.
    /// </summary>
    private bool WriteUdpApplication(ref LineWriter writer, ReadOnlySpan<byte> payload, int length, ushort sourcePort, ushort destinationPort)
    {
        if (_options.Quiet)
            return false;
        if (sourcePort == DnsMessage.Port || destinationPort == DnsMessage.Port)
            _abandoned |= DnsPrinter.Write(ref writer, payload, length, overTcp: false, multicast: false, _options.Verbose);
        else if (sourcePort == DnsMessage.MulticastPort || destinationPort == DnsMessage.MulticastPort)
            _abandoned |= DnsPrinter.Write(ref writer, payload, length, overTcp: false, multicast: true, _options.Verbose);
        else
            return false;
        return true;
    }

    /// <summary>The application printer tcpdump's print-tcp.c picks by port for a segment carrying data, in its order.</summary>
    private void WriteTcpApplication(ref LineWriter writer, ReadOnlySpan<byte> payload, int length, ushort sourcePort, ushort destinationPort)
    {
        if (sourcePort == DnsMessage.Port || destinationPort == DnsMessage.Port)
            _abandoned |= DnsPrinter.Write(ref writer, payload, length, overTcp: true, multicast: false, _options.Verbose);
    }
}
