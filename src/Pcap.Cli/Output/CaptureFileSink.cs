using Pcap.Decode.Files;

namespace Pcap.Cli.Output;

/// <summary>
/// The <c>-w FILE</c> sink: writes packets to a pcap file the way tcpdump does (microseconds unless nano precision was
/// asked for). A pcap file has one link type and one snapshot length; when a packet arrives that the header cannot
/// describe (a pcapng input whose interfaces differ), the file written so far is rewritten as pcapng, with one
/// interface per link type and snapshot length, and writing goes on in pcapng (tcpdump refuses such inputs).
/// </summary>
internal sealed class CaptureFileSink : IPacketSink
{
    private readonly bool _flushEachPacket;
    private readonly bool _nanosecondResolution;
    private readonly string? _path;
    private readonly TextWriter? _notices;
    private readonly Dictionary<(LinkType LinkType, uint SnapLength), int> _interfaces = [];
    private Stream _stream;
    private PcapWriter? _pcap;
    private PcapNgWriter? _pcapNg;
    private long _written;
    private LinkType? _fittingLinkType;

    /// <summary>
    /// The pcap writer gathers records in a buffer of this size and hands each full one to the stream in one write, as
    /// stdio does for tcpdump; the streams it is given need no buffer of their own (<see cref="OpenFile"/>).
    /// </summary>
    private const int RecordBufferSize = 1 << 16;

    /// <summary>Writes the pcap file header to <paramref name="stream"/>.</summary>
    /// <param name="stream">The output file or stdout (<c>-w -</c>).</param>
    /// <param name="linkType">The link type for the file header.</param>
    /// <param name="snapLength">The snapshot length for the file header.</param>
    /// <param name="nanosecondResolution"><c>--time-stamp-precision=nano</c>.</param>
    /// <param name="flushEachPacket"><c>-U</c>: flush after every packet.</param>
    /// <param name="path">The file behind <paramref name="stream"/>, which may be rewritten as pcapng; null for stdout.</param>
    /// <param name="notices">Where the switch to pcapng is announced.</param>
    public CaptureFileSink(Stream stream, LinkType linkType, uint snapLength, bool nanosecondResolution, bool flushEachPacket,
        string? path = null, TextWriter? notices = null)
    {
        _stream = stream;
        _pcap = new PcapWriter(stream, linkType, snapLength, nanosecondResolution, bufferSize: RecordBufferSize);
        _nanosecondResolution = nanosecondResolution;
        _flushEachPacket = flushEachPacket;
        _path = path;
        _notices = notices;
    }

    /// <summary>Opens (or truncates) the file at <paramref name="path"/> and writes the pcap file header to it.</summary>
    public static CaptureFileSink Create(string path, LinkType linkType, uint snapLength, bool nanosecondResolution, bool flushEachPacket,
        TextWriter? notices)
    {
        var stream = OpenFile(path);
        try
        {
            return new CaptureFileSink(stream, linkType, snapLength, nanosecondResolution, flushEachPacket, path, notices);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens (or truncates) a <c>-w</c> file without a stream buffer: the writer's own buffer keeps write(2) calls rare
    /// under load, and a second buffer would only copy each record again.
    /// </summary>
    public static FileStream OpenFile(string path) => new(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);

    /// <summary>The bytes written so far, buffered ones included (what tcpdump's <c>pcap_dump_ftell</c> tells <c>-C</c>).</summary>
    public long Length => _stream.Position + (_pcap?.BufferedLength ?? 0);

    /// <inheritdoc/>
    public void Write(in CapturedPacket packet)
    {
        if (_pcap is not null && !FitsPcapHeader(packet, _pcap))
            SwitchToPcapNg(packet);
        if (_pcap is not null)
        {
            _pcap.WritePacket(packet.TimestampSeconds, packet.TimestampFractionNanoseconds, packet.Data, packet.WireLength);
            if (_flushEachPacket)
                _pcap.Flush();
        }
        else
        {
            int id = InterfaceFor(packet.LinkType, packet.SnapLength);
            _pcapNg!.WritePacket(id, packet.TimestampSeconds, packet.TimestampFractionNanoseconds, packet.Data, packet.WireLength);
            if (_flushEachPacket)
                _pcapNg.Flush();
        }
        _written++;
    }

    // A packet with no snapshot length of its own (live capture) takes the header's. The link type last found to fit is
    // remembered: the canonical name is a table lookup, too dear for every packet of a capture of one link type.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool FitsPcapHeader(in CapturedPacket packet, PcapWriter writer)
    {
        if (packet.SnapLength != 0 && packet.SnapLength != writer.SnapLength)
            return false;
        if (packet.LinkType == _fittingLinkType)
            return true;
        if (LinkTypeNames.Canonical(packet.LinkType) != writer.LinkType)
            return false;
        _fittingLinkType = packet.LinkType;
        return true;
    }

    private int InterfaceFor(LinkType linkType, uint snapLength)
    {
        var key = (LinkTypeNames.Canonical(linkType), snapLength);
        if (!_interfaces.TryGetValue(key, out int id))
        {
            byte resolution = _nanosecondResolution ? CaptureInterface.NanosecondResolution : CaptureInterface.MicrosecondResolution;
            id = _pcapNg!.AddInterface(key.Item1, snapLength: snapLength, timestampResolution: resolution);
            _interfaces.Add(key, id);
        }
        return id;
    }

    // Copies the pcap records written so far into a pcapng file beside it, then puts that file in its place.
    private void SwitchToPcapNg(in CapturedPacket packet)
    {
        var pcap = _pcap!;
        string header = $"link type {pcap.LinkType}, snapshot length {pcap.SnapLength}";
        string other = $"link type {LinkTypeNames.Canonical(packet.LinkType)}, snapshot length {packet.SnapLength}";
        if (_path is null)
        {
            throw new CaptureSinkException(
                $"packet {_written + 1} has {other} but the pcap header written to standard output says {header}; " +
                "a pipe cannot be rewritten as pcapng, so write to a file to keep packets of different link types or snapshot lengths");
        }
        pcap.Dispose();
        _pcap = null;
        string temporary = $"{_path}.pcapcore-{Environment.ProcessId}";
        var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        try
        {
            _pcapNg = new PcapNgWriter(output);
            _stream = output;
            using (var written = CaptureReader.Open(_path))
            {
                while (written.TryReadPacket(out var old))
                {
                    int id = InterfaceFor(written.LinkType, written.SnapLength);
                    _pcapNg.WritePacket(id, old.TimestampSeconds, old.TimestampFractionNanoseconds, old.Data, old.WireLength);
                }
            }
            _pcapNg.Flush();
            File.Move(temporary, _path, overwrite: true);
        }
        catch
        {
            output.Dispose();
            File.Delete(temporary);
            throw;
        }
        _notices?.WriteLine($"pcapcore: {_path}: packet {_written + 1} has {other}, which the pcap header ({header}) " +
                            "cannot describe; the file is written as pcapng instead");
    }

    /// <inheritdoc/>
    public void Flush()
    {
        _pcap?.Flush();
        _pcapNg?.Flush();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _pcap?.Dispose();
        _pcapNg?.Dispose();
    }
}
