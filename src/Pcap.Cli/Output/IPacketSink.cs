using Pcap.Decode.Files;

namespace Pcap.Cli.Output;

/// <summary>
/// Where the packets a command reads go: a capture file for <c>-w</c>, tcpdump-style text otherwise.
/// A sink sees every packet that passed the filter and the <c>-c</c> count, in order.
/// </summary>
internal interface IPacketSink : IDisposable
{
    /// <summary>Takes one packet; its data is only valid during the call.</summary>
    void Write(in CapturedPacket packet);

    /// <summary>Pushes anything buffered to its destination (end of input, or an error about to be reported).</summary>
    void Flush();
}
