using Pcap.Cli.CommandLine;
using Pcap.Cli.Commands;
using Pcap.Filter;
using Pcap.Testing;
using Pcap.Testing.Packets;

namespace Pcap.Cli.Tests.Commands;

/// <summary>
/// <c>-C</c>, <c>-W</c> and <c>-z</c> with <c>-r ... -w</c>, side by side with tcpdump on the same generated capture:
/// the same file names, each holding the same packets, the same files handed to <c>-z</c>, the same refusals.
/// </summary>
public sealed class RotationTests : IDisposable
{
    private const int Seed = 1414;
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-C-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Enough packets for four files of a million bytes, so -W 3 wraps.
    private string Input()
    {
        string path = Path.Combine(_directory, "input.pcap");
        if (!File.Exists(path))
            PcapFileWriter.Write(path, LinkType.Ethernet, PacketGenerator.GenerateForPrinting(LinkType.Ethernet, 45_000, Seed));
        Assert.True(new FileInfo(path).Length > 3_200_000, $"the generated input is only {new FileInfo(path).Length} bytes");
        return path;
    }

    private static (int ExitCode, string Error) Run(params string[] args)
    {
        var run = PcapcoreRunner.Run(args);
        return (run.ExitCode, run.StandardError);
    }

    private (string Theirs, string Ours) Directories()
    {
        string theirs = Directory.CreateDirectory(Path.Combine(_directory, "tcpdump")).FullName;
        string ours = Directory.CreateDirectory(Path.Combine(_directory, "pcapcore")).FullName;
        return (theirs, ours);
    }

    // As root, tcpdump would drop to its own user before opening the first file; -Z root keeps it able to write here.
    private static ExternalTool.Result Tcpdump(params string[] args) => ExternalTool.Run("tcpdump", ["-Z", "root", .. args]);

    private static string[] Names(string directory) =>
        Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Theory]
    [InlineData("-C 1")]
    [InlineData("-C 1 -W 3")]
    [InlineData("-C 1 -W 12")]
    [InlineData("-C 2 -W 2")]
    [InlineData("-C1 -W1")]
    public void Files_have_tcpdumps_names_and_packets(string flags)
    {
        string input = Input();
        var (theirs, ours) = Directories();
        var tcpdump = Tcpdump(["-r", input, "-w", Path.Combine(theirs, "out"), .. flags.Split(' ')]);
        Assert.Equal(0, tcpdump.ExitCode);
        var run = Run(["-r", input, "-w", Path.Combine(ours, "out"), .. flags.Split(' ')]);
        Assert.Equal((0, tcpdump.StandardError), run);

        string[] names = Names(theirs);
        Assert.Equal(names, Names(ours));
        Assert.True(names.Length >= 2 || flags.EndsWith("-W1", StringComparison.Ordinal), $"tcpdump wrote only {string.Join(", ", names)}");
        foreach (string name in names)
        {
            var expected = ExternalTool.Run("tcpdump", ["-n", "-r", Path.Combine(theirs, name)]);
            var actual = ExternalTool.Run("tcpdump", ["-n", "-r", Path.Combine(ours, name)]);
            Assert.Equal(0, actual.ExitCode);
            Assert.Equal(expected.StandardOutput, actual.StandardOutput);
            Assert.Equal(File.ReadAllBytes(Path.Combine(theirs, name)), File.ReadAllBytes(Path.Combine(ours, name)));
        }
    }

    /// <summary>
    /// <c>-w -</c> with rotation, as tcpdump 4.99.3 does it: "-" is stdout only as the first name, the next files are
    /// named <c>-1</c>, <c>-2</c> (or <c>-0</c>... with <c>-W</c>) in the working directory. stdout redirected to a
    /// file has a position for <c>-C</c>; a pipe has none, and tcpdump stops after the header with "ftell fails".
    /// Through the executable: the working directory and stdout's kind are the point.
    /// </summary>
    [Theory]
    [InlineData("-C 1", false)]
    [InlineData("-C 1 -W 3", false)]
    [InlineData("-C 2 -W 2", false)]
    [InlineData("-C 1", true)]
    [InlineData("-C 1 -W 3", true)]
    public void W_dash_rotates_as_tcpdump_does(string flags, bool pipe)
    {
        string input = Input();
        var (theirs, ours) = Directories();
        // $1 directory, $2 program, $3 input, the rest flags; stdout to "stdout" (through cat for a pipe), stderr to "stderr".
        string script = pipe
            ? "cd \"$1\" && { \"$2\" -r \"$3\" -w - \"${@:4}\" 2>stderr | cat >stdout; echo \"${PIPESTATUS[0]}\" >status; }"
            : "cd \"$1\" && { \"$2\" -r \"$3\" -w - \"${@:4}\" 2>stderr >stdout; echo $? >status; }";
        string[] split = flags.Split(' ');
        var tcpdump = ExternalTool.Run("bash", ["-c", script, "_", theirs, ExternalTool.Require("tcpdump"), input, "-Z", "root", .. split]);
        var pcapcore = ExternalTool.Run("bash", ["-c", script, "_", ours, PcapcoreExecutable.Path, input, .. split]);
        Assert.True(tcpdump.ExitCode == 0 && pcapcore.ExitCode == 0, tcpdump.StandardError + pcapcore.StandardError);

        string[] names = Names(theirs);
        Assert.Equal(names, Names(ours));
        Assert.Contains(pipe ? "stdout" : "-1", names);
        foreach (string name in names)
        {
            string expected = Path.Combine(theirs, name), actual = Path.Combine(ours, name);
            if (name == "stderr")
                Assert.Equal(File.ReadAllText(expected).Replace("tcpdump: ", "pcapcore: ", StringComparison.Ordinal), File.ReadAllText(actual));
            else
                Assert.True(File.ReadAllBytes(expected).AsSpan().SequenceEqual(File.ReadAllBytes(actual)), $"{name} differs ({new FileInfo(expected).Length} and {new FileInfo(actual).Length} bytes)");
        }
    }

    [Fact]
    public void Z_runs_the_command_on_each_closed_file_but_not_the_last()
    {
        string input = Input();
        var (theirs, ours) = Directories();
        string theirLog = Path.Combine(_directory, "tcpdump.log");
        string ourLog = Path.Combine(_directory, "pcapcore.log");
        var tcpdump = Tcpdump("-r", input, "-w", Path.Combine(theirs, "out"), "-C", "1", "-W", "3", "-z", RecordingScript(theirLog));
        Assert.Equal(0, tcpdump.ExitCode);
        Assert.Equal((0, tcpdump.StandardError), Run("-r", input, "-w", Path.Combine(ours, "out"), "-C", "1", "-W", "3", "-z", RecordingScript(ourLog)));

        // Both run the command without waiting for it: wait for the lines to land.
        string[] expected = WaitForLines(theirLog, Names(theirs).Length);
        string[] actual = WaitForLines(ourLog, expected.Length);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(line => line.Replace(theirs, "DIR", StringComparison.Ordinal)),
                     actual.Select(line => line.Replace(ours, "DIR", StringComparison.Ordinal)));
    }

    // A -z command that appends its argument count and first argument to log.
    private string RecordingScript(string log)
    {
        string script = log + ".sh";
        File.WriteAllText(script, $"#!/bin/sh\necho \"$#:$1\" >> '{log}'\n");
        Assert.Equal(0, ExternalTool.Run("chmod", ["700", script]).ExitCode);
        return script;
    }

    private static string[] WaitForLines(string log, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string[] lines = [];
        while (DateTime.UtcNow < deadline)
        {
            lines = File.Exists(log) ? File.ReadAllLines(log) : [];
            if (lines.Length >= atLeast)
                break;
            Thread.Sleep(100);
        }
        // Give a straggler the chance to show it should not be there.
        Thread.Sleep(300);
        return File.ReadAllLines(log).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public void A_failing_z_command_is_reported_and_the_files_are_still_written()
    {
        string input = Input();
        var (_, ours) = Directories();
        var run = Run("-r", input, "-w", Path.Combine(ours, "out"), "-C", "1", "-z", "/nonexistent/pcapcore-z");
        Assert.Equal(0, run.ExitCode);
        // tcpdump's words; its own run is not the oracle here, as its failed child shares and moves the input's file offset.
        Assert.Contains($"compress_savefile: execlp(/nonexistent/pcapcore-z, {Path.Combine(ours, "out")}) failed: No such file or directory\n", run.Error, StringComparison.Ordinal);
        Assert.True(Names(ours).Length >= 4);
    }

    public static TheoryData<string> Refusals() =>
    [
        "-C 0", "-C x", "-C 1k", "-C -1", "-C 99999999999999", "-G -1", "-W 0", "-W x", "-W -3",
    ];

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Bad_values_are_refused_in_tcpdumps_words(string flags)
    {
        string input = Input();
        var tcpdump = ExternalTool.Run("tcpdump", ["-r", input, "-w", Path.Combine(_directory, "t"), .. flags.Split(' ')]);
        // The executable, because the command line is refused before any command runs.
        var ours = ExternalTool.Run(PcapcoreExecutable.Path, ["-r", input, "-w", Path.Combine(_directory, "o"), .. flags.Split(' ')]);
        Assert.Equal(1, tcpdump.ExitCode);
        Assert.Equal(tcpdump.ExitCode, ours.ExitCode);
        Assert.Equal(tcpdump.StandardError.Replace("tcpdump: ", "pcapcore: ", StringComparison.Ordinal), ours.StandardError);
    }

    [Theory]
    [InlineData("-W 3")]
    [InlineData("-z true")]
    [InlineData("-G x")]
    public void Without_C_or_G_the_file_is_written_once_under_its_own_name(string flags)
    {
        string input = Input();
        var (theirs, ours) = Directories();
        var tcpdump = Tcpdump(["-r", input, "-w", Path.Combine(theirs, "out"), .. flags.Split(' ')]);
        Assert.Equal(0, tcpdump.ExitCode);
        Assert.Equal((0, tcpdump.StandardError), Run(["-r", input, "-w", Path.Combine(ours, "out"), .. flags.Split(' ')]));
        Assert.Equal(["out"], Names(theirs));
        Assert.Equal(["out"], Names(ours));
        Assert.Equal(File.ReadAllBytes(Path.Combine(theirs, "out")), File.ReadAllBytes(Path.Combine(ours, "out")));
    }

    [Theory]
    [InlineData("-C 1")]
    [InlineData("-G 1 -W 2")]
    public void Without_w_the_rotation_flags_are_ignored_as_tcpdump_ignores_them(string flags)
    {
        string input = Input();
        var tcpdump = ExternalTool.Run("tcpdump", ["-n", "-c", "5", "-r", input, .. flags.Split(' ')]);
        var ours = PcapcoreRunner.Run(["-n", "-c", "5", "-r", input, .. flags.Split(' ')]);
        Assert.Equal(tcpdump.ExitCode, ours.ExitCode);
        Assert.Equal(tcpdump.StandardOutput, ours.StandardOutput);
        Assert.Equal([Path.Combine(_directory, "input.pcap")], Directory.GetFiles(_directory));
    }
}
