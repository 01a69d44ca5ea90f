using Pcap.Decode.Files;

namespace Pcap.Cli.Output;

/// <summary><c>-w FILE --print</c>: each packet goes to the file and is printed.</summary>
internal sealed class TeeSink(IPacketSink first, IPacketSink second) : IPacketSink
{
    /// <inheritdoc/>
    public void Write(in CapturedPacket packet)
    {
        first.Write(packet);
        second.Write(packet);
    }

    /// <inheritdoc/>
    public void Flush()
    {
        first.Flush();
        second.Flush();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            first.Dispose();
        }
        finally
        {
            second.Dispose();
        }
    }
}
