using System.Buffers;
using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>
/// Writes one packet as tcpdump 4.99 prints it (time stamp, link header with <c>-e</c>, protocol text, hex dump).
/// Keeps tcpdump's per-run state (relative TCP sequence numbers, previous time stamp), so use one instance per capture.
/// Never throws on packet bytes: truncated and malformed packets print tcpdump's markers.
/// </summary>
/// <remarks>
/// The dispatcher of the protocol printers (<c>Text/*Printer.cs</c>, one per protocol as tcpdump's <c>print-*.c</c>),
/// passing them the per-capture <see cref="PrintState"/>: it checks the record's lengths, then writes the time stamp,
/// the link layer (which calls the printers above it) and the hex dump.
/// </remarks>
public sealed class TcpdumpFormatter
{
    private readonly PrintState _state;
    private char[] _scratch = new char[MaximumLength(65536)];

    /// <summary>Creates a formatter for one capture.</summary>
    public TcpdumpFormatter(FormatOptions options)
    {
        _state = new PrintState(options);
    }

    /// <summary>The options in force.</summary>
    public FormatOptions Options => _state.Options;

    /// <summary>
    /// Formats one packet into <paramref name="destination"/> (the line plus any hex-dump lines, no final newline).
    /// Returns false when the text does not fit (<see cref="MaximumLength"/> characters always do); the per-capture
    /// state (TCP sequence bases, previous time stamp) advances either way.
    /// </summary>
    /// <param name="linkType">The link type of the capture.</param>
    /// <param name="unixNanoseconds">Time stamp in nanoseconds since the Unix epoch.</param>
    /// <param name="packet">The captured bytes.</param>
    /// <param name="wireLength">The packet's length on the wire.</param>
    /// <param name="destination">Where the text goes.</param>
    /// <param name="written">Characters written (0 when it did not fit).</param>
    public bool TryFormat(LinkType linkType, long unixNanoseconds, ReadOnlySpan<byte> packet, int wireLength, Span<char> destination, out int written)
    {
        long seconds = Math.DivRem(unixNanoseconds, 1_000_000_000L, out long fraction);
        if (fraction < 0)
            (seconds, fraction) = (seconds - 1, fraction + 1_000_000_000L);
        return TryFormat(linkType, seconds, fraction, packet, unchecked((uint)wireLength), destination, out written);
    }

    /// <summary>
    /// Formats one packet whose time stamp comes as libpcap hands it over (seconds and a fraction that a corrupt file
    /// may leave at a second or more); otherwise as <see cref="TryFormat(LinkType, long, ReadOnlySpan{byte}, int, Span{char}, out int)"/>.
    /// </summary>
    /// <param name="linkType">The link type of the packet's interface.</param>
    /// <param name="seconds">Seconds since the Unix epoch.</param>
    /// <param name="fractionNanoseconds">The fraction of the second in nanoseconds.</param>
    /// <param name="packet">The captured bytes.</param>
    /// <param name="wireLength">The packet's length on the wire.</param>
    /// <param name="destination">Where the text goes.</param>
    /// <param name="written">Characters written (0 when it did not fit).</param>
    public bool TryFormat(LinkType linkType, long seconds, long fractionNanoseconds, ReadOnlySpan<byte> packet, uint wireLength, Span<char> destination, out int written)
    {
        var writer = new LineWriter(destination);
        if (WriteInvalidHeader(ref writer, (uint)packet.Length, wireLength))
        {
            written = writer.Overflowed ? 0 : writer.Length;
            return !writer.Overflowed;
        }
        _state.Abandoned = false;
        _state.TunnelDepth = 0;
        TimestampWriter.Write(ref writer, _state, seconds, fractionNanoseconds);
        var linkHeaderLength = WriteLink(ref writer, linkType, packet, (int)wireLength);
        HexDumpWriter.WritePacketDump(ref writer, _state.Options, packet, _state.Abandoned ? 0 : linkHeaderLength);
        written = writer.Overflowed ? 0 : writer.Length;
        return !writer.Overflowed;
    }

    /// <summary>The largest capture or wire length tcpdump prints a packet for (its MAXIMUM_SNAPLEN).</summary>
    private const uint MaximumSnapshotLength = 262144;

    /// <summary>
    /// tcpdump's sanity checks on a record's lengths (pretty_print_packet): every one that fails is listed in one
    /// <c>[Invalid header: ...]</c> line, and then the packet is not decoded. False when the lengths are sound.
    /// </summary>
    private static bool WriteInvalidHeader(ref LineWriter writer, uint captured, uint wire)
    {
        var invalid = false;
        if (captured == 0)
        {
            writer.Append("[Invalid header: caplen==0");
            invalid = true;
        }
        if (wire == 0)
        {
            StartInvalidHeaderItem(ref writer, ref invalid);
            writer.Append(" len==0");
        }
        else if (wire < captured)
        {
            StartInvalidHeaderItem(ref writer, ref invalid);
            writer.Append(" len(");
            writer.AppendDecimal(wire);
            writer.AppendNote(") < caplen(", captured, ')');
        }
        if (captured > MaximumSnapshotLength)
        {
            StartInvalidHeaderItem(ref writer, ref invalid);
            writer.Append(" caplen(");
            writer.AppendDecimal(captured);
            writer.Append(") > ");
            writer.AppendDecimal(MaximumSnapshotLength);
        }
        if (wire > MaximumSnapshotLength)
        {
            StartInvalidHeaderItem(ref writer, ref invalid);
            writer.Append(" len(");
            writer.AppendDecimal(wire);
            writer.Append(") > ");
            writer.AppendDecimal(MaximumSnapshotLength);
        }
        if (invalid)
            writer.Append(']');
        return invalid;
    }

    private static void StartInvalidHeaderItem(ref LineWriter writer, ref bool invalid)
    {
        writer.Append(invalid ? "," : "[Invalid header:");
        invalid = true;
    }

    /// <summary>The most characters one packet of <paramref name="capturedLength"/> bytes can print as (text line plus hex dump).</summary>
    public static int MaximumLength(int capturedLength) => 4096 + capturedLength * 6;

    /// <summary>Formats one packet and appends it plus a newline to <paramref name="output"/>.</summary>
    public void Format(LinkType linkType, long unixNanoseconds, ReadOnlySpan<byte> packet, int wireLength, IBufferWriter<char> output)
    {
        var span = output.GetSpan(MaximumLength(packet.Length) + 1);
        TryFormat(linkType, unixNanoseconds, packet, wireLength, span[..^1], out var written);
        span[written] = '\n';
        output.Advance(written + 1);
    }

    /// <summary>Formats one packet into the formatter's own reusable buffer (no newline); valid until the next call.</summary>
    public ReadOnlySpan<char> Format(LinkType linkType, long unixNanoseconds, ReadOnlySpan<byte> packet, int wireLength)
    {
        var needed = MaximumLength(packet.Length);
        if (_scratch.Length < needed)
            _scratch = new char[Math.Max(needed, _scratch.Length * 2)];
        TryFormat(linkType, unixNanoseconds, packet, wireLength, _scratch, out var written);
        return _scratch.AsSpan(0, written);
    }

    /// <summary>Formats a packet read from a capture file into the formatter's own reusable buffer (no newline); valid until the next call.</summary>
    public ReadOnlySpan<char> Format(in Files.CapturedPacket packet)
    {
        var needed = MaximumLength(packet.Data.Length);
        if (_scratch.Length < needed)
            _scratch = new char[Math.Max(needed, _scratch.Length * 2)];
        TryFormat(packet.LinkType, packet.TimestampSeconds, packet.TimestampFractionNanoseconds, packet.Data, packet.WireLength, _scratch, out var written);
        return _scratch.AsSpan(0, written);
    }

    private int WriteLink(ref LineWriter writer, LinkType linkType, ReadOnlySpan<byte> packet, int length)
    {
        switch (linkType.Value)
        {
            case 1:
                return EthernetPrinter.Print(ref writer, _state, packet, length);
            case 12: // DLT_RAW on Linux, the same as LINKTYPE_RAW (libpcap maps one to the other)
            case 101:
            case 228:
            case 229:
                RawPrinter.Print(ref writer, _state, packet, length);
                return 0;
            case 113:
                return LinuxSllPrinter.Print(ref writer, _state, packet, length);
            case 276:
                return LinuxSll2Printer.Print(ref writer, _state, packet, length);
            case 0:
            case 108:
                return NullPrinter.Print(ref writer, _state, packet, length, linkType == LinkType.Loop);
            default:
                if (!TcpdumpLinkPrinters.Exists(linkType))
                {
                    // tcpdump's print-unsupported.c: the word, then every captured byte in hex and ASCII.
                    writer.Append("UNSUPPORTED");
                    HexDumpWriter.WriteHexAndAscii(ref writer, packet);
                    return 0;
                }
                writer.Append("unsupported link type ");
                writer.AppendDecimal(linkType.Value);
                writer.AppendLengthSuffix(length);
                return 0;
        }
    }
}
