using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pcap.Cli.CommandLine;
using Pcap.Cli.Commands;
using Pcap.Decode.Files;
using Pcap.Testing;
using Xunit.Abstractions;

namespace Pcap.Cli.Tests.Fuzzing;

/// <summary>
/// Seeded hostile files through the readers, the printers and the writers (the <c>pcapcore -r</c> path, with and
/// without <c>-w</c>): no exception other than a reported file error, no hang, memory bounded by libpcap's record
/// cap, and on a sample the lines printed before any error the same as tcpdump's (time stamps and hex dumps, the part
/// file reading decides). About 75 s on every run; <c>PCAPCORE_FUZZ_FILES=N</c> runs N files instead, with no time limit.
/// Against an executable (<see cref="PcapcoreRunner.OutOfProcess"/>) each run is a process: a fixed 200 files with floors
/// in proportion (a time budget would pass or fail with the machine's load), and the allocation bound is left to the
/// in-process pass (it measures this thread only).
/// </summary>
public sealed class HostileFileFuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(75);
    private const int ProcessFiles = 200;
    private const int TcpdumpSampleEvery = 8;
    private const int LongRunTcpdumpSampleEvery = 40;
    // The biggest buffers a file can make us hold: a 16 MiB pcapng block, plus the text and hex dump of a 262,144-byte packet.
    private const long AllocationBoundPerFile = 64L * 1024 * 1024;

    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Hostile_files_never_crash_hang_or_balloon_and_print_what_tcpdump_prints_before_any_error()
    {
        string? requested = Environment.GetEnvironmentVariable("PCAPCORE_FUZZ_FILES");
        long fileTarget = requested is not null ? long.Parse(requested, CultureInfo.InvariantCulture)
            : PcapcoreRunner.OutOfProcess ? ProcessFiles : long.MaxValue;
        // The long run uses longer seed files (more packets per mutation) and asks tcpdump less often.
        var mutator = new HostileFileMutator(seed: 20261203, longFiles: requested is not null);
        int sampleEvery = requested is null ? TcpdumpSampleEvery : LongRunTcpdumpSampleEvery;
        var clock = Stopwatch.StartNew();
        long files = 0, packets = 0, fileErrors = 0, compared = 0, tcpdumpErrors = 0, slowest = 0, mostAllocated = 0;
        string path = Path.Combine(_directory, "mutated.pcap");
        string written = Path.Combine(_directory, "written");

        while (files < fileTarget && (requested is not null || PcapcoreRunner.OutOfProcess || clock.Elapsed < Budget))
        {
            var (file, how) = mutator.Next();
            files++;
            string label = $"file {files} ({how})";
            long started = clock.ElapsedMilliseconds;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

            var (read, error) = ReadDirectly(file, label);
            packets += read;
            if (error)
                fileErrors++;
            var printed = Run(file, ["-n", "-tt", "-xx", "-r", "-"], label);
            // A file error ends the run with exit 1; so does a link type tcpdump cannot filter, which is no file error.
            if (error)
                Assert.True(printed.ExitCode == 1, $"{label}: exit {printed.ExitCode} after a file error");
            if (files % 3 == 0)
                Run(file, ["-n", "-v", "-e", "-X", "-tttt", "-r", "-"], label);
            if (files % 5 == 0)
                Run(file, ["-n", "-r", "-", "not icmp"], label);
            if (files % 4 == 0)
                CheckWriter(file, written, read, label);

            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            mostAllocated = Math.Max(mostAllocated, allocated);
            Assert.True(PcapcoreRunner.OutOfProcess || allocated < AllocationBoundPerFile, $"{label}: allocated {allocated:N0} bytes");
            long took = clock.ElapsedMilliseconds - started;
            slowest = Math.Max(slowest, took);
            Assert.True(took < 10_000, $"{label}: took {took} ms");

            if (files % sampleEvery == 0)
            {
                File.WriteAllBytes(path, file);
                tcpdumpErrors += CompareWithTcpdump(path, printed.StandardOutput, label) ? 1 : 0;
                compared++;
            }
        }

        string summary = $"{files:N0} files, {packets:N0} packets, {fileErrors:N0} file errors, {compared:N0} compared with tcpdump " +
                         $"({tcpdumpErrors:N0} where tcpdump stopped on an error), slowest file {slowest} ms, most allocated {mostAllocated:N0} bytes, " +
                         $"{clock.Elapsed.TotalSeconds:F0} s";
        output.WriteLine(summary);
        Console.WriteLine($"capture-file fuzzing: {summary}");
        // Both outcomes must be common, or the mutations are not reaching the readers.
        bool enough = PcapcoreRunner.OutOfProcess && requested is null
            ? files == ProcessFiles && packets >= ProcessFiles && fileErrors >= ProcessFiles / 4 && compared >= ProcessFiles / 10
            : files >= 2_000 && packets >= 5_000 && fileErrors >= 500 && compared >= 200;
        Assert.True(enough, summary);
    }

    // The reader on its own: only CaptureFileException, and no packet bigger than libpcap lets through.
    private static (long Packets, bool Error) ReadDirectly(byte[] file, string label)
    {
        long count = 0;
        try
        {
            using var reader = CaptureReader.Open(new MemoryStream(file));
            while (reader.TryReadPacket(out var packet))
            {
                uint cap = reader.Format == CaptureFileFormat.Pcap ? MaxSnapLengthForDlt(packet.LinkType.Value) : (uint)CaptureLimits.InitialMaxBlockLength;
                Assert.True(packet.Data.Length <= cap, $"{label}: a {packet.Data.Length}-byte packet");
                count++;
            }
            return (count, false);
        }
        catch (CaptureFileException e)
        {
            Assert.True(e.Message.Contains($"offset {e.Offset}", StringComparison.Ordinal), $"{label}: {e.Message}");
            return (count, true);
        }
        catch (Exception e)
        {
            Assert.Fail($"{label}: {e}");
            throw;
        }
    }

    // libpcap 1.10's max_snaplen_for_dlt: D-Bus 128 MiB, USBPcap 1 MiB, EBHSCR 8 MiB, everything else 262,144 bytes.
    private static uint MaxSnapLengthForDlt(uint linkType) => linkType switch
    {
        231 => 128 * 1024 * 1024,
        249 => 1024 * 1024,
        279 => 8 * 1024 * 1024,
        _ => 262_144,
    };

    private sealed record Outcome(int ExitCode, string StandardOutput, string StandardError);

    private static Outcome Run(byte[] file, string[] args, string label)
    {
        try
        {
            var run = PcapcoreRunner.Run(args, file);
            Assert.True(run.ExitCode == 0 || run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 1, $"{label}: exit {run.ExitCode} without a message");
            // A crash of the executable (a NativeAOT-only failure) is a signal status with no message of ours.
            Assert.True(run.ExitCode is 0 or 1, $"{label}: pcapcore {string.Join(' ', args)} exited {run.ExitCode}: {run.StandardError}");
            return new Outcome(run.ExitCode, run.StandardOutput, run.StandardError);
        }
        catch (Exception e)
        {
            Assert.Fail($"{label}: pcapcore {string.Join(' ', args)} threw {e}");
            throw;
        }
    }

    // -w keeps every packet the reader gave before any error, and its output reads back.
    private static void CheckWriter(byte[] file, string written, long packetsRead, string label)
    {
        var run = Run(file, ["-r", "-", "-w", written], label);
        if (run.ExitCode != 0 && !File.Exists(written))
            return;
        long count = 0;
        using (var reader = CaptureReader.Open(written))
            while (reader.TryReadPacket(out _))
                count++;
        Assert.True(count == packetsRead, $"{label}: -w kept {count} of {packetsRead} packets; {run.StandardError}");
        File.Delete(written);
    }

    /// <summary>
    /// tcpdump on the same file: while it reads, our lines are its lines (time stamps, invalid-header lines, hex dumps);
    /// when it stops on an error we may go on (we accept pcapng files it refuses) but not stop sooner.
    /// Returns true when tcpdump stopped on an error.
    /// </summary>
    private static bool CompareWithTcpdump(string path, string ourOutput, string label)
    {
        var theirs = ExternalTool.Run("tcpdump", ["-n", "-tt", "-xx", "-r", path], TimeSpan.FromSeconds(30));
        var theirLines = FileReadingLines(theirs.StandardOutput);
        var ourLines = FileReadingLines(ourOutput);
        bool tcpdumpStopped = theirs.ExitCode != 0;
        if (!tcpdumpStopped)
        {
            Assert.True(theirLines.SequenceEqual(ourLines), Difference(label, theirs, theirLines, ourLines));
            return false;
        }
        Assert.True(ourLines.Count >= theirLines.Count && theirLines.SequenceEqual(ourLines.Take(theirLines.Count)),
            Difference(label, theirs, theirLines, ourLines));
        return true;
    }

    private static List<string> FileReadingLines(string text)
    {
        var lines = new List<string>();
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith("[Error converting time]", StringComparison.Ordinal))
                lines.Add("[Error converting time]");
            else if (line.StartsWith("\t0x", StringComparison.Ordinal) || line.StartsWith('['))
                lines.Add(line);
            else if (line.Length > 0 && char.IsAsciiDigit(line[0]))
                lines.Add(line.Split(' ')[0]);
        }
        return lines;
    }

    private static string Difference(string label, ExternalTool.Result theirs, List<string> theirLines, List<string> ourLines)
    {
        int first = 0;
        while (first < theirLines.Count && first < ourLines.Count && theirLines[first] == ourLines[first])
            first++;
        return $"{label}: first difference at line {first}: tcpdump '{(first < theirLines.Count ? theirLines[first] : "(end)")}', " +
               $"pcapcore '{(first < ourLines.Count ? ourLines[first] : "(end)")}'; tcpdump exit {theirs.ExitCode}: {theirs.StandardError}";
    }
}
