using System.Text.RegularExpressions;
using Pcap.Filter;
using Pcap.Filter.Bpf;
using Pcap.Live.Tests.Support;
using Pcap.Native;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests;

/// <summary>
/// A 1,000-host filter compiles into one kernel-attachable program (libpcap's is 5,759 instructions and cannot be
/// attached) and, attached to a live socket in a namespace, delivers exactly the frames from hosts in the set.
/// A 10,000-host filter does not fit the kernel: a prefilter goes there and the whole filter runs in user space, and
/// under a flood it still delivers exactly the frames from hosts in the set.
/// </summary>
public sealed partial class LargeFilterCaptureTests
{
    private const int Hosts = 1000;

    [Fact]
    public async Task A_thousand_host_filter_attaches_and_delivers_exactly_the_frames_from_hosts_in_the_set()
    {
        var random = new Random(20261124);
        var set = new HashSet<string>();
        while (set.Count < Hosts)
            set.Add($"10.{random.Next(1, 100)}.{random.Next(256)}.{random.Next(1, 255)}");
        var members = set.ToArray();
        string expression = string.Join(" or ", members.Select(h => "host " + h));
        var program = FilterCompiler.Compile(expression, LinkType.Ethernet);
        Assert.InRange(program.Length, 1, BpfProgram.MaxInstructions);

        // 40 senders in the set, 40 just outside it (same /8, never in the set).
        var inside = Enumerable.Range(0, 40).Select(_ => members[random.Next(members.Length)]).Distinct().ToList();
        var outside = new List<string>();
        while (outside.Count < 40)
        {
            string candidate = $"10.{random.Next(1, 100)}.{random.Next(256)}.{random.Next(1, 255)}";
            if (!set.Contains(candidate))
                outside.Add(candidate);
        }

        using var topology = VethTopology.Create();
        byte[] leftMac = MacOf(topology.Left), rightMac = MacOf(topology.Right);
        byte[] rightIp = [10, 200, 0, 2];
        var frames = new List<byte[]>();
        ushort sequence = 1;
        foreach (string source in inside.Concat(outside).OrderBy(_ => random.Next()))
            frames.Add(RawFrameSender.IcmpEcho(rightMac, leftMac, null, System.Net.IPAddress.Parse(source).GetAddressBytes(), rightIp, sequence++));

        using var capture = LiveCapture.Open("eth0", new CaptureOptions
        {
            NetworkNamespace = topology.Right.Name, Filter = expression, ImmediateMode = true,
        });
        Assert.False(capture.FiltersInUserSpace, "the 1,000-host program should run in the kernel");
        var received = new List<byte[]>();
        var loop = capture.RunAsync((in LivePacket packet) =>
        {
            lock (received)
                received.Add(packet.Data.ToArray());
        });
        RawFrameSender.Send(topology.Left.Name, "eth0", frames);
        Thread.Sleep(1000);
        capture.Stop();
        await loop.WaitAsync(TimeSpan.FromSeconds(10));

        List<string> sources;
        lock (received)
            sources = received
                .Where(f => f.Length >= 34 && f.AsSpan(6, 6).SequenceEqual(leftMac) && f[12] == 0x08 && f[13] == 0x00)
                .Select(f => new System.Net.IPAddress(f.AsSpan(26, 4)).ToString())
                .ToList();
        Assert.Equal(inside.OrderBy(s => s, StringComparer.Ordinal), sources.OrderBy(s => s, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_ten_thousand_host_filter_splits_between_kernel_and_user_space_and_delivers_exactly_the_matching_frames_of_a_flood()
    {
        var random = new Random(20261203);
        var set = new HashSet<string>();
        while (set.Count < 10 * Hosts)
            set.Add($"10.{random.Next(1, 100)}.{random.Next(256)}.{random.Next(1, 255)}");
        var members = set.ToArray();
        string expression = string.Join(" or ", members.Select(h => "host " + h));

        // 100 frames from hosts in the set; 10,000 from hosts beside them (same /16, so they pass the kernel's
        // prefilter and only the user-space program rejects them); 10,000 from 172.16/16, which the prefilter rejects.
        var sources = new List<(string Source, bool Matches)>();
        for (int i = 0; i < 100; i++)
            sources.Add((members[random.Next(members.Length)], true));
        while (sources.Count < 10_100)
        {
            string candidate = $"10.{random.Next(1, 100)}.{random.Next(256)}.{random.Next(1, 255)}";
            if (!set.Contains(candidate))
                sources.Add((candidate, false));
        }
        for (int i = 0; i < 10_000; i++)
            sources.Add(($"172.16.{random.Next(256)}.{random.Next(1, 255)}", false));
        sources = sources.OrderBy(_ => random.Next()).ToList();

        using var topology = VethTopology.Create();
        byte[] leftMac = MacOf(topology.Left), rightMac = MacOf(topology.Right);
        byte[] rightIp = [10, 200, 0, 2];
        var frames = new List<byte[]>();
        var expected = new List<ushort>();
        for (int i = 0; i < sources.Count; i++)
        {
            ushort sequence = (ushort)(i + 1);
            frames.Add(RawFrameSender.IcmpEcho(rightMac, leftMac, null, System.Net.IPAddress.Parse(sources[i].Source).GetAddressBytes(), rightIp, sequence));
            if (sources[i].Matches)
                expected.Add(sequence);
        }

        using var capture = LiveCapture.Open("eth0", new CaptureOptions
        {
            // Full 1 MiB blocks rather than immediate mode's 1 ms ones: a reader stalled on a busy machine stays 32 blocks
            // (over 200,000 of these frames) behind before the ring drops anything.
            NetworkNamespace = topology.Right.Name, Filter = expression, BufferSize = 32 << 20, BufferTimeoutMilliseconds = 200,
        });
        Assert.True(capture.FiltersInUserSpace, "10,000 hosts do not fit the kernel: the whole filter must run in user space");
        var received = new List<byte[]>();
        var loop = capture.RunAsync((in LivePacket packet) =>
        {
            lock (received)
                received.Add(packet.Data.ToArray());
        });
        RawFrameSender.Send(topology.Left.Name, "eth0", frames, pauseMilliseconds: 2, burst: 50);
        Thread.Sleep(1500);
        capture.Stop();
        await loop.WaitAsync(TimeSpan.FromSeconds(30));
        var statistics = capture.Statistics;

        List<ushort> captured;
        lock (received)
            captured = received
                .Where(f => f.Length >= 42 && f.AsSpan(6, 6).SequenceEqual(leftMac) && f[12] == 0x08 && f[13] == 0x00 && f[23] == 1)
                .Select(f => (ushort)(f[40] << 8 | f[41]))
                .ToList();
        Assert.Equal(0, statistics.DroppedByKernel);
        Assert.Equal(expected.Order(), captured.Order());
        // The kernel's prefilter let the same-/16 frames through and kept the 172.16/16 ones out.
        Assert.InRange(statistics.ReceivedByFilter, 10_100, 10_100 + 100);
    }

    [GeneratedRegex("link/ether ([0-9a-f:]{17})")]
    private static partial Regex EtherAddress();

    private static byte[] MacOf(NetworkNamespace ns) =>
        Convert.FromHexString(EtherAddress().Match(ns.Ip("link", "show", "eth0")).Groups[1].Value.Replace(":", "", StringComparison.Ordinal));
}
