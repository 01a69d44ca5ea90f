using System.Buffers.Binary;
using Pcap.Filter.Bpf;

namespace Pcap.Native;

/// <summary>The socket calls a capture makes, each turning a failure into an actionable <see cref="CaptureException"/>.</summary>
internal static unsafe class PacketSocket
{
    private static readonly BpfInstruction[] RejectAll = [BpfInstruction.Statement(BpfOpcodes.Ret | BpfOpcodes.K, 0)];

    /// <summary>An unprivileged AF_INET datagram socket for interface ioctls (as libpcap uses).</summary>
    public static SafePacketSocketHandle OpenControl()
    {
        const int afInet = 2;
        int descriptor = Interop.Socket(afInet, Interop.SockDgram | Interop.SockCloexec, 0);
        if (descriptor < 0)
            throw SystemErrors.FromLast("opening a control socket", null);
        return SafePacketSocketHandle.FromDescriptor(descriptor);
    }

    /// <summary>
    /// A packet socket that receives nothing yet (protocol 0) so no packet arrives before the filter is in place.
    /// </summary>
    public static SafePacketSocketHandle Open(bool cooked, string device)
    {
        int descriptor = Interop.Socket(Interop.AfPacket, (cooked ? Interop.SockDgram : Interop.SockRaw) | Interop.SockCloexec, 0);
        if (descriptor < 0)
            throw SystemErrors.FromLast("opening a packet socket", device);
        return SafePacketSocketHandle.FromDescriptor(descriptor);
    }

    /// <summary>Sets an int socket option.</summary>
    public static void SetInt(SafePacketSocketHandle socket, int level, int name, int value, string what, string device)
    {
        if (Interop.SetSockOpt(socket, level, name, &value, sizeof(int)) != 0)
            throw SystemErrors.FromLast(what, device);
    }

    /// <summary>Attaches <paramref name="program"/> (SO_ATTACH_FILTER); the kernel validates it.</summary>
    public static void Attach(SafePacketSocketHandle socket, ReadOnlySpan<BpfInstruction> program, string device)
    {
        fixed (BpfInstruction* code = program)
        {
            var fprog = new SockFProg { Length = (ushort)program.Length, Filter = code };
            if (Interop.SetSockOpt(socket, Interop.SolSocket, Interop.SoAttachFilter, &fprog, sizeof(SockFProg)) == 0)
                return;
        }
        var errno = SystemErrors.Last();
        if (errno is Errno.InvalidArgument)
            throw new CaptureException(CaptureError.FilterRejected,
                $"the kernel refused the filter program for '{device}' ({program.Length} instructions): {SystemErrors.Describe(errno)}",
                errno, device);
        throw SystemErrors.From(errno, "attaching the filter (SO_ATTACH_FILTER)", device);
    }

    /// <summary>Attaches a reject-all program so nothing unfiltered is queued while the socket is prepared.</summary>
    public static void AttachRejectAll(SafePacketSocketHandle socket, string device) => Attach(socket, RejectAll, device);

    /// <summary>Reads and discards whatever is already queued on the socket (libpcap's drain before a new filter).</summary>
    public static void Drain(SafePacketSocketHandle socket)
    {
        byte scratch;
        while (Interop.Recv(socket, &scratch, 1, Interop.MsgDontWait | Interop.MsgTrunc) >= 0)
        {
        }
    }

    /// <summary>Binds to <paramref name="interfaceIndex"/> (0 = all) for every protocol, then checks for a pending error such as ENETDOWN.</summary>
    public static void Bind(SafePacketSocketHandle socket, int interfaceIndex, string device)
    {
        var address = new SockAddrLl
        {
            Family = Interop.AfPacket,
            Protocol = BinaryPrimitives.ReverseEndianness(Interop.EthPAll),
            InterfaceIndex = interfaceIndex,
        };
        if (Interop.Bind(socket, &address, sizeof(SockAddrLl)) != 0)
            throw SystemErrors.FromLast("binding to the interface", device);
        int pending = PendingError(socket);
        if (pending != 0)
            throw SystemErrors.From((Errno)pending, "binding to the interface", device);
    }

    /// <summary>The socket's pending error (SO_ERROR), which also clears it.</summary>
    public static int PendingError(SafePacketSocketHandle socket)
    {
        int error = 0;
        int length = sizeof(int);
        return Interop.GetSockOpt(socket, Interop.SolSocket, Interop.SoError, &error, &length) == 0 ? error : 0;
    }

    /// <summary>Turns on promiscuous mode for the socket's lifetime (the kernel undoes it on close).</summary>
    public static void EnablePromiscuous(SafePacketSocketHandle socket, int interfaceIndex, string device)
    {
        var request = new PacketMReq { InterfaceIndex = interfaceIndex, Type = Interop.PacketMrPromisc };
        if (Interop.SetSockOpt(socket, Interop.SolPacket, Interop.PacketAddMembership, &request, sizeof(PacketMReq)) != 0)
            throw SystemErrors.FromLast("enabling promiscuous mode", device);
    }

    /// <summary>Reads and resets the kernel's counters (PACKET_STATISTICS).</summary>
    public static TPacketStatsV3 ReadStatistics(SafePacketSocketHandle socket)
    {
        var stats = new TPacketStatsV3();
        int length = sizeof(TPacketStatsV3);
        if (Interop.GetSockOpt(socket, Interop.SolPacket, Interop.PacketStatistics, &stats, &length) != 0)
            return default;
        return stats;
    }

    /// <summary>The name of interface <paramref name="index"/> in the socket's namespace (SIOCGIFNAME), or its number when it is gone.</summary>
    public static string? NameOf(SafePacketSocketHandle socket, int index)
    {
        var request = new IfReq { Integer = index };
        return Interop.Ioctl(socket, Interop.SiocGIfName, &request) == 0 ? request.NameText : null;
    }

    /// <summary>
    /// Whether <paramref name="device"/> is up (SIOCGIFFLAGS): true or false, or null with <paramref name="error"/>
    /// set when the kernel cannot say (ENODEV or ENXIO: the interface is gone).
    /// </summary>
    public static bool? IsUp(SafePacketSocketHandle socket, string device, out Errno error)
    {
        var request = IfReq.For(device);
        if (Interop.Ioctl(socket, Interop.SiocGIfFlags, &request) != 0)
        {
            error = SystemErrors.Last();
            return null;
        }
        error = 0;
        return (request.Flags & Interop.IffUp) != 0;
    }

    /// <summary>The MTU of <paramref name="device"/>, or 0 when unknown.</summary>
    public static int MtuOf(SafePacketSocketHandle socket, string device)
    {
        var request = IfReq.For(device);
        return Interop.Ioctl(socket, Interop.SiocGIfMtu, &request) == 0 ? request.Integer : 0;
    }
}
