using System.Globalization;
using System.Text.RegularExpressions;
using Pcap.Live.Tests.Support;
using Pcap.Testing;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests;

/// <summary><c>pcapcore --workers N</c>: one -w file from all the workers that tcpdump reads back complete and in time order.</summary>
public sealed partial class FanoutCaptureTests
{
    [GeneratedRegex(@"^(\d+) packets? captured", RegexOptions.Multiline)]
    private static partial Regex CapturedLine();

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void The_merged_file_holds_every_segment_once_and_tcpdump_reads_it_in_time_order(int workers)
    {
        const int count = 20_000;
        using var topology = VethTopology.Create();
        var frames = SequencedTcpFlood.Build(topology, count, flows: 64);
        string file = Path.Combine(Path.GetTempPath(), $"pcapcore-fanout-{Environment.ProcessId}-{Guid.NewGuid():n}.pcap");
        try
        {
            using var run = PcapcoreProcess.Start(["ip", "netns", "exec", topology.Right.Name],
                "-i", "eth0", "--workers", workers.ToString(CultureInfo.InvariantCulture), "--fanout", "hash", "-B", "8192", "-w", file,
                "tcp and src host 10.200.0.1");
            run.WaitFor(text => text.Contains("listening on eth0", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "its listening line");
            Assert.Equal(count, SequencedTcpFlood.Send(topology, frames));
            Thread.Sleep(2500); // past the 1 s block timeout and the reorder window, so every ring has handed its blocks over
            run.Signal("TERM");
            Assert.Equal(0, run.WaitForExit(TimeSpan.FromSeconds(30)));

            var captured = CapturedLine().Match(run.StandardError);
            Assert.True(captured.Success, run.StandardError);
            Assert.Equal(count, int.Parse(captured.Groups[1].Value, CultureInfo.InvariantCulture));
            Assert.Contains("0 packets dropped by kernel", run.StandardError, StringComparison.Ordinal);
            Assert.Equal(workers, Regex.Matches(run.StandardError, @"^worker \d+: [1-9]\d* captured", RegexOptions.Multiline).Count);

            var seen = new int[count];
            foreach (var record in PcapFileRecords.Read(file))
                if (SequencedTcpFlood.TryRead(record.Data, out int sequence, out _) && sequence is >= 0 and < count)
                    seen[sequence]++;
            Assert.True(seen.All(c => c == 1), $"{seen.Count(c => c == 0)} segments missing, {seen.Count(c => c > 1)} duplicated");

            // tcpdump is the reader: its epoch time stamps must never go backwards.
            var read = ExternalTool.Run("tcpdump", ["-r", file, "-n", "-tt", "--time-stamp-precision=nano"], TimeSpan.FromSeconds(60));
            Assert.Equal(0, read.ExitCode);
            var stamps = read.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => decimal.Parse(line[..line.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(count, stamps.Count);
            int backwards = Enumerable.Range(1, stamps.Count - 1).Count(i => stamps[i] < stamps[i - 1]);
            Assert.True(backwards == 0, $"{backwards} of {count} time stamps go backwards in tcpdump's reading");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
