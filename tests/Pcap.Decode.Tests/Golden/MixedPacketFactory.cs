using System.Buffers.Binary;

namespace Pcap.Decode.Tests.Golden;

/// <summary>
/// A seeded source of frames across everything the formatter decodes (ARP, IPv4 with options and fragments, ICMP with quoted
/// datagrams, UDP, TCP conversations with options, IPv6, ICMPv6), wrapped for Ethernet (with VLAN tags), SLL, SLL2 or RAW,
/// with a share of malformed fields and truncated captures. The oracle is tcpdump reading the same bytes.
/// </summary>
internal sealed class MixedPacketFactory
{
    private static readonly byte[][] Ipv4Hosts = [[172, 17, 0, 1], [172, 17, 0, 2], [10, 0, 0, 1], [192, 168, 1, 20], [203, 0, 113, 61]];
    private static readonly byte[][] Ipv6Hosts =
    [
        [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x42, 0xac, 0xff, 0xfe, 0x11, 0, 2],
        [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
        [0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0],
        [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0x11, 0, 2],
    ];

    private readonly Random _random;
    private readonly int _linkType;
    private readonly bool _extended;

    /// <summary>
    /// A factory for <paramref name="linkType"/>. <paramref name="extended"/> adds what issue 5 added later (IPv6 extension
    /// headers, ICMPv6 neighbour discovery with options, MLD, ICMP router advertisements, NULL/LOOP framing) without changing
    /// the stream the original mix produces for a seed.
    /// </summary>
    public MixedPacketFactory(int linkType, int seed, bool extended = false)
    {
        _linkType = linkType;
        _random = new Random(seed);
        _extended = extended;
    }

    /// <summary>The protocol family of the frame <see cref="Next"/> returned last.</summary>
    public string Family { get; private set; } = "";

    /// <summary>The next frame: captured bytes and wire length.</summary>
    public (byte[] Data, int WireLength) Next()
    {
        var (network, etherType) = NextNetworkPacket();
        var frame = _linkType switch
        {
            1 => WrapEthernet(network, etherType),
            113 => WrapSll(network, etherType),
            276 => WrapSll2(network, etherType),
            0 or 108 => WrapLoopback(network, etherType),
            _ => etherType is 0x0800 or 0x86dd ? network : NextIpv4(),
        };
        var wire = frame.Length;
        if (_random.Next(100) < 12)
        {
            // A short snapshot: cut anywhere, including inside the link header.
            var cut = _random.Next(100) < 30 ? _random.Next(frame.Length + 1) : _random.Next(Math.Min(frame.Length, 20), frame.Length + 1);
            frame = frame[..cut];
        }
        return (frame, wire);
    }

    private (byte[] Packet, ushort EtherType) NextNetworkPacket()
    {
        if (_extended && _linkType is 1 or 113 or 276 && _random.Next(100) < 6)
        {
            Family = "llc";
            return (NextLlc(), LlcMarker);
        }
        var pick = _random.Next(100);
        if (pick < 15 && _linkType is not (101 or 0 or 108))
        {
            Family = "arp";
            return (NextArp(), _random.Next(10) == 0 ? (ushort)0x8035 : (ushort)0x0806);
        }
        if (pick < 70)
            return (NextIpv4(), 0x0800);
        if (pick < 97 || _linkType is 101 or 0 or 108)
            return (NextIpv6(), 0x86dd);
        Family = "other ethertype";
        return (Bytes(_random.Next(0, 60)), (ushort)(0x88b5 + _random.Next(3)));
    }

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private byte[] Mac() => _random.Next(4) switch
    {
        0 => [0x02, 0x42, 0xac, 0x11, 0x00, 0x02],
        1 => [0x02, 0x42, 0xac, 0x11, 0x00, 0x01],
        2 => [0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        _ => Bytes(6),
    };

    /// <summary>Stands for "802.2 LLC follows" where an EtherType would go (an 802.3 length, or SLL protocol 4).</summary>
    private const ushort LlcMarker = 0;

    /// <summary>
    /// An 802.2 LLC frame: SNAP carrying IPv4, ARP, IPv6 or an unknown type, or SAPs tcpdump has no printer for with
    /// unnumbered, supervisory or information control fields (not XID/TEST, whose bodies are printed apart).
    /// </summary>
    private byte[] NextLlc()
    {
        if (_random.Next(2) == 0)
        {
            var (inner, type) = _random.Next(5) switch
            {
                0 => (NextIpv4(), (ushort)0x0800),
                1 => (NextArp(), (ushort)0x0806),
                2 => (NextIpv6(), (ushort)0x86dd),
                3 => (Bytes(_random.Next(0, 30)), (ushort)0x88b5),
                _ => (Bytes(_random.Next(0, 30)), (ushort)_random.Next(0x0600, 0x0700)),
            };
            Family = "llc";
            var oui = _random.Next(6) == 0 ? new byte[] { 0x12, 0x34, 0x56 } : new byte[3];
            return Concat([0xaa, 0xaa, 0x03], oui, UInt16(type), inner);
        }
        byte[] saps = [0x10, 0x20, 0x80, 0x7c, 0x98, 0x04];
        var dsap = (byte)(saps[_random.Next(saps.Length)] | _random.Next(2));
        var ssap = (byte)(_random.Next(3) == 0 ? dsap & 0xfe : saps[_random.Next(saps.Length)] | _random.Next(2));
        ssap = (byte)((ssap & 0xfe) | _random.Next(2));
        byte[] control = _random.Next(3) switch
        {
            0 => [new byte[] { 0x03, 0x13, 0x63, 0x73, 0x43, 0x0f, 0x6f, 0x87, 0xef, 0xcb }[_random.Next(10)]],
            1 => [(byte)(0x01 | _random.Next(3) << 2), (byte)_random.Next(256)],
            _ => [(byte)(_random.Next(128) << 1), (byte)_random.Next(256)],
        };
        return Concat([dsap, ssap], control, Bytes(_random.Next(0, 40)));
    }

    private byte[] WrapEthernet(byte[] payload, ushort etherType)
    {
        if (etherType == LlcMarker)
            etherType = (ushort)(_random.Next(10) switch { 0 => _random.Next(0, payload.Length + 1), 1 => payload.Length + _random.Next(1, 20), _ => payload.Length });
        var tags = _random.Next(100) switch { < 10 => 1, < 13 => 2, _ => 0 };
        var frame = new List<byte>();
        frame.AddRange(Mac());
        frame.AddRange(Mac());
        for (var i = 0; i < tags; i++)
        {
            AddUInt16(frame, i == 0 && tags == 2 ? (ushort)0x88a8 : (ushort)0x8100);
            AddUInt16(frame, (ushort)_random.Next(65536));
        }
        AddUInt16(frame, etherType);
        frame.AddRange(payload);
        while (frame.Count < 60 && _random.Next(2) == 0)
            frame.Add(0);
        return [.. frame];
    }

    private byte[] WrapSll(byte[] payload, ushort etherType)
    {
        if (etherType == LlcMarker)
            etherType = 4;
        var frame = new List<byte>();
        AddUInt16(frame, (ushort)_random.Next(5));
        AddUInt16(frame, 1);
        var addressLength = _random.Next(10) == 0 ? 0 : 6;
        AddUInt16(frame, (ushort)addressLength);
        frame.AddRange(Mac());
        frame.AddRange(new byte[2]);
        AddUInt16(frame, etherType);
        frame.AddRange(payload);
        return [.. frame];
    }

    private byte[] WrapSll2(byte[] payload, ushort etherType)
    {
        if (etherType == LlcMarker)
            etherType = 4;
        var frame = new List<byte>();
        AddUInt16(frame, etherType);
        AddUInt16(frame, 0);
        // Index 1 is lo on every Linux machine; 99999 exists nowhere and prints '?'.
        AddUInt32(frame, _random.Next(5) == 0 ? 99999u : 1u);
        AddUInt16(frame, 1);
        frame.Add((byte)_random.Next(5));
        var addressLength = _random.Next(10) == 0 ? 0 : 6;
        frame.Add((byte)addressLength);
        frame.AddRange(Mac());
        frame.AddRange(new byte[2]);
        frame.AddRange(payload);
        return [.. frame];
    }

    /// <summary>NULL (host order) or LOOP (network order) framing: a 4-byte address family, IPv6 in its three BSD numberings.</summary>
    private byte[] WrapLoopback(byte[] payload, ushort etherType)
    {
        uint family = etherType == 0x0800 ? 2u : (uint)(_random.Next(3) switch { 0 => 24, 1 => 28, _ => 30 });
        if (_random.Next(40) == 0)
            family = (uint)_random.Next(40, 100);
        var header = new byte[4];
        if (_linkType == 108)
            BinaryPrimitives.WriteUInt32BigEndian(header, family);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(header, family);
        return Concat(header, payload);
    }

    private byte[] NextArp()
    {
        var operation = _random.Next(10) switch { < 4 => 1, < 8 => 2, 8 => 3 + _random.Next(2), _ => _random.Next(1, 12) };
        var packet = new List<byte>();
        AddUInt16(packet, 1);
        AddUInt16(packet, _random.Next(20) == 0 ? (ushort)0x86dd : (ushort)0x0800);
        packet.Add(6);
        packet.Add(_random.Next(20) == 0 ? (byte)16 : (byte)4);
        AddUInt16(packet, (ushort)operation);
        var protocolLength = packet[5];
        packet.AddRange(Mac());
        packet.AddRange(protocolLength == 4 ? Ipv4Hosts[_random.Next(Ipv4Hosts.Length)] : Bytes(protocolLength));
        packet.AddRange(operation == 1 && _random.Next(3) > 0 ? new byte[6] : Mac());
        packet.AddRange(protocolLength == 4 ? Ipv4Hosts[_random.Next(Ipv4Hosts.Length)] : Bytes(protocolLength));
        return [.. packet];
    }

    private byte[] NextIpv4()
    {
        var source = Ipv4Hosts[_random.Next(Ipv4Hosts.Length)];
        var destination = Ipv4Hosts[_random.Next(Ipv4Hosts.Length)];
        var kind = _random.Next(100);
        byte protocol;
        byte[] payload;
        if (kind < 30)
        {
            protocol = 1;
            payload = NextIcmp(source, destination);
        }
        else if (kind < 55)
        {
            protocol = 17;
            payload = NextUdp(source, destination);
            Family = "udp";
        }
        else if (kind < 92)
        {
            protocol = 6;
            payload = NextTcp(ref source, ref destination);
            Family = "tcp";
        }
        else
        {
            protocol = (byte)(_random.Next(2) == 0 ? 253 : 99);
            payload = Bytes(_random.Next(0, 40));
            Family = "ip other";
        }
        return BuildIpv4(source, destination, protocol, payload);
    }

    private byte[] BuildIpv4(byte[] source, byte[] destination, byte protocol, byte[] payload)
    {
        var options = _random.Next(100) < 8 ? NextIpv4Options() : [];
        var headerLength = 20 + options.Length;
        var packet = new byte[headerLength + payload.Length];
        packet[0] = (byte)(0x40 | headerLength / 4);
        packet[1] = (byte)(_random.Next(4) == 0 ? _random.Next(256) : 0);
        var totalLength = packet.Length;
        var oddity = _random.Next(100);
        if (oddity < 3)
            totalLength += _random.Next(1, 30);
        else if (oddity < 5)
            totalLength = _random.Next(0, headerLength + 1);
        else if (oddity < 7)
            totalLength = Math.Max(headerLength, totalLength - _random.Next(1, 10));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)totalLength);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)_random.Next(65536));
        var fragment = _random.Next(100) switch
        {
            < 60 => 0x4000,
            < 88 => 0,
            < 94 => 0x2000,
            < 98 => _random.Next(1, 200) | (_random.Next(2) == 0 ? 0x2000 : 0),
            _ => _random.Next(65536),
        };
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), (ushort)fragment);
        packet[8] = (byte)(_random.Next(10) == 0 ? _random.Next(3) : 64);
        packet[9] = protocol;
        source.CopyTo(packet, 12);
        destination.CopyTo(packet, 16);
        options.CopyTo(packet, 20);
        payload.CopyTo(packet, headerLength);
        var checksum = (ushort)~Sum(packet.AsSpan(0, headerLength));
        if (_random.Next(20) == 0)
            checksum ^= 0x1111;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), checksum);
        if (_random.Next(100) < 2)
            packet[0] = (byte)((packet[0] & 0xf0) | _random.Next(5));
        if (_random.Next(100) < 1)
            packet[0] = (byte)((_random.Next(16) << 4) | (packet[0] & 0x0f));
        return packet;
    }

    private byte[] NextIpv4Options()
    {
        var options = new List<byte>();
        var count = _random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            switch (_random.Next(4))
            {
                case 0:
                    options.Add(1);
                    break;
                case 1:
                    options.AddRange([148, 4, 0, (byte)_random.Next(2)]);
                    break;
                case 2:
                    options.AddRange([(byte)_random.Next(150, 160), 3, 0]);
                    break;
                default:
                    options.Add(0);
                    break;
            }
        }
        while (options.Count % 4 != 0)
            options.Add(0);
        return [.. options];
    }

    private byte[] NextIcmp(byte[] source, byte[] destination)
    {
        var choice = _random.Next(100);
        byte type, code = 0;
        byte[] rest;
        var quoted = false;
        Family = "icmp";
        if (_extended && choice < 8)
        {
            // Router advertisement (9) with its address list, or router solicitation (10).
            Family = "icmp router";
            type = (byte)(_random.Next(3) == 0 ? 10 : 9);
            if (type == 9)
            {
                var count = _random.Next(0, 4);
                var entrySize = _random.Next(12) == 0 ? (byte)_random.Next(1, 4) : (byte)2;
                var lifetime = (ushort)(_random.Next(3) switch { 0 => _random.Next(60), 1 => 1800, _ => _random.Next(65536) });
                rest = Concat([(byte)count, entrySize], UInt16(lifetime));
                for (var i = 0; i < count; i++)
                    rest = Concat(rest, Ipv4Hosts[_random.Next(Ipv4Hosts.Length)], UInt32((uint)_random.Next(3) * 1000));
            }
            else
            {
                rest = new byte[4];
            }
            var message = Concat([type, code, 0, 0], rest);
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)~Sum(message));
            return message;
        }
        if (choice < 40)
        {
            type = (byte)(_random.Next(2) == 0 ? 8 : 0);
            rest = Concat(UInt16((ushort)_random.Next(1, 200)), UInt16((ushort)_random.Next(1, 20)), Bytes(_random.Next(3) == 0 ? 0 : 56));
        }
        else if (choice < 65)
        {
            type = 3;
            code = (byte)_random.Next(17);
            rest = Concat(UInt16(0), UInt16((ushort)(code == 4 ? _random.Next(2) * 1400 : 0)));
            quoted = true;
        }
        else if (choice < 75)
        {
            type = 11;
            code = (byte)_random.Next(3);
            rest = new byte[4];
            quoted = true;
        }
        else if (choice < 80)
        {
            type = 5;
            code = (byte)_random.Next(5);
            rest = Ipv4Hosts[_random.Next(Ipv4Hosts.Length)];
            quoted = true;
        }
        else if (choice < 85)
        {
            type = 12;
            code = (byte)_random.Next(3);
            rest = [(byte)_random.Next(40), 0, 0, 0];
            quoted = true;
        }
        else if (choice < 88)
        {
            type = 4;
            rest = new byte[4];
            quoted = true;
        }
        else
        {
            // Random types except router advertisement (9), which the extended mix builds with a valid address list.
            do
                type = (byte)_random.Next(0, 45);
            while (type == 9);
            rest = Bytes(_random.Next(4, 24));
        }
        var body = rest;
        if (quoted)
        {
            var innerProtocol = (byte)(_random.Next(3) switch { 0 => 17, 1 => 6, _ => 1 });
            var inner = BuildIpv4(destination, source, innerProtocol,
                innerProtocol == 17 ? Concat(UInt16(45000), UInt16((ushort)_random.Next(40000, 49000)), UInt16(20), UInt16(0))
                : Bytes(8));
            if (inner.Length > 28 + 40)
                inner = inner[..(28 + 40)];
            body = Concat(rest, inner);
        }
        var packet = Concat([type, code, 0, 0], body);
        var checksum = (ushort)~Sum(packet);
        if (_random.Next(20) == 0)
            checksum ^= 0x0101;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), checksum);
        return packet;
    }

    private byte[] NextUdp(byte[] source, byte[] destination)
    {
        var data = Bytes(_random.Next(0, 80));
        var length = 8 + data.Length;
        var lengthField = _random.Next(100) switch { < 4 => _random.Next(0, 8), < 8 => length + _random.Next(1, 20), < 10 => length - 1, _ => length };
        var packet = Concat(UInt16((ushort)_random.Next(40000, 49000)), UInt16((ushort)_random.Next(40000, 49000)), UInt16((ushort)lengthField), UInt16(0), data);
        if (_random.Next(4) > 0)
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), UdpChecksum(source, destination, 17, packet));
        return packet;
    }

    private ushort UdpChecksum(byte[] source, byte[] destination, byte protocol, byte[] segment)
    {
        var pseudo = Sum(source) + Sum(destination) + protocol + (uint)segment.Length;
        var value = (ushort)~Fold(pseudo + Sum(segment));
        return _random.Next(10) == 0 ? (ushort)(value ^ 0x00ff) : value;
    }

    private readonly List<(byte[] A, byte[] B, ushort PortA, ushort PortB, uint SeqA, uint SeqB)> _flows = new();

    private byte[] NextTcp(ref byte[] source, ref byte[] destination)
    {
        if (_flows.Count < 6 || _random.Next(10) == 0)
        {
            _flows.Add((source, destination, (ushort)_random.Next(40000, 49000), (ushort)_random.Next(40000, 49000),
                (uint)_random.NextInt64(0, uint.MaxValue), (uint)_random.NextInt64(0, uint.MaxValue)));
            if (_flows.Count > 12)
                _flows.RemoveAt(0);
        }
        var flowIndex = _random.Next(_flows.Count);
        var flow = _flows[flowIndex];
        var forward = _random.Next(2) == 0;
        source = forward ? flow.A : flow.B;
        destination = forward ? flow.B : flow.A;
        var flags = (byte)(_random.Next(100) switch
        {
            < 8 => 0x02, < 14 => 0x12, < 50 => 0x10, < 78 => 0x18, < 86 => 0x11, < 90 => 0x04, < 93 => 0x14, _ => _random.Next(256),
        });
        var data = (flags & 0x02) != 0 ? [] : Bytes(_random.Next(3) == 0 ? 0 : _random.Next(1, 120));
        var options = _random.Next(3) == 0 ? NextTcpOptions(forward ? flow.SeqB : flow.SeqA) : [];
        var headerLength = 20 + options.Length;
        var offsetByte = (byte)(headerLength / 4 << 4);
        if (_random.Next(50) == 0)
            offsetByte = (byte)(_random.Next(16) << 4);
        var sequence = forward ? flow.SeqA : flow.SeqB;
        var acknowledgement = forward ? flow.SeqB : flow.SeqA;
        var packet = Concat(UInt16(forward ? flow.PortA : flow.PortB), UInt16(forward ? flow.PortB : flow.PortA),
            UInt32(sequence), UInt32((flags & 0x10) != 0 ? acknowledgement : (uint)_random.Next(2) * acknowledgement),
            [offsetByte, flags], UInt16((ushort)_random.Next(65536)), UInt16(0), UInt16((ushort)_random.Next(3) switch { 0 => 0, _ => (ushort)_random.Next(65536) }),
            options, data);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(16), UdpChecksum(source, destination, 6, packet));
        var advance = (uint)data.Length + ((flags & 0x03) != 0 ? 1u : 0u);
        _flows[flowIndex] = forward ? flow with { SeqA = flow.SeqA + advance } : flow with { SeqB = flow.SeqB + advance };
        return packet;
    }

    private byte[] NextTcpOptions(uint peerSequence)
    {
        var options = new List<byte>();
        var count = _random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            switch (_random.Next(9))
            {
                case 0: options.AddRange([2, 4, 0x05, 0xb4]); break;
                case 1: options.Add(1); break;
                case 2: options.AddRange([3, 3, (byte)_random.Next(15)]); break;
                case 3: options.AddRange([4, 2]); break;
                case 4: options.AddRange(Concat([8, 10], UInt32((uint)_random.Next()), UInt32((uint)_random.Next()))); break;
                case 5: options.AddRange(Concat([5, 10], UInt32(peerSequence - 100), UInt32(peerSequence - 10))); break;
                case 6: options.AddRange([(byte)_random.Next(40, 60), 4, 1, 2]); break;
                case 7: options.AddRange([28, 4, 0x01, 0x2d]); break;
                default: options.Add(0); break;
            }
        }
        if (_random.Next(30) == 0)
            options.AddRange([2, 9]);
        while (options.Count % 4 != 0)
            options.Add(1);
        if (options.Count > 40)
            options.RemoveRange(40, options.Count - 40);
        return [.. options];
    }

    private byte[] NextIpv6()
    {
        var source = Ipv6Hosts[_random.Next(Ipv6Hosts.Length)];
        var destination = Ipv6Hosts[_random.Next(Ipv6Hosts.Length)];
        var kind = _random.Next(100);
        byte nextHeader;
        byte[] payload;
        if (kind < 45)
        {
            nextHeader = 58;
            payload = NextIcmpv6(source, destination);
        }
        else if (kind < 70)
        {
            nextHeader = 17;
            payload = NextUdp(source, destination);
            Family = "udp6";
        }
        else if (kind < 95)
        {
            nextHeader = 6;
            payload = NextTcp6(source, destination);
            Family = "tcp6";
        }
        else
        {
            nextHeader = 253;
            payload = Bytes(_random.Next(0, 30));
            Family = "ip6 other";
        }
        if (_extended && _random.Next(100) < 30)
        {
            (nextHeader, payload) = NextExtensionChain(nextHeader, payload);
            Family = "ip6 ext " + Family;
        }
        var header = new byte[40];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x60000000u | (uint)(_random.Next(3) == 0 ? _random.Next() & 0x0fffffff : 0));
        var payloadLength = payload.Length;
        if (_random.Next(40) == 0)
            payloadLength += _random.Next(1, 20);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)payloadLength);
        header[6] = nextHeader;
        header[7] = (byte)(_random.Next(4) == 0 ? 255 : 64);
        source.CopyTo(header, 8);
        destination.CopyTo(header, 24);
        return Concat(header, payload);
    }

    private byte[] NextTcp6(byte[] source, byte[] destination)
    {
        var a = source;
        var b = destination;
        // Reuse the IPv4 conversation logic for flags, options and sequence numbers, with IPv6 addresses for the checksum.
        var packet = NextTcp(ref a, ref b);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(16), 0);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(16), UdpChecksum(source, destination, 6, packet));
        return packet;
    }

    private byte[] NextIcmpv6(byte[] source, byte[] destination)
    {
        var choice = _random.Next(100);
        byte type, code = 0;
        byte[] body;
        Family = "icmp6";
        if (_extended && choice < 55)
        {
            (type, body) = NextDiscoveryMessage();
            var message = Concat([type, code, 0, 0], body);
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), UdpChecksum(source, destination, 58, message));
            return message;
        }
        if (choice < 35)
        {
            type = (byte)(_random.Next(2) == 0 ? 128 : 129);
            body = Concat(UInt16((ushort)_random.Next(1, 200)), UInt16((ushort)_random.Next(1, 20)), Bytes(_random.Next(3) == 0 ? 0 : 56));
        }
        else if (choice < 50)
        {
            type = (byte)(135 + _random.Next(2));
            body = Concat(new byte[4], Ipv6Hosts[_random.Next(Ipv6Hosts.Length)]);
        }
        else if (choice < 55)
        {
            type = 133;
            body = new byte[4];
        }
        else if (choice < 85)
        {
            type = (byte)_random.Next(1, 5);
            code = (byte)_random.Next(type == 1 ? 8 : 5);
            var inner = new byte[48];
            inner[0] = 0x60;
            inner[5] = 8;
            inner[6] = (byte)(_random.Next(2) == 0 ? 17 : 6);
            destination.CopyTo(inner, 8);
            source.CopyTo(inner, 24);
            BinaryPrimitives.WriteUInt16BigEndian(inner.AsSpan(42), (ushort)_random.Next(40000, 49000));
            body = Concat(UInt32((uint)_random.Next(0, 1500)), inner);
        }
        else
        {
            // Random types, except the neighbour-discovery and MLD types (built with valid bodies by the extended mix) and the
            // node-information, router-renumbering and RPL types, which are outside issue 5.
            do
                type = (byte)_random.Next(0, 256);
            while (type is >= 130 and <= 153 or 155);
            body = Bytes(_random.Next(4, 30));
        }
        var packet = Concat([type, code, 0, 0], body);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), UdpChecksum(source, destination, 58, packet));
        return packet;
    }

    /// <summary>One to three IPv6 extension headers (hop-by-hop first, destination options, routing, fragment) in front of a payload.</summary>
    private (byte NextHeader, byte[] Payload) NextExtensionChain(byte nextHeader, byte[] payload)
    {
        var chain = _random.Next(8) switch
        {
            0 => new byte[] { 0 },
            1 => [60],
            2 => [43],
            3 => [44],
            4 => [0, 60],
            5 => [0, 43, 44],
            6 => [60, 43, 60],
            _ => [0, 60, 43, 44],
        };
        for (var i = chain.Length - 1; i >= 0; i--)
        {
            var kind = chain[i];
            byte[] header;
            switch (kind)
            {
                case 0:
                case 60:
                    header = OptionsHeader(nextHeader, hopByHop: kind == 0);
                    break;
                case 43:
                    var routingType = (byte)(_random.Next(10) switch { < 5 => 0, < 9 => 2, _ => _random.Next(3, 6) });
                    var addresses = routingType == 2 ? 1 : _random.Next(0, 4);
                    var lengthUnits = (byte)(addresses * 2 + (_random.Next(25) == 0 ? 1 : 0));
                    header = Concat([nextHeader, lengthUnits, routingType, (byte)_random.Next(0, addresses + 1)],
                        UInt32(_random.Next(10) == 0 ? (uint)_random.Next() : 0));
                    for (var a = 0; a < addresses; a++)
                        header = Concat(header, Ipv6Hosts[_random.Next(Ipv6Hosts.Length)]);
                    break;
                default:
                    var offset = _random.Next(4) == 0 ? _random.Next(1, 8192) : 0;
                    header = Concat([nextHeader, 0], UInt16((ushort)(offset << 3 | _random.Next(2))), UInt32((uint)_random.Next()));
                    if (offset != 0 && payload.Length > 8)
                        payload = payload[8..];
                    break;
            }
            payload = Concat(header, payload);
            nextHeader = kind;
        }
        return (nextHeader, payload);
    }

    /// <summary>A hop-by-hop or destination-options header: PadN, Pad1, router alert, jumbo, home address or unknown options.</summary>
    private byte[] OptionsHeader(byte nextHeader, bool hopByHop)
    {
        var options = new List<byte>();
        for (var count = _random.Next(1, 4); count > 0; count--)
        {
            switch (_random.Next(7))
            {
                case 0: options.Add(0); break;
                case 1: options.AddRange([1, (byte)_random.Next(0, 4)]); options.AddRange(new byte[options[^1]]); break;
                case 2: options.AddRange(Concat([5, 2], UInt16((ushort)_random.Next(3)))); break;
                case 3: options.AddRange(Concat([0xc2, 4], UInt32((uint)_random.Next(60000, 80000)))); break;
                case 4: options.AddRange(Concat([0xc9, 16], Ipv6Hosts[_random.Next(Ipv6Hosts.Length)])); break;
                case 5: options.AddRange([(byte)_random.Next(0x3e, 0x40), 2, 0, 0]); break;
                default: options.AddRange([5, (byte)_random.Next(1, 4), 0, 0, 0]); break;
            }
        }
        // Pad to a multiple of 8 with the header's two bytes, sometimes leaving an option that runs past the end.
        var total = options.Count + 2;
        var padded = (total + 7) / 8 * 8;
        if (padded - total == 1)
            options.Add(0);
        else if (padded - total > 1)
            options.AddRange([1, (byte)(padded - total - 2), .. new byte[padded - total - 2]]);
        if (_random.Next(30) == 0)
            options[^1] = 0x2f;
        return Concat([nextHeader, (byte)((options.Count + 2) / 8 - 1)], [.. options]);
    }

    /// <summary>Router and neighbour discovery, redirect, MLD v1/v2 and mobile IPv6 messages (type and body after the checksum).</summary>
    private (byte Type, byte[] Body) NextDiscoveryMessage()
    {
        var pick = _random.Next(100);
        var host = Ipv6Hosts[_random.Next(Ipv6Hosts.Length)];
        switch (pick)
        {
            case < 10:
                Family = "icmp6 router solicitation";
                return (133, Concat(new byte[4], NextDiscoveryOptions(redirect: false)));
            case < 22:
                Family = "icmp6 router advertisement";
                return (134, Concat([(byte)_random.Next(256), (byte)(_random.Next(4) == 0 ? _random.Next(256) : _random.Next(4) << 6)],
                    UInt16((ushort)_random.Next(65536)), UInt32((uint)_random.Next(0, 40000)), UInt32((uint)_random.Next(0, 5000)),
                    NextDiscoveryOptions(redirect: false)));
            case < 34:
                Family = "icmp6 neighbor solicitation";
                return (135, Concat(new byte[4], host, NextDiscoveryOptions(redirect: false)));
            case < 46:
                Family = "icmp6 neighbor advertisement";
                return (136, Concat([(byte)(_random.Next(8) << 5), 0, 0, 0], host, NextDiscoveryOptions(redirect: false)));
            case < 58:
                Family = "icmp6 redirect";
                return (137, Concat(new byte[4], host, Ipv6Hosts[_random.Next(Ipv6Hosts.Length)], NextDiscoveryOptions(redirect: true)));
            case < 68:
                Family = "icmp6 mld";
                var mldType = (byte)(130 + _random.Next(3));
                return (mldType, Concat(UInt16((ushort)_random.Next(0, 20000)), UInt16(0), host));
            case < 76:
                Family = "icmp6 mld";
                var sources = _random.Next(0, 3);
                var query = Concat(UInt16((ushort)(_random.Next(2) == 0 ? _random.Next(32768) : _random.Next(32768, 65536))), UInt16(0), host,
                    [(byte)_random.Next(16), (byte)_random.Next(256)], UInt16((ushort)(_random.Next(15) == 0 ? sources + 1 : sources)));
                for (var i = 0; i < sources; i++)
                    query = Concat(query, Ipv6Hosts[_random.Next(Ipv6Hosts.Length)]);
                return (130, query);
            case < 86:
                Family = "icmp6 mld";
                var groups = _random.Next(0, 3);
                var report = Concat(UInt16(0), UInt16((ushort)(_random.Next(15) == 0 ? groups + 1 : groups)));
                for (var g = 0; g < groups; g++)
                {
                    var groupSources = _random.Next(0, 3);
                    report = Concat(report, [(byte)(_random.Next(12) == 0 ? 9 : _random.Next(1, 7)), 0], UInt16((ushort)groupSources),
                        Ipv6Hosts[_random.Next(Ipv6Hosts.Length)]);
                    for (var i = 0; i < groupSources; i++)
                        report = Concat(report, Ipv6Hosts[_random.Next(Ipv6Hosts.Length)]);
                }
                return (143, report);
            default:
                Family = "icmp6 mobile";
                var mobileType = (byte)(_random.Next(5) switch { 0 => 141, 1 => 144, 2 => 145, 3 => 146, _ => 147 });
                var mobile = Concat(UInt16((ushort)_random.Next(65536)), UInt16((ushort)(_random.Next(4) << 14)));
                return (mobileType, mobileType switch
                {
                    145 => Concat(mobile, host),
                    147 => Concat(mobile, NextDiscoveryOptions(redirect: false)),
                    _ => mobile,
                });
        }
    }

    /// <summary>Neighbour-discovery options (link addresses, prefix, MTU, RDNSS, route information, ...), now and then malformed.</summary>
    private byte[] NextDiscoveryOptions(bool redirect)
    {
        var options = Array.Empty<byte>();
        for (var count = _random.Next(0, 4); count > 0; count--)
        {
            byte[] option = _random.Next(redirect ? 10 : 9) switch
            {
                0 => Concat([1, 1], Mac()),
                1 => Concat([2, 1], Mac()),
                2 => Concat([3, 4, (byte)_random.Next(129), (byte)_random.Next(256)], UInt32(_random.Next(4) == 0 ? uint.MaxValue : (uint)_random.Next()),
                    UInt32((uint)_random.Next()), new byte[4], Ipv6Hosts[_random.Next(Ipv6Hosts.Length)]),
                3 => Concat([5, 1, 0, 0], UInt32((uint)_random.Next(1280, 9000))),
                4 => Concat([25, 3, 0, 0], UInt32((uint)_random.Next()), Ipv6Hosts[_random.Next(Ipv6Hosts.Length)]),
                5 => RouteInformation(),
                6 => Concat([7, 1, 0, 0], UInt32((uint)_random.Next(100000))),
                7 => Concat([8, 1], UInt16((ushort)_random.Next(65536)), UInt16((ushort)_random.Next(65536)), new byte[2]),
                8 => Concat([(byte)_random.Next(40, 60), 1], Bytes(6)),
                _ => Concat([4, 2], new byte[6], Bytes(8)),
            };
            options = Concat(options, option);
        }
        return _random.Next(25) switch
        {
            0 => Concat(options, [1, 0]),
            1 => Concat(options, [3, 4, 0, 0]),
            _ => options,
        };
    }

    private byte[] RouteInformation()
    {
        var units = (byte)_random.Next(1, 4);
        return Concat([24, units, (byte)_random.Next(129), (byte)(_random.Next(4) << 3)], UInt32((uint)_random.Next()), Bytes((units - 1) * 8));
    }

    private static void AddUInt16(List<byte> list, ushort value)
    {
        list.Add((byte)(value >> 8));
        list.Add((byte)value);
    }

    private static void AddUInt32(List<byte> list, uint value)
    {
        AddUInt16(list, (ushort)(value >> 16));
        AddUInt16(list, (ushort)value);
    }

    private static byte[] UInt16(ushort value) => [(byte)(value >> 8), (byte)value];
    private static byte[] UInt32(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static uint Sum(ReadOnlySpan<byte> bytes)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < bytes.Length; i += 2)
            sum += (uint)(bytes[i] << 8 | bytes[i + 1]);
        if (bytes.Length % 2 == 1)
            sum += (uint)(bytes[^1] << 8);
        return Fold(sum);
    }

    private static uint Fold(uint sum)
    {
        while (sum > 0xffff)
            sum = (sum & 0xffff) + (sum >> 16);
        return sum;
    }
}
