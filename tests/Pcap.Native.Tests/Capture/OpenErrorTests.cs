using Pcap.Testing.Namespaces;

namespace Pcap.Native.Tests.Capture;

/// <summary>Opening fails with one actionable line for the situations tcpdump users meet most.</summary>
public sealed class OpenErrorTests
{
    [Fact]
    public void Down_interface_says_it_is_down_and_how_to_bring_it_up()
    {
        using var ns = NetworkNamespace.Create("e");
        ns.Ip("link", "add", "veth0", "type", "veth", "peer", "name", "veth1");
        var error = Assert.Throws<CaptureException>(() => LiveCapture.Open("veth0", new CaptureOptions { NetworkNamespace = ns.Name }));
        Assert.Equal(CaptureError.DeviceDown, error.Error);
        Assert.Equal(Errno.NetworkDown, error.Errno);
        Assert.Equal("device 'veth0' is down; bring it up with 'ip link set veth0 up'", error.Message);
    }

    [Fact]
    public void Missing_interface_says_no_such_device()
    {
        using var ns = NetworkNamespace.Create("e");
        var error = Assert.Throws<CaptureException>(() => LiveCapture.Open("eth9", new CaptureOptions { NetworkNamespace = ns.Name }));
        Assert.Equal(CaptureError.NoSuchDevice, error.Error);
        Assert.Equal("no such device 'eth9' (see 'pcapcore -D' for the list)", error.Message);
    }

    [Fact]
    public void Permission_errors_name_root_and_CAP_NET_RAW()
    {
        var error = SystemErrors.From(Errno.NotPermitted, "opening a packet socket", "eth0");
        Assert.Equal(CaptureError.PermissionDenied, error.Error);
        Assert.StartsWith("you need root or CAP_NET_RAW to capture on 'eth0'", error.Message, StringComparison.Ordinal);
        Assert.Contains("EPERM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_options_are_refused_before_touching_the_kernel()
    {
        var error = Assert.Throws<CaptureException>(() => LiveCapture.Open("lo", new CaptureOptions { SnapLength = -1 }));
        Assert.Equal(CaptureError.InvalidOptions, error.Error);
    }
}
