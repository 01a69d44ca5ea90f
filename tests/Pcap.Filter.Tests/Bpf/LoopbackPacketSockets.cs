using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Pcap.Filter.Bpf;
using Pcap.Testing;

namespace Pcap.Filter.Tests.Bpf;

/// <summary>
/// The kernel as the oracle for ancillary loads: packet sockets on the loopback of a network namespace this test
/// creates (pc-bpf-*, deleted afterwards). Frames sent there come back as an outgoing and an incoming copy, the
/// incoming one with any 802.1Q tag moved into metadata, exactly the case a live capture filter sees.
/// </summary>
internal static unsafe partial class LoopbackPacketSockets
{
    private const int AfPacket = 17, SockRaw = 3, SolPacket = 263, PacketAuxData = 8, SolSocket = 1, SoAttachFilter = 26;
    private const int CloneNewNet = 0x40000000, MsgDontWait = 0x40;
    private const ushort EthPAll = 0x0003;
    public const uint StatusVlanValid = 0x10, StatusVlanTpidValid = 0x40;

    /// <summary>What the kernel reported about one received frame, and the frame.</summary>
    public sealed record Received(byte[] Frame, byte PacketType, int InterfaceIndex, ushort HardwareType, ushort Protocol,
        uint Status, ushort VlanTci, ushort VlanTpid, ushort NetworkOffset);

    [StructLayout(LayoutKind.Sequential)]
    private struct SockaddrLl
    {
        public ushort Family;
        public ushort Protocol; // network order
        public int InterfaceIndex;
        public ushort HardwareType;
        public byte PacketType;
        public byte AddressLength;
        public fixed byte Address[8];
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public void* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVector* Vectors;
        public nuint VectorCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SocketFilterProgram
    {
        public ushort Length;
        public BpfInstruction* Filter;
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNamespace(int descriptor, int type);
    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);
    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int Bind(int socket, SockaddrLl* address, uint length);
    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSocketOption(int socket, int level, int name, void* value, uint length);
    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    private static partial nint SendTo(int socket, byte* buffer, nuint length, int flags, SockaddrLl* address, uint addressLength);
    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static partial nint ReceiveMessage(int socket, MessageHeader* message, int flags);
    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);

    /// <summary>
    /// In a fresh namespace: sends <paramref name="frames"/> on lo, and returns what an unfiltered socket received
    /// (with metadata) and, per program, the lengths a socket filtered by that program received.
    /// </summary>
    public static (List<Received> Seen, List<int>[] FilteredLengths) Exchange(byte[][] frames, BpfInstruction[][] programs)
    {
        var name = "pc-bpf-" + Guid.NewGuid().ToString("N")[..8];
        Check(ExternalTool.Run("ip", ["netns", "add", name]), "ip netns add");
        try
        {
            Check(ExternalTool.Run("ip", ["-n", name, "link", "set", "lo", "up"]), "ip link set lo up");
            (List<Received>, List<int>[])? result = null;
            Exception? failure = null;
            // setns changes only the calling thread, so the whole exchange runs on a thread of its own.
            var thread = new Thread(() =>
            {
                try
                {
                    result = ExchangeInNamespace(name, frames, programs);
                }
                catch (Exception e)
                {
                    failure = e;
                }
            });
            thread.Start();
            thread.Join();
            if (failure is not null)
                throw new InvalidOperationException("The loopback exchange failed: " + failure.Message, failure);
            return result!.Value;
        }
        finally
        {
            ExternalTool.Run("ip", ["netns", "del", name]);
        }
    }

    private static (List<Received>, List<int>[]) ExchangeInNamespace(string name, byte[][] frames, BpfInstruction[][] programs)
    {
        using (var handle = File.OpenHandle("/run/netns/" + name))
            if (SetNamespace((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                throw new InvalidOperationException($"setns failed with errno {Marshal.GetLastPInvokeError()} (needs root)");
        var sockets = new List<int>();
        try
        {
            var monitor = Open(sockets);
            int on = 1;
            if (SetSocketOption(monitor, SolPacket, PacketAuxData, &on, sizeof(int)) != 0)
                throw new InvalidOperationException($"PACKET_AUXDATA failed with errno {Marshal.GetLastPInvokeError()}");
            var filtered = new int[programs.Length];
            for (var i = 0; i < programs.Length; i++)
            {
                filtered[i] = Open(sockets);
                fixed (BpfInstruction* code = programs[i])
                {
                    var fprog = new SocketFilterProgram { Length = (ushort)programs[i].Length, Filter = code };
                    if (SetSocketOption(filtered[i], SolSocket, SoAttachFilter, &fprog, (uint)sizeof(SocketFilterProgram)) != 0)
                        throw new InvalidOperationException($"the kernel refused program {i} (errno {Marshal.GetLastPInvokeError()})");
                }
            }
            var sender = Open(sockets);
            foreach (var frame in frames)
            {
                var to = new SockaddrLl
                {
                    Family = AfPacket, Protocol = BinaryPrimitives.ReverseEndianness(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12))),
                    InterfaceIndex = 1, AddressLength = 6,
                };
                for (var b = 0; b < 6; b++)
                    to.Address[b] = frame[b];
                fixed (byte* bytes = frame)
                    if (SendTo(sender, bytes, (nuint)frame.Length, 0, &to, (uint)sizeof(SockaddrLl)) != frame.Length)
                        throw new InvalidOperationException($"sendto failed with errno {Marshal.GetLastPInvokeError()}");
            }
            Thread.Sleep(200);
            var seen = new List<Received>();
            while (TryReceive(monitor, out var received))
                seen.Add(received!);
            var lengths = new List<int>[programs.Length];
            for (var i = 0; i < programs.Length; i++)
            {
                lengths[i] = [];
                while (TryReceive(filtered[i], out var received))
                    lengths[i].Add(received!.Frame.Length);
            }
            return (seen, lengths);
        }
        finally
        {
            foreach (var socket in sockets)
                Close(socket);
        }
    }

    private static int Open(List<int> sockets)
    {
        var socket = Socket(AfPacket, SockRaw, BinaryPrimitives.ReverseEndianness(EthPAll));
        if (socket < 0)
            throw new InvalidOperationException($"socket(AF_PACKET) failed with errno {Marshal.GetLastPInvokeError()} (needs root)");
        sockets.Add(socket);
        var address = new SockaddrLl { Family = AfPacket, Protocol = BinaryPrimitives.ReverseEndianness(EthPAll), InterfaceIndex = 1 };
        if (Bind(socket, &address, (uint)sizeof(SockaddrLl)) != 0)
            throw new InvalidOperationException($"bind to lo failed with errno {Marshal.GetLastPInvokeError()}");
        return socket;
    }

    private static bool TryReceive(int socket, out Received? received)
    {
        var buffer = stackalloc byte[2048];
        var control = stackalloc byte[128];
        SockaddrLl from;
        var vector = new IoVector { Base = buffer, Length = 2048 };
        var message = new MessageHeader
        {
            Name = &from, NameLength = (uint)sizeof(SockaddrLl), Vectors = &vector, VectorCount = 1,
            Control = control, ControlLength = 128,
        };
        var length = ReceiveMessage(socket, &message, MsgDontWait);
        if (length < 0)
        {
            received = null;
            return false;
        }
        uint status = 0;
        ushort tci = 0, tpid = 0, network = 0;
        // One cmsghdr { size_t len; int level; int type; } then struct tpacket_auxdata.
        if (message.ControlLength >= 16 + 20 && *(int*)(control + 8) == SolPacket && *(int*)(control + 12) == PacketAuxData)
        {
            var auxiliary = new ReadOnlySpan<byte>(control + 16, 20);
            status = BinaryPrimitives.ReadUInt32LittleEndian(auxiliary);
            network = BinaryPrimitives.ReadUInt16LittleEndian(auxiliary[14..]);
            tci = BinaryPrimitives.ReadUInt16LittleEndian(auxiliary[16..]);
            tpid = BinaryPrimitives.ReadUInt16LittleEndian(auxiliary[18..]);
        }
        received = new Received(new ReadOnlySpan<byte>(buffer, (int)length).ToArray(), from.PacketType, from.InterfaceIndex,
            from.HardwareType, BinaryPrimitives.ReverseEndianness(from.Protocol), status, tci, tpid, network);
        return true;
    }

    private static void Check(ExternalTool.Result result, string what)
    {
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{what} failed: {result.StandardError}");
    }
}
