namespace Pcap.Native;

internal static partial class Interop
{
    // <sys/socket.h>, <linux/if_ether.h>
    internal const int AfPacket = 17;
    internal const int SockRaw = 3;
    internal const int SockDgram = 2;
    internal const int SockCloexec = 0x80000;
    internal const ushort EthPAll = 0x0003;
    internal const ushort EthP8021Q = 0x8100;

    // SOL_SOCKET options
    internal const int SolSocket = 1;
    internal const int SoError = 4;
    internal const int SoAttachFilter = 26;
    internal const int SoDetachFilter = 27;
    internal const int SoGetFilter = SoAttachFilter;

    // <linux/if_packet.h>
    internal const int SolPacket = 263;
    internal const int PacketAddMembership = 1;
    internal const int PacketRxRing = 5;
    internal const int PacketStatistics = 6;
    internal const int PacketAuxData = 8;
    internal const int PacketVersion = 10;
    internal const int PacketHdrLen = 11;
    internal const int PacketReserve = 12;
    internal const ushort PacketMrPromisc = 1;
    internal const int TPacketV3 = 2;

    internal const uint TpStatusKernel = 0;
    internal const uint TpStatusUser = 1;
    internal const uint TpStatusVlanValid = 0x10;
    internal const uint TpStatusVlanTpidValid = 0x40;
    // TP_STATUS_TS_SOFTWARE | TP_STATUS_TS_SYS_HARDWARE | TP_STATUS_TS_RAW_HARDWARE: the stamp came with the skb.
    internal const uint TpStatusTimestampFromSkb = 0xE000_0000;

    /// <summary><c>TPACKET_ALIGNMENT</c>: frames and headers in the ring start on 16-byte boundaries.</summary>
    internal const int TPacketAlignment = 16;

    // <linux/if.h> interface flags
    internal const int IffUp = 0x1;
    internal const int IffLoopback = 0x8;
    internal const int IffRunning = 0x40;

    // <linux/if_arp.h> hardware types
    internal const ushort ArphrdEther = 1;
    internal const ushort ArphrdLoopback = 772;

    // <linux/ethtool.h>
    internal const uint EthtoolGLink = 0x0000000a;
}
