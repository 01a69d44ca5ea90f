using System.Runtime.InteropServices;

namespace Pcap.Native;

/// <summary><c>struct ethtool_value</c> (8 bytes): a SIOCETHTOOL command and its answer, e.g. ETHTOOL_GLINK.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EthtoolValue
{
    public uint Command;
    public uint Data;
}
