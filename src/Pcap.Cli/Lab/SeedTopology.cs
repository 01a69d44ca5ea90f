using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Pcap.Cli.Lab;

/// <summary>
/// The article's machine rebuilt in three network namespaces: <c>host</c> with bridge <c>docker0</c> (172.17.0.1/16)
/// and an uplink <c>eth0</c> (198.51.100.2/24) behind MASQUERADE; <c>container</c> with <c>eth0</c> 172.17.0.2/16 on a
/// veth whose host end <c>vethc0</c> is a bridge port; <c>outside</c>, "the internet", holding 203.0.113.10.
/// All addresses exist only inside these namespaces. Names carry the creating process id
/// (<c>pcl&lt;pid&gt;-…</c>) so leftovers of a killed run are found and removed by the next one.
/// </summary>
internal sealed partial class SeedTopology : IDisposable
{
    /// <summary>Every lab namespace name starts with this.</summary>
    public const string Prefix = "pcl";

    /// <summary>The bridge address, the container's gateway.</summary>
    public const string BridgeAddress = "172.17.0.1";
    /// <summary>The container's address.</summary>
    public const string ContainerAddress = "172.17.0.2";
    /// <summary>The host's uplink address, what SNAT rewrites the container's source to.</summary>
    public const string UplinkAddress = "198.51.100.2";
    /// <summary>The next hop on the uplink, in the outside namespace.</summary>
    public const string UplinkGateway = "198.51.100.1";
    /// <summary>An "internet" address (RFC 5737 documentation range) inside the outside namespace.</summary>
    public const string InternetAddress = "203.0.113.10";

    private int _disposed;

    private SeedTopology(string stem)
    {
        Host = $"{stem}-host";
        Container = $"{stem}-container";
        Outside = $"{stem}-outside";
    }

    /// <summary>The host namespace.</summary>
    public string Host { get; }
    /// <summary>The container namespace.</summary>
    public string Container { get; }
    /// <summary>The outside ("internet") namespace.</summary>
    public string Outside { get; }

    /// <summary>All three namespace names.</summary>
    public IEnumerable<string> Namespaces => [Host, Container, Outside];

    [GeneratedRegex(@"^pcl(\d+)-(host|container|outside)$")]
    private static partial Regex LabName();

    /// <summary>Deletes namespaces left by lab runs whose process no longer exists (e.g. killed with SIGKILL).</summary>
    public static IReadOnlyList<string> RemoveLeftovers()
    {
        var removed = new List<string>();
        foreach (var name in ExistingNamespaces())
        {
            var match = LabName().Match(name);
            if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                continue;
            if (pid != Environment.ProcessId && IsAlive(pid))
                continue;
            LabTools.Run("ip", ["netns", "del", name], check: false);
            removed.Add(name);
        }
        return removed;
    }

    /// <summary>The namespaces <c>ip netns</c> knows.</summary>
    public static IEnumerable<string> ExistingNamespaces() =>
        Directory.Exists("/run/netns") ? Directory.EnumerateFiles("/run/netns").Select(Path.GetFileName).OfType<string>() : [];

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Builds the topology; on any failure removes what was built and rethrows.</summary>
    public static SeedTopology Build(CancellationToken cancellation)
    {
        var topology = new SeedTopology($"{Prefix}{Environment.ProcessId}");
        try
        {
            topology.Create(cancellation);
            return topology;
        }
        catch
        {
            topology.Dispose();
            throw;
        }
    }

    private void Create(CancellationToken cancellation)
    {
        void Ip(string ns, params string[] args) => LabTools.Run("ip", ["-n", ns, .. args], cancellation);
        void Exec(string ns, string tool, params string[] args) => LabTools.Run("ip", ["netns", "exec", ns, LabTools.Require(tool), .. args], cancellation);

        foreach (var ns in Namespaces)
        {
            LabTools.Run("ip", ["netns", "add", ns], cancellation);
            // IPv6 off keeps router solicitations and neighbour discovery out of the captures.
            Exec(ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
            Ip(ns, "link", "set", "lo", "up");
        }

        Ip(Host, "link", "add", "docker0", "type", "bridge");
        Ip(Host, "addr", "add", $"{BridgeAddress}/16", "dev", "docker0");
        Ip(Host, "link", "set", "docker0", "up");

        Ip(Host, "link", "add", "vethc0", "type", "veth", "peer", "name", "eth0", "netns", Container);
        Ip(Host, "link", "set", "vethc0", "master", "docker0");
        Ip(Host, "link", "set", "vethc0", "up");
        Ip(Container, "addr", "add", $"{ContainerAddress}/16", "dev", "eth0");
        Ip(Container, "link", "set", "eth0", "up");
        Ip(Container, "route", "add", "default", "via", BridgeAddress);

        Ip(Host, "link", "add", "eth0", "type", "veth", "peer", "name", "wan0", "netns", Outside);
        Ip(Host, "addr", "add", $"{UplinkAddress}/24", "dev", "eth0");
        Ip(Host, "link", "set", "eth0", "up");
        Ip(Host, "route", "add", "default", "via", UplinkGateway);
        Ip(Outside, "link", "set", "wan0", "name", "eth0");
        Ip(Outside, "addr", "add", $"{UplinkGateway}/24", "dev", "eth0");
        Ip(Outside, "addr", "add", $"{InternetAddress}/24", "dev", "lo");
        Ip(Outside, "link", "set", "eth0", "up");

        Exec(Host, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        // What Docker installs: container traffic leaving by any other interface gets the uplink's address.
        Exec(Host, "iptables", "-t", "nat", "-A", "POSTROUTING", "-s", "172.17.0.0/16", "!", "-o", "docker0", "-j", "MASQUERADE");
    }

    /// <summary>Forgets learned MAC addresses so the next ping starts with ARP, as on a fresh container.</summary>
    public void FlushNeighbours(CancellationToken cancellation)
    {
        foreach (var ns in Namespaces)
            LabTools.Run("ip", ["-n", ns, "neigh", "flush", "all"], cancellation, check: false);
    }

    /// <summary>Runs <c>ping -c COUNT ADDRESS</c> inside <paramref name="ns"/>.</summary>
    public static void Ping(string ns, string address, int count, CancellationToken cancellation) =>
        LabTools.Run("ip", ["netns", "exec", ns, LabTools.Require("ping"), "-c", count.ToString(CultureInfo.InvariantCulture), "-i", "0.2", "-W", "1", address], cancellation);

    /// <summary>Deletes the namespaces, and with them every link, address, route and iptables rule the lab made.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        foreach (var ns in Namespaces)
        {
            // A second Ctrl-C at a terminal reaches our 'ip' children too: try again while the name is still there.
            for (int attempt = 0; attempt < 3 && File.Exists($"/run/netns/{ns}"); attempt++)
            {
                try
                {
                    LabTools.Run("ip", ["netns", "del", ns], check: false);
                }
                catch (LabTools.LabToolException)
                {
                }
            }
        }
    }
}
