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

            var filters = new FileFilters(FilterSource.Resolve(options, error), !options.NoOptimize);
            if (!filters.TryGet(reader.LinkType, reader.SnapLength, out _, out string? filterError, out var compileFailure))
            {
                if (compileFailure is not null)
                    FilterErrorReport.Write(error, compileFailure);
                else
                    error.WriteLine($"pcapcore: {filterError}");
                return 1;
            }

            failingPath = options.WriteFile ?? options.ParquetOutput;
            using var sink = PacketSinkFactory.Create(options, reader, openStandardOutput, error);
            failingPath = path;
            try
            {
                if (!Pump(reader, filters, options.Count, sink, out long written, out string? interfaceError))
                {
                    error.WriteLine($"pcapcore: {path}: {interfaceError}");
                    return 1;
                }
                if (options.CountOnly)
                {
                    // tcpdump --count: the number alone, on stdout.
                    using var stdout = new StandardOutputStream(openStandardOutput());
                    stdout.Write(System.Text.Encoding.ASCII.GetBytes($"{written} packet{(written == 1 ? "" : "s")}\n"));
                }
            }
            finally
            {
                failingPath = options.WriteFile ?? options.ParquetOutput;
                sink?.Flush();
            }
            return 0;
        }
        catch (RotationLimitReachedException e)
        {
            // As tcpdump: -G with -W closed its last file, and that ends the run successfully.
            error.WriteLine(e.Message);
            return 0;
        }
        catch (CaptureSinkException e)
        {
            error.WriteLine($"pcapcore: {options.WriteFile ?? options.ParquetOutput}: {e.Message}");
            return 1;
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
        catch (OutputPositionException e)
        {
            error.WriteLine($"pcapcore: {e.Message}");
            return 1;
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

    // Each packet is filtered by the program for its own interface's link type and snapshot length.
    private static bool Pump(CaptureReader reader, FileFilters filters, long? count, IPacketSink? sink, out long written, out string? error)
    {
        error = null;
        long limit = count ?? long.MaxValue;
        long remaining = limit;
        (LinkType LinkType, uint SnapLength) current = (new LinkType(uint.MaxValue), 0);
        BpfFilterFunction? filter = null;
        while (remaining > 0 && reader.TryReadPacket(out var packet))
        {
            if ((packet.LinkType, packet.SnapLength) != current)
            {
                current = (packet.LinkType, packet.SnapLength);
                if (!filters.TryGet(current.LinkType, current.SnapLength, out filter, out string? reason, out _))
                {
                    written = limit - remaining;
                    error = $"interface {packet.InterfaceId} (link-type {LinkTypeNames.Describe(current.LinkType)}): {reason}";
                    return false;
                }
            }
            if (filter is not null && filter(packet.Data, packet.WireLength) == 0)
                continue;
            sink?.Write(packet);
            remaining--;
        }
        written = limit - remaining;
        return true;
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
