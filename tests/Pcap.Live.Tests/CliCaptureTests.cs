using Pcap.Live.Tests.Support;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests;

/// <summary>The <c>pcapcore</c> command captures like tcpdump: same frames in the -w file, clean stop, statistics, one-line errors.</summary>
public sealed class CliCaptureTests
{
    [Fact]
    public void Non_root_run_prints_one_clear_line_and_exits_1()
    {
        using var ns = NetworkNamespace.Create("u");
        using var run = PcapcoreProcess.Start(["ip", "netns", "exec", ns.Name, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"], "-i", "lo");
        Assert.Equal(1, run.WaitForExit(TimeSpan.FromSeconds(30)));
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("pcapcore: you need root or CAP_NET_RAW to capture on 'lo'", lines[0], StringComparison.Ordinal);
        Assert.Equal("", run.StandardOutput);
    }

    [Fact]
    public void Sigint_stops_cleanly_flushes_the_file_and_prints_tcpdumps_statistics()
    {
        using var topology = VethTopology.Create();
        string file = Path.Combine(Path.GetTempPath(), $"pcapcore-cli-{Guid.NewGuid():n}.pcap");
        try
        {
            using var tcpdump = TcpdumpSession.Start(topology.Right, "eth0", "");
            using var run = PcapcoreProcess.Start(["ip", "netns", "exec", topology.Right.Name], "-i", "eth0", "--immediate-mode", "-w", file);
            run.WaitFor(text => text.Contains("listening on eth0", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "its listening line");
            topology.Left.Exec("ping", "-c", "3", "-i", "0.2", VethTopology.RightAddress);
            Thread.Sleep(500);
            run.Signal("INT");
            Assert.Equal(0, run.WaitForExit(TimeSpan.FromSeconds(15)));
            var expected = tcpdump.StopAndRead();
            var actual = PcapFileRecords.Read(file);

            Assert.True(expected.Count >= 8, $"tcpdump saw only {expected.Count} frames");
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
                Assert.True(expected[i].Data.AsSpan().SequenceEqual(actual[i].Data), $"frame {i} differs from tcpdump's");
            Assert.Contains($"{actual.Count} packets captured", run.StandardError, StringComparison.Ordinal);
            Assert.Contains("packets received by filter", run.StandardError, StringComparison.Ordinal);
            Assert.Contains("0 packets dropped by kernel", run.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Count_stops_after_N_packets_with_a_complete_file()
    {
        using var topology = VethTopology.Create();
        string file = Path.Combine(Path.GetTempPath(), $"pcapcore-cli-{Guid.NewGuid():n}.pcap");
        try
        {
            using var run = PcapcoreProcess.Start(["ip", "netns", "exec", topology.Right.Name], "-i", "eth0", "-c", "3", "-w", file);
            run.WaitFor(text => text.Contains("listening on eth0", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "its listening line");
            topology.Left.Exec("ping", "-c", "4", "-i", "0.2", VethTopology.RightAddress);
            Assert.Equal(0, run.WaitForExit(TimeSpan.FromSeconds(15)));
            var records = PcapFileRecords.Read(file);
            Assert.Equal(3, records.Count);
            Assert.All(records, r => Assert.Equal(1, r.LinkType));
            Assert.Contains("3 packets captured", run.StandardError, StringComparison.Ordinal);
            // tcpdump -r, the oracle reader, accepts the file and sees the same three packets.
            var oracle = Pcap.Testing.ExternalTool.Run("tcpdump", ["-r", file, "-n"]);
            Assert.Equal(0, oracle.ExitCode);
            Assert.Equal(3, oracle.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Unknown_interface_is_one_line_exit_1()
    {
        using var ns = NetworkNamespace.Create("u");
        using var run = PcapcoreProcess.Start(["ip", "netns", "exec", ns.Name], "-i", "docker9");
        Assert.Equal(1, run.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal("pcapcore: no such device 'docker9' (see 'pcapcore -D' for the list)", run.StandardError.Trim());
    }
}
