using Pcap.Cli.CommandLine;
using Pcap.Cli.Output;
using Pcap.Decode.Files;
using Pcap.Filter;
using Pcap.Filter.Bpf;

namespace Pcap.Cli.Commands;

/// <summary>
/// <c>pcapcore -r FILE [-c N] [-w FILE] [EXPRESSION]</c>: read a pcap or pcapng capture (<c>-r -</c> reads stdin),
/// keep the packets the filter accepts, up to N of them, and hand them to the output sink.
/// </summary>
internal static class ReadFileCommand
{
    /// <summary>Runs the command on the process's console; returns the exit status.</summary>
    public static int Run(CliOptions options) =>
        Run(options, Console.OpenStandardInput, StandardOutput.Open, Console.Error);

    /// <summary>Runs the command with explicit standard streams (tests run it in-process); returns the exit status.</summary>
    /// <param name="options">The parsed command line; <see cref="CliOptions.ReadFile"/> is set.</param>
    /// <param name="openStandardInput">Opens stdin, for <c>-r -</c>.</param>
    /// <param name="openStandardOutput">Opens stdout, for <c>-w -</c>.</param>
    /// <param name="error">Where the "reading from file" line and errors go.</param>
    public static int Run(CliOptions options, Func<Stream> openStandardInput, Func<Stream> openStandardOutput, TextWriter error)
    {
        string path = options.ReadFile ?? throw new ArgumentException("no -r file", nameof(options));
        string? failingPath = path;
        try
        {
            using var reader = path == "-"
                ? CaptureReader.Open(new BufferedStream(openStandardInput(), 1 << 16))
                : CaptureReader.Open(path);

            // tcpdump 4.99 announces the file before reading it, naming the DLT and libpcap's snapshot length.
            error.WriteLine($"reading from file {path}, link-type {LinkTypeNames.Describe(reader.LinkType)}, " +
                            $"snapshot length {LinkTypeNames.EffectiveSnapLength(reader.LinkType, reader.SnapLength)}");
            if (LinkTypeNames.ToDataLinkType(reader.LinkType) == 276)
                error.WriteLine("Warning: interface names might be incorrect");

            // tcpdump compiles a filter even when none is given, so a link type libpcap cannot filter ends the run.
            if (!LinkTypeNames.IsFilterable(reader.LinkType))
            {
                error.WriteLine($"pcapcore: unknown data link type {LinkTypeNames.ToDataLinkType(reader.LinkType)} " +
                                $"(min {LinkTypeNames.MatchingMinimum}, max {LinkTypeNames.MatchingMaximum})");
                return 1;
            }
            BpfProgram? filter = null;
            string? expression = FilterSource.Resolve(options, error);
            if (!string.IsNullOrWhiteSpace(expression))
            {
                var filterOptions = new FilterOptions
                {
                    Optimize = !options.NoOptimize,
                    SnapLength = (int)LinkTypeNames.EffectiveSnapLength(reader.LinkType, reader.SnapLength),
                };
                if (!FilterCompiler.TryCompile(expression, reader.LinkType, out filter, out var filterError, filterOptions))
                {
                    FilterErrorReport.Write(error, filterError);
                    return 1;
                }
            }

            failingPath = options.WriteFile;
            using var sink = PacketSinkFactory.Create(options, reader, openStandardOutput);
            failingPath = path;
            try
            {
                long printed = Pump(reader, filter is null ? null : BpfJit.Compile(filter), options.Count, sink);
                if (options.CountOnly)
                {
                    // tcpdump --count: the number alone, on stdout.
                    using var stdout = new StandardOutputStream(openStandardOutput());
                    stdout.Write(System.Text.Encoding.ASCII.GetBytes($"{printed} packet{(printed == 1 ? "" : "s")}\n"));
                }
            }
            finally
            {
                failingPath = options.WriteFile;
                sink?.Flush();
            }
            return 0;
        }
        catch (CliUsageException e)
        {
            error.WriteLine($"pcapcore: {e.Message}");
            return 1;
        }
        catch (StandardOutputException e)
        {
            // As tcpdump: a closed pipe under -w - ends the run quietly; under printed text it is an error.
            if (options.WriteFile is not null)
                return 0;
            error.WriteLine($"pcapcore: {StandardOutput.Describe(e)}");
            return StandardOutput.WriteFailedExitCode;
        }
        catch (CaptureFileException e)
        {
            error.WriteLine($"pcapcore: {path}: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string culprit = failingPath ?? path;
            error.WriteLine($"pcapcore: {culprit}: {Describe(e, culprit)}");
            return 1;
        }
    }

    private static long Pump(CaptureReader reader, BpfFilterFunction? filter, long? count, IPacketSink? sink)
    {
        long limit = count ?? long.MaxValue;
        long remaining = limit;
        while (remaining > 0 && reader.TryReadPacket(out var packet))
        {
            if (filter is not null && filter(packet.Data, packet.WireLength) == 0)
                continue;
            sink?.Write(packet);
            remaining--;
        }
        return limit - remaining;
    }

    // The strerror-style wording tcpdump uses for the common cases; anything else keeps .NET's message.
    private static string Describe(Exception e, string path) => e switch
    {
        UnauthorizedAccessException when Directory.Exists(path) => "Is a directory",
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        _ => e.Message,
    };
}
