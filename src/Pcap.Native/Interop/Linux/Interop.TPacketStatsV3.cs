using System.Runtime.InteropServices;

namespace Pcap.Native;

/// <summary><c>struct tpacket_stats_v3</c> (12 bytes): counters since the last read; reading resets them.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TPacketStatsV3
{
    /// <summary>Packets that passed the filter (including those dropped).</summary>
    public uint Packets;
    /// <summary>Packets that passed the filter but found no room in the ring.</summary>
    public uint Drops;
    public uint FreezeQueueCount;
}
