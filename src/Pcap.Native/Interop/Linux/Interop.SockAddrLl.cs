using System.Runtime.InteropServices;

namespace Pcap.Native;

/// <summary><c>struct sockaddr_ll</c> (20 bytes): a link-layer address for binding a packet socket.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SockAddrLl
{
    public ushort Family;
    /// <summary>The protocol in network byte order (<c>htons(ETH_P_ALL)</c>).</summary>
    public ushort Protocol;
    public int InterfaceIndex;
    public ushort HardwareType;
    public byte PacketType;
    public byte AddressLength;
    public fixed byte Address[8];
}
