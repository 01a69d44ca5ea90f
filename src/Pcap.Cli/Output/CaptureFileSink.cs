using Pcap.Decode.Files;

namespace Pcap.Cli.Output;

/// <summary>The <c>-w FILE</c> sink: writes packets to a pcap file the way tcpdump does (microseconds unless nano precision was asked for).</summary>
internal sealed class CaptureFileSink : IPacketSink
{
    private readonly PcapWriter _writer;
    private readonly bool _flushEachPacket;

    /// <summary>Writes the pcap file header to <paramref name="stream"/>.</summary>
    /// <param name="stream">The output file or stdout (<c>-w -</c>).</param>
    /// <param name="linkType">The link type for the file header.</param>
    /// <param name="snapLength">The snapshot length for the file header.</param>
    /// <param name="nanosecondResolution"><c>--time-stamp-precision=nano</c>.</param>
    /// <param name="flushEachPacket"><c>-U</c>: flush after every packet.</param>
    public CaptureFileSink(Stream stream, LinkType linkType, uint snapLength, bool nanosecondResolution, bool flushEachPacket)
    {
        _writer = new PcapWriter(stream, linkType, snapLength, nanosecondResolution);
        _flushEachPacket = flushEachPacket;
    }

    /// <inheritdoc/>
    public void Write(in CapturedPacket packet)
    {
        _writer.WritePacket(packet.TimestampNanoseconds, packet.Data, packet.WireLength);
        if (_flushEachPacket)
            _writer.Flush();
    }

    /// <inheritdoc/>
    public void Flush() => _writer.Flush();

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();
}
