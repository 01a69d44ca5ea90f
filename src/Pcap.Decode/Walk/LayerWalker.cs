using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pcap.Decode.Application;
using Pcap.Decode.Link;
using Pcap.Decode.Network;
using Pcap.Decode.Transport;

namespace Pcap.Decode.Walk;

/// <summary>
/// Walks a packet's layers, from the link header to the application payload, without allocating: create one walker
/// and reuse it for every packet (it is not thread-safe; use one per thread). Each layer is validated once, by the
/// rules of its view's <c>TryRead</c>, as the walk reaches it; <see cref="PacketLayers"/> then hands out views without
/// checking again. The walk stops at the first layer that does not read, with the reason in <see cref="PacketLayers.Error"/>.
/// The application layer is chosen by port as tcpdump chooses it (<see cref="ApplicationPorts"/>, which the caller
/// can replace). The common stack, Ethernet/IPv4/TCP or UDP, is walked in one pass that stores nothing: the offsets the
/// typed <c>TryGet…</c> read travel in the returned <see cref="PacketLayers"/>, the application is chosen from its ports
/// when asked for (so a caller that reads only up to the transport does not pay for the port lookup), and the
/// walker's layer list is built from them on first use. Either way the results are the same.
/// </summary>
public sealed class LayerWalker
{
    /// <summary>The most layers one packet yields; deeper stacks end the walk with an error.</summary>
    public const int MaxLayers = 24;

    // What the layer-by-layer walk records, read by PacketLayers: the layers, where each one's enclosing datagram ends,
    // and the first layer of each kind with its bytes' range (valid when the kind's bit is set in _present), so TryGet
    // reads one entry. Inline arrays: stored in the walker itself, indexed without a bounds check once the count is checked.
    internal LayerBuffer _layers;
    internal EndBuffer _ends;
    internal FirstBuffer _first;
    internal uint _present;
    internal int _count;
    internal ApplicationProtocol _application;
    internal DecodeError _error;
    // Counts walks, so that a PacketLayers read after the next walk is caught instead of mixing two packets. 64 bits: it
    // never wraps, so a PacketLayers that passes the check reads this packet's layers (its unchecked spans rely on it).
    internal long _walk;
    // The walk the tables above describe: a common-path walk leaves them to RecordCommon, on first use.
    internal long _recordedWalk;

    // The port table of both transports, read in place (the walk does not store a reference per packet: that would cost a
    // GC write barrier). TCP's ports start at KeyFlags.Tcp's bit shifted to ApplicationPorts.TcpBase: no branch.
    private readonly byte[] _portRanks;
    private int _end;
    // The ports of the walk's TCP or UDP header (WalkApplication's), for KeyLayersOfTables.
    private uint _ports;

    /// <summary>A walker choosing application protocols with <paramref name="ports"/> (tcpdump's choices when null).</summary>
    public LayerWalker(ApplicationPorts? ports = null)
    {
        Ports = ports ?? ApplicationPorts.Tcpdump;
        _portRanks = Ports.Ranks;
    }

    /// <summary>The port map that selects application protocols.</summary>
    public ApplicationPorts Ports { get; }

    /// <summary>
    /// Walks <paramref name="packet"/>, which starts with a <paramref name="linkType"/> header. The result refers to
    /// this walker's storage and to <paramref name="packet"/>: it is valid until the next walk (reading it after that
    /// throws <see cref="InvalidOperationException"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PacketLayers Walk(LinkType linkType, ReadOnlySpan<byte> packet)
    {
        long walk = ++_walk;
        // Ethernet is by far the most common link type, and Ethernet/IPv4/TCP or UDP the most common stack.
        if (linkType.Value == 1 && TryWalkCommon(packet, out var key))
            return new PacketLayers(packet, this, walk, key);
        return new PacketLayers(packet, this, walk, WalkAny(linkType, packet, walk));
    }

    /// <summary>The walk without TryWalkCommon, for the tests that hold the shortcut to the layer-by-layer walk.</summary>
    internal PacketLayers WalkLayerByLayer(LinkType linkType, ReadOnlySpan<byte> packet)
    {
        long walk = ++_walk;
        return new PacketLayers(packet, this, walk, WalkAny(linkType, packet, walk));
    }

    // Every stack, layer by layer, with the walk's state in fields; returns what the typed reads answer from directly.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private KeyLayers WalkAny(LinkType linkType, ReadOnlySpan<byte> packet, long walk)
    {
        _error = default;
        _count = 0;
        _present = 0;
        _end = packet.Length;
        _application = ApplicationProtocol.None;
        _recordedWalk = walk;
        if (linkType.Value == 1)
            WalkEthernet(packet, 0);
        else
            WalkOtherLink(linkType, packet);
        return KeyLayersOfTables();
    }

    // The first IPv4, TCP or UDP and application layers of a layer-by-layer walk, from its tables. An IPv4 header and a
    // TCP or UDP header after it share their datagram's end (the walk narrows it only at IPv4, IPv6 and after UDP).
    private KeyLayers KeyLayersOfTables()
    {
        uint present = _present;
        int ipv4Offset = 0, transportOffset = 0, end = 0, applicationOffset = 0, applicationEnd = 0;
        uint ports = 0;
        var flags = KeyFlags.None;
        if ((present & 1u << (int)LayerKind.Ipv4) != 0)
        {
            var ip = _first[(int)LayerKind.Ipv4];
            (ipv4Offset, end) = (ip.Offset, ip.End);
            flags = KeyFlags.Ipv4;
        }
        var transportKind = (present & 1u << (int)LayerKind.Tcp) != 0 ? LayerKind.Tcp
            : (present & 1u << (int)LayerKind.Udp) != 0 ? LayerKind.Udp
            : LayerKind.None;
        if (transportKind != LayerKind.None)
        {
            var transport = _first[(int)transportKind];
            Debug.Assert(flags == KeyFlags.None || transport.End == end);
            (transportOffset, end) = (transport.Offset, transport.End);
            ports = _ports;
            flags |= transportKind == LayerKind.Tcp ? KeyFlags.Tcp : KeyFlags.Udp;
        }
        if ((present & 1u << (int)LayerKind.Application) != 0)
        {
            var application = _first[(int)LayerKind.Application];
            (applicationOffset, applicationEnd) = (application.Offset, application.End);
        }
        Debug.Assert(ChooseApplication(new KeyLayers(ipv4Offset, transportOffset, end, applicationOffset, applicationEnd, ports, flags)) == _application);
        return new KeyLayers(ipv4Offset, transportOffset, end, applicationOffset, applicationEnd, ports, flags);
    }

    // Ethernet, an unfragmented (or first-fragment) IPv4 header and a valid TCP or UDP header: the same rules as
    // WalkEthernet, WalkIpv4, WalkTcp, WalkUdp and WalkApplication, with the state in locals. It stores nothing: the
    // offsets go back in key, for PacketLayers, and the tables are left to RecordCommon, on first use. Anything else
    // returns false, for WalkAny.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryWalkCommon(ReadOnlySpan<byte> packet, out KeyLayers key)
    {
        const int ipOffset = EthernetHeader.Length;
        key = default;
        int captured = packet.Length;
        if (captured < ipOffset + Ipv4Header.MinimumLength)
            return false;
        // The Ethernet header and the fixed IPv4 header as one span of constant length: their reads need no further check.
        var head = packet[..(ipOffset + Ipv4Header.MinimumLength)];
        // Ipv4Header.ValidHeaderLength's rules: version 4 and a header of at least 20 bytes (0x45 to 0x4f, one compare),
        // within the captured bytes (checked below, as the transport header must start before the datagram's end).
        int versionAndLength = head[ipOffset];
        if (BinaryPrimitives.ReadUInt16BigEndian(head.Slice(12, 2)) != 0x0800 || (uint)(versionAndLength - 0x45) > 0x4f - 0x45)
            return false;
        int ipLength = (versionAndLength & 0x0f) * 4;
        byte protocol = head[ipOffset + 9];
        if ((protocol != 6 && protocol != 17)
            || (BinaryPrimitives.ReadUInt16BigEndian(head.Slice(ipOffset + 6, 2)) & 0x1fff) != 0)
            return false;
        int end = captured;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(head.Slice(ipOffset + 2, 2));
        if (totalLength >= ipLength && ipOffset + totalLength < end)
            end = ipOffset + totalLength;
        int transportOffset = ipOffset + ipLength;
        if (transportOffset >= end)
            return false;
        // Without a range check: end is at most the captured length and transportOffset is below it (both checked above).
        var transport = MemoryMarshal.CreateReadOnlySpan(
            ref Unsafe.Add(ref MemoryMarshal.GetReference(packet), (nint)(uint)transportOffset), end - transportOffset);
        int applicationEnd = end;
        int transportLength;
        uint ports;
        KeyFlags flags;
        if (protocol == 6)
        {
            transportLength = TcpHeader.ValidHeaderLength(transport);
            if (transportLength == 0)
                return false;
            ports = BinaryPrimitives.ReadUInt32BigEndian(transport[..4]);
            flags = KeyFlags.Common | KeyFlags.Ipv4 | KeyFlags.Tcp;
        }
        else
        {
            if ((uint)transport.Length < UdpHeader.Length)
                return false;
            // The header as a span of constant length (the slice's check folds into the test above): no further checks.
            var udp = transport[..UdpHeader.Length];
            transportLength = UdpHeader.Length;
            int datagramLength = BinaryPrimitives.ReadUInt16BigEndian(udp.Slice(4, 2));
            if (datagramLength >= UdpHeader.Length && transportOffset + datagramLength < end)
                applicationEnd = transportOffset + datagramLength;
            ports = BinaryPrimitives.ReadUInt32BigEndian(udp);
            flags = KeyFlags.Common | KeyFlags.Ipv4 | KeyFlags.Udp;
        }
        int applicationOffset = transportOffset + transportLength;
        key = new KeyLayers(ipOffset, transportOffset, end, applicationOffset, applicationEnd, ports, flags);
        return true;
    }

    /// <summary>
    /// The application <paramref name="key"/> selects: by its ports, as WalkApplication chooses, when the transport
    /// has a payload (the walk lists an application layer only then; KeyLayersOfTables leaves the range empty when it
    /// did not). Computed by each reader that asks, from values in registers: the JIT can share it between readers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ApplicationProtocol ChooseApplication(in KeyLayers key)
    {
        const int tcpShift = 15;
        Debug.Assert((int)KeyFlags.Tcp << tcpShift == ApplicationPorts.TcpBase);
        var transportBase = (nuint)((uint)(key.Flags & KeyFlags.Tcp) << tcpShift);
        var selected = ApplicationPorts.Choose(_portRanks, transportBase, key.Ports >> 16, key.Ports & 0xffff);
        return key.ApplicationOffset < key.ApplicationEnd ? selected : ApplicationProtocol.None;
    }

    /// <summary>
    /// Records a common-path walk's layers in the tables, as the layer-by-layer walk would have: Ethernet, IPv4 (up to
    /// the transport header), TCP or UDP, and the application layer when one is selected.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void RecordCommon(in KeyLayers common, int captured, long walk)
    {
        var transportKind = (common.Flags & KeyFlags.Tcp) != 0 ? LayerKind.Tcp : LayerKind.Udp;
        _error = default;
        _layers[0] = new Layer(LayerKind.Ethernet, 0, EthernetHeader.Length);
        _ends[0] = captured;
        _first[(int)LayerKind.Ethernet] = new FirstLayer(0, captured);
        _layers[1] = new Layer(LayerKind.Ipv4, EthernetHeader.Length, common.TransportOffset - EthernetHeader.Length);
        _ends[1] = common.DatagramEnd;
        _first[(int)LayerKind.Ipv4] = new FirstLayer(EthernetHeader.Length, common.DatagramEnd);
        _layers[2] = new Layer(transportKind, common.TransportOffset, common.ApplicationOffset - common.TransportOffset);
        _ends[2] = common.DatagramEnd;
        _first[(int)transportKind] = new FirstLayer(common.TransportOffset, common.DatagramEnd);
        _present = 1u << (int)LayerKind.Ethernet | 1u << (int)LayerKind.Ipv4 | 1u << (int)transportKind;
        _count = 3;
        _application = ChooseApplication(common);
        if (_application != ApplicationProtocol.None)
        {
            _layers[3] = new Layer(LayerKind.Application, common.ApplicationOffset, common.ApplicationEnd - common.ApplicationOffset);
            _ends[3] = common.ApplicationEnd;
            _first[(int)LayerKind.Application] = new FirstLayer(common.ApplicationOffset, common.ApplicationEnd);
            _present |= 1u << (int)LayerKind.Application;
            _count = 4;
        }
        _recordedWalk = walk;
    }

    /// <summary>The layer list (of the walk the tables describe).</summary>
    internal ReadOnlySpan<Layer> RecordedLayers => ((ReadOnlySpan<Layer>)_layers)[.._count];

    /// <summary>Where the datagram enclosing layer <paramref name="index"/> ends.</summary>
    internal int EndOf(int index) => _ends[index];

    private void WalkOtherLink(LinkType linkType, ReadOnlySpan<byte> packet)
    {
        switch (linkType.Value)
        {
            case 113:
                WalkLinuxSll(packet);
                break;
            case 276:
                WalkLinuxSll2(packet);
                break;
            case 0:
            case 108:
                WalkNull(packet, linkType == LinkType.Loop);
                break;
            case 101:
                WalkIp(packet, 0);
                break;
            case 228:
                WalkIpv4(packet, 0);
                break;
            case 229:
                WalkIpv6(packet, 0);
                break;
            default:
                _error = new DecodeError("link", DecodeErrorKind.Unsupported, 0, (int)linkType.Value);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Add(LayerKind kind, int offset, int length)
    {
        int count = _count;
        if (count >= MaxLayers)
            return TooManyLayers();
        _layers[count] = new Layer(kind, offset, length);
        _ends[count] = _end;
        uint bit = 1u << (int)kind;
        if ((_present & bit) == 0)
        {
            _present |= bit;
            _first[(int)kind & (FirstBuffer.Length - 1)] = new FirstLayer(offset, _end);
        }
        _count = count + 1;
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TooManyLayers()
    {
        _error = new DecodeError("walk", DecodeErrorKind.TooManyLayers, MaxLayers, MaxLayers + 1);
        return false;
    }

    // The common path (Ethernet, IPv4, IPv6, TCP, UDP) checks the bytes itself with the views' own validity rules and
    // asks the view's TryRead only on failure, for the error: a DecodeError is built only when a walk stops.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WalkEthernet(ReadOnlySpan<byte> packet, int offset)
    {
        var bytes = Slice(packet, offset);
        if (bytes.Length < EthernetHeader.Length)
        {
            FailEthernet(bytes);
            return;
        }
        if (!Add(LayerKind.Ethernet, offset, EthernetHeader.Length))
            return;
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(bytes[12..]);
        offset += EthernetHeader.Length;
        if (type == 0x0800)
            WalkIpv4(packet, offset);
        else if (type <= EthernetHeader.MaxLengthValue)
            WalkLlc(packet, offset);
        else
            WalkEtherType(packet, offset, new EtherType(type));
    }

    private void WalkLinuxSll(ReadOnlySpan<byte> packet)
    {
        if (!LinuxSllHeader.TryRead(packet, out var sll, out var error))
        {
            _error = error;
            return;
        }
        if (Add(LayerKind.LinuxSll, 0, LinuxSllHeader.Length))
            WalkCookedProtocol(packet, LinuxSllHeader.Length, sll.Protocol);
    }

    private void WalkLinuxSll2(ReadOnlySpan<byte> packet)
    {
        if (!LinuxSll2Header.TryRead(packet, out var sll, out var error))
        {
            _error = error;
            return;
        }
        if (Add(LayerKind.LinuxSll2, 0, LinuxSll2Header.Length))
            WalkCookedProtocol(packet, LinuxSll2Header.Length, sll.Protocol);
    }

    // Cooked headers carry an EtherType, or a Linux pseudo-protocol below 1536 (4 is 802.2 LLC).
    private void WalkCookedProtocol(ReadOnlySpan<byte> packet, int offset, ushort protocol)
    {
        if (protocol == 4)
            WalkLlc(packet, offset);
        else if (protocol > EthernetHeader.MaxLengthValue)
            WalkEtherType(packet, offset, new EtherType(protocol));
    }

    private void WalkNull(ReadOnlySpan<byte> packet, bool networkOrder)
    {
        if (!NullHeader.TryRead(packet, networkOrder, out var header, out var error))
        {
            _error = error;
            return;
        }
        if (!Add(LayerKind.Null, 0, NullHeader.Length))
            return;
        if (header.IsIpv4)
            WalkIpv4(packet, NullHeader.Length);
        else if (header.IsIpv6)
            WalkIpv6(packet, NullHeader.Length);
    }

    private void WalkLlc(ReadOnlySpan<byte> packet, int offset)
    {
        if (!LlcHeader.TryRead(Slice(packet, offset), out var llc, out var error))
        {
            _error = error;
            return;
        }
        if (!Add(LayerKind.Llc, offset, 3) || !llc.IsSnap)
            return;
        offset += 3;
        if (!SnapHeader.TryRead(Slice(packet, offset), out var snap, out var snapError))
        {
            _error = snapError;
            return;
        }
        if (Add(LayerKind.Snap, offset, SnapHeader.Length) && snap.CarriesEtherType)
            WalkEtherType(packet, offset + SnapHeader.Length, snap.EtherType);
    }

    private void WalkEtherType(ReadOnlySpan<byte> packet, int offset, EtherType type)
    {
        // Dispatch on the raw value: IPv4 first, then IPv6, then the rarer types.
        switch (type.Value)
        {
            case 0x0800:
                WalkIpv4(packet, offset);
                return;
            case 0x86dd:
                WalkIpv6(packet, offset);
                return;
            case 0x0806:
            case 0x8035:
                WalkArp(packet, offset);
                return;
            case 0x8100:
            case 0x88a8:
            case 0x9100:
            case 0x9200:
                WalkVlan(packet, offset);
                return;
        }
    }

    private void WalkVlan(ReadOnlySpan<byte> packet, int offset)
    {
        if (!VlanTag.TryRead(Slice(packet, offset), out var tag, out var error))
        {
            _error = error;
            return;
        }
        if (!Add(LayerKind.Vlan, offset, VlanTag.Length))
            return;
        offset += VlanTag.Length;
        if (tag.IsLengthField)
            WalkLlc(packet, offset);
        else
            WalkEtherType(packet, offset, tag.EtherType);
    }

    private void WalkArp(ReadOnlySpan<byte> packet, int offset)
    {
        if (ArpPacket.TryRead(Slice(packet, offset), out var arp, out var error))
            Add(LayerKind.Arp, offset, ArpPacket.FixedLength + 2 * (arp.HardwareLength + arp.ProtocolLength));
        else
            _error = error;
    }

    // LINKTYPE_RAW: the version nibble says which IP.
    private void WalkIp(ReadOnlySpan<byte> packet, int offset)
    {
        if (packet.Length <= offset)
        {
            _error = DecodeError.Truncated("ip", 1, 0);
            return;
        }
        switch (packet[offset] >> 4)
        {
            case 4:
                WalkIpv4(packet, offset);
                break;
            case 6:
                WalkIpv6(packet, offset);
                break;
            default:
                _error = DecodeError.Invalid("ip", 4, packet[offset] >> 4);
                break;
        }
    }

    private void WalkIpv4(ReadOnlySpan<byte> packet, int offset)
    {
        var bytes = Slice(packet, offset);
        int headerLength = Ipv4Header.ValidHeaderLength(bytes);
        if (headerLength == 0)
        {
            FailIpv4(bytes);
            return;
        }
        // Like tcpdump, the datagram ends at its total length (link padding is not payload) when that is sane.
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        if (totalLength >= headerLength && offset + totalLength < _end)
            _end = offset + totalLength;
        // A later fragment's payload does not start with the next header.
        if (!Add(LayerKind.Ipv4, offset, headerLength) || (BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]) & 0x1fff) != 0)
            return;
        WalkTransport(packet, offset + headerLength, bytes[9]);
    }

    private void WalkIpv6(ReadOnlySpan<byte> packet, int offset)
    {
        var bytes = Slice(packet, offset);
        if (bytes.Length < Ipv6Header.Length || bytes[0] >> 4 != 6)
        {
            FailIpv6(bytes);
            return;
        }
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        if (payloadLength != 0 && offset + Ipv6Header.Length + payloadLength < _end)
            _end = offset + Ipv6Header.Length + payloadLength;
        if (!Add(LayerKind.Ipv6, offset, Ipv6Header.Length))
            return;
        offset += Ipv6Header.Length;
        var next = new IpProtocol(bytes[6]);
        if (Ipv6ExtensionHeader.IsExtension(next))
            WalkIpv6Extensions(packet, offset, next);
        else
            WalkTransport(packet, offset, next.Value);
    }

    private void WalkIpv6Extensions(ReadOnlySpan<byte> packet, int offset, IpProtocol next)
    {
        while (Ipv6ExtensionHeader.IsExtension(next))
        {
            if (!Ipv6ExtensionHeader.TryRead(Slice(packet, offset), next, out var extension, out var extensionError))
            {
                _error = extensionError;
                return;
            }
            if (!Add(LayerKind.Ipv6Extension, offset, extension.Length))
                return;
            if (extension.Kind == IpProtocol.Fragment && extension.FragmentOffset != 0)
                return;
            offset += extension.Length;
            next = extension.NextHeader;
        }
        WalkTransport(packet, offset, next.Value);
    }

    private void WalkTransport(ReadOnlySpan<byte> packet, int offset, byte protocol)
    {
        switch (protocol)
        {
            case 6:
                WalkTcp(packet, offset);
                break;
            case 17:
                WalkUdp(packet, offset);
                break;
            case 1:
                WalkIcmp(packet, offset);
                break;
            case 58:
                WalkIcmpv6(packet, offset);
                break;
        }
    }

    private void WalkIcmp(ReadOnlySpan<byte> packet, int offset)
    {
        if (IcmpHeader.TryRead(Slice(packet, offset), out _, out var error))
            Add(LayerKind.Icmp, offset, IcmpHeader.Length);
        else
            _error = error;
    }

    private void WalkIcmpv6(ReadOnlySpan<byte> packet, int offset)
    {
        if (Icmpv6Header.TryRead(Slice(packet, offset), out _, out var error))
            Add(LayerKind.Icmpv6, offset, Icmpv6Header.MinimumLength);
        else
            _error = error;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WalkTcp(ReadOnlySpan<byte> packet, int offset)
    {
        var bytes = Slice(packet, offset);
        int headerLength = TcpHeader.ValidHeaderLength(bytes);
        if (headerLength == 0)
        {
            FailTcp(bytes);
            return;
        }
        if (Add(LayerKind.Tcp, offset, headerLength))
            WalkApplication(offset + headerLength, ApplicationPorts.TcpBase, BinaryPrimitives.ReadUInt32BigEndian(bytes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WalkUdp(ReadOnlySpan<byte> packet, int offset)
    {
        var bytes = Slice(packet, offset);
        if (bytes.Length < UdpHeader.Length)
        {
            FailUdp(bytes);
            return;
        }
        if (!Add(LayerKind.Udp, offset, UdpHeader.Length))
            return;
        int datagramLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        if (datagramLength >= UdpHeader.Length && offset + datagramLength < _end)
            _end = offset + datagramLength;
        WalkApplication(offset + UdpHeader.Length, 0, BinaryPrimitives.ReadUInt32BigEndian(bytes));
    }

    // ports: the source port in the high 16 bits, the destination port in the low, as they sit on the wire.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WalkApplication(int offset, nuint transportBase, uint ports)
    {
        _ports = ports;
        if (offset >= _end)
            return;
        var selected = ApplicationPorts.Choose(_portRanks, transportBase, ports >> 16, ports & 0xffff);
        if (selected != ApplicationProtocol.None && Add(LayerKind.Application, offset, _end - offset))
            _application = selected;
    }

    // The failures of the common path, out of line so their temporaries stay out of the walk's frame: the view says why.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FailEthernet(ReadOnlySpan<byte> bytes) => EthernetHeader.TryRead(bytes, out _, out _error);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FailIpv4(ReadOnlySpan<byte> bytes) => Ipv4Header.TryRead(bytes, out _, out _error);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FailIpv6(ReadOnlySpan<byte> bytes) => Ipv6Header.TryRead(bytes, out _, out _error);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FailTcp(ReadOnlySpan<byte> bytes) => TcpHeader.TryRead(bytes, out _, out _error);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FailUdp(ReadOnlySpan<byte> bytes) => UdpHeader.TryRead(bytes, out _, out _error);

    // The bytes from offset to the current end (the enclosing datagram's end, or the capture's).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> packet, int offset) =>
        offset < _end ? packet.Slice(offset, _end - offset) : default;

    /// <summary>The layers of one walk.</summary>
    [InlineArray(MaxLayers)]
    internal struct LayerBuffer
    {
        private Layer _element;
    }

    /// <summary>Where each layer's enclosing datagram ends.</summary>
    [InlineArray(MaxLayers)]
    internal struct EndBuffer
    {
        private int _element;
    }

    /// <summary>The first layer of each <see cref="LayerKind"/>.</summary>
    [InlineArray(Length)]
    internal struct FirstBuffer
    {
        /// <summary>Entries: a power of two above the largest LayerKind.</summary>
        public const int Length = 32;

        private FirstLayer _element;
    }

    /// <summary>The bytes a kind's first layer's view reads: from its start to its datagram's end.</summary>
    internal readonly record struct FirstLayer(int Offset, int End);

    /// <summary>
    /// What the typed reads of IPv4, TCP, UDP and the application answer from, without the tables, carried by every
    /// <see cref="PacketLayers"/>: the first IPv4 header's offset, the TCP or UDP header's offset, where their datagram
    /// ends (the end of both views), where the transport's payload starts and ends (the UDP length may end it first;
    /// the application layer's range when a protocol is chosen), the ports the application is chosen from on first
    /// use, and which of these layers there are. <see cref="KeyFlags.Common"/> marks a common-path walk, whose tables are built on first use.
    /// </summary>
    internal readonly record struct KeyLayers(
        int Ipv4Offset, int TransportOffset, int DatagramEnd, int ApplicationOffset, int ApplicationEnd,
        uint Ports, KeyFlags Flags);

    /// <summary>Which of <see cref="KeyLayers"/>' layers a walk found, and whether it took the common path.</summary>
    [Flags]
    internal enum KeyFlags : byte
    {
        None = 0,
        Ipv4 = 1,
        Tcp = 2,
        Udp = 4,
        Common = 8,
    }
}
