namespace Pcap.Filter.Bpf;

/// <summary>
/// The socket-buffer metadata a Linux packet socket exposes to a filter through ancillary loads
/// (<c>SKF_AD_OFF + n</c>, see <see cref="BpfAncillary"/>). Give it to
/// <see cref="BpfInterpreter.Run(ReadOnlySpan{BpfInstruction}, ReadOnlySpan{byte}, uint, in BpfAuxiliaryData)"/>
/// to run a program written for the kernel (for example <c>vlan</c> or <c>inbound</c> on a live socket) in user space.
/// All values are in host order, as the kernel hands them to the filter.
/// </summary>
public readonly record struct BpfAuxiliaryData
{
    /// <summary>The link-layer protocol in host order (<c>ntohs(skb-&gt;protocol)</c>, e.g. 0x0800), <c>SKF_AD_PROTOCOL</c>.</summary>
    public ushort Protocol { get; init; }

    /// <summary>The packet type (0 host, 1 broadcast, 2 multicast, 3 other host, 4 outgoing), <c>SKF_AD_PKTTYPE</c>.</summary>
    public byte PacketType { get; init; }

    /// <summary>The index of the interface the packet was seen on, <c>SKF_AD_IFINDEX</c>.</summary>
    public uint InterfaceIndex { get; init; }

    /// <summary>The packet mark (<c>skb-&gt;mark</c>), <c>SKF_AD_MARK</c>.</summary>
    public uint Mark { get; init; }

    /// <summary>The queue mapping, <c>SKF_AD_QUEUE</c>.</summary>
    public ushort Queue { get; init; }

    /// <summary>The device's ARPHRD_* hardware type (1 for Ethernet, 772 for loopback), <c>SKF_AD_HATYPE</c>.</summary>
    public ushort HardwareType { get; init; }

    /// <summary>The flow hash, <c>SKF_AD_RXHASH</c>.</summary>
    public uint ReceiveHash { get; init; }

    /// <summary>The CPU that runs the filter, <c>SKF_AD_CPU</c>.</summary>
    public uint Cpu { get; init; }

    /// <summary>The VLAN TCI the kernel moved out of the frame, <c>SKF_AD_VLAN_TAG</c>.</summary>
    public ushort VlanTag { get; init; }

    /// <summary>Whether a VLAN tag is in the metadata, <c>SKF_AD_VLAN_TAG_PRESENT</c>.</summary>
    public bool VlanTagPresent { get; init; }

    /// <summary>The VLAN tag protocol identifier in host order (0x8100, 0x88a8), <c>SKF_AD_VLAN_TPID</c>.</summary>
    public ushort VlanTpid { get; init; }

    /// <summary>The offset of the transport payload, <c>SKF_AD_PAY_OFFSET</c>.</summary>
    public uint PayloadOffset { get; init; }

    /// <summary>The value an <c>SKF_AD_RANDOM</c> load returns (the kernel draws one per load; a caller fixes it).</summary>
    public uint Random { get; init; }

    /// <summary>
    /// Where the network header starts in the packet, used by loads relative to <see cref="BpfAncillary.NetworkOffset"/>
    /// (<c>SKF_NET_OFF</c>); null means unknown, and such loads reject the packet.
    /// </summary>
    public uint? NetworkHeaderOffset { get; init; }
}
