using System.Buffers.Binary;
using Pcap.Filter.Bpf;

namespace Pcap.Native.Tests.Interop;

/// <summary>
/// The kernel is the oracle for our struct layouts: it reports some sizes itself (PACKET_HDRLEN, the length
/// PACKET_STATISTICS writes) and refuses option buffers shorter than its own struct with EINVAL.
/// </summary>
public sealed unsafe class KernelStructLayoutTests
{
    private static SafePacketSocketHandle OpenPacketSocket()
    {
        int descriptor = Pcap.Native.Interop.Socket(Pcap.Native.Interop.AfPacket, Pcap.Native.Interop.SockRaw, 0);
        Assert.True(descriptor >= 0, $"opening an AF_PACKET socket failed ({SystemErrors.Last()}); these tests need root or CAP_NET_RAW");
        return SafePacketSocketHandle.FromDescriptor(descriptor);
    }

    [Fact]
    public void Tpacket3_header_size_is_what_PACKET_HDRLEN_reports()
    {
        using var socket = OpenPacketSocket();
        int value = Pcap.Native.Interop.TPacketV3;
        int length = sizeof(int);
        Assert.Equal(0, Pcap.Native.Interop.GetSockOpt(socket, Pcap.Native.Interop.SolPacket, Pcap.Native.Interop.PacketHdrLen, &value, &length));
        Assert.Equal(value, sizeof(TPacket3Hdr));
    }

    [Fact]
    public void Statistics_v3_size_is_what_the_kernel_writes()
    {
        using var socket = OpenPacketSocket();
        PacketSocket.SetInt(socket, Pcap.Native.Interop.SolPacket, Pcap.Native.Interop.PacketVersion, Pcap.Native.Interop.TPacketV3, "version", "test");
        var buffer = stackalloc byte[64];
        int length = 64;
        Assert.Equal(0, Pcap.Native.Interop.GetSockOpt(socket, Pcap.Native.Interop.SolPacket, Pcap.Native.Interop.PacketStatistics, buffer, &length));
        Assert.Equal(length, sizeof(TPacketStatsV3));
    }

    [Fact]
    public void Sockaddr_ll_is_exactly_as_long_as_bind_requires()
    {
        using var socket = OpenPacketSocket();
        var address = new SockAddrLl { Family = Pcap.Native.Interop.AfPacket, InterfaceIndex = 0 };
        Assert.Equal(-1, Pcap.Native.Interop.Bind(socket, &address, sizeof(SockAddrLl) - 1));
        Assert.Equal(Errno.InvalidArgument, SystemErrors.Last());
        Assert.Equal(0, Pcap.Native.Interop.Bind(socket, &address, sizeof(SockAddrLl)));
    }

    [Fact]
    public void Ring_request_v3_is_exactly_as_long_as_PACKET_RX_RING_requires()
    {
        using var socket = OpenPacketSocket();
        PacketSocket.SetInt(socket, Pcap.Native.Interop.SolPacket, Pcap.Native.Interop.PacketVersion, Pcap.Native.Interop.TPacketV3, "version", "test");
        var request = new TPacketReq3 { BlockSize = 4096, BlockCount = 2, FrameSize = 2048, FrameCount = 4, RetireBlockTimeout = 10 };
        Assert.Equal(-1, Pcap.Native.Interop.SetSockOpt(socket, Pcap.Native.Interop.SolPacket, Pcap.Native.Interop.PacketRxRing, &request, sizeof(TPacketReq3) - 1));
        Assert.Equal(Errno.InvalidArgument, SystemErrors.Last());
        Assert.Equal(0, Pcap.Native.Interop.SetSockOpt(socket, Pcap.Native.Interop.SolPacket, Pcap.Native.Interop.PacketRxRing, &request, sizeof(TPacketReq3)));
    }

    [Fact]
    public void Sock_fprog_is_exactly_the_size_SO_ATTACH_FILTER_requires_and_the_program_round_trips()
    {
        using var socket = OpenPacketSocket();
        BpfInstruction[] program = [BpfInstruction.Statement(BpfOpcodes.Ld | BpfOpcodes.H | BpfOpcodes.Abs, 12), BpfInstruction.Statement(BpfOpcodes.Ret | BpfOpcodes.K, 96)];
        fixed (BpfInstruction* code = program)
        {
            var fprog = new SockFProg { Length = (ushort)program.Length, Filter = code };
            Assert.Equal(-1, Pcap.Native.Interop.SetSockOpt(socket, Pcap.Native.Interop.SolSocket, Pcap.Native.Interop.SoAttachFilter, &fprog, sizeof(SockFProg) - 1));
            Assert.Equal(Errno.InvalidArgument, SystemErrors.Last());
            Assert.Equal(0, Pcap.Native.Interop.SetSockOpt(socket, Pcap.Native.Interop.SolSocket, Pcap.Native.Interop.SoAttachFilter, &fprog, sizeof(SockFProg)));
        }
        // SO_GET_FILTER hands the program back in sock_filter layout: our BpfInstruction must read it unchanged.
        var back = new BpfInstruction[program.Length];
        fixed (BpfInstruction* code = back)
        {
            int count = back.Length;
            Assert.Equal(0, Pcap.Native.Interop.GetSockOpt(socket, Pcap.Native.Interop.SolSocket, Pcap.Native.Interop.SoGetFilter, code, &count));
        }
        Assert.Equal(program, back);
    }

    [Fact]
    public void Packet_mreq_is_exactly_as_long_as_PACKET_ADD_MEMBERSHIP_requires()
    {
        // Promiscuous mode on the loopback of a private namespace, never on the machine's own interfaces.
        using var ns = Pcap.Testing.Namespaces.NetworkNamespace.Create("m");
        using var socket = NetworkNamespaceScope.Run(ns.Name, OpenPacketSocket);
        int loopback = NetworkNamespaceScope.Run(ns.Name, () => (int)Pcap.Native.Interop.IfNameToIndex("lo"));
        var request = new PacketMReq { InterfaceIndex = loopback, Type = Pcap.Native.Interop.PacketMrPromisc };
        Assert.Equal(-1, Pcap.Native.Interop.SetSockOpt(socket, Pcap.Native.Interop.SolPacket, Pcap.Native.Interop.PacketAddMembership, &request, sizeof(PacketMReq) - 1));
        Assert.Equal(Errno.InvalidArgument, SystemErrors.Last());
        int result = Pcap.Native.Interop.SetSockOpt(socket, Pcap.Native.Interop.SolPacket, Pcap.Native.Interop.PacketAddMembership, &request, sizeof(PacketMReq));
        Assert.True(result == 0, $"PACKET_ADD_MEMBERSHIP failed: {SystemErrors.Last()}");
    }

    [Fact]
    public void Ifreq_name_and_union_line_up_with_SIOCGIFINDEX()
    {
        using var socket = PacketSocket.OpenControl();
        var request = IfReq.For("lo");
        const ulong siocGIfIndex = 0x8933;
        Assert.Equal(0, Pcap.Native.Interop.Ioctl(socket, siocGIfIndex, &request));
        Assert.Equal((int)Pcap.Native.Interop.IfNameToIndex("lo"), request.Integer);
        Assert.Equal("lo", PacketSocket.NameOf(socket, request.Integer));
    }

    [Fact]
    public void Block_descriptor_and_packet_header_line_up_with_a_ring_the_kernel_filled()
    {
        // A capture on loopback in a private namespace; one UDP datagram to ourselves fills the first block.
        using var ns = Pcap.Testing.Namespaces.NetworkNamespace.Create("s");
        using var capture = LiveCapture.Open("lo", new CaptureOptions { NetworkNamespace = ns.Name, ImmediateMode = true });
        ns.Exec("ping", "-c", "1", "-W", "1", "127.0.0.1");
        Assert.True(capture.TryRead(out var packet, TimeSpan.FromSeconds(5)), "no packet arrived from the ring");
        // Ethernet header of a loopback frame: zero MACs, then IPv4.
        Assert.Equal(0x0800, BinaryPrimitives.ReadUInt16BigEndian(packet.Data[12..]));
        Assert.Equal(packet.WireLength, packet.Data.Length);
        Assert.InRange(packet.TimestampNanoseconds, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds() * 1_000_000L, long.MaxValue);
    }

    [Fact]
    public void Auxdata_control_message_is_as_long_as_our_struct_and_its_lengths_line_up()
    {
        using var ns = Pcap.Testing.Namespaces.NetworkNamespace.Create("a");
        using var socket = NetworkNamespaceScope.Run(ns.Name, () =>
        {
            var s = OpenPacketSocket();
            PacketSocket.SetInt(s, Pcap.Native.Interop.SolPacket, Pcap.Native.Interop.PacketAuxData, 1, "auxdata", "lo");
            PacketSocket.Bind(s, (int)Pcap.Native.Interop.IfNameToIndex("lo"), "lo");
            return s;
        });
        ns.Exec("ping", "-c", "1", "-W", "1", "127.0.0.1");

        var data = new byte[2048];
        var control = new byte[256];
        fixed (byte* dataBytes = data)
        fixed (byte* controlBytes = control)
        {
            var vector = new Pcap.Native.Interop.IoVec { Base = dataBytes, Length = (nuint)data.Length };
            var message = new Pcap.Native.Interop.MsgHdr { Vectors = &vector, VectorCount = 1, Control = controlBytes, ControlLength = (nuint)control.Length };
            nint received = Pcap.Native.Interop.RecvMsg(socket, &message, Pcap.Native.Interop.MsgDontWait);
            Assert.True(received > 0, $"recvmsg failed: {SystemErrors.Last()}");

            var header = (Pcap.Native.Interop.CmsgHdr*)controlBytes;
            Assert.Equal(Pcap.Native.Interop.SolPacket, header->Level);
            Assert.Equal(Pcap.Native.Interop.PacketAuxData, header->Type);
            // CMSG_LEN(n) = aligned header + n: the kernel sizes it from its own struct tpacket_auxdata.
            Assert.Equal((nuint)(sizeof(Pcap.Native.Interop.CmsgHdr) + sizeof(TPacketAuxData)), header->Length);
            var auxiliary = (TPacketAuxData*)(controlBytes + sizeof(Pcap.Native.Interop.CmsgHdr));
            Assert.Equal((uint)received, auxiliary->Length);
            Assert.Equal((uint)received, auxiliary->SnapLength);
            Assert.Equal(14, auxiliary->NetworkOffset - auxiliary->MacOffset); // Ethernet header on loopback
        }
    }
}
