using System.Runtime.ExceptionServices;
using Pcap.Filter;

namespace Pcap.Native;

/// <summary>
/// Several workers capturing one device together through a PACKET_FANOUT group: each worker is a
/// <see cref="LiveCapture"/> with its own socket, TPACKET_V3 ring and kernel filter, and the kernel gives each packet
/// to exactly one of them. Read the workers in parallel with <see cref="Run"/> (a thread and a handler per worker),
/// or as one stream in time-stamp order with <see cref="TryReadInTimeOrder"/>.
/// </summary>
/// <example><code>
/// using var group = FanoutGroup.Open("eth0", new FanoutOptions { Workers = 4, Mode = FanoutMode.Hash },
///     new CaptureOptions { Filter = "tcp", BufferSize = 64 &lt;&lt; 20 });
/// var bytes = new long[4];
/// group.Run(worker => (in LivePacket p) => bytes[worker] += p.Data.Length);  // until Stop()
/// </code></example>
public sealed class FanoutGroup : IDisposable
{
    private readonly LiveCapture[] _workers;
    private readonly TimeOrderedMerge _merge;
    private readonly Lock _readGate = new();
    private volatile bool _stopped;
    private int _disposed;

    private FanoutGroup(LiveCapture[] workers, int groupId, FanoutOptions fanout, long reorderWindowNanoseconds)
    {
        _workers = workers;
        GroupId = groupId;
        Fanout = fanout;
        _merge = new TimeOrderedMerge(workers, reorderWindowNanoseconds, this);
    }

    /// <summary>The workers, in the order the kernel numbers them (a selector's return value names one of these).</summary>
    public IReadOnlyList<LiveCapture> Workers => _workers;

    /// <summary>The kernel's id of the group (unique in the device's network namespace while the group lives).</summary>
    public int GroupId { get; }

    /// <summary>The fanout settings in force.</summary>
    public FanoutOptions Fanout { get; }

    /// <summary>The device captured on.</summary>
    public CaptureDevice Device => _workers[0].Device;

    /// <summary>The link type of every worker's frames.</summary>
    public LinkType LinkType => _workers[0].LinkType;

    /// <summary>The snapshot length in force.</summary>
    public int SnapLength => _workers[0].SnapLength;

    /// <summary>True once <see cref="Stop"/> or <see cref="Dispose"/> was called.</summary>
    public bool IsStopped => _stopped;

    /// <summary>
    /// How long <see cref="TryReadInTimeOrder"/> holds a packet back waiting for an older one from a worker whose ring
    /// has not handed over its block yet: the block timeout plus half of it (at least 20 ms) plus 10 ms; 1.51 s at the
    /// default 1000 ms, 40 ms in a <see cref="FanoutOptions.TimeOrdered"/> group.
    /// </summary>
    public TimeSpan ReorderWindow => TimeSpan.FromTicks(_merge.WindowNanoseconds / 100);

    /// <summary>
    /// Opens <see cref="FanoutOptions.Workers"/> captures of <paramref name="device"/> with the same
    /// <paramref name="options"/> (filter, snap length, buffer size per worker, ...) and joins them in one group. Every
    /// socket keeps a reject-all filter until all have joined, then each gets the real filter.
    /// </summary>
    /// <exception cref="CaptureException">No permission, no such device, mode or flags refused, selector refused, ...</exception>
    /// <exception cref="FilterException">The capture filter or a selector expression does not compile.</exception>
    public static FanoutGroup Open(string device, FanoutOptions fanout, CaptureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(fanout);
        options ??= new CaptureOptions();
        Validate(device, fanout);
        LiveCapture.ThrowIfNegative(options, device);
        return NetworkNamespaceScope.Run(options.NetworkNamespace, () => OpenHere(device, fanout, options));
    }

    private static void Validate(string device, FanoutOptions fanout)
    {
        string? problem = null;
        if (fanout.Workers is < 1 or > FanoutOptions.MaxWorkers)
            problem = $"a fanout group has 1 to {FanoutOptions.MaxWorkers} workers, not {fanout.Workers}";
        else if (!Enum.IsDefined(fanout.Mode))
            problem = $"unknown fanout mode {(int)fanout.Mode}";
        else if (fanout.Rollover && fanout.Mode == FanoutMode.Rollover)
            problem = "the rollover flag cannot be combined with rollover mode (the kernel refuses it)";
        else if (fanout.Mode == FanoutMode.Bpf && fanout.Selectors is null && fanout.SelectorProgram is null)
            problem = "BPF fanout mode needs selector expressions or a selector program";
        else if (fanout.Mode != FanoutMode.Bpf && (fanout.Selectors is not null || fanout.SelectorProgram is not null))
            problem = $"a selector only applies to BPF fanout mode, not {fanout.Mode}";
        if (problem is not null)
            throw new CaptureException(CaptureError.InvalidOptions, problem, device: device);
    }

    private static FanoutGroup OpenHere(string device, FanoutOptions fanout, CaptureOptions options)
    {
        int timeout = options.ImmediateMode ? 1 : (options.BufferTimeoutMilliseconds == 0 ? 1000 : options.BufferTimeoutMilliseconds);
        // A merged group retires blocks early: the merge waits for a ring's open block, so its timeout bounds the wait.
        if (fanout.TimeOrdered && timeout > FanoutOptions.TimeOrderedBlockTimeoutMilliseconds)
        {
            timeout = FanoutOptions.TimeOrderedBlockTimeoutMilliseconds;
            options = options with { BufferTimeoutMilliseconds = timeout };
        }
        var workers = new List<LiveCapture>(fanout.Workers);
        try
        {
            int? groupId = null;
            for (int i = 0; i < fanout.Workers; i++)
            {
                var worker = LiveCapture.OpenHere(device, options, attachFilter: false);
                workers.Add(worker);
                groupId = PacketFanout.Join(worker.Socket, groupId, fanout.Mode, fanout.Defrag, fanout.Rollover, worker.Device.Name);
                if (i == 0 && fanout.Mode == FanoutMode.Bpf)
                    PacketFanout.SetSelector(worker.Socket, Selector(fanout, worker).Instructions, worker.Device.Name);
            }
            // The capture starts here: every member is in the group, so each packet now reaches exactly one filter.
            foreach (var worker in workers)
                worker.AttachPendingFilter();
            // The kernel retires a block up to a timer tick after its timeout (a jiffy is up to 10 ms), later when its timer
            // softirq runs late on a loaded machine: half the timeout but at least 20 ms of slack for that, plus 10 ms.
            long window = (timeout + Math.Max(timeout / 2, 20) + 10) * 1_000_000L;
            return new FanoutGroup(workers.ToArray(), groupId!.Value, fanout, window);
        }
        catch
        {
            foreach (var worker in workers)
                worker.Dispose();
            throw;
        }
    }

    private static Pcap.Filter.Bpf.BpfProgram Selector(FanoutOptions fanout, LiveCapture first)
    {
        if (fanout.SelectorProgram is { } program)
            return program;
        if (first.LinkType != LinkType.Ethernet)
            throw new CaptureException(CaptureError.NotSupported,
                $"a fanout selector expression needs an Ethernet device; '{first.Device.Name}' delivers {first.LinkType}", device: first.Device.Name);
        return FanoutSelectorCompiler.Compile(fanout.Selectors!, fanout.Workers, first.SnapLength, first.Device.Name);
    }

    /// <summary>
    /// Runs every worker on a thread of its own, calling <paramref name="handlerForWorker"/>(i)'s handler for each of
    /// worker i's packets (a span into its ring, valid during the call), until <see cref="Stop"/>,
    /// <paramref name="cancellation"/> or an error. An error on one worker stops all of them and is rethrown here once
    /// every worker has returned.
    /// </summary>
    /// <returns>The number of packets each worker handled.</returns>
    public long[] Run(Func<int, PacketHandler> handlerForWorker, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(handlerForWorker);
        var handlers = new PacketHandler[_workers.Length];
        for (int i = 0; i < handlers.Length; i++)
            handlers[i] = handlerForWorker(i);
        using var registration = cancellation.Register(Stop);
        var handled = new long[_workers.Length];
        Exception? failure = null;
        var threads = new Thread[_workers.Length];
        for (int i = 0; i < threads.Length; i++)
        {
            int worker = i;
            threads[i] = new Thread(() =>
            {
                try
                {
                    handled[worker] = _workers[worker].Run(handlers[worker]);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                    Stop();
                }
            })
            {
                IsBackground = true,
                Name = $"fanout worker {worker}",
            };
        }
        foreach (var thread in threads)
            thread.Start();
        foreach (var thread in threads)
            thread.Join();
        if (failure is not null)
            ExceptionDispatchInfo.Throw(failure);
        return handled;
    }

    /// <summary>Runs <see cref="Run"/> in the background; the task completes when every worker has stopped.</summary>
    public Task<long[]> RunAsync(Func<int, PacketHandler> handlerForWorker, CancellationToken cancellation = default) =>
        Task.Factory.StartNew(() => Run(handlerForWorker, cancellation), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// The next packet of the whole group in time-stamp order, read in place from the worker's ring (no copy). A packet
    /// is handed out once every worker has an older-or-equal one waiting, or once it is older than
    /// <see cref="ReorderWindow"/>, after which no ring can still produce an earlier one, or, when each worker that shows
    /// nothing has nothing in the block its kernel is filling either, at once (5 ms old for a packet whose software or
    /// hardware stamp was taken on its way in, before the kernel put it in the ring). Returns false once stopped
    /// (after the packets already taken from the rings). The packet stays valid until the next call; one reader at a time.
    /// Open the group with <see cref="FanoutOptions.TimeOrdered"/>: with the default 1000 ms blocks a worker that gets a
    /// packet now and then holds every other worker's packets for up to a second.
    /// </summary>
    /// <param name="packet">The packet.</param>
    /// <param name="worker">The index of the worker that captured it.</param>
    /// <exception cref="CaptureException">The interface went down or disappeared.</exception>
    public bool TryReadInTimeOrder(out LivePacket packet, out int worker)
    {
        lock (_readGate)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                packet = default;
                worker = -1;
                return false;
            }
            return _merge.TryRead(out packet, out worker);
        }
    }

    /// <summary>Calls <paramref name="handler"/> for each packet in time-stamp order (see <see cref="TryReadInTimeOrder"/>) until stopped or <paramref name="count"/> packets.</summary>
    /// <returns>The number of packets handled.</returns>
    public long RunInTimeOrder(PacketHandler handler, long count = long.MaxValue, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        using var registration = cancellation.CanBeCanceled ? cancellation.Register(Stop) : default;
        long handled = 0;
        while (handled < count)
        {
            // Held through the handler so Dispose on another thread cannot unmap a ring under the packet; taken once per
            // wait, not per packet: every packet the merge can hand out at once is handled under the same hold.
            lock (_readGate)
            {
                if (!TryReadInTimeOrder(out var packet, out _))
                    break;
                handler(in packet);
                handled++;
                while (handled < count && _merge.TryReadReady(out packet, out _))
                {
                    handler(in packet);
                    handled++;
                }
            }
        }
        return handled;
    }

    /// <summary>Stops every worker; blocked reads return. Safe from any thread, any number of times.</summary>
    public void Stop()
    {
        _stopped = true;
        foreach (var worker in _workers)
            worker.Stop();
    }

    /// <summary>Totals over the workers: captured (handed to a reader), received by the kernel filters, dropped for lack of ring space.</summary>
    public CaptureStatistics Statistics
    {
        get
        {
            long captured = 0, received = 0, dropped = 0;
            foreach (var worker in _workers)
            {
                var s = worker.Statistics;
                captured += s.Captured;
                received += s.ReceivedByFilter;
                dropped += s.DroppedByKernel;
            }
            return new CaptureStatistics(captured, received, dropped);
        }
    }

    /// <summary>Each worker's counters, in worker order.</summary>
    public IReadOnlyList<CaptureStatistics> WorkerStatistics => _workers.Select(w => w.Statistics).ToArray();

    /// <summary>Stops, waits for a time-ordered read in progress, then closes every worker (which leaves the group).</summary>
    public void Dispose()
    {
        Stop();
        lock (_readGate)
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
        }
        foreach (var worker in _workers)
            worker.Dispose();
    }
}
