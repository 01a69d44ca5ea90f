namespace Pcap.Native;

internal static partial class Interop
{
    // <linux/if_packet.h>: PACKET_FANOUT's argument is the group id in the low 16 bits, mode and flags in the high 16.
    internal const int PacketFanout = 18;
    internal const int PacketFanoutData = 22;

    internal const int PacketFanoutFlagRollover = 0x1000;
    internal const int PacketFanoutFlagUniqueId = 0x2000;
    internal const int PacketFanoutFlagDefrag = 0x8000;
}
