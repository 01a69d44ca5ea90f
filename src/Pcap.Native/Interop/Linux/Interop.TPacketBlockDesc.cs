using System.Runtime.InteropServices;

namespace Pcap.Native;

/// <summary><c>struct tpacket_block_desc</c> with its <c>tpacket_hdr_v1</c> (48 bytes): the header of one ring block.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TPacketBlockDesc
{
    public uint Version;
    public uint OffsetToPrivate;
    /// <summary><c>TP_STATUS_KERNEL</c> while the kernel fills the block, <c>TP_STATUS_USER</c> once it is ours.</summary>
    public uint BlockStatus;
    public uint PacketCount;
    public uint OffsetToFirstPacket;
    public uint BlockLength;
    public ulong SequenceNumber;
    public uint FirstPacketSeconds;
    public uint FirstPacketNanoseconds;
    public uint LastPacketSeconds;
    public uint LastPacketNanoseconds;
}
