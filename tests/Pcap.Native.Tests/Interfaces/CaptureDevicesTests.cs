using System.Text.RegularExpressions;
using Pcap.Testing;
using Pcap.Testing.Namespaces;

namespace Pcap.Native.Tests.Interfaces;

/// <summary><c>tcpdump -D</c> run in the same namespace is the oracle for the interface list, its order and its flags.</summary>
public sealed partial class CaptureDevicesTests
{
    // libpcap's non-network capture sources, which PcapCore does not list.
    private static readonly string[] PseudoDevices = ["bluetooth", "nflog", "nfqueue", "dbus-", "usbmon", "rdma"];

    [GeneratedRegex(@"^\d+\.(.*)$")]
    private static partial Regex NumberedLine();

    private static List<string> TcpdumpList(NetworkNamespace ns)
    {
        var output = ns.Exec("tcpdump", "-D").StandardOutput;
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => NumberedLine().Match(line.Trim()).Groups[1].Value)
            .Where(entry => !PseudoDevices.Any(p => entry.StartsWith(p, StringComparison.Ordinal)))
            .ToList();
    }

    [Fact]
    public void List_matches_tcpdump_D_for_up_down_connected_disconnected_bridge_and_loopback()
    {
        using var ns = NetworkNamespace.Create("d");
        ns.Ip("link", "add", "veth0", "type", "veth", "peer", "name", "veth1");
        ns.Ip("link", "add", "veth2", "type", "veth", "peer", "name", "veth3");
        ns.Ip("link", "add", "br0", "type", "bridge");
        ns.Ip("link", "set", "veth0", "up");
        ns.Ip("link", "set", "veth1", "up");
        ns.Ip("link", "set", "veth2", "up"); // up, peer down: no carrier
        ns.Ip("link", "set", "br0", "up");

        var ours = CaptureDevices.List(ns.Name).Select(d => d.ToString()).ToList();
        Assert.Equal(TcpdumpList(ns), ours);
    }

    [Fact]
    public void Resolve_accepts_a_name_or_a_number_in_list_order()
    {
        using var ns = NetworkNamespace.Create("d");
        var list = CaptureDevices.List(ns.Name);
        for (int i = 0; i < list.Count; i++)
        {
            Assert.Equal(list[i], CaptureDevices.Resolve((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ns.Name));
            Assert.Equal(list[i], CaptureDevices.Resolve(list[i].Name, ns.Name));
        }
    }

    [Fact]
    public void Unknown_name_and_out_of_range_number_say_what_is_wrong()
    {
        using var ns = NetworkNamespace.Create("d");
        var byName = Assert.Throws<CaptureException>(() => CaptureDevices.Resolve("nosuch0", ns.Name));
        Assert.Equal(CaptureError.NoSuchDevice, byName.Error);
        Assert.Equal("no such device 'nosuch0' (see 'pcapcore -D' for the list)", byName.Message);
        var byNumber = Assert.Throws<CaptureException>(() => CaptureDevices.Resolve("99", ns.Name));
        Assert.Equal(CaptureError.NoSuchDevice, byNumber.Error);
        Assert.Contains("interface number 99 is out of range", byNumber.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_namespace_is_reported_by_name()
    {
        var error = Assert.Throws<CaptureException>(() => CaptureDevices.List("pc-does-not-exist"));
        Assert.Contains("network namespace 'pc-does-not-exist' cannot be opened", error.Message, StringComparison.Ordinal);
        _ = ExternalTool.Require("ip");
    }
}
