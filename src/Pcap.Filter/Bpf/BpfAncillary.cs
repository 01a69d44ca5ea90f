namespace Pcap.Filter.Bpf;

/// <summary>
/// Linux ancillary data offsets (<c>SKF_AD_*</c> in <c>linux/filter.h</c>). A load from
/// <c>SKF_AD_OFF + n</c> on a live socket reads socket-buffer metadata instead of packet bytes,
/// such as the VLAN tag the kernel moved out of the frame or the packet's direction.
/// </summary>
public static class BpfAncillary
{
    /// <summary>The base offset of ancillary loads, <c>SKF_AD_OFF</c> (-0x1000 as an unsigned 32-bit value).</summary>
    public const uint Offset = 0xfffff000;

    /// <summary>Offset of the network header, <c>SKF_NET_OFF</c> (-0x100000).</summary>
    public const uint NetworkOffset = 0xfff00000;

    /// <summary>Offset of the link-layer header, <c>SKF_LL_OFF</c> (-0x200000).</summary>
    public const uint LinkLayerOffset = 0xffe00000;

    /// <summary>The link-layer protocol (<c>skb-&gt;protocol</c>), <c>SKF_AD_PROTOCOL</c>.</summary>
    public const uint Protocol = 0;
    /// <summary>The packet type (host, broadcast, multicast, other host, outgoing), <c>SKF_AD_PKTTYPE</c>.</summary>
    public const uint PacketType = 4;
    /// <summary>The interface index, <c>SKF_AD_IFINDEX</c>.</summary>
    public const uint InterfaceIndex = 8;
    /// <summary>Netlink attribute lookup, <c>SKF_AD_NLATTR</c>.</summary>
    public const uint NetlinkAttribute = 12;
    /// <summary>Nested netlink attribute lookup, <c>SKF_AD_NLATTR_NEST</c>.</summary>
    public const uint NetlinkAttributeNested = 16;
    /// <summary>The packet mark, <c>SKF_AD_MARK</c>.</summary>
    public const uint Mark = 20;
    /// <summary>The receive queue, <c>SKF_AD_QUEUE</c>.</summary>
    public const uint Queue = 24;
    /// <summary>The device's hardware type (ARPHRD_*), <c>SKF_AD_HATYPE</c>.</summary>
    public const uint HardwareType = 28;
    /// <summary>The receive hash, <c>SKF_AD_RXHASH</c>.</summary>
    public const uint ReceiveHash = 32;
    /// <summary>The CPU number, <c>SKF_AD_CPU</c>.</summary>
    public const uint Cpu = 36;
    /// <summary>A ^= X, <c>SKF_AD_ALU_XOR_X</c>.</summary>
    public const uint AluXorX = 40;
    /// <summary>The VLAN TCI the kernel moved into metadata, <c>SKF_AD_VLAN_TAG</c>.</summary>
    public const uint VlanTag = 44;
    /// <summary>1 when a VLAN tag is in metadata, <c>SKF_AD_VLAN_TAG_PRESENT</c>.</summary>
    public const uint VlanTagPresent = 48;
    /// <summary>The payload offset, <c>SKF_AD_PAY_OFFSET</c>.</summary>
    public const uint PayloadOffset = 52;
    /// <summary>A random number, <c>SKF_AD_RANDOM</c>.</summary>
    public const uint Random = 56;
    /// <summary>The VLAN tag protocol identifier, <c>SKF_AD_VLAN_TPID</c>.</summary>
    public const uint VlanTpid = 60;
    /// <summary>One past the last ancillary offset, <c>SKF_AD_MAX</c>.</summary>
    public const uint Max = 64;
}
