namespace Pcap.Native;

/// <summary>The socket calls that make and feed a fanout group (PACKET_FANOUT, PACKET_FANOUT_DATA).</summary>
internal static unsafe class PacketFanout
{
    /// <summary>
    /// Adds a bound socket to a group. With <paramref name="groupId"/> null the kernel picks an unused id
    /// (PACKET_FANOUT_FLAG_UNIQUEID), so we never join another process's group by accident; returns the group's id.
    /// </summary>
    public static int Join(SafePacketSocketHandle socket, int? groupId, FanoutMode mode, bool defrag, bool rollover, string device)
    {
        int typeFlags = (int)mode | (defrag ? Interop.PacketFanoutFlagDefrag : 0) | (rollover ? Interop.PacketFanoutFlagRollover : 0);
        if (groupId is null)
            typeFlags |= Interop.PacketFanoutFlagUniqueId;
        int argument = (groupId ?? 0) | (typeFlags << 16);
        if (Interop.SetSockOpt(socket, Interop.SolPacket, Interop.PacketFanout, &argument, sizeof(int)) != 0)
        {
            var errno = SystemErrors.Last();
            if (errno is Errno.InvalidArgument)
                throw new CaptureException(CaptureError.NotSupported,
                    $"the kernel refused fanout mode {mode}{(defrag ? " with defrag" : "")}{(rollover ? " with rollover" : "")} on '{device}': {SystemErrors.Describe(errno)}",
                    errno, device);
            throw SystemErrors.From(errno, "joining the fanout group (PACKET_FANOUT)", device);
        }
        if (groupId is { } known)
            return known;

        int value = 0;
        int length = sizeof(int);
        if (Interop.GetSockOpt(socket, Interop.SolPacket, Interop.PacketFanout, &value, &length) != 0)
            throw SystemErrors.FromLast("reading the fanout group id (PACKET_FANOUT)", device);
        return value & 0xffff;
    }

    /// <summary>Installs the group's classic BPF selector (PACKET_FANOUT_DATA); the kernel validates it.</summary>
    public static void SetSelector(SafePacketSocketHandle socket, ReadOnlySpan<Pcap.Filter.Bpf.BpfInstruction> program, string device)
    {
        fixed (Pcap.Filter.Bpf.BpfInstruction* code = program)
        {
            var fprog = new SockFProg { Length = (ushort)program.Length, Filter = code };
            if (Interop.SetSockOpt(socket, Interop.SolPacket, Interop.PacketFanoutData, &fprog, sizeof(SockFProg)) == 0)
                return;
        }
        var errno = SystemErrors.Last();
        if (errno is Errno.InvalidArgument)
            throw new CaptureException(CaptureError.FilterRejected,
                $"the kernel refused the fanout selector program for '{device}' ({program.Length} instructions): {SystemErrors.Describe(errno)}",
                errno, device);
        throw SystemErrors.From(errno, "installing the fanout selector (PACKET_FANOUT_DATA)", device);
    }
}
