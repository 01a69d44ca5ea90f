using System.Runtime.InteropServices;

namespace Pcap.Native;

/// <summary><c>struct packet_mreq</c> (16 bytes): a membership such as promiscuous mode, dropped when the socket closes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PacketMReq
{
    public int InterfaceIndex;
    public ushort Type;
    public ushort AddressLength;
    public fixed byte Address[8];
}
