using Pcap.Live.Tests.Support;
using Pcap.Testing;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests;

/// <summary>
/// <c>pcapcore -i lo | head</c> under a ping flood: when head exits, the capture ends as tcpdump's does (printed text:
/// "Unable to write output: Broken pipe", status 14; <c>-w -</c>: statistics, status 0) instead of capturing on.
/// </summary>
public sealed class BrokenPipeCaptureTests
{
    [Theory]
    [InlineData("-n")]
    [InlineData("-w-")]
    public void A_closed_stdout_ends_the_capture_as_it_ends_tcpdump(string flags)
    {
        using var ns = NetworkNamespace.Create("pipe");
        ns.Exec("ip", "link", "set", "lo", "up");
        var theirs = Run(ns, ExternalTool.Require("tcpdump"), flags);
        var ours = Run(ns, PcapcoreProcess.ExecutablePath, flags);
        Assert.Equal(theirs.Status, ours.Status);
        var theirLast = theirs.Error.TrimEnd().Split('\n')[^1];
        var ourLast = ours.Error.TrimEnd().Split('\n')[^1];
        if (flags == "-n")
        {
            Assert.Equal("14", ours.Status);
            Assert.Equal(theirLast.Replace("tcpdump: ", "pcapcore: ", StringComparison.Ordinal), ourLast);
        }
        else
        {
            Assert.Equal("0", ours.Status);
            Assert.Matches(@"^\d+ packets? dropped by kernel$", ourLast);
            Assert.Matches(@"^\d+ packets? dropped by kernel$", theirLast);
        }
    }

    // The flood starts once the capture is listening and goes on until the capture has ended; status 124 ('timeout')
    // marks a capture that never stopped.
    private static (string Status, string Error) Run(NetworkNamespace ns, string program, string flags)
    {
        string errors = Path.Combine(Path.GetTempPath(), $"pcapcore-pipe-{Guid.NewGuid():n}.txt");
        try
        {
            const string Script = """
                ( for i in $(seq 300); do grep -q listening "$1" 2>/dev/null && break; sleep 0.1; done
                  exec ping -f -q 127.0.0.1 >/dev/null 2>&1 ) & flood=$!
                timeout 30 "$2" "$3" -i lo icmp 2>"$1" | head -c 200 >/dev/null
                echo "${PIPESTATUS[0]}"
                kill $flood 2>/dev/null; wait
                """;
            var run = ExternalTool.Run("ip", ["netns", "exec", ns.Name, "bash", "-c", Script, "_", errors, program, flags], TimeSpan.FromSeconds(60));
            Assert.True(run.ExitCode == 0, run.StandardError);
            return (run.StandardOutput.Trim(), File.ReadAllText(errors));
        }
        finally
        {
            File.Delete(errors);
        }
    }
}
