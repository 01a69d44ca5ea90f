using Pcap.Decode.Application;
using Pcap.Decode.Link;
using Pcap.Decode.Network;
using Pcap.Decode.Transport;

namespace Pcap.Decode.Walk;

/// <summary>
/// Walks a packet's layers, from the link header to the application payload, without allocating: create one walker
/// and reuse it for every packet (it is not thread-safe; use one per thread). Each layer is validated by its view's
/// <c>TryRead</c>; the walk stops at the first layer that does not read, with the reason in
/// <see cref="PacketLayers.Error"/>. The application layer is chosen by port as tcpdump chooses it
/// (<see cref="ApplicationPorts"/>, which the caller can replace).
/// </summary>
public sealed class LayerWalker
{
    /// <summary>The most layers one packet yields; deeper stacks end the walk with an error.</summary>
    public const int MaxLayers = 24;

    private readonly Layer[] _layers = new Layer[MaxLayers];
    private readonly int[] _ends = new int[MaxLayers];
    private int _count;
    private int _end;
    private DecodeError _error;

    /// <summary>A walker choosing application protocols with <paramref name="ports"/> (tcpdump's choices when null).</summary>
    public LayerWalker(ApplicationPorts? ports = null) => Ports = ports ?? ApplicationPorts.Tcpdump;

    /// <summary>The port map that selects application protocols.</summary>
    public ApplicationPorts Ports { get; }

    /// <summary>
    /// Walks <paramref name="packet"/>, which starts with a <paramref name="linkType"/> header. The result refers to
    /// this walker's storage and to <paramref name="packet"/>: it is valid until the next walk.
    /// </summary>
    public PacketLayers Walk(LinkType linkType, ReadOnlySpan<byte> packet)
    {
        _count = 0;
        _end = packet.Length;
        _error = default;
        var application = ApplicationProtocol.None;
        switch (linkType.Value)
        {
            case 1:
                WalkEthernet(packet, 0, ref application);
                break;
            case 113:
                WalkLinuxSll(packet, ref application);
                break;
            case 276:
                WalkLinuxSll2(packet, ref application);
                break;
            case 0:
            case 108:
                WalkNull(packet, linkType == LinkType.Loop, ref application);
                break;
            case 101:
                WalkIp(packet, 0, ref application);
                break;
            case 228:
                WalkIpv4(packet, 0, ref application);
                break;
            case 229:
                WalkIpv6(packet, 0, ref application);
                break;
            default:
                _error = new DecodeError("link", DecodeErrorKind.Unsupported, 0, (int)linkType.Value);
                break;
        }
        return new PacketLayers(packet, _layers.AsSpan(0, _count), _ends.AsSpan(0, _count), application, _error);
    }

    private bool Add(LayerKind kind, int offset, int length)
    {
        if (_count == MaxLayers)
        {
            _error = new DecodeError("walk", DecodeErrorKind.TooManyLayers, MaxLayers, MaxLayers + 1);
            return false;
        }
        _layers[_count] = new Layer(kind, offset, length);
        _ends[_count] = _end;
        _count++;
        return true;
    }

    private void WalkEthernet(ReadOnlySpan<byte> packet, int offset, ref ApplicationProtocol application)
    {
        if (!EthernetHeader.TryRead(Slice(packet, offset), out var ethernet, out _error) || !Add(LayerKind.Ethernet, offset, EthernetHeader.Length))
            return;
        offset += EthernetHeader.Length;
        if (ethernet.IsLengthField)
            WalkLlc(packet, offset, ref application);
        else
            WalkEtherType(packet, offset, ethernet.EtherType, ref application);
    }

    private void WalkLinuxSll(ReadOnlySpan<byte> packet, ref ApplicationProtocol application)
    {
        if (!LinuxSllHeader.TryRead(packet, out var sll, out _error) || !Add(LayerKind.LinuxSll, 0, LinuxSllHeader.Length))
            return;
        WalkCookedProtocol(packet, LinuxSllHeader.Length, sll.Protocol, ref application);
    }

    private void WalkLinuxSll2(ReadOnlySpan<byte> packet, ref ApplicationProtocol application)
    {
        if (!LinuxSll2Header.TryRead(packet, out var sll, out _error) || !Add(LayerKind.LinuxSll2, 0, LinuxSll2Header.Length))
            return;
        WalkCookedProtocol(packet, LinuxSll2Header.Length, sll.Protocol, ref application);
    }

    // Cooked headers carry an EtherType, or a Linux pseudo-protocol below 1536 (4 is 802.2 LLC).
    private void WalkCookedProtocol(ReadOnlySpan<byte> packet, int offset, ushort protocol, ref ApplicationProtocol application)
    {
        if (protocol == 4)
            WalkLlc(packet, offset, ref application);
        else if (protocol > EthernetHeader.MaxLengthValue)
            WalkEtherType(packet, offset, new EtherType(protocol), ref application);
    }

    private void WalkNull(ReadOnlySpan<byte> packet, bool networkOrder, ref ApplicationProtocol application)
    {
        if (!NullHeader.TryRead(packet, networkOrder, out var header, out _error) || !Add(LayerKind.Null, 0, NullHeader.Length))
            return;
        if (header.IsIpv4)
            WalkIpv4(packet, NullHeader.Length, ref application);
        else if (header.IsIpv6)
            WalkIpv6(packet, NullHeader.Length, ref application);
    }

    private void WalkLlc(ReadOnlySpan<byte> packet, int offset, ref ApplicationProtocol application)
    {
        if (!LlcHeader.TryRead(Slice(packet, offset), out var llc, out _error) || !Add(LayerKind.Llc, offset, 3))
            return;
        if (!llc.IsSnap)
            return;
        offset += 3;
        if (!SnapHeader.TryRead(Slice(packet, offset), out var snap, out _error) || !Add(LayerKind.Snap, offset, SnapHeader.Length))
            return;
        if (snap.CarriesEtherType)
            WalkEtherType(packet, offset + SnapHeader.Length, snap.EtherType, ref application);
    }

    private void WalkEtherType(ReadOnlySpan<byte> packet, int offset, EtherType type, ref ApplicationProtocol application)
    {
        while (type.IsVlanTag)
        {
            if (!VlanTag.TryRead(Slice(packet, offset), out var tag, out _error) || !Add(LayerKind.Vlan, offset, VlanTag.Length))
                return;
            offset += VlanTag.Length;
            if (tag.IsLengthField)
            {
                WalkLlc(packet, offset, ref application);
                return;
            }
            type = tag.EtherType;
        }
        if (type == EtherType.Ipv4)
            WalkIpv4(packet, offset, ref application);
        else if (type == EtherType.Ipv6)
            WalkIpv6(packet, offset, ref application);
        else if (type == EtherType.Arp || type == EtherType.ReverseArp)
            WalkArp(packet, offset);
    }

    private void WalkArp(ReadOnlySpan<byte> packet, int offset)
    {
        if (ArpPacket.TryRead(Slice(packet, offset), out var arp, out _error))
            Add(LayerKind.Arp, offset, ArpPacket.FixedLength + 2 * (arp.HardwareLength + arp.ProtocolLength));
    }

    // LINKTYPE_RAW: the version nibble says which IP.
    private void WalkIp(ReadOnlySpan<byte> packet, int offset, ref ApplicationProtocol application)
    {
        if (packet.Length <= offset)
        {
            _error = DecodeError.Truncated("ip", 1, 0);
            return;
        }
        switch (packet[offset] >> 4)
        {
            case 4:
                WalkIpv4(packet, offset, ref application);
                break;
            case 6:
                WalkIpv6(packet, offset, ref application);
                break;
            default:
                _error = DecodeError.Invalid("ip", 4, packet[offset] >> 4);
                break;
        }
    }

    private void WalkIpv4(ReadOnlySpan<byte> packet, int offset, ref ApplicationProtocol application)
    {
        if (!Ipv4Header.TryRead(Slice(packet, offset), out var ip, out _error))
            return;
        // Like tcpdump, the datagram ends at its total length (link padding is not payload) when that is sane.
        if (ip.TotalLength >= ip.HeaderLength)
            _end = Math.Min(_end, offset + ip.TotalLength);
        if (!Add(LayerKind.Ipv4, offset, ip.HeaderLength) || ip.IsLaterFragment)
            return;
        WalkTransport(packet, offset + ip.HeaderLength, ip.Protocol, ref application);
    }

    private void WalkIpv6(ReadOnlySpan<byte> packet, int offset, ref ApplicationProtocol application)
    {
        if (!Ipv6Header.TryRead(Slice(packet, offset), out var ip, out _error))
            return;
        if (ip.PayloadLength != 0)
            _end = Math.Min(_end, offset + Ipv6Header.Length + ip.PayloadLength);
        if (!Add(LayerKind.Ipv6, offset, Ipv6Header.Length))
            return;
        offset += Ipv6Header.Length;
        var next = ip.NextHeader;
        while (Ipv6ExtensionHeader.IsExtension(next))
        {
            if (!Ipv6ExtensionHeader.TryRead(Slice(packet, offset), next, out var extension, out _error)
                || !Add(LayerKind.Ipv6Extension, offset, extension.Length))
                return;
            if (extension.Kind == IpProtocol.Fragment && extension.FragmentOffset != 0)
                return;
            offset += extension.Length;
            next = extension.NextHeader;
        }
        WalkTransport(packet, offset, next, ref application);
    }

    private void WalkTransport(ReadOnlySpan<byte> packet, int offset, IpProtocol protocol, ref ApplicationProtocol application)
    {
        var bytes = Slice(packet, offset);
        if (protocol == IpProtocol.Tcp)
        {
            if (!TcpHeader.TryRead(bytes, out var tcp, out _error) || !Add(LayerKind.Tcp, offset, tcp.HeaderLength))
                return;
            WalkApplication(offset + tcp.HeaderLength, IpProtocol.Tcp, tcp.SourcePort, tcp.DestinationPort, ref application);
        }
        else if (protocol == IpProtocol.Udp)
        {
            if (!UdpHeader.TryRead(bytes, out var udp, out _error) || !Add(LayerKind.Udp, offset, UdpHeader.Length))
                return;
            if (udp.DatagramLength >= UdpHeader.Length)
                _end = Math.Min(_end, offset + udp.DatagramLength);
            WalkApplication(offset + UdpHeader.Length, IpProtocol.Udp, udp.SourcePort, udp.DestinationPort, ref application);
        }
        else if (protocol == IpProtocol.Icmp)
        {
            if (IcmpHeader.TryRead(bytes, out _, out _error))
                Add(LayerKind.Icmp, offset, IcmpHeader.Length);
        }
        else if (protocol == IpProtocol.Icmpv6)
        {
            if (Icmpv6Header.TryRead(bytes, out _, out _error))
                Add(LayerKind.Icmpv6, offset, Icmpv6Header.MinimumLength);
        }
    }

    private void WalkApplication(int offset, IpProtocol transport, ushort sourcePort, ushort destinationPort, ref ApplicationProtocol application)
    {
        if (offset >= _end)
            return;
        var selected = Ports.Select(transport, sourcePort, destinationPort);
        if (selected != ApplicationProtocol.None && Add(LayerKind.Application, offset, _end - offset))
            application = selected;
    }

    // The bytes from offset to the current end (the enclosing datagram's end, or the capture's).
    private ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> packet, int offset) =>
        offset < _end ? packet[offset.._end] : default;
}
