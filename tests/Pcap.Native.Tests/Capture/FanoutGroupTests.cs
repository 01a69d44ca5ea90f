using Pcap.Testing.Allocation;
using Pcap.Testing.Namespaces;

namespace Pcap.Native.Tests.Capture;

/// <summary>
/// Fanout groups on a veth in private namespaces, counted against the sender: every flood segment carries its
/// sequence number, so a capture is checked packet by packet for loss and duplication.
/// </summary>
public sealed class FanoutGroupTests
{
    private const int Flows = 64;
    private const int AllocationWindow = 500;

    private static CaptureOptions On(VethTopology topology, string filter) => new()
    {
        NetworkNamespace = topology.Right.Name,
        Filter = filter,
        BufferSize = 8 << 20,
        BufferTimeoutMilliseconds = 20,
    };

    /// <summary>What a group's handlers saw: per worker, how often each sequence number and each flow arrived.</summary>
    private sealed class Tally
    {
        public Tally(int workers, int count)
        {
            Sequences = new int[workers][];
            FlowPackets = new int[workers][];
            for (int w = 0; w < workers; w++)
            {
                Sequences[w] = new int[count];
                FlowPackets[w] = new int[Flows];
            }
            Allocation = new QuietestWindow[workers];
            for (int w = 0; w < workers; w++)
                Allocation[w] = new QuietestWindow(AllocationWindow);
        }

        public int[][] Sequences { get; }
        public int[][] FlowPackets { get; }

        /// <summary>Per worker, read on its own thread: what its handler allocated in its quietest window of packets.</summary>
        public QuietestWindow[] Allocation { get; }

        public long[] Handled => Allocation.Select(a => a.Items).ToArray();

        public PacketHandler For(int worker) => (in LivePacket packet) =>
        {
            if (SequencedTcpFlood.TryRead(packet.Data, out int sequence, out int flow))
            {
                if (sequence >= 0)
                    Sequences[worker][sequence]++;
                FlowPackets[worker][flow % Flows]++;
            }
            Allocation[worker].Count();
        };

        public int SequencesSeen => Sequences.Sum(s => s.Count(c => c > 0));

        public List<string> SequenceProblems()
        {
            var problems = new List<string>();
            for (int sequence = 0; sequence < Sequences[0].Length && problems.Count < 10; sequence++)
            {
                int total = Sequences.Sum(s => s[sequence]);
                if (total != 1)
                    problems.Add($"segment {sequence} captured {total} times");
            }
            return problems;
        }
    }

    private static void WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
            Thread.Sleep(20);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Hash_mode_captures_every_segment_exactly_once_and_keeps_each_tcp_flow_on_one_worker(int workers)
    {
        const int count = 20_000;
        using var topology = VethTopology.Create();
        var frames = SequencedTcpFlood.Build(topology, count, Flows);
        // "tcp" also takes the right end's resets, the other direction of each flow.
        using var group = FanoutGroup.Open(VethTopology.InterfaceName, new FanoutOptions { Workers = workers, Mode = FanoutMode.Hash }, On(topology, "tcp"));
        var tally = new Tally(workers, count);
        var run = group.RunAsync(tally.For);

        int sent = SequencedTcpFlood.Send(topology, frames);
        WaitUntil(() => tally.SequencesSeen >= count, TimeSpan.FromSeconds(20));
        Thread.Sleep(200); // a duplicate would arrive now
        group.Stop();
        long[] handled = await run.WaitAsync(TimeSpan.FromSeconds(10));

        var statistics = group.Statistics;
        Assert.Equal(count, sent);
        Assert.True(statistics.DroppedByKernel == 0, $"the rings dropped {statistics.DroppedByKernel} packets");
        var problems = tally.SequenceProblems();
        Assert.True(problems.Count == 0, $"{string.Join("; ", problems)}; receiver: {topology.Right.Ip("-s", "link", "show", "eth0")}");
        for (int flow = 0; flow < Flows; flow++)
        {
            var owners = Enumerable.Range(0, workers).Where(w => tally.FlowPackets[w][flow] > 0).ToList();
            Assert.True(owners.Count == 1, $"flow {flow} was seen by workers {string.Join(",", owners)}");
        }
        for (int w = 0; w < workers; w++)
        {
            Assert.True(tally.FlowPackets[w].Any(c => c > 0), $"hash mode gave worker {w} none of the {Flows} flows");
            Assert.Equal(handled[w], group.Workers[w].Statistics.Captured);
        }
        Assert.Equal(handled.Sum(), statistics.Captured);
        // The resets answer the segments, so each flow has packets both ways on its one worker.
        Assert.True(tally.FlowPackets.Sum(f => f.Sum()) > count, "the right end's resets were not captured");

        for (int w = 0; w < workers; w++)
        {
            var allocation = tally.Allocation[w];
            Assert.True(allocation.Windows >= 2, $"worker {w} handled only {allocation.Items} packets, too few to measure allocation");
            Assert.True(allocation.Bytes == 0,
                $"worker {w} allocated {allocation.Bytes} bytes over {AllocationWindow} packets read from its ring in its quietest window");
        }
    }

    [Fact]
    public async Task Reading_the_workers_in_time_order_is_complete_ordered_and_allocation_free()
    {
        const int count = 20_000;
        using var topology = VethTopology.Create();
        var frames = SequencedTcpFlood.Build(topology, count, Flows);
        using var group = FanoutGroup.Open(VethTopology.InterfaceName, new FanoutOptions { Workers = 2 }, On(topology, "tcp and src host 10.200.0.1"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var registration = timeout.Token.Register(group.Stop);
        var sender = Task.Run(() => SequencedTcpFlood.Send(topology, frames));

        var seen = new int[count];
        var fromWorker = new int[2];
        long previous = long.MinValue, outOfOrder = 0;
        var allocation = new QuietestWindow(AllocationWindow);
        int read = 0;
        while (read < count && group.TryReadInTimeOrder(out var packet, out int worker))
        {
            allocation.Count();
            if (packet.TimestampNanoseconds < previous)
                outOfOrder++;
            previous = packet.TimestampNanoseconds;
            if (SequencedTcpFlood.TryRead(packet.Data, out int sequence, out _) && sequence >= 0)
                seen[sequence]++;
            fromWorker[worker]++;
            read++;
        }
        Assert.Equal(count, await sender.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.True(read == count, $"read {read} of {count}; {group.Statistics}; per worker {string.Join(", ", group.WorkerStatistics)}; receiver: {topology.Right.Ip("-s", "link", "show", "eth0")}");
        Assert.True(seen.All(c => c == 1), $"{seen.Count(c => c == 0)} segments missing, {seen.Count(c => c > 1)} duplicated");
        Assert.True(fromWorker.All(c => c > 0), $"per worker: {string.Join(",", fromWorker)}");
        Assert.Equal(0, outOfOrder);
        // Read per window like the Tally's workers, so the runtime's one-off allocations cannot fail it.
        Assert.True(allocation.Bytes == 0, $"reading {AllocationWindow} packets in time order allocated {allocation.Bytes} bytes in the quietest window");
        Assert.Equal(count, group.Statistics.Captured);
    }

    [Fact]
    public async Task Stopping_mid_flood_hands_out_every_packet_the_statistics_count_as_captured()
    {
        const int count = 400_000;
        using var topology = VethTopology.Create();
        var frames = SequencedTcpFlood.Build(topology, count, Flows);
        using var group = FanoutGroup.Open(VethTopology.InterfaceName, new FanoutOptions { Workers = 2 }, On(topology, "tcp and src host 10.200.0.1"));
        var tally = new Tally(2, count);
        var run = group.RunAsync(tally.For);
        using var stopSender = new CancellationTokenSource();
        var sender = Task.Run(() => SequencedTcpFlood.Send(topology, frames, cancellation: stopSender.Token));

        WaitUntil(() => tally.Handled.Sum() > 5_000, TimeSpan.FromSeconds(20));
        group.Stop(); // mid-flood: the sender is still going
        long[] handled = await run.WaitAsync(TimeSpan.FromSeconds(10));
        int sent = await sender.WaitAsync(TimeSpan.FromSeconds(60));
        stopSender.Cancel();

        Assert.True(handled.Sum() > 5_000, $"only {handled.Sum()} packets before the stop");
        Assert.True(sent > handled.Sum(), $"the flood ended ({sent} sent) before the stop; nothing was stopped mid-flood");
        var statistics = group.Statistics;
        Assert.Equal(handled.Sum(), statistics.Captured);
        for (int w = 0; w < 2; w++)
            Assert.Equal(handled[w], group.Workers[w].Statistics.Captured);
        Assert.True(statistics.ReceivedByFilter >= statistics.Captured, $"{statistics}");
        Assert.True(tally.Sequences.SelectMany(s => s).All(c => c <= 1), "a segment was handed out twice");
        Assert.Equal(handled.Sum(), tally.Sequences.Sum(s => s.Count(c => c > 0)));
    }

    // One flow puts every packet on one worker while the other shows nothing. The merge used to hold the busy worker's
    // head (and so its ring block) for the whole reorder window (1.51 s at the default block timeout), and the ring,
    // far smaller than 1.51 s of the flood, filled behind it: most of the flood was dropped, though one socket drops none.
    [Fact]
    public async Task One_flow_through_the_time_order_merge_is_captured_whole_while_the_other_worker_is_idle()
    {
        const int count = 40_000;
        using var topology = VethTopology.Create();
        var frames = SequencedTcpFlood.Build(topology, count, flows: 1);
        // The defaults: a 1000 ms block timeout, so the window is 1.51 s, and a 2 MiB ring, which holds ~13,800 of these
        // frames (about a third of the flood, sent in ~0.7 s).
        var options = new CaptureOptions { NetworkNamespace = topology.Right.Name, Filter = "tcp and src host 10.200.0.1" };
        using var group = FanoutGroup.Open(VethTopology.InterfaceName, new FanoutOptions { Workers = 2, Mode = FanoutMode.Hash }, options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sender = Task.Run(() => SequencedTcpFlood.Send(topology, frames, burst: 64));

        var seen = new int[count];
        long previous = long.MinValue, outOfOrder = 0;
        long read = group.RunInTimeOrder((in LivePacket packet) =>
        {
            if (packet.TimestampNanoseconds < previous)
                outOfOrder++;
            previous = packet.TimestampNanoseconds;
            if (SequencedTcpFlood.TryRead(packet.Data, out int sequence, out _) && sequence >= 0)
                seen[sequence]++;
        }, count, timeout.Token);
        Assert.Equal(count, await sender.WaitAsync(TimeSpan.FromSeconds(30)));

        var statistics = group.Statistics;
        Assert.True(statistics.DroppedByKernel == 0 && read == count,
            $"read {read} of {count}; {statistics}; per worker {string.Join(", ", group.WorkerStatistics)}");
        Assert.True(group.WorkerStatistics.Count(w => w.Captured > 0) == 1, $"one flow was split over the workers: {string.Join(", ", group.WorkerStatistics)}");
        Assert.True(seen.All(c => c == 1), $"{seen.Count(c => c == 0)} segments missing, {seen.Count(c => c > 1)} duplicated");
        Assert.Equal(0, outOfOrder);
        Assert.Equal(count, statistics.Captured);
    }

    // While the other worker was empty the merge still held each packet 5 ms, in case an older one stamped on its way in
    // was still on its way. The kernel stamps a packet only after it has reserved its room unless a stamp came with it, so
    // then no ring found empty afterwards can take an older one. trafgen sends its 20,000 packets a second in bursts of
    // ~100,000/s, and 5 ms of a burst filled the ring behind the held packet: at -B 2048 one flow lost 17,000-33,000 of
    // 80,000 where one socket lost 0-2,100. Those drops need a burst faster than a loaded machine's reader keeps up
    // with, so this checks the hold itself: with it, no packet could be handed out younger than 5 ms.
    // Needs a host on which no socket asks for software time stamps: eng/test.sh runs it after the other suites (their
    // pings and chronyd do ask).
    [Trait("Host", "NoTimestamping")]
    [Fact]
    public async Task One_flow_through_the_time_order_merge_is_not_held_back_while_the_other_worker_is_empty()
    {
        const int count = 4_000;
        const long slack = 5_000_000;
        using var topology = VethTopology.Create();
        var frames = SequencedTcpFlood.Build(topology, count, flows: 1, payloadLength: 1400);
        // 8 MiB: 16 blocks of 512 KiB, room for ~5,400 of these frames, so a round cannot drop even if the reader stalls.
        var options = new CaptureOptions { NetworkNamespace = topology.Right.Name, Filter = "tcp and src host 10.200.0.1", BufferSize = 8 << 20 };
        using var group = FanoutGroup.Open(VethTopology.InterfaceName, new FanoutOptions { Workers = 2, Mode = FanoutMode.Hash }, options);

        long stampedInRing = 0, young = 0, outOfOrder = 0, previous = long.MinValue;
        var ages = new long[8];
        int rounds = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        // While some socket on the host asks for software stamps (a ping), the kernel stamps every packet on its way in and
        // the 5 ms hold stays for those: flood again until a flood's worth came stamped in the ring.
        while (stampedInRing < count && (rounds == 0 || DateTime.UtcNow < deadline))
        {
            rounds++;
            var seen = new int[count];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var sender = Task.Run(() => SequencedTcpFlood.Send(topology, frames, burst: 64));
            long read = group.RunInTimeOrder((in LivePacket packet) =>
            {
                long age = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100 - packet.TimestampNanoseconds;
                if (packet.StampedInRing)
                {
                    stampedInRing++;
                    if (age < slack)
                        young++;
                    ages[Math.Clamp(age / 1_000_000, 0, ages.Length - 1)]++;
                }
                if (packet.TimestampNanoseconds < previous)
                    outOfOrder++;
                previous = packet.TimestampNanoseconds;
                if (SequencedTcpFlood.TryRead(packet.Data, out int sequence, out _) && sequence >= 0)
                    seen[sequence]++;
            }, count, timeout.Token);
            Assert.Equal(count, await sender.WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.True(read == count && group.Statistics.DroppedByKernel == 0,
                $"round {rounds}: read {read} of {count}; {group.Statistics}; per worker {string.Join(", ", group.WorkerStatistics)}");
            Assert.True(seen.All(c => c == 1), $"round {rounds}: {seen.Count(c => c == 0)} segments missing, {seen.Count(c => c > 1)} duplicated");
        }

        Assert.True(group.WorkerStatistics.Count(w => w.Captured > 0) == 1, $"one flow was split over the workers: {string.Join(", ", group.WorkerStatistics)}");
        Assert.Equal(0, outOfOrder);
        Assert.True(stampedInRing > 0, $"in {rounds} floods over 15 s every packet came stamped on its way in: some socket on the host keeps asking for software time stamps (SO_TIMESTAMP, e.g. a ping)");
        // Handed out on the reader's first look they are all younger; a loaded machine wakes the reader late, so only a few are asked for.
        Assert.True(young * 100 >= stampedInRing,
            $"{young} of {stampedInRing} packets stamped in their ring were handed out younger than 5 ms; by age in ms (last: 7 and more): {string.Join(" ", ages)}");
    }

    // A worker that trickles (a packet now and then in the block its kernel is filling) used to hold the other workers for
    // the block timeout: the merge cannot know the trickled packet's time stamp until the kernel hands its block over, at
    // most 1 s later at the default timeout, and every packet of the busy worker waits for it. A time-ordered group gives
    // its rings 10 ms blocks instead. Here a packet goes to the quiet worker before each burst to the busy one, so with 1 s
    // blocks each burst waits 0-1 s (~90% of the flood more than 100 ms); with 10 ms blocks none should.
    [Trait("Host", "NoTimestamping")]
    [Fact]
    public async Task A_trickling_worker_holds_the_busy_one_for_its_short_block_timeout_not_a_second()
    {
        const int bursts = 8, burstLength = 300;
        const long late = 100_000_000;
        using var topology = VethTopology.Create();
        // Flow 0 (even sequence numbers) is the flood, flow 1 (odd) the trickle; the selector puts them on workers 0 and 1.
        var frames = SequencedTcpFlood.Build(topology, 2 * bursts * burstLength, flows: 2);
        var fanout = new FanoutOptions
        {
            Workers = 2,
            Mode = FanoutMode.Bpf,
            Selectors = [$"tcp src port {SequencedTcpFlood.FirstSourcePort}", "tcp"],
            TimeOrdered = true,
        };
        var options = new CaptureOptions { NetworkNamespace = topology.Right.Name, Filter = "tcp and src host 10.200.0.1", BufferSize = 8 << 20 };
        using var group = FanoutGroup.Open(VethTopology.InterfaceName, fanout, options);
        Assert.True(group.ReorderWindow < TimeSpan.FromMilliseconds(100), $"reorder window {group.ReorderWindow}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var sender = Task.Run(() =>
        {
            int sent = 0;
            for (int b = 0; b < bursts; b++)
            {
                sent += SequencedTcpFlood.Send(topology, [frames[2 * b * burstLength + 1]]);
                var burst = Enumerable.Range(b * burstLength, burstLength).Select(i => frames[2 * i]).ToArray();
                sent += SequencedTcpFlood.Send(topology, burst, burst: 64);
                Thread.Sleep(250);
            }
            return sent;
        });

        long flood = 0, lateFlood = 0, outOfOrder = 0, previous = long.MinValue;
        var ages = new long[11];
        var seen = new int[frames.Length];
        long read = group.RunInTimeOrder((in LivePacket packet) =>
        {
            long age = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100 - packet.TimestampNanoseconds;
            if (packet.TimestampNanoseconds < previous)
                outOfOrder++;
            previous = packet.TimestampNanoseconds;
            if (SequencedTcpFlood.TryRead(packet.Data, out int sequence, out int flow) && sequence >= 0)
            {
                seen[sequence]++;
                if (flow == 0)
                {
                    flood++;
                    if (age > late)
                        lateFlood++;
                    ages[Math.Clamp(age / 100_000_000, 0, ages.Length - 1)]++;
                }
            }
        }, bursts * (burstLength + 1), timeout.Token);
        Assert.Equal(bursts * (burstLength + 1), await sender.WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.True(read == bursts * (burstLength + 1) && group.Statistics.DroppedByKernel == 0,
            $"read {read} of {bursts * (burstLength + 1)}; {group.Statistics}; per worker {string.Join(", ", group.WorkerStatistics)}");
        Assert.Equal(bursts * burstLength, group.WorkerStatistics[0].Captured);
        Assert.Equal(bursts, group.WorkerStatistics[1].Captured);
        Assert.Equal(0, outOfOrder);
        Assert.Equal(bursts * (burstLength + 1), seen.Count(c => c == 1));
        // A loaded machine wakes the reader late now and then, so a few late packets are allowed; a held burst is all late.
        Assert.True(lateFlood * 4 < flood,
            $"{lateFlood} of {flood} flood packets were handed out more than 100 ms after their time stamp; by age in 100 ms steps (last: 1 s and more): {string.Join(" ", ages)}");
    }

    [Theory]
    [InlineData(FanoutMode.LoadBalance, false, false)]
    [InlineData(FanoutMode.Cpu, false, false)]
    [InlineData(FanoutMode.Random, false, false)]
    [InlineData(FanoutMode.Rollover, false, false)]
    [InlineData(FanoutMode.QueueMapping, false, false)]
    [InlineData(FanoutMode.Hash, true, true)]
    public async Task Every_mode_and_flag_captures_each_segment_exactly_once(FanoutMode mode, bool defrag, bool rollover)
    {
        const int count = 3_000;
        using var topology = VethTopology.Create();
        var frames = SequencedTcpFlood.Build(topology, count, Flows);
        using var group = FanoutGroup.Open(VethTopology.InterfaceName,
            new FanoutOptions { Workers = 2, Mode = mode, Defrag = defrag, Rollover = rollover }, On(topology, "tcp"));
        var tally = new Tally(2, count);
        var run = group.RunAsync(tally.For);
        SequencedTcpFlood.Send(topology, frames);
        WaitUntil(() => tally.SequencesSeen >= count, TimeSpan.FromSeconds(20));
        Thread.Sleep(100);
        group.Stop();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        var problems = tally.SequenceProblems();
        Assert.True(problems.Count == 0, string.Join("; ", problems));
        // Round robin counts the resets sent from here too: segment and reset alternate, so spread is judged on both.
        if (mode is FanoutMode.LoadBalance or FanoutMode.Random)
            Assert.True(tally.Handled.All(h => h > count / 2), $"{mode} spread {string.Join(",", tally.Handled)}");
    }

    [Fact]
    public async Task A_bpf_selector_compiled_from_expressions_sends_each_direction_to_its_worker()
    {
        const int count = 2_000;
        using var topology = VethTopology.Create();
        var frames = SequencedTcpFlood.Build(topology, count, Flows);
        // Worker 0: what the left end sends (received here); worker 1 (the rest): the resets sent from here.
        using var group = FanoutGroup.Open(VethTopology.InterfaceName,
            new FanoutOptions { Workers = 2, Mode = FanoutMode.Bpf, Selectors = ["src host 10.200.0.1 and tcp dst port 5001"] }, On(topology, "tcp"));
        var tally = new Tally(2, count);
        var run = group.RunAsync(tally.For);
        SequencedTcpFlood.Send(topology, frames);
        WaitUntil(() => tally.SequencesSeen >= count && tally.Handled[1] >= count, TimeSpan.FromSeconds(20));
        group.Stop();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(count, tally.Sequences[0].Count(c => c == 1));
        Assert.Equal(0, tally.Sequences[1].Count(c => c > 0));
        Assert.True(tally.Handled[1] >= count, $"worker 1 saw {tally.Handled[1]} resets for {count} segments");
    }

    [Fact]
    public async Task Two_groups_on_one_device_each_see_every_segment()
    {
        const int count = 2_000;
        using var topology = VethTopology.Create();
        var frames = SequencedTcpFlood.Build(topology, count, Flows);
        using var first = FanoutGroup.Open(VethTopology.InterfaceName, new FanoutOptions { Workers = 2 }, On(topology, "tcp and src host 10.200.0.1"));
        using var second = FanoutGroup.Open(VethTopology.InterfaceName, new FanoutOptions { Workers = 2 }, On(topology, "tcp and src host 10.200.0.1"));
        Assert.NotEqual(first.GroupId, second.GroupId);
        var tallies = new[] { new Tally(2, count), new Tally(2, count) };
        var runs = new[] { first.RunAsync(tallies[0].For), second.RunAsync(tallies[1].For) };
        SequencedTcpFlood.Send(topology, frames);
        WaitUntil(() => tallies.All(t => t.SequencesSeen >= count), TimeSpan.FromSeconds(20));
        first.Stop();
        second.Stop();
        await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var tally in tallies)
            Assert.Empty(tally.SequenceProblems());
    }

    [Theory]
    [InlineData(0, FanoutMode.Hash, false, "a fanout group has 1 to 256 workers, not 0")]
    [InlineData(2, FanoutMode.Rollover, true, "the rollover flag cannot be combined with rollover mode (the kernel refuses it)")]
    [InlineData(2, FanoutMode.Bpf, false, "BPF fanout mode needs selector expressions or a selector program")]
    public void Inconsistent_options_are_refused_before_any_socket_opens(int workers, FanoutMode mode, bool rollover, string message)
    {
        var error = Assert.Throws<CaptureException>(() =>
            FanoutGroup.Open("lo", new FanoutOptions { Workers = workers, Mode = mode, Rollover = rollover }));
        Assert.Equal(CaptureError.InvalidOptions, error.Error);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(-1, 0, 0)]
    [InlineData(0, -1, 0)]
    [InlineData(0, 0, -1)]
    public void Negative_sizes_and_timeouts_are_refused_before_any_socket_opens(int snapLength, int bufferSize, int timeout)
    {
        var error = Assert.Throws<CaptureException>(() => FanoutGroup.Open("lo", new FanoutOptions(),
            new CaptureOptions
            {
                SnapLength = snapLength, BufferSize = bufferSize, BufferTimeoutMilliseconds = timeout,
                NetworkNamespace = "pc-absent-" + Environment.ProcessId, // an Open that got past the check fails on this instead
            }));
        Assert.Equal(CaptureError.InvalidOptions, error.Error);
        Assert.Equal("snap length, buffer size and timeout must not be negative", error.Message);
    }
}
