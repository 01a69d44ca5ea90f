using Pcap.Live.Tests.Support;
using Pcap.Native;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests;

/// <summary>
/// PcapCore and tcpdump capture the same traffic on the same interface at the same time, in namespaces the test
/// builds; the frames (bytes and wire lengths) must be identical.
/// </summary>
public sealed class DifferentialCaptureTests
{
    private static void Ping(NetworkNamespace from, string address, int count = 3) =>
        from.Exec("ping", "-c", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "0.2", "-W", "1", address);

    private static void AssertSameFrames(List<PcapFileRecords.Record> expected, List<PcapFileRecords.Record> actual)
    {
        Assert.True(expected.Count > 0, "tcpdump captured nothing, so the comparison would prove nothing");
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].LinkType == actual[i].LinkType, $"frame {i}: link type {actual[i].LinkType}, tcpdump {expected[i].LinkType}");
            Assert.True(expected[i].WireLength == actual[i].WireLength, $"frame {i}: wire length {actual[i].WireLength}, tcpdump {expected[i].WireLength}");
            Assert.True(expected[i].Data.AsSpan().SequenceEqual(actual[i].Data),
                $"frame {i} differs:\n tcpdump  {Convert.ToHexString(expected[i].Data)}\n pcapcore {Convert.ToHexString(actual[i].Data)}");
        }
    }

    private static (List<PcapFileRecords.Record> Tcpdump, List<PcapFileRecords.Record> Ours, CaptureStatistics Statistics, List<(int Index, string Name, LinuxPacketType Direction)> Meta)
        CaptureBoth(NetworkNamespace ns, string device, string expression, Action traffic, DirectionFilter direction = DirectionFilter.InOut, string[]? tcpdumpExtra = null)
    {
        var program = LivePrograms.FromTcpdump(ns, device, expression);
        using var tcpdump = TcpdumpSession.Start(ns, device, expression, tcpdumpExtra ?? []);
        using var ours = CaptureRecorder.Start(ns.Name, device, program, direction);
        traffic();
        Thread.Sleep(500);
        var (records, meta, statistics) = ours.Stop();
        return (tcpdump.StopAndRead(), records, statistics, meta);
    }

    [Fact]
    public void Ethernet_arp_or_icmp_frames_match_tcpdump()
    {
        using var topology = VethTopology.Create();
        var (expected, actual, statistics, _) = CaptureBoth(topology.Right, "eth0", "arp or icmp", () => Ping(topology.Left, VethTopology.RightAddress));
        AssertSameFrames(expected, actual);
        Assert.Contains(actual, r => r.Data[12] == 0x08 && r.Data[13] == 0x06); // the ARP exchange before the first echo
        Assert.Equal(actual.Count, statistics.Captured);
        Assert.True(statistics.ReceivedByFilter >= actual.Count);
    }

    [Fact]
    public void Any_device_frames_are_linux_sll2_records_identical_to_tcpdumps()
    {
        using var topology = VethTopology.Create();
        var (expected, actual, _, meta) = CaptureBoth(topology.Right, "any", "icmp or arp", () => Ping(topology.Left, VethTopology.RightAddress));
        AssertSameFrames(expected, actual);
        Assert.All(actual, r => Assert.Equal(276, r.LinkType));
        Assert.All(meta, m => Assert.Equal("eth0", m.Name));
        Assert.Contains(meta, m => m.Direction == LinuxPacketType.Outgoing);
        Assert.Contains(meta, m => m.Direction == LinuxPacketType.Host);
    }

    [Theory]
    [InlineData("inbound and icmp", DirectionFilter.InOut)]
    [InlineData("outbound and icmp", DirectionFilter.InOut)]
    [InlineData("icmp", DirectionFilter.In)]
    [InlineData("icmp", DirectionFilter.Out)]
    public void Direction_on_any_matches_tcpdump(string expression, DirectionFilter direction)
    {
        using var topology = VethTopology.Create();
        string[] extra = direction switch
        {
            DirectionFilter.In => ["-Q", "in"],
            DirectionFilter.Out => ["-Q", "out"],
            _ => [],
        };
        var (expected, actual, _, meta) = CaptureBoth(topology.Right, "any", expression, () => Ping(topology.Left, VethTopology.RightAddress), direction, extra);
        AssertSameFrames(expected, actual);
        bool wantOutgoing = expression.StartsWith("outbound", StringComparison.Ordinal) || direction == DirectionFilter.Out;
        Assert.All(meta, m => Assert.Equal(wantOutgoing, m.Direction == LinuxPacketType.Outgoing));
    }

    [Fact]
    public void A_cooked_header_test_the_kernel_cannot_run_is_filtered_in_user_space_like_libpcap()
    {
        using var topology = VethTopology.Create();
        const string expression = "link[8:2] = 1 and icmp"; // hatype: not available to a socket filter on -i any
        var program = LivePrograms.FromTcpdump(topology.Right, "any", expression);
        using var tcpdump = TcpdumpSession.Start(topology.Right, "any", expression);
        using var ours = CaptureRecorder.Start(topology.Right.Name, "any", program);
        Assert.True(ours.Capture.FiltersInUserSpace);
        Ping(topology.Left, VethTopology.RightAddress);
        Thread.Sleep(500);
        var (actual, _, _) = ours.Stop();
        AssertSameFrames(tcpdump.StopAndRead(), actual);
    }

    [Theory]
    [InlineData("eth0", 60)]
    [InlineData("any", 60)]
    [InlineData("any", 30)]
    public void Snap_length_truncates_like_tcpdump(string device, int snapLength)
    {
        using var topology = VethTopology.Create();
        string length = snapLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var program = LivePrograms.FromTcpdump(topology.Right, device, "icmp", snapLength);
        // tcpdump without --immediate-mode: libpcap's TPACKET_V2 immediate ring cuts small snapshots 2 bytes short.
        using var tcpdump = TcpdumpSession.Start(topology.Right, device, "icmp", immediate: false, "-s", length);
        using var ours = CaptureRecorder.Start(topology.Right.Name, device, program, snapLength: snapLength);
        Ping(topology.Left, VethTopology.RightAddress);
        Thread.Sleep(1500); // past libpcap's 1 s block timeout, so tcpdump has been handed every packet
        var (actual, _, _) = ours.Stop();
        AssertSameFrames(tcpdump.StopAndRead(), actual);
        Assert.All(actual, r => Assert.Equal(snapLength, r.Data.Length));
    }

    [Fact]
    public void A_filter_that_matches_nothing_delivers_nothing_and_the_statistics_show_it()
    {
        using var topology = VethTopology.Create();
        var (expected, actual, statistics, _) = CaptureBoth(topology.Right, "eth0", "udp port 9", () => Ping(topology.Left, VethTopology.RightAddress));
        Assert.Empty(expected); // the oracle agrees nothing matched
        Assert.Empty(actual);
        Assert.Equal(new CaptureStatistics(0, 0, 0), statistics);
    }

    [Fact]
    public void Vlan_tags_the_kernel_moved_into_metadata_are_filtered_and_reinserted_like_tcpdump()
    {
        using var topology = VethTopology.Create();
        var frames = RawFrameSender.VlanMix(topology);
        var (expected, actual, _, _) = CaptureBoth(topology.Right, "eth0", "vlan 100 and icmp",
            () => RawFrameSender.Send(topology.Left.Name, "eth0", frames));
        AssertSameFrames(expected, actual);
        Assert.Equal(3, actual.Count);
        Assert.All(actual, r => Assert.Equal(frames[0].Length, r.Data.Length));
        Assert.All(actual, r => Assert.Equal([0x81, 0x00, 0x00, 100], r.Data[12..16]));
    }
}
