using Pcap.Live.Tests.Support;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests;

/// <summary>
/// The capture interface goes down and comes back mid-capture: like tcpdump (libpcap keeps its socket through ENETDOWN
/// and waits for IFF_UP), pcapcore keeps capturing, and both files hold the same frames from before and after.
/// </summary>
public sealed class InterfaceDownUpTests
{
    [Fact]
    public void Capture_goes_on_through_the_interface_going_down_and_up_as_tcpdumps_does()
    {
        using var topology = VethTopology.Create();
        string file = Path.Combine(Path.GetTempPath(), $"pcapcore-downup-{Guid.NewGuid():n}.pcap");
        try
        {
            using var tcpdump = TcpdumpSession.Start(topology.Right, "eth0", "icmp");
            using var run = PcapcoreProcess.Start(["ip", "netns", "exec", topology.Right.Name], "-i", "eth0", "--immediate-mode", "-U", "-w", file, "icmp");
            run.WaitFor(text => text.Contains("listening on eth0", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "its listening line");
            Assert.Equal(0, topology.Left.Exec("ping", "-c", "3", "-i", "0.2", VethTopology.RightAddress).ExitCode);

            topology.Right.Ip("link", "set", "eth0", "down");
            Thread.Sleep(1000);
            Assert.False(run.HasExited, $"pcapcore exited when the interface went down: {run.StandardError}");
            topology.Right.Ip("link", "set", "eth0", "up");
            // The peer sees carrier again at once; give the kernel a moment to re-add the connected route.
            Thread.Sleep(500);
            Assert.Equal(0, topology.Left.Exec("ping", "-c", "3", "-i", "0.2", "-W", "2", VethTopology.RightAddress).ExitCode);
            Thread.Sleep(500);

            run.Signal("INT");
            Assert.Equal(0, run.WaitForExit(TimeSpan.FromSeconds(15)));
            var expected = tcpdump.StopAndRead();
            var actual = PcapFileRecords.Read(file);

            // 3 echo requests and 3 replies on each side of the outage.
            Assert.True(expected.Count >= 12, $"tcpdump saw only {expected.Count} frames: {tcpdump.StandardError}");
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
                Assert.True(expected[i].Data.AsSpan().SequenceEqual(actual[i].Data), $"frame {i} differs from tcpdump's");
            Assert.DoesNotContain("went down", run.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
