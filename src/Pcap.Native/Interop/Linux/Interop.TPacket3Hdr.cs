using System.Runtime.InteropServices;

namespace Pcap.Native;

/// <summary><c>struct tpacket3_hdr</c> (48 bytes): the kernel's header in front of each packet in a TPACKET_V3 block.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TPacket3Hdr
{
    /// <summary>Offset from this header to the next one in the block; 0 for the last.</summary>
    public uint NextOffset;
    public uint Seconds;
    public uint Nanoseconds;
    /// <summary>Bytes stored in the ring.</summary>
    public uint SnapLength;
    /// <summary>Bytes on the wire.</summary>
    public uint Length;
    public uint Status;
    /// <summary>Offset from this header to the link-layer header (the frame).</summary>
    public ushort MacOffset;
    /// <summary>Offset from this header to the network header.</summary>
    public ushort NetworkOffset;
    // tpacket_hdr_variant1
    public uint RxHash;
    public uint VlanTci;
    public ushort VlanTpid;
    public ushort VariantPadding;
    public fixed byte Padding[8];
}
