using System.Runtime.InteropServices;

namespace Pcap.Native;

/// <summary><c>struct tpacket_req3</c> (28 bytes): the shape of a TPACKET_V3 receive ring.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TPacketReq3
{
    public uint BlockSize;
    public uint BlockCount;
    public uint FrameSize;
    public uint FrameCount;
    /// <summary>Milliseconds after which the kernel hands over a block that is not full.</summary>
    public uint RetireBlockTimeout;
    public uint PrivateSize;
    public uint FeatureRequestWord;
}
