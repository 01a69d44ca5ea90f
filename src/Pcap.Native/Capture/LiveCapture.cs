using System.Buffers.Binary;
using System.Collections.Concurrent;
using Pcap.Filter;
using Pcap.Filter.Bpf;

namespace Pcap.Native;

/// <summary>Handles one packet in <see cref="LiveCapture.Run"/>; the packet's bytes are valid only during the call.</summary>
public delegate void PacketHandler(in LivePacket packet);

/// <summary>
/// A live capture on one Linux interface or on <c>any</c>: an AF_PACKET socket with the filter running in the kernel
/// and a TPACKET_V3 ring read in place. <see cref="Stop"/> and <see cref="Dispose"/> may be called from any thread.
/// </summary>
/// <example><code>
/// using var capture = LiveCapture.Open("any", new CaptureOptions { Filter = "arp or icmp" });
/// while (capture.TryRead(out var packet))
///     Console.WriteLine($"{packet.InterfaceName} {packet.Direction} {packet.Data.Length} bytes");
/// </code></example>
public sealed unsafe class LiveCapture : IDisposable
{
    private const int CookedHeaderLength = 20;
    private const int VlanTagLength = 4;
    private const int EthernetAddressesLength = 12;

    private readonly SafePacketSocketHandle _socket;
    private readonly PacketRing _ring;
    private readonly int _wakeDescriptor;
    private readonly bool _cooked;
    private bool _networkDown;
    private readonly int _loopbackIndex;
    private readonly DirectionFilter _direction;
    private readonly ConcurrentDictionary<int, string> _names = new();
    private readonly Lock _readGate = new();
    private readonly Lock _statisticsGate = new();
    private readonly Lock _wakeGate = new();
    private BpfFilterFunction? _userFilter;
    private BpfInstruction[]? _pendingKernelProgram;
    private long _captured;
    private long _received;
    private long _dropped;
    private volatile bool _stopped;
    private int _disposed;

    private LiveCapture(CaptureDevice device, SafePacketSocketHandle socket, PacketRing ring, int wakeDescriptor,
        int snapLength, DirectionFilter direction, int loopbackIndex, BpfProgram program)
    {
        Device = device;
        _socket = socket;
        _ring = ring;
        _wakeDescriptor = wakeDescriptor;
        _cooked = device.IsAny || device.LinkType != LinkType.Ethernet;
        SnapLength = snapLength;
        _direction = direction;
        _loopbackIndex = loopbackIndex;
        Program = program;
    }

    /// <summary>The interface captured on.</summary>
    public CaptureDevice Device { get; }

    /// <summary>The link type of delivered frames: Ethernet, or LINUX_SLL2 on <c>any</c>.</summary>
    public LinkType LinkType => _cooked ? LinkType.LinuxSll2 : LinkType.Ethernet;

    /// <summary>The snapshot length in force.</summary>
    public int SnapLength { get; }

    /// <summary>The program the capture filters with, as compiled for <see cref="LinkType"/> (before any cooked rewrite).</summary>
    public BpfProgram Program { get; }

    /// <summary>
    /// True when the filter runs in user space: it reads cooked-header fields the kernel cannot supply, or it is too long
    /// for the kernel, which then runs a prefilter (<see cref="CompileFilter"/>).
    /// </summary>
    public bool FiltersInUserSpace => _userFilter is not null;

    /// <summary>True once <see cref="Stop"/> or <see cref="Dispose"/> was called.</summary>
    public bool IsStopped => _stopped;

    /// <summary>
    /// Opens a capture on <paramref name="device"/> (a name, a <c>pcapcore -D</c> number, or <c>any</c>): the socket
    /// first gets a reject-all filter, then the ring and the binding, then the real filter, so no unfiltered packet is
    /// ever delivered.
    /// </summary>
    /// <exception cref="CaptureException">No permission, no such device, device down, filter refused, ...</exception>
    /// <exception cref="FilterException"><see cref="CaptureOptions.Filter"/> does not compile.</exception>
    public static LiveCapture Open(string device, CaptureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        options ??= new CaptureOptions();
        ThrowIfNegative(options, device);
        return NetworkNamespaceScope.Run(options.NetworkNamespace, () => OpenHere(device, options, attachFilter: true));
    }

    /// <summary>Refuses a negative snap length, buffer size or timeout before any socket opens.</summary>
    internal static void ThrowIfNegative(CaptureOptions options, string device)
    {
        if (options.SnapLength < 0 || options.BufferSize < 0 || options.BufferTimeoutMilliseconds < 0)
            throw new CaptureException(CaptureError.InvalidOptions, "snap length, buffer size and timeout must not be negative", device: device);
    }

    /// <summary>
    /// Opens a capture in the current namespace. Without <paramref name="attachFilter"/> the socket keeps its reject-all
    /// program until <see cref="AttachPendingFilter"/>, so a fanout group can form before any member receives.
    /// </summary>
    internal static LiveCapture OpenHere(string deviceName, CaptureOptions options, bool attachFilter)
    {
        var device = CaptureDevices.ResolveHere(deviceName);
        int snapLength = options.SnapLength is <= 0 or > CaptureOptions.DefaultSnapLength ? CaptureOptions.DefaultSnapLength : options.SnapLength;
        bool cooked = device.IsAny || device.LinkType != LinkType.Ethernet;
        var linkType = cooked ? LinkType.LinuxSll2 : LinkType.Ethernet;
        var placement = options.Program is { } given ? new FilterPlacement(given, null, "the whole filter")
            : string.IsNullOrWhiteSpace(options.Filter)
                ? new FilterPlacement(new BpfProgram([BpfInstruction.Statement(BpfOpcodes.Ret | BpfOpcodes.K, (uint)snapLength)]), null, "the whole filter")
                : CompileFilter(options.Filter, linkType, snapLength, netmask: options.Netmask);
        var program = placement.UserSpace ?? placement.Kernel;

        BpfInstruction[] kernelProgram;
        BpfProgram? userProgram = placement.UserSpace;
        if (!cooked)
        {
            kernelProgram = placement.Kernel.Instructions.ToArray();
        }
        else if (!CookedProgramRewriter.TryRewrite(placement.Kernel.Instructions, out kernelProgram))
        {
            // The program reads cooked-header bytes the kernel cannot supply: filter in user space, as libpcap does.
            kernelProgram = [BpfInstruction.Statement(BpfOpcodes.Ret | BpfOpcodes.K, uint.MaxValue)];
            userProgram = program;
        }

        var socket = PacketSocket.Open(cooked, device.Name);
        PacketRing? ring = null;
        int wake = -1;
        try
        {
            PacketSocket.AttachRejectAll(socket, device.Name);
            int timeout = options.ImmediateMode ? 1 : (options.BufferTimeoutMilliseconds == 0 ? 1000 : options.BufferTimeoutMilliseconds);
            int bufferSize = options.BufferSize == 0 ? CaptureOptions.DefaultBufferSize : options.BufferSize;
            ring = PacketRing.Create(socket, snapLength, bufferSize, timeout, device.Name);
            PacketSocket.Bind(socket, device.Index, device.Name);
            if (options.Promiscuous && !device.IsAny)
                PacketSocket.EnablePromiscuous(socket, device.Index, device.Name);
            PacketSocket.Drain(socket);
            if (attachFilter)
                PacketSocket.Attach(socket, kernelProgram, device.Name);

            wake = Interop.EventFd(0, Interop.EfdCloexec | Interop.EfdNonblock);
            if (wake < 0)
                throw SystemErrors.FromLast("creating the stop event (eventfd)", device.Name);
            int loopback = (int)Interop.IfNameToIndex("lo");
            return new LiveCapture(device, socket, ring, wake, snapLength, options.Direction, loopback, program)
            {
                _userFilter = userProgram is null ? null : BpfJit.Compile(userProgram),
                _pendingKernelProgram = attachFilter ? null : kernelProgram,
            };
        }
        catch
        {
            if (wake >= 0)
                Interop.Close(wake);
            ring?.Dispose();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The capture filter's programs: the whole filter in the kernel when it fits, else a kernel prefilter (compiled for the
    /// socket, with the VLAN tag in metadata) and the whole filter for user space, which sees the frame as delivered,
    /// tag re-inserted, as a capture file holds it. <paramref name="optimize"/> false is tcpdump's <c>-O</c>;
    /// <paramref name="netmask"/> is <see cref="FilterOptions.Netmask"/>.
    /// </summary>
    /// <exception cref="FilterException">The filter does not compile.</exception>
    public static FilterPlacement CompileFilter(string filter, LinkType linkType, int snapLength, bool optimize = true, uint? netmask = null) =>
        FilterCompiler.CompileForKernel(filter, linkType,
            new FilterOptions { SnapLength = snapLength, LinuxVlanAncillaryLoads = true, Optimize = optimize, Netmask = netmask },
            FilterOptions.UserSpace with { SnapLength = snapLength, Optimize = optimize, Netmask = netmask });

    /// <summary>
    /// Waits for the next packet. Returns false when the capture was stopped, or when <paramref name="timeout"/>
    /// (if given) passed first. The packet's bytes stay valid until the next call.
    /// </summary>
    /// <exception cref="CaptureException">The interface disappeared (one that goes down is waited for, as libpcap does).</exception>
    public bool TryRead(out LivePacket packet, TimeSpan? timeout = null)
    {
        lock (_readGate)
        {
            long deadline = timeout is { } t ? Environment.TickCount64 + (long)t.TotalMilliseconds : long.MaxValue;
            while (!_stopped)
            {
                if (TryReadReady(out packet))
                    return true;
                long remaining = deadline == long.MaxValue ? -1 : deadline - Environment.TickCount64;
                if (remaining == 0 || (remaining < 0 && deadline != long.MaxValue))
                    break;
                Wait((int)Math.Min(remaining, int.MaxValue));
            }
            packet = default;
            return false;
        }
    }

    /// <summary>Calls <paramref name="handler"/> for each packet until <see cref="Stop"/>, <paramref name="cancellation"/> or <paramref name="count"/> packets.</summary>
    /// <returns>The number of packets handled.</returns>
    public long Run(PacketHandler handler, long count = long.MaxValue, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        // Only a token that can be cancelled is registered with: the Stop delegate is the one allocation Run makes.
        using var registration = cancellation.CanBeCanceled ? cancellation.Register(Stop) : default;
        long handled = 0;
        while (handled < count)
        {
            // The gate is held through the handler too: Dispose on another thread waits instead of unmapping the ring
            // under a packet being read (a use after unmap kills the process before any cleanup can run). It is taken
            // once per wait, not per packet: every packet already in the ring is handled under the same hold.
            lock (_readGate)
            {
                if (!TryRead(out var packet))
                    break;
                handler(in packet);
                handled++;
                while (handled < count && !_stopped && TryReadReady(out packet))
                {
                    handler(in packet);
                    handled++;
                }
            }
        }
        return handled;
    }

    // The next packet already in the ring (skipping those the direction or a user-space filter rejects), without
    // waiting; the caller holds the read gate.
    private bool TryReadReady(out LivePacket packet)
    {
        while (true)
        {
            var header = _ring.TryNext();
            if (header == null)
            {
                packet = default;
                return false;
            }
            if (TryDeliver(header, out packet))
                return true;
        }
    }

    /// <summary>Runs <see cref="Run"/> on a dedicated thread; the task completes when the capture stops.</summary>
    public Task<long> RunAsync(PacketHandler handler, long count = long.MaxValue, CancellationToken cancellation = default) =>
        Task.Factory.StartNew(() => Run(handler, count, cancellation), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Makes a blocked or future read return false. Safe from any thread, any number of times.</summary>
    public void Stop()
    {
        _stopped = true;
        // Under the gate so the descriptor cannot be closed (and its number reused) between the check and the write.
        lock (_wakeGate)
        {
            if (Volatile.Read(ref _disposed) != 0)
                return;
            ulong one = 1;
            Interop.Write(_wakeDescriptor, &one, sizeof(ulong));
        }
    }

    /// <summary>The counters so far: captured by us, received by the kernel filter, dropped for lack of ring space.</summary>
    public CaptureStatistics Statistics
    {
        get
        {
            lock (_statisticsGate)
            {
                if (Volatile.Read(ref _disposed) == 0)
                {
                    var kernel = PacketSocket.ReadStatistics(_socket);
                    _received += kernel.Packets;
                    _dropped += kernel.Drops;
                }
                return new CaptureStatistics(Interlocked.Read(ref _captured), _received, _dropped);
            }
        }
    }

    /// <summary>
    /// Stops, waits for a read in progress and for a <see cref="Run"/> handler still running to return, then releases the
    /// ring and the socket. A packet returned by <see cref="TryRead"/> must not be used after Dispose.
    /// </summary>
    public void Dispose()
    {
        Stop();
        lock (_readGate)
        {
            lock (_statisticsGate)
            {
                lock (_wakeGate)
                {
                    if (Interlocked.Exchange(ref _disposed, 1) != 0)
                        return;
                }
                var last = PacketSocket.ReadStatistics(_socket);
                _received += last.Packets;
                _dropped += last.Drops;
                _ring.Dispose();
                _socket.Dispose();
                Interop.Close(_wakeDescriptor);
            }
        }
    }

    internal string InterfaceNameOf(int index) =>
        FindInterfaceName((uint)index) ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The name of interface <paramref name="index"/> as the capture's own network namespace knows it (what
    /// <c>if_indextoname</c> gives tcpdump running there), or null when there is no such interface. Looked up once per index.
    /// </summary>
    public string? FindInterfaceName(uint index)
    {
        if (index == (uint)Device.Index && !Device.IsAny)
            return Device.Name;
        if (_names.TryGetValue((int)index, out var known))
            return known;
        lock (_statisticsGate) // keeps the socket open while it is asked
        {
            if (Volatile.Read(ref _disposed) != 0 || PacketSocket.NameOf(_socket, (int)index) is not { } name)
                return null;
            return _names.GetOrAdd((int)index, name);
        }
    }

    // libpcap's pcap_wait_for_frames_mmap: ENETDOWN is no error. The socket stays bound, the kernel resumes delivery when
    // the interface comes back up, and meanwhile the flags are polled every millisecond until it is up or gone.
    private void Wait(int timeoutMilliseconds)
    {
        if (_networkDown && timeoutMilliseconds != 0)
            timeoutMilliseconds = 1;
        var descriptors = stackalloc Interop.PollFd[2];
        descriptors[0] = new Interop.PollFd { Fd = _socket.Descriptor, Events = Interop.PollIn };
        descriptors[1] = new Interop.PollFd { Fd = _wakeDescriptor, Events = Interop.PollIn };
        int ready = Interop.Poll(descriptors, 2, timeoutMilliseconds);
        if (ready < 0)
        {
            var errno = SystemErrors.Last();
            if (errno == Errno.Interrupted)
                return;
            throw SystemErrors.From(errno, "waiting for packets (poll)", Device.Name);
        }
        ThrowIfSocketFailed(descriptors[0].ReturnedEvents);
    }

    /// <summary>
    /// Turns an error that poll reported on the socket into the capture error it means; ENETDOWN is none (libpcap waits
    /// for the interface to come back up), only an interface that is gone.
    /// </summary>
    internal void ThrowIfSocketFailed(short returnedEvents)
    {
        if ((returnedEvents & (Interop.PollErr | Interop.PollHup | Interop.PollNval)) != 0)
        {
            if ((returnedEvents & Interop.PollNval) != 0)
                throw new CaptureException(CaptureError.NoSuchDevice, $"the interface '{Device.Name}' disappeared", Errno.NoSuchDevice, Device.Name);
            int pending = PacketSocket.PendingError(_socket);
            if (pending == (int)Errno.NetworkDown)
                _networkDown = true;
            else if (pending != 0)
                throw SystemErrors.From((Errno)pending, "capturing", Device.Name);
        }
        if (_networkDown)
        {
            bool? up = PacketSocket.IsUp(_socket, Device.Name, out var error);
            if (up is null)
            {
                if (error is Errno.NoSuchDevice or Errno.NoSuchDeviceOrAddress)
                    throw new CaptureException(CaptureError.NoSuchDevice, $"the interface '{Device.Name}' disappeared", error, Device.Name);
                throw SystemErrors.From(error, "reading the interface flags", Device.Name);
            }
            if (up.Value)
                _networkDown = false;
        }
    }

    private bool TryDeliver(TPacket3Hdr* header, out LivePacket packet)
    {
        if (!TryTake(header, out var frame))
        {
            packet = default;
            return false;
        }
        packet = Deliver(in frame);
        return true;
    }

    /// <summary>The socket, for joining a fanout group.</summary>
    internal SafePacketSocketHandle Socket => _socket;

    /// <summary>The stop event's descriptor, for a poll over several captures.</summary>
    internal int WakeDescriptor => _wakeDescriptor;

    /// <summary>Attaches the program held back by <see cref="OpenHere"/>; from then on the socket receives.</summary>
    internal void AttachPendingFilter()
    {
        if (_pendingKernelProgram is { } program)
            PacketSocket.Attach(_socket, program, Device.Name);
        _pendingKernelProgram = null;
    }

    /// <summary>The next frame already in the ring, without waiting and without counting it as captured yet.</summary>
    internal bool TryTakeReady(out RingFrame frame)
    {
        while (true)
        {
            var header = _ring.TryNext();
            if (header == null)
            {
                frame = default;
                return false;
            }
            if (TryTake(header, out frame))
                return true;
        }
    }

    /// <summary>True when the ring holds no packet, taken or not, and the kernel has put none in the block it is filling.</summary>
    internal bool RingIsEmpty => _ring.IsEmpty;

    /// <summary>Hands <paramref name="frame"/> to a reader: from here it counts as captured.</summary>
    internal LivePacket Deliver(scoped in RingFrame frame)
    {
        // Only the one reader (under the read gate) counts; Statistics reads the 64-bit value atomically.
        Volatile.Write(ref _captured, _captured + 1);
        return new LivePacket(this, new ReadOnlySpan<byte>(frame.Data, frame.Captured), frame.WireLength,
            frame.Seconds, frame.Nanoseconds, frame.InterfaceIndex, frame.Direction, frame.StampedInRing);
    }

    private bool TryTake(TPacket3Hdr* header, out RingFrame taken)
    {
        var address = (SockAddrLl*)((byte*)header + PacketRing.AddressOffset);
        var direction = (LinuxPacketType)address->PacketType;
        if (!DirectionAccepts(direction, address->InterfaceIndex))
        {
            taken = default;
            return false;
        }

        byte* frame = (byte*)header + header->MacOffset;
        int captured = (int)header->SnapLength;
        int wire = (int)header->Length;
        if (_cooked)
        {
            frame -= CookedHeaderLength;
            WriteCookedHeader(frame, address);
            captured += CookedHeaderLength;
            wire += CookedHeaderLength;
        }
        else if (HasVlanTag(header) && captured >= EthernetAddressesLength)
        {
            // The kernel took the 802.1Q tag out of the frame; put it back after the MAC addresses, as libpcap does.
            frame -= VlanTagLength;
            Buffer.MemoryCopy(frame + VlanTagLength, frame, EthernetAddressesLength, EthernetAddressesLength);
            ushort tpid = header->VlanTpid != 0 || (header->Status & Interop.TpStatusVlanTpidValid) != 0
                ? header->VlanTpid : Interop.EthP8021Q;
            BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(frame + EthernetAddressesLength, 2), tpid);
            BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(frame + EthernetAddressesLength + 2, 2), (ushort)header->VlanTci);
            captured += VlanTagLength;
            wire += VlanTagLength;
        }
        if (captured > SnapLength)
            captured = SnapLength;
        if (_userFilter is not null)
        {
            uint verdict = _userFilter(new ReadOnlySpan<byte>(frame, captured), (uint)wire);
            if (verdict == 0)
            {
                taken = default;
                return false;
            }
            captured = (int)Math.Min((uint)captured, verdict);
        }

        taken = new RingFrame(frame, captured, wire, header->Seconds, header->Nanoseconds, address->InterfaceIndex, direction,
            stampedInRing: (header->Status & Interop.TpStatusTimestampFromSkb) == 0);
        return true;
    }

    private static bool HasVlanTag(TPacket3Hdr* header) =>
        header->VlanTci != 0 || (header->Status & Interop.TpStatusVlanValid) != 0;

    // libpcap's linux_check_direction: loopback's outgoing copy is dropped (it comes back as incoming), then -Q.
    private bool DirectionAccepts(LinuxPacketType direction, int interfaceIndex)
    {
        if (direction == LinuxPacketType.Outgoing)
            return interfaceIndex != _loopbackIndex && _direction != DirectionFilter.In;
        return _direction != DirectionFilter.Out;
    }

    private static void WriteCookedHeader(byte* header, SockAddrLl* address)
    {
        var span = new Span<byte>(header, CookedHeaderLength);
        // sll_protocol is already in network byte order.
        BinaryPrimitives.WriteUInt16LittleEndian(span, address->Protocol);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], 0);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], address->InterfaceIndex);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], address->HardwareType);
        span[10] = address->PacketType;
        span[11] = address->AddressLength;
        new ReadOnlySpan<byte>(address->Address, 8).CopyTo(span[12..]);
    }
}
