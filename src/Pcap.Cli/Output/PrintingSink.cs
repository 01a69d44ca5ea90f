using System.Text;
using Pcap.Decode.Files;
using Pcap.Decode.Text;

namespace Pcap.Cli.Output;

/// <summary>
/// Prints each packet as tcpdump does, to stdout. The formatter writes into its reusable char buffer and the text is
/// encoded into one reusable byte buffer, so a steady-state read-print loop allocates nothing per packet.
/// </summary>
internal sealed class PrintingSink : IPacketSink
{
    private readonly Stream _output;
    private readonly TcpdumpFormatter _formatter;
    private readonly bool _lineBuffered;
    private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
    private byte[] _bytes = new byte[1 << 16];
    private int _used;

    /// <summary>Creates a sink writing to <paramref name="output"/> with tcpdump's printing <paramref name="options"/>.</summary>
    /// <param name="output">The destination stream (stdout); owned by the sink.</param>
    /// <param name="options">The printing flags.</param>
    /// <param name="lineBuffered"><c>-l</c>: flush after every packet.</param>
    public PrintingSink(Stream output, FormatOptions options, bool lineBuffered)
        : this(output, options, lineBuffered, numbered: false)
    {
    }

    /// <summary>As the other constructor; <paramref name="numbered"/> (<c>-#</c>) starts each packet with its number.</summary>
    public PrintingSink(Stream output, FormatOptions options, bool lineBuffered, bool numbered)
    {
        _output = output;
        _formatter = new TcpdumpFormatter(options);
        _lineBuffered = lineBuffered;
        _numbered = numbered;
    }

    private readonly bool _numbered;
    private uint _count;

    /// <inheritdoc/>
    public void Write(in CapturedPacket packet)
    {
        var text = _formatter.Format(packet);
        var needed = Encoding.UTF8.GetMaxByteCount(text.Length + 1) + 16;
        if (_bytes.Length - _used < needed)
        {
            FlushBuffer();
            if (_bytes.Length < needed)
                _bytes = new byte[needed];
        }
        if (_numbered)
        {
            // tcpdump's "%5u  " before the packet's line.
            Span<byte> number = stackalloc byte[10];
            (++_count).TryFormat(number, out int digits, default, System.Globalization.CultureInfo.InvariantCulture);
            int pad = Math.Max(0, 5 - digits);
            _bytes.AsSpan(_used, pad).Fill((byte)' ');
            number[..digits].CopyTo(_bytes.AsSpan(_used + pad));
            _used += pad + digits;
            _bytes[_used++] = (byte)' ';
            _bytes[_used++] = (byte)' ';
        }
        _used += _encoder.GetBytes(text, _bytes.AsSpan(_used), flush: true);
        _bytes[_used++] = (byte)'\n';
        if (_lineBuffered)
            Flush();
    }

    /// <inheritdoc/>
    public void Flush()
    {
        FlushBuffer();
        _output.Flush();
    }

    private void FlushBuffer()
    {
        if (_used == 0)
            return;
        _output.Write(_bytes, 0, _used);
        _used = 0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        FlushBuffer();
        _output.Dispose();
    }

    /// <summary>The formatter options for tcpdump's printing flags.</summary>
    public static FormatOptions OptionsFor(CommandLine.CliOptions options) => new()
    {
        NoResolve = options.NoResolve > 0,
        LinkHeader = options.LinkHeader,
        Quiet = options.Quiet,
        Timestamps = (TimestampStyle)Math.Min(options.TimestampStyle, 5),
        NanosecondPrecision = options.NanosecondPrecision,
        Verbose = options.Verbose,
        Hex = Math.Min(options.Hex, 2),
        HexAscii = Math.Min(options.HexAscii, 2),
        Ascii = Math.Min(options.Ascii, 2),
        AbsoluteTcpSequence = options.AbsoluteTcpSequence,
        SkipChecksums = options.SkipChecksums,
        StripDomains = options.StripDomains,
        ForcedApplication = options.ForcedApplication,
    };
}
