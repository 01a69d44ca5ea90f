using System.Runtime.InteropServices;

namespace Pcap.Native;

/// <summary>
/// <c>struct tpacket_auxdata</c> (20 bytes): the per-packet metadata of <c>PACKET_AUXDATA</c>, including the VLAN tag
/// the kernel took out of the frame. The ring carries the same fields in <see cref="TPacket3Hdr"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TPacketAuxData
{
    public uint Status;
    public uint Length;
    public uint SnapLength;
    public ushort MacOffset;
    public ushort NetworkOffset;
    public ushort VlanTci;
    public ushort VlanTpid;
}
