using Pcap.Cli.Lab;
using Pcap.Live.Tests.Support;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests;

/// <summary>
/// The seed article's three scenarios on the lab's own topology, each watched with the article's three commands
/// (<c>-i docker0 arp or icmp</c> on the host, <c>-i eth0 arp or icmp</c> in the container, <c>-i any icmp</c> on the
/// host) by tcpdump and PcapCore at the same time: the frames must be identical.
/// </summary>
[Collection("lab")]
public sealed class SeedScenarioTests
{
    public static TheoryData<int> Scenarios => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_seed_command_captures_what_tcpdump_captures(int scenario)
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var topology = SeedTopology.Build(cancellation.Token);
        var commands = new[]
        {
            (Namespace: topology.Host, Device: "docker0", Expression: "arp or icmp"),
            (Namespace: topology.Container, Device: "eth0", Expression: "arp or icmp"),
            (Namespace: topology.Host, Device: "any", Expression: "icmp"),
        };
        var sessions = new List<(TcpdumpSession Tcpdump, CaptureRecorder Ours, string Name)>();
        try
        {
            foreach (var (ns, device, expression) in commands)
            {
                var attached = NetworkNamespace.Attach(ns); // the lab's namespace: SeedTopology deletes it
                var program = LivePrograms.FromTcpdump(attached, device, expression);
                sessions.Add((TcpdumpSession.Start(attached, device, expression), CaptureRecorder.Start(ns, device, program), $"{ns} -i {device} {expression}"));
            }
            topology.FlushNeighbours(cancellation.Token);
            switch (scenario)
            {
                case 1: SeedTopology.Ping(topology.Container, SeedTopology.BridgeAddress, 2, cancellation.Token); break;
                case 2: SeedTopology.Ping(topology.Host, SeedTopology.ContainerAddress, 2, cancellation.Token); break;
                default: SeedTopology.Ping(topology.Container, SeedTopology.InternetAddress, 2, cancellation.Token); break;
            }
            Thread.Sleep(500);
            foreach (var (tcpdump, ours, name) in sessions)
            {
                var (actual, _, _) = ours.Stop();
                var expected = tcpdump.StopAndRead();
                Assert.True(expected.Count >= 4, $"{name}: tcpdump saw only {expected.Count} frames");
                Assert.True(expected.Count == actual.Count, $"{name}: tcpdump {expected.Count} frames, pcapcore {actual.Count}");
                for (int i = 0; i < expected.Count; i++)
                    Assert.True(expected[i].Data.AsSpan().SequenceEqual(actual[i].Data), $"{name}: frame {i} differs from tcpdump's");
            }
        }
        finally
        {
            foreach (var (tcpdump, ours, _) in sessions)
            {
                ours.Dispose();
                tcpdump.Dispose();
            }
        }
    }
}
