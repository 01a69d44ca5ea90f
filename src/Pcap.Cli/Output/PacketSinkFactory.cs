using Pcap.Cli.CommandLine;
using Pcap.Decode.Files;

namespace Pcap.Cli.Output;

/// <summary>Chooses the sink for a command line: the one seam where output kinds (-w file, text, both with --print, none with --count) are picked.</summary>
internal static class PacketSinkFactory
{
    /// <summary>
    /// The sink for <paramref name="options"/> reading from <paramref name="reader"/>: a capture file for <c>-w</c>,
    /// tcpdump-style text on stdout otherwise.
    /// </summary>
    /// <param name="options">The parsed command line.</param>
    /// <param name="reader">The open input, for its link type and snapshot length.</param>
    /// <param name="openStandardOutput">Opens stdout for <c>-w -</c>.</param>
    /// <param name="notices">Where a <c>-w</c> file's switch to pcapng is announced (stderr).</param>
    public static IPacketSink? Create(CliOptions options, CaptureReader reader, Func<Stream> openStandardOutput, TextWriter notices)
    {
        bool writesFile = options.WriteFile is not null || options.ParquetOutput is not null;
        IPacketSink? text = options.CountOnly || (writesFile && !options.PrintWhileWriting)
            ? null
            : new PrintingSink(new StandardOutputStream(openStandardOutput()), PrintingSink.OptionsFor(options), options.LineBuffered, options.Number);
        if (options.ParquetOutput is not null)
            return WithText(OpenParquet(options, reader, notices), text);
        if (options.WriteFile is null)
            return text;
        // tcpdump writes the DLT it read back as a LINKTYPE_, and the snapshot length libpcap reported.
        var linkType = LinkTypeNames.Canonical(reader.LinkType);
        uint snapLength = LinkTypeNames.EffectiveSnapLength(reader.LinkType, reader.SnapLength);
        if (RotatingCaptureSink.Applies(options))
        {
            try
            {
                var rotating = new RotatingCaptureSink(options,
                    name => name == "-"
                        ? new CaptureFileSink(StandardOutputFile.Open(openStandardOutput()), linkType, snapLength, options.NanosecondPrecision, options.PacketBuffered)
                        : CaptureFileSink.Create(name, linkType, snapLength, options.NanosecondPrecision, options.PacketBuffered, notices), notices);
                return text is null ? rotating : new TeeSink(rotating, text);
            }
            catch
            {
                text?.Dispose();
                throw;
            }
        }
        Stream stream = options.WriteFile == "-"
            ? StandardOutputFile.Open(openStandardOutput())
            : CaptureFileSink.OpenFile(options.WriteFile);
        try
        {
            string? path = options.WriteFile == "-" ? null : options.WriteFile;
            var file = new CaptureFileSink(stream, linkType, snapLength, options.NanosecondPrecision, options.PacketBuffered, path, notices);
            return text is null ? file : new TeeSink(file, text);
        }
        catch
        {
            stream.Dispose();
            text?.Dispose();
            throw;
        }
    }

    // The progress line follows the reader through the file when stderr is a terminal.
    private static IPacketSink OpenParquet(CliOptions options, CaptureReader reader, TextWriter notices)
    {
        var progress = options.ReadFile is { } file ? ParquetProgress.ForFile(file, () => reader.Position, notices) : null;
        return ParquetSink.Open(options, progress, notices);
    }

    /// <summary><paramref name="file"/>, and the printed text too when <c>--print</c> asked for it.</summary>
    internal static IPacketSink WithText(IPacketSink file, IPacketSink? text) => text is null ? file : new TeeSink(file, text);
}
