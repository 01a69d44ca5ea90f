using System.Diagnostics;
using System.Runtime.InteropServices;
using Pcap.Filter;
using Pcap.Native;

namespace Pcap.Cli.Lab;

/// <summary>
/// The seed article, run for real: three scenarios (container→host, host→container, container→internet through SNAT),
/// each captured at once on the host's <c>docker0</c>, in the container on <c>eth0</c> with <c>-e</c>, and on the host's
/// <c>any</c>, printed with what the reader of the article was left wondering.
/// </summary>
internal static class SeedWalkthrough
{
    private sealed record Scenario(string Title, string Command, string From, string Target, string[] Notes, bool WatchUplink);

    /// <summary>Runs everything; cleans up on success, failure, Ctrl-C and SIGTERM. Returns the exit status.</summary>
    public static int Run(TextWriter output, TextWriter errors)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            errors.WriteLine("pcapcore lab: you need root: the lab creates network namespaces, links and firewall rules (run it with sudo)");
            return 1;
        }
        using var cancellation = new CancellationTokenSource();
        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            cancellation.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Cancel);

        SeedTopology? topology = null;
        EventHandler onExit = (_, _) => topology?.Dispose();
        // A crash on another thread skips this method's finally: remove the namespaces before the process goes.
        UnhandledExceptionEventHandler onCrash = (_, _) => topology?.Dispose();
        AppDomain.CurrentDomain.ProcessExit += onExit;
        AppDomain.CurrentDomain.UnhandledException += onCrash;
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var leftover in SeedTopology.RemoveLeftovers())
                errors.WriteLine($"pcapcore lab: removed namespace '{leftover}' left by an interrupted run");

            output.WriteLine("Building the article's machine in network namespaces (nothing outside them is touched):");
            topology = SeedTopology.Build(cancellation.Token);
            output.WriteLine($"  {topology.Host}: bridge docker0 {SeedTopology.BridgeAddress}/16, bridge port vethc0, uplink eth0 {SeedTopology.UplinkAddress}/24, MASQUERADE for 172.17.0.0/16");
            output.WriteLine($"  {topology.Container}: eth0 {SeedTopology.ContainerAddress}/16, default route via {SeedTopology.BridgeAddress}");
            output.WriteLine($"  {topology.Outside}: eth0 {SeedTopology.UplinkGateway}/24 and \"internet\" address {SeedTopology.InternetAddress}");
            output.WriteLine();

            foreach (var scenario in Scenarios(topology))
                RunScenario(topology, scenario, output, cancellation.Token);

            output.WriteLine("Direction markers on -i any (the kernel's packet type, sll_pkttype):");
            output.WriteLine("  In   addressed to this host          Out  sent by this host");
            output.WriteLine("  B    link-layer broadcast (ARP who-has)   M  link-layer multicast");
            output.WriteLine("  P    addressed to another host: a bridge port or promiscuous interface sees frames it only forwards");
            output.WriteLine();
            // An interrupt while the last captures were printed is still an interrupt: exit 130, not 0.
            cancellation.Token.ThrowIfCancellationRequested();
            output.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s; removing the namespaces.");
            return 0;
        }
        catch (OperationCanceledException)
        {
            errors.WriteLine("pcapcore lab: interrupted; removing the namespaces");
            return 130;
        }
        catch (Exception e) when (e is CaptureException or FilterException or LabTools.LabToolException)
        {
            errors.WriteLine($"pcapcore lab: {e.Message}");
            return 1;
        }
        catch (Exception e)
        {
            // Caught, not left unhandled: an unhandled exception ends the process without running the finally below.
            errors.WriteLine($"pcapcore lab: unexpected {e.GetType().Name}: {e.Message}");
            return 1;
        }
        finally
        {
            topology?.Dispose();
            AppDomain.CurrentDomain.ProcessExit -= onExit;
            AppDomain.CurrentDomain.UnhandledException -= onCrash;
        }
    }

    private static IEnumerable<Scenario> Scenarios(SeedTopology t) =>
    [
        new("1. The container pings the host", $"ping -c 2 {SeedTopology.BridgeAddress}   (in the container)", t.Container, SeedTopology.BridgeAddress,
        [
            "ARP comes first: the container knows 172.17.0.1 only as an IP address, so it broadcasts 'who-has' and docker0",
            "answers 'is-at' with its MAC. Only then can the first echo request be framed and sent.",
        ], false),
        new("2. The host pings the container", $"ping -c 2 {SeedTopology.ContainerAddress}   (on the host)", t.Host, SeedTopology.ContainerAddress,
        [
            "The mirror image, and not quite symmetric: now the host asks 'who-has 172.17.0.2' and the container answers.",
            "On -i any the host's own request is Out on docker0 and again Out on vethc0 (the bridge forwards it to the port);",
            "in scenario 1 the container's packets were In on vethc0 and In on docker0 instead.",
        ], false),
        new("3. The container pings the internet through SNAT", $"ping -c 2 {SeedTopology.InternetAddress}   (in the container)", t.Container, SeedTopology.InternetAddress,
        [
            "On docker0 the request still comes from 172.17.0.2; on the uplink eth0 it leaves from 198.51.100.2: MASQUERADE",
            "rewrote the source (SNAT). The reply comes back to 198.51.100.2 and is rewritten back to 172.17.0.2 before docker0.",
            "-i any shows both versions of the same packet, one per interface, so you can see the rewrite happen.",
        ], true),
    ];

    private static void RunScenario(SeedTopology topology, Scenario scenario, TextWriter output, CancellationToken cancellation)
    {
        output.WriteLine($"=== {scenario.Title}: {scenario.Command}");
        topology.FlushNeighbours(cancellation);
        var captures = new List<LabCapture>();
        try
        {
            // The article's three commands (with -n: the namespaces have no DNS), and the uplink when SNAT is at work.
            captures.Add(LabCapture.Start(topology.Host, "on the host", "docker0", "-n", "arp or icmp"));
            captures.Add(LabCapture.Start(topology.Container, "in the container", "eth0", "-n -e", "arp or icmp"));
            captures.Add(LabCapture.Start(topology.Host, "on the host", "any", "-net", "icmp"));
            if (scenario.WatchUplink)
                captures.Add(LabCapture.Start(topology.Host, "on the host (uplink)", "eth0", "-n", "icmp"));

            SeedTopology.Ping(scenario.From, scenario.Target, 2, cancellation);
            // Let the last replies reach every socket; an interrupt meanwhile ends the lab as one during the ping does.
            if (cancellation.WaitHandle.WaitOne(300))
                cancellation.ThrowIfCancellationRequested();

            foreach (var capture in captures)
            {
                var (lines, icmp, statistics) = capture.Stop();
                output.WriteLine($"$ {capture.Title}   ({capture.Where})");
                foreach (var line in lines)
                    output.WriteLine($"  {line}");
                output.WriteLine($"  -- {statistics.Captured} captured, {statistics.ReceivedByFilter} received by filter, {statistics.DroppedByKernel} dropped by kernel");
                if (capture.Title.Contains("-i any", StringComparison.Ordinal))
                    ExplainAny(icmp, output);
            }
            foreach (var note in scenario.Notes)
                output.WriteLine($"  {note}");
            output.WriteLine();
        }
        finally
        {
            foreach (var capture in captures)
                capture.Dispose();
        }
    }

    // Counts, for the first echo request, on which interfaces -i any saw it: the answer to "why twice?".
    private static void ExplainAny(List<(string Interface, LinuxPacketType Direction, byte IcmpType, ushort Sequence)> icmp, TextWriter output)
    {
        var first = icmp.Where(e => e.IcmpType == 8).Select(e => e.Sequence).DefaultIfEmpty().Min();
        var sightings = icmp.Where(e => e.IcmpType == 8 && e.Sequence == first).ToList();
        if (sightings.Count == 0)
            return;
        string where = string.Join(", ", sightings.Select(s => $"{s.Interface} ({DirectionMarker(s.Direction)})"));
        output.WriteLine($"  Why more than once? -i any opens one socket for every interface, and the kernel hands it a copy each time");
        output.WriteLine($"  the packet crosses one: echo request seq {first} was seen {sightings.Count} times: {where}.");
        output.WriteLine("  Each line starts with the interface the copy was taken on (its ifindex in the cooked header, named");
        output.WriteLine("  as the host namespace knows it) and the direction marker; -e adds the ifindex and the source MAC.");
    }

    // tcpdump's marker for sll_pkttype on -i any lines.
    private static string DirectionMarker(LinuxPacketType direction) => direction switch
    {
        LinuxPacketType.Host => "In",
        LinuxPacketType.Broadcast => "B",
        LinuxPacketType.Multicast => "M",
        LinuxPacketType.OtherHost => "P",
        LinuxPacketType.Outgoing => "Out",
        _ => "?",
    };
}
