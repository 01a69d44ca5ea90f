using System.Text.RegularExpressions;
using Pcap.Live.Tests.Support;
using Pcap.Testing;

namespace Pcap.Live.Tests;

/// <summary>
/// <c>pcapcore lab</c> as a user runs it: it must print all three scenarios in under a minute and leave no namespace,
/// link or firewall rule behind, also when interrupted or killed. The machine's own state is only read, never changed.
/// </summary>
[Collection("lab")] // the lab's names are per process; runs must not overlap with each other
public sealed partial class LabTests
{
    [GeneratedRegex(@"^pcl\d+-")]
    private static partial Regex LabNamespace();

    private static List<string> LabNamespaces() =>
        Directory.Exists("/run/netns") ? Directory.EnumerateFiles("/run/netns").Select(Path.GetFileName).OfType<string>().Where(n => LabNamespace().IsMatch(n)).ToList() : [];

    // Only the run's own names: other worktrees on this machine may run a lab of their own at the same time.
    private static List<string> LabNamespacesOf(PcapcoreProcess run) =>
        LabNamespaces().Where(n => n.StartsWith($"pcl{run.Id}-", StringComparison.Ordinal)).ToList();

    private static string MachineState() =>
        string.Join("\n---\n",
            Regex.Replace(ExternalTool.Run("ip", ["-o", "link", "show"]).StandardOutput, @"\s+(link/\S+ \S+ brd \S+|qlen \d+|state \S+|qdisc \S+|mode \S+|group \S+)", ""),
            ExternalTool.Run("ip", ["-o", "addr", "show"]).StandardOutput,
            ExternalTool.Run("ip", ["route", "show"]).StandardOutput,
            ExternalTool.Run("iptables-save", ["-t", "nat"]).StandardOutput.Split('\n').Where(l => !l.StartsWith('#')).Aggregate("", (a, l) => a + l + "\n"));

    [Fact]
    public void Lab_prints_the_three_scenarios_in_under_a_minute_and_leaves_nothing_behind()
    {
        string before = MachineState();
        using var run = PcapcoreProcess.Start([], "lab");
        int exit = run.WaitForExit(TimeSpan.FromSeconds(60));
        string output = run.StandardOutput;
        Assert.True(exit == 0, $"lab exited {exit}: {run.StandardError}\n{output}");
        Assert.Contains("=== 1. The container pings the host", output, StringComparison.Ordinal);
        Assert.Contains("=== 2. The host pings the container", output, StringComparison.Ordinal);
        Assert.Contains("=== 3. The container pings the internet through SNAT", output, StringComparison.Ordinal);
        Assert.Contains("ARP, Request who-has 172.17.0.1 tell 172.17.0.2", output, StringComparison.Ordinal);
        Assert.Contains("ARP, Request who-has 172.17.0.2 tell 172.17.0.1", output, StringComparison.Ordinal);
        Assert.Contains("IP 198.51.100.2 > 203.0.113.10: ICMP echo request", output, StringComparison.Ordinal);
        Assert.Contains("IP 172.17.0.2 > 203.0.113.10: ICMP echo request", output, StringComparison.Ordinal);
        // The -i any -net lines name the lab's own interfaces (resolved in its host namespace, which this machine's /sys does not have).
        Assert.Matches(@"vethc0 In  ifindex \d+ [0-9a-f:]{17} ethertype IPv4 \(0x0800\), length 104: 172\.17\.0\.2 > 172\.17\.0\.1: ICMP echo request.*\n.*docker0 In  ifindex ", output);
        Assert.Empty(LabNamespacesOf(run));
        Assert.Equal(before, MachineState());
    }

    // Interrupted while captures start, while they are being stopped and printed, and while the third scenario pings.
    [Theory]
    [InlineData("=== 1.")]
    [InlineData("Why more than once?")]
    [InlineData("=== 3.")]
    public void Interrupted_lab_removes_its_namespaces(string when)
    {
        using var run = PcapcoreProcess.Start([], "lab");
        run.WaitFor(text => text.Contains(when, StringComparison.Ordinal), TimeSpan.FromSeconds(60), $"'{when}'");
        run.Signal("INT");
        int exit = run.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.True(exit == 130, $"lab exited {exit} after SIGINT: {run.StandardError}");
        Assert.Contains("interrupted; removing the namespaces", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(LabNamespacesOf(run));
    }

    [Fact]
    public void Non_root_lab_prints_one_clear_line_and_exits_1()
    {
        using var run = PcapcoreProcess.Start(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"], "lab");
        Assert.Equal(1, run.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal("pcapcore lab: you need root: the lab creates network namespaces, links and firewall rules (run it with sudo)", run.StandardError.Trim());
        Assert.Equal("", run.StandardOutput);
        Assert.Empty(LabNamespacesOf(run));
    }

    [Fact]
    public void Namespaces_of_a_killed_lab_are_removed_by_the_next_run()
    {
        List<string> left;
        using (var killed = PcapcoreProcess.Start([], "lab"))
        {
            killed.WaitFor(text => text.Contains("=== 1.", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the first scenario");
            killed.Signal("KILL");
            killed.WaitForExit(TimeSpan.FromSeconds(30));
            left = LabNamespacesOf(killed);
        }
        Assert.Equal(3, left.Count); // SIGKILL gives no chance to clean up...
        using var next = PcapcoreProcess.Start([], "lab");
        next.WaitForExit(TimeSpan.FromSeconds(60));
        Assert.All(left, n => Assert.Contains($"removed namespace '{n}' left by an interrupted run", next.StandardError, StringComparison.Ordinal)); // ...so the next run does
        Assert.Empty(LabNamespaces().Intersect(left));
        Assert.Empty(LabNamespacesOf(next));
    }
}
