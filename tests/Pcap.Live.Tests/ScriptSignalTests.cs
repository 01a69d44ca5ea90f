using System.Text.RegularExpressions;
using Pcap.Live.Tests.Support;
using Pcap.Testing;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests;

/// <summary>
/// A capture run the way scripts run one: as a background job of <c>sh -c</c>, which starts it with SIGINT ignored,
/// then stopped with <c>kill -INT</c> (or <c>-TERM</c>) after a flood. tcpdump runs beside it as the oracle: both must
/// stop, and every packet each counts as captured must be in its <c>-w</c> file.
/// </summary>
public sealed partial class ScriptSignalTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void A_background_job_stops_on_the_signal_with_every_counted_packet_in_the_file(string signal)
    {
        using var topology = VethTopology.Create();
        string directory = Directory.CreateTempSubdirectory("pcapcore-script-").FullName;
        try
        {
            // The script stops each capture with the signal, waits up to 10 s, and says "ignored" if it is still running.
            string script = $$"""
                set -u
                ignored=$(grep SigIgn /proc/self/status)
                {{PcapcoreProcess.ExecutablePath}} -i eth0 -w {{directory}}/ours.pcap 2>{{directory}}/ours.err & ours=$!
                tcpdump -i eth0 -w {{directory}}/theirs.pcap 2>{{directory}}/theirs.err & theirs=$!
                for i in $(seq 100); do
                  grep -q listening {{directory}}/ours.err 2>/dev/null && grep -q listening {{directory}}/theirs.err 2>/dev/null && break
                  sleep 0.1
                done
                ip netns exec {{topology.Left.Name}} ping -f -c 3000 -q {{VethTopology.RightAddress}} >/dev/null 2>&1
                kill -{{signal}} $ours $theirs
                for p in $ours $theirs; do
                  for i in $(seq 100); do kill -0 $p 2>/dev/null || break; sleep 0.1; done
                  if kill -0 $p 2>/dev/null; then echo "ignored $p"; kill -KILL $p; fi
                done
                wait $ours; echo "ours=$?"
                wait $theirs; echo "theirs=$?"
                """;
            var run = ExternalTool.Run("ip", ["netns", "exec", topology.Right.Name, "sh", "-c", script], TimeSpan.FromSeconds(90));
            string ourErrors = File.ReadAllText(Path.Combine(directory, "ours.err"));
            string theirErrors = File.ReadAllText(Path.Combine(directory, "theirs.err"));
            Assert.DoesNotContain("ignored", run.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("ours=0", run.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("theirs=0", run.StandardOutput, StringComparison.Ordinal);

            int ourCount = Captured(ourErrors);
            int theirCount = Captured(theirErrors);
            Assert.True(theirCount >= 1000, $"tcpdump captured only {theirCount} packets: the flood did not reach it. {theirErrors}");
            Assert.True(ourCount >= 1000, $"pcapcore captured only {ourCount} packets. {ourErrors}");
            Assert.Equal(ourCount, PcapFileRecords.Read(Path.Combine(directory, "ours.pcap")).Count);
            Assert.Equal(theirCount, PcapFileRecords.Read(Path.Combine(directory, "theirs.pcap")).Count);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_script_really_starts_background_jobs_with_sigint_ignored()
    {
        // The premise of the test above: without it the test would prove nothing.
        var run = ExternalTool.Run("sh", ["-c", "sh -c 'grep SigIgn /proc/self/status' & wait"]);
        var mask = Convert.ToUInt64(run.StandardOutput.Split(':')[1].Trim(), 16);
        Assert.True((mask & (1UL << (2 - 1))) != 0, $"SIGINT is not ignored in a background job: {run.StandardOutput}");
    }

    private static int Captured(string statistics)
    {
        var match = CapturedLine().Match(statistics);
        Assert.True(match.Success, $"no 'packets captured' line in: {statistics}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(\d+) packets? captured")]
    private static partial Regex CapturedLine();
}
