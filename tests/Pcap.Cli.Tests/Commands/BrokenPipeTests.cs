using Pcap.Decode.Files;
using Pcap.Testing;

namespace Pcap.Cli.Tests.Commands;

/// <summary>
/// <c>pcapcore -r FILE | head -2</c>: when the reader of stdout goes away, the run ends as tcpdump's does (printed text:
/// "Unable to write output: Broken pipe", status 14; <c>-w -</c>: quietly, status 0) instead of reading on.
/// </summary>
public sealed class BrokenPipeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-pipe-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Enough text to overflow any stdout buffer (ours 64 KiB, stdio's 4 KiB) several times over.
    private string Capture()
    {
        string path = Path.Combine(_directory, "arp.pcap");
        using var stream = File.Create(path);
        using var writer = new PcapWriter(stream, Pcap.Wire.LinkType.Ethernet, 262144, false);
        var random = new Random(14);
        for (int i = 0; i < 20_000; i++)
        {
            var frame = new byte[42];
            random.NextBytes(frame);
            frame[12] = 0x08;
            frame[13] = 0x06;
            writer.WritePacket(1_700_000_000_000_000_000L + i * 1_000_000L, frame, 42);
        }
        return path;
    }

    private (string Status, string Error) Run(string program, params string[] arguments)
    {
        string errors = Path.Combine(_directory, "stderr.txt");
        // $1 is the stderr file, the rest the command: nothing is quoted into the script.
        var run = ExternalTool.Run("bash", ["-c", "\"${@:2}\" 2>\"$1\" | head -c 200 >/dev/null; echo \"${PIPESTATUS[0]}\"", "_", errors, program, .. arguments],
            TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.StandardError);
        string error = File.ReadAllText(errors);
        return (run.StandardOutput.Trim(), error.Replace("tcpdump: ", "pcapcore: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-n")]
    [InlineData("-nX")]
    [InlineData("-w-")]
    public void Reading_a_file_into_a_closed_pipe_ends_as_tcpdump_ends(string flags)
    {
        string file = Capture();
        var theirs = Run(ExternalTool.Require("tcpdump"), flags, "-r", file);
        var ours = Run(PcapcoreExecutable.Path, flags, "-r", file);
        Assert.Equal(theirs.Status, ours.Status);
        Assert.Equal(theirs.Error, ours.Error);
    }
}
