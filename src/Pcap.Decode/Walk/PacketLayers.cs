using Pcap.Decode.Application;
using Pcap.Decode.Link;
using Pcap.Decode.Network;
using Pcap.Decode.Transport;

namespace Pcap.Decode.Walk;

/// <summary>
/// The layers <see cref="LayerWalker.Walk"/> found in one packet, and typed access to each through its view. Valid
/// until the walker's next walk. The <c>TryGet…</c> methods read the first layer of that kind (or the
/// <c>occurrence</c>-th, for stacked VLAN tags and IPv6 extension headers); a view sees its layer's bytes up to the
/// end of the enclosing datagram, so link padding never shows up as payload.
/// </summary>
public readonly ref struct PacketLayers
{
    private readonly ReadOnlySpan<Layer> _layers;
    private readonly ReadOnlySpan<int> _ends;

    internal PacketLayers(ReadOnlySpan<byte> packet, ReadOnlySpan<Layer> layers, ReadOnlySpan<int> ends,
        ApplicationProtocol application, DecodeError error)
    {
        Packet = packet;
        _layers = layers;
        _ends = ends;
        Application = application;
        Error = error;
    }

    /// <summary>The packet as walked.</summary>
    public ReadOnlySpan<byte> Packet { get; }

    /// <summary>The layers in order, outermost first.</summary>
    public ReadOnlySpan<Layer> Layers => _layers;

    /// <summary>The number of layers found.</summary>
    public int Count => _layers.Length;

    /// <summary>The port-selected application protocol of the <see cref="LayerKind.Application"/> layer, or None.</summary>
    public ApplicationProtocol Application { get; }

    /// <summary>Why the walk stopped before the end (a layer too short or invalid), or a default value when it did not.</summary>
    public DecodeError Error { get; }

    /// <summary>The innermost layer found (default when none).</summary>
    public Layer Last => _layers.Length == 0 ? default : _layers[^1];

    /// <summary>True when a layer of <paramref name="kind"/> was found.</summary>
    public bool Contains(LayerKind kind) => IndexOf(kind, 0) >= 0;

    /// <summary>The <paramref name="occurrence"/>-th layer of <paramref name="kind"/> (0 is the first).</summary>
    public bool TryGet(LayerKind kind, out Layer layer, int occurrence = 0)
    {
        int index = IndexOf(kind, occurrence);
        layer = index >= 0 ? _layers[index] : default;
        return index >= 0;
    }

    /// <summary>The bytes a layer's view reads: from its start to the end of its enclosing datagram.</summary>
    public ReadOnlySpan<byte> BytesOf(int index) => Packet[_layers[index].Offset.._ends[index]];

    /// <summary>The application payload (empty when no application layer was selected).</summary>
    public ReadOnlySpan<byte> ApplicationPayload => Find(LayerKind.Application, 0);

    /// <summary>Reads the Ethernet header.</summary>
    public bool TryGetEthernet(out EthernetHeader header) => EthernetHeader.TryRead(Find(LayerKind.Ethernet, 0), out header, out _);

    /// <summary>Reads a VLAN tag (0 is the outermost).</summary>
    public bool TryGetVlan(out VlanTag tag, int occurrence = 0) => VlanTag.TryRead(Find(LayerKind.Vlan, occurrence), out tag, out _);

    /// <summary>Reads the Linux cooked v1 header.</summary>
    public bool TryGetLinuxSll(out LinuxSllHeader header) => LinuxSllHeader.TryRead(Find(LayerKind.LinuxSll, 0), out header, out _);

    /// <summary>Reads the Linux cooked v2 header.</summary>
    public bool TryGetLinuxSll2(out LinuxSll2Header header) => LinuxSll2Header.TryRead(Find(LayerKind.LinuxSll2, 0), out header, out _);

    /// <summary>Reads the NULL/LOOP family word (<paramref name="networkOrder"/> is true for LOOP).</summary>
    public bool TryGetNull(bool networkOrder, out NullHeader header) => NullHeader.TryRead(Find(LayerKind.Null, 0), networkOrder, out header, out _);

    /// <summary>Reads the LLC header.</summary>
    public bool TryGetLlc(out LlcHeader header) => LlcHeader.TryRead(Find(LayerKind.Llc, 0), out header, out _);

    /// <summary>Reads the SNAP header.</summary>
    public bool TryGetSnap(out SnapHeader header) => SnapHeader.TryRead(Find(LayerKind.Snap, 0), out header, out _);

    /// <summary>Reads the ARP packet.</summary>
    public bool TryGetArp(out ArpPacket packet) => ArpPacket.TryRead(Find(LayerKind.Arp, 0), out packet, out _);

    /// <summary>Reads the IPv4 header.</summary>
    public bool TryGetIpv4(out Ipv4Header header) => Ipv4Header.TryRead(Find(LayerKind.Ipv4, 0), out header, out _);

    /// <summary>Reads the IPv6 header.</summary>
    public bool TryGetIpv6(out Ipv6Header header) => Ipv6Header.TryRead(Find(LayerKind.Ipv6, 0), out header, out _);

    /// <summary>Reads an IPv6 extension header (0 is the first after the fixed header).</summary>
    public bool TryGetIpv6Extension(out Ipv6ExtensionHeader header, int occurrence = 0)
    {
        int index = IndexOf(LayerKind.Ipv6Extension, occurrence);
        if (index < 0)
        {
            header = default;
            return false;
        }
        // The kind of an extension header is named by the header before it.
        var kind = index > 0 && _layers[index - 1].Kind == LayerKind.Ipv6Extension
            ? new IpProtocol(Packet[_layers[index - 1].Offset])
            : new IpProtocol(Packet[_layers[index - 1].Offset + 6]);
        return Ipv6ExtensionHeader.TryRead(BytesOf(index), kind, out header, out _);
    }

    /// <summary>Reads the ICMP header.</summary>
    public bool TryGetIcmp(out IcmpHeader header) => IcmpHeader.TryRead(Find(LayerKind.Icmp, 0), out header, out _);

    /// <summary>Reads the ICMPv6 header.</summary>
    public bool TryGetIcmpv6(out Icmpv6Header header) => Icmpv6Header.TryRead(Find(LayerKind.Icmpv6, 0), out header, out _);

    /// <summary>Reads the UDP header.</summary>
    public bool TryGetUdp(out UdpHeader header) => UdpHeader.TryRead(Find(LayerKind.Udp, 0), out header, out _);

    /// <summary>Reads the TCP header.</summary>
    public bool TryGetTcp(out TcpHeader header) => TcpHeader.TryRead(Find(LayerKind.Tcp, 0), out header, out _);

    private int IndexOf(LayerKind kind, int occurrence)
    {
        for (int i = 0; i < _layers.Length; i++)
        {
            if (_layers[i].Kind == kind && occurrence-- == 0)
                return i;
        }
        return -1;
    }

    private ReadOnlySpan<byte> Find(LayerKind kind, int occurrence)
    {
        int index = IndexOf(kind, occurrence);
        return index >= 0 ? BytesOf(index) : default;
    }
}
