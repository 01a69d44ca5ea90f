using System.Text;
using Pcap.Cli.CommandLine;
using Pcap.Cli.Commands;
using Pcap.Decode.Files;
using Pcap.Testing;

namespace Pcap.Cli.Tests.Commands;

/// <summary>
/// <c>pcapcore -r FILE [-c N] [-w FILE]</c> against tcpdump doing the same: the same stderr announcement, and
/// byte-identical output files.
/// </summary>
public sealed class ReadFileCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed record Outcome(int ExitCode, string StandardError, byte[] StandardOutput);

    private static Outcome RunInProcess(string[] args, byte[]? standardInput = null)
    {
        var run = PcapcoreRunner.Run(args, standardInput);
        return new Outcome(run.ExitCode, run.StandardError, run.StandardOutputBytes);
    }

    /// <summary>samples/docker0-arp-icmp.pcap, found by walking up from the test binaries to the repository root.</summary>
    private static string SamplePath()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PcapCore.sln")))
            root = root.Parent;
        Assert.True(root is not null, $"PcapCore.sln not found above {AppContext.BaseDirectory}");
        string sample = Path.Combine(root.FullName, "samples", "docker0-arp-icmp.pcap");
        Assert.True(File.Exists(sample), $"sample missing: {sample}");
        return sample;
    }

    private static ExternalTool.Result Tcpdump(params string[] args) => ExternalTool.Run("tcpdump", args);

    private string WriteCapture(string name, uint linkType, uint snapLength, bool nano, int packets, int seed, bool pcapNg = false)
    {
        string path = Path.Combine(_directory, name);
        var random = new Random(seed);
        using var stream = File.Create(path);
        PcapWriter? pcap = pcapNg ? null : new PcapWriter(stream, new LinkType(linkType), snapLength == 0 ? 65535 : snapLength, nano, leaveOpen: true);
        PcapNgWriter? ng = pcapNg ? new PcapNgWriter(stream, leaveOpen: true) : null;
        ng?.AddInterface(new LinkType(linkType), "eth0", snapLength, nano ? CaptureInterface.NanosecondResolution : CaptureInterface.MicrosecondResolution);
        long time = 1_700_000_000_000_000_000L + random.NextInt64(1_000_000_000_000L);
        for (int i = 0; i < packets; i++)
        {
            time += random.NextInt64(1_000_000_000L);
            var frame = new byte[random.Next(14, 1500)];
            random.NextBytes(frame);
            frame[12] = 0x08;
            frame[13] = 0x06;
            pcap?.WritePacket(time, frame, (uint)frame.Length + (uint)random.Next(3));
            ng?.WritePacket(0, time, frame, (uint)frame.Length);
        }
        pcap?.Dispose();
        ng?.Dispose();
        if (snapLength == 0 && !pcapNg)
        {
            // A snapshot length of 0 in the header (old writers) is legal; patch it in after writing.
            stream.Position = 16;
            stream.Write(new byte[4]);
        }
        return path;
    }

    public static TheoryData<uint, uint, bool> Announcements() => new()
    {
        { 1, 262144, false }, { 1, 1500, false }, { 101, 65535, false }, { 12, 96, false }, { 113, 262144, false },
        { 276, 262144, false }, { 0, 0, false }, { 231, 0, false }, { 249, 4_000_000, false }, { 2, 100, false },
        { 147, 100, false }, { 300, 100, false }, { 1, 0, true }, { 276, 9000, true }, { 101, 300_000, true },
    };

    [Theory]
    [MemberData(nameof(Announcements))]
    public void Announces_the_file_exactly_as_tcpdump_does(uint linkType, uint snapLength, bool pcapNg)
    {
        string path = WriteCapture($"a-{linkType}-{snapLength}.{(pcapNg ? "pcapng" : "pcap")}", linkType, snapLength, false, 3, 1, pcapNg);
        // Both write to /dev/null: without -w the packets are printed on stdout (PrintingSink).
        var ours = RunInProcess(["-r", path, "-w", "/dev/null"]);
        var theirs = Tcpdump("-r", path, "-w", "/dev/null");
        Assert.Equal(theirs.ExitCode, ours.ExitCode);
        Assert.Equal(theirs.StandardError.Replace("tcpdump: ", "pcapcore: ", StringComparison.Ordinal), ours.StandardError);
        Assert.Empty(ours.StandardOutput);
    }

    public static TheoryData<uint, bool, bool, int?> Rewrites() => new()
    {
        { 1, false, false, null }, { 1, true, false, null }, { 1, true, true, null }, { 1, false, true, 7 },
        { 101, false, false, 3 }, { 276, true, true, null }, { 113, false, false, null }, { 12, false, false, null },
    };

    [Theory]
    [MemberData(nameof(Rewrites))]
    public void Writes_the_same_bytes_as_tcpdump_r_w(uint linkType, bool nanoInput, bool nanoOutput, int? count)
    {
        foreach (bool pcapNg in new[] { false, true })
        {
            string input = WriteCapture($"in-{linkType}-{nanoInput}-{pcapNg}", linkType, 2000, nanoInput, 40, (int)linkType, pcapNg);
            string ours = Path.Combine(_directory, "ours.pcap");
            string theirs = Path.Combine(_directory, "theirs.pcap");
            var extra = new List<string>();
            if (nanoOutput)
                extra.Add("--time-stamp-precision=nano");
            if (count is int n)
                extra.AddRange(["-c", n.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

            var ourRun = RunInProcess([.. extra, "-r", input, "-w", ours]);
            var theirRun = Tcpdump([.. extra, "-r", input, "-w", theirs]);
            Assert.Equal(theirRun.StandardError, ourRun.StandardError);
            Assert.Equal(theirRun.ExitCode, ourRun.ExitCode);
            Assert.Equal(File.ReadAllBytes(theirs), File.ReadAllBytes(ours));
        }
    }

    [Fact]
    public void Copies_the_shipped_docker0_sample_exactly_as_tcpdump_does()
    {
        string sample = SamplePath();
        string ours = Path.Combine(_directory, "sample-ours.pcap");
        string theirs = Path.Combine(_directory, "sample-theirs.pcap");
        var ourRun = RunInProcess(["-r", sample, "-c", "12", "-w", ours]);
        var theirRun = Tcpdump("-r", sample, "-c", "12", "-w", theirs);
        Assert.Equal(0, ourRun.ExitCode);
        Assert.Equal(theirRun.StandardError, ourRun.StandardError);
        Assert.Equal(File.ReadAllBytes(theirs), File.ReadAllBytes(ours));
    }

    [Fact]
    public void Reads_stdin_and_writes_stdout_like_tcpdump()
    {
        string input = WriteCapture("stdin.pcap", 1, 262144, true, 25, 9);
        var ours = RunInProcess(["-r", "-", "-w", "-", "-c", "10"], File.ReadAllBytes(input));
        string theirs = Path.Combine(_directory, "theirs-stdout.pcap");
        var theirRun = ExternalTool.Run("sh", ["-c", $"tcpdump -r - -w - -c 10 < '{input}' > '{theirs}'"]);
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal(theirRun.StandardError, ours.StandardError);
        Assert.Equal(File.ReadAllBytes(theirs), ours.StandardOutput);
    }

    [Fact]
    public void Missing_file_is_one_line_on_stderr_and_exit_1()
    {
        string missing = Path.Combine(_directory, "no-such.pcap");
        var ours = RunInProcess(["-r", missing]);
        var theirs = Tcpdump("-r", missing);
        Assert.Equal(theirs.ExitCode, ours.ExitCode);
        Assert.Equal($"pcapcore: {missing}: No such file or directory\n", ours.StandardError);
        Assert.Equal(theirs.StandardError.Replace("tcpdump:", "pcapcore:", StringComparison.Ordinal), ours.StandardError);
    }

    [Fact]
    public void A_directory_is_not_a_capture_file()
    {
        var ours = RunInProcess(["-r", _directory]);
        var theirs = Tcpdump("-r", _directory);
        Assert.Equal(theirs.ExitCode, ours.ExitCode);
        Assert.Equal($"pcapcore: {_directory}: Is a directory\n", ours.StandardError);
    }

    [Fact]
    public void Unwritable_output_is_one_line_on_stderr_and_exit_1()
    {
        string input = WriteCapture("ok.pcap", 1, 262144, false, 2, 3);
        string bad = Path.Combine(_directory, "missing-dir", "out.pcap");
        var ours = RunInProcess(["-r", input, "-w", bad]);
        var theirs = Tcpdump("-r", input, "-w", bad);
        Assert.Equal(theirs.ExitCode, ours.ExitCode);
        Assert.EndsWith($"pcapcore: {bad}: No such file or directory\n", ours.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_file_keeps_the_good_packets_then_reports_one_line_and_exit_1()
    {
        string input = WriteCapture("trunc.pcap", 1, 262144, false, 10, 4);
        var bytes = File.ReadAllBytes(input);
        File.WriteAllBytes(input, bytes[..^7]);
        string ours = Path.Combine(_directory, "ours-trunc.pcap");
        string theirs = Path.Combine(_directory, "theirs-trunc.pcap");
        var ourRun = RunInProcess(["-r", input, "-w", ours]);
        var theirRun = Tcpdump("-r", input, "-w", theirs);
        Assert.Equal(theirRun.ExitCode, ourRun.ExitCode);
        Assert.Equal(File.ReadAllBytes(theirs), File.ReadAllBytes(ours));
        var lines = ourRun.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches($@"^pcapcore: {System.Text.RegularExpressions.Regex.Escape(input)}: truncated packet record at offset \d+: header says \d+ bytes, file has \d+$", lines[1]);
    }

    [Fact]
    public void The_real_executable_reports_bad_input_without_a_stack_trace()
    {
        string garbage = Path.Combine(_directory, "garbage.pcap");
        File.WriteAllBytes(garbage, Encoding.ASCII.GetBytes("this is not a capture file at all"));

        foreach (var (file, message) in new[]
                 {
                     (garbage, $"pcapcore: {garbage}: unknown file format at offset 0: magic number 0x73696874 is neither pcap nor pcapng\n"),
                     (Path.Combine(_directory, "absent.pcap"), $"pcapcore: {Path.Combine(_directory, "absent.pcap")}: No such file or directory\n"),
                 })
        {
            var run = ExternalTool.Run(PcapcoreExecutable.Path, ["-r", file]);
            Assert.Equal(1, run.ExitCode);
            Assert.Equal(message, run.StandardError);
            Assert.Empty(run.StandardOutput);
        }
    }
}
