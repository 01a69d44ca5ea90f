using Pcap.Cli.Lab;
using Pcap.Live.Tests.Support;

namespace Pcap.Live.Tests;

/// <summary>
/// The seed article's three scenarios on the lab's own topology, each watched with the article's three commands
/// (<c>-i docker0 arp or icmp</c> on the host, <c>-i eth0 -e arp or icmp</c> in the container, <c>-i any -net icmp</c>
/// on the host) by tcpdump and by the <c>pcapcore</c> command at the same time: they must print the same lines
/// (<c>-t</c> leaves the timestamps out; <c>-n</c> keeps DNS out of a namespace that has none).
/// </summary>
[Collection("lab")]
public sealed class SeedScenarioTests
{
    public static TheoryData<int> Scenarios => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_seed_command_prints_what_tcpdump_prints(int scenario)
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var topology = SeedTopology.Build(cancellation.Token);
        var commands = new[]
        {
            (Namespace: topology.Host, Arguments: new[] { "-i", "docker0", "-n", "-t", "arp or icmp" }, Lines: 6),
            (Namespace: topology.Container, Arguments: new[] { "-i", "eth0", "-n", "-t", "-e", "arp or icmp" }, Lines: 6),
            (Namespace: topology.Host, Arguments: new[] { "-i", "any", "-net", "icmp" }, Lines: 8),
        };
        var sessions = new List<(PrintedCapture Tcpdump, PrintedCapture Ours, string Name, int Lines)>();
        try
        {
            foreach (var (ns, arguments, lines) in commands)
                sessions.Add((PrintedCapture.Start(ns, "tcpdump", arguments), PrintedCapture.Start(ns, "pcapcore", arguments), $"{ns}: {string.Join(' ', arguments)}", lines));
            topology.FlushNeighbours(cancellation.Token);
            switch (scenario)
            {
                case 1: SeedTopology.Ping(topology.Container, SeedTopology.BridgeAddress, 2, cancellation.Token); break;
                case 2: SeedTopology.Ping(topology.Host, SeedTopology.ContainerAddress, 2, cancellation.Token); break;
                default: SeedTopology.Ping(topology.Container, SeedTopology.InternetAddress, 2, cancellation.Token); break;
            }
            Thread.Sleep(500);
            foreach (var (tcpdump, ours, name, lines) in sessions)
                PrintedCapture.AssertSameLines(name, tcpdump.StopAndReadLines(), ours.StopAndReadLines(), lines);
        }
        finally
        {
            foreach (var (tcpdump, ours, _, _) in sessions)
            {
                ours.Dispose();
                tcpdump.Dispose();
            }
        }
    }
}
