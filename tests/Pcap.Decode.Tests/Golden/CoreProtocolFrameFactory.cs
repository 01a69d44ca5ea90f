using System.Buffers.Binary;
using Pcap.Testing.Packets;

namespace Pcap.Decode.Tests.Golden;

/// <summary>
/// Seeded frames around the core protocols issue 16 found printing differently from tcpdump: IPv6 extension-header chains
/// (hop-by-hop, routing, fragment, destination options, mobility, next header 59), TCP with random options, IPv4 with random
/// options including LSRR/SSRR (checksummed against the route's final hop or not), ICMPv6 shorter than its header, ARP with
/// other hardware types, all framed as Ethernet, RAW, NULL or LOOP (families in either byte order), then mutated. Transport
/// ports stay in a range tcpdump hands to no application printer.
/// </summary>
internal sealed class CoreProtocolFrameFactory
{
    private static readonly byte[] Source4 = [10, 1, 2, 3];
    private static readonly byte[] Destination4 = [192, 168, 7, 9];
    private static readonly byte[] Source6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    private static readonly byte[] Destination6 = [0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0];

    private readonly Random _random;
    private readonly int _linkType;

    /// <summary>A factory for <paramref name="linkType"/> (1, 101, 0 or 108) drawing from <paramref name="seed"/>.</summary>
    public CoreProtocolFrameFactory(int linkType, int seed)
    {
        _linkType = linkType;
        _random = new Random(seed);
    }

    /// <summary>The family of the frame <see cref="Next"/> returned last (what a difference is charged to).</summary>
    public string Family { get; private set; } = "";

    /// <summary>The next frame: captured bytes and wire length.</summary>
    public (byte[] Data, int WireLength) Next()
    {
        byte[] network;
        var ipv6 = false;
        var arp = false;
        var pick = _random.Next(100);
        if (pick < 14 && _linkType == 1)
        {
            Family = "arp";
            network = NextArp();
            arp = true;
        }
        else if (pick < 40)
        {
            network = NextIpv4();
        }
        else
        {
            network = NextIpv6();
            ipv6 = true;
        }
        var frame = _linkType switch
        {
            1 => [.. new byte[] { 0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2 }, .. EtherType(arp ? (ushort)0x0806 : ipv6 ? (ushort)0x86dd : (ushort)0x0800), .. network],
            0 or 108 => [.. LoopbackFamily(ipv6), .. network],
            _ => network,
        };
        if (_random.Next(100) < 25)
        {
            // Mutations: flipped bytes anywhere past the link header.
            var start = _linkType switch { 1 => 14, 0 or 108 => 4, _ => 0 };
            var flips = 1 + _random.Next(3);
            for (var i = 0; i < flips && frame.Length > start; i++)
                frame[_random.Next(start, frame.Length)] ^= (byte)(1 + _random.Next(255));
            Family += " mutated";
        }
        var wire = frame.Length;
        if (_random.Next(100) < 12)
            frame = frame[.._random.Next(Math.Min(frame.Length, 16), frame.Length + 1)];
        return (frame, wire);
    }

    private static byte[] EtherType(ushort value) => [(byte)(value >> 8), (byte)value];

    private byte[] LoopbackFamily(bool ipv6)
    {
        uint family = _random.Next(10) switch
        {
            0 => (uint)_random.Next(0, 40),
            1 => (uint)_random.Next(),
            2 => ipv6 ? 10u : 2u,
            3 => 0,
            _ => ipv6 ? (uint)(new[] { 24, 28, 30 })[_random.Next(3)] : 2u,
        };
        // ISO, AppleTalk and IPX go to printers outside this corpus's scope, in either byte order.
        if (family is 7 or 16 or 23 || BinaryPrimitives.ReverseEndianness(family) is 7 or 16 or 23)
            family = 0;
        var bytes = new byte[4];
        // NULL is in the writer's byte order (either), LOOP in network order, sometimes written swapped anyway.
        var bigEndian = _linkType == 108 ? _random.Next(4) != 0 : _random.Next(2) == 0;
        if (bigEndian)
            BinaryPrimitives.WriteUInt32BigEndian(bytes, family);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, family);
        Family = (Family.Length > 0 ? Family + " " : "") + $"af {family}{(bigEndian ? "be" : "le")}";
        return bytes;
    }

    private byte[] NextArp()
    {
        ushort hardware = (ushort)(_random.Next(6) switch
        {
            0 => 1,
            1 => 6,
            2 => 19,
            3 => 15,
            4 => _random.Next(0, 40),
            _ => _random.Next(0, 65536),
        });
        var hardwareLength = _random.Next(4) == 0 ? _random.Next(0, 21) : hardware == 19 ? 20 : 6;
        var protocolLength = _random.Next(5) == 0 ? _random.Next(0, 17) : 4;
        ushort protocol = (ushort)(_random.Next(6) == 0 ? _random.Next(0, 65536) : 0x0800);
        ushort operation = (ushort)(_random.Next(4) == 0 ? _random.Next(0, 12) : 1 + _random.Next(2));
        Family = $"arp hrd {hardware}";
        var packet = new List<byte>();
        packet.AddRange(EtherType(hardware));
        packet.AddRange(EtherType(protocol));
        if (hardware == 19)
        {
            // ATM ARP: shtl, sstl, op, spln, thtl, tstl, tpln (each length byte may carry the E.164 flag).
            var sourceHardware = AtmLength(hardwareLength);
            var sourceSub = AtmLength(_random.Next(3) == 0 ? _random.Next(0, 8) : 0);
            var targetHardware = AtmLength(hardwareLength);
            var targetSub = AtmLength(_random.Next(3) == 0 ? _random.Next(0, 8) : 0);
            packet.Add(sourceHardware);
            packet.Add(sourceSub);
            packet.AddRange(EtherType(operation));
            packet.Add((byte)protocolLength);
            packet.Add(targetHardware);
            packet.Add(targetSub);
            packet.Add((byte)(_random.Next(3) == 0 ? 0 : protocolLength));
            packet.AddRange(Bytes((sourceHardware & 0x3f) + (sourceSub & 0x3f) + protocolLength + (targetHardware & 0x3f) + (targetSub & 0x3f) + protocolLength));
        }
        else
        {
            packet.Add((byte)hardwareLength);
            packet.Add((byte)protocolLength);
            packet.AddRange(EtherType(operation));
            packet.AddRange(Bytes(2 * (hardwareLength + protocolLength)));
        }
        packet.AddRange(new byte[_random.Next(0, 20)]);
        return [.. packet];
    }

    private byte AtmLength(int length) => (byte)(length | (_random.Next(5) == 0 ? 0x40 : 0));

    private byte[] NextIpv4()
    {
        var options = new List<byte>();
        var finalHop = Destination4;
        var wantOptions = _random.Next(100) < 70;
        Family = "ip opts";
        while (wantOptions && options.Count < 36 && _random.Next(4) != 0)
        {
            var kind = _random.Next(12) switch
            {
                0 => 0,
                1 => 1,
                2 => 7,
                3 => 68,
                4 or 5 => 131,
                6 or 7 => 137,
                8 => 148,
                9 => new[] { 130, 133, 134, 136, 145, 149, 150, 152 }[_random.Next(8)],
                _ => _random.Next(256),
            };
            if (kind is 0 or 1)
            {
                options.Add((byte)kind);
                continue;
            }
            var length = kind is 131 or 137 or 7 ? 3 + 4 * _random.Next(0, 5) : kind == 68 ? 4 + 4 * _random.Next(0, 4) : kind == 148 ? 4 : _random.Next(2, 10);
            if (_random.Next(8) == 0)
                length = _random.Next(0, 14);
            var body = Bytes(Math.Max(0, length - 2));
            if (kind is 131 or 137 or 7 && body.Length > 0)
            {
                body[0] = (byte)(_random.Next(6) == 0 ? _random.Next(0, 20) : 4 + 4 * _random.Next(0, Math.Max(1, (length - 3) / 4 + 1)));
                for (var i = 1; i + 4 <= body.Length; i += 4)
                    new byte[] { 172, 16, (byte)_random.Next(4), (byte)(i / 4 + 1) }.CopyTo(body, i);
                if (kind is 131 or 137 && body.Length >= 5)
                    finalHop = body[^4..];
            }
            options.Add((byte)kind);
            options.Add((byte)length);
            options.AddRange(body);
        }
        while (options.Count % 4 != 0)
            options.Add(_random.Next(3) == 0 ? (byte)1 : (byte)0);
        if (options.Count > 40)
            options.RemoveRange(40, options.Count - 40);
        var protocol = _random.Next(20) switch { < 12 => 6, < 17 => 17, < 19 => 1, _ => 59 };
        var destinationForChecksum = _random.Next(4) == 0 ? Destination4 : finalHop;
        var transport = protocol switch
        {
            6 => NextTcp(Source4, destinationForChecksum, false),
            17 => NextUdp(Source4, destinationForChecksum, false),
            1 => NextIcmp(),
            _ => Bytes(_random.Next(0, 8)),
        };
        var headerLength = 20 + options.Count;
        var packet = new byte[headerLength + transport.Length];
        packet[0] = (byte)(0x40 | headerLength / 4);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)_random.Next(65536));
        packet[6] = (byte)(_random.Next(3) == 0 ? 0x40 : 0);
        packet[8] = (byte)(1 + _random.Next(255));
        packet[9] = (byte)protocol;
        Source4.CopyTo(packet, 12);
        Destination4.CopyTo(packet, 16);
        options.CopyTo(packet, 20);
        if (_random.Next(10) != 0)
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), Checksums.Internet(packet.AsSpan(0, headerLength)));
        transport.CopyTo(packet, headerLength);
        return packet;
    }

    private byte[] NextIcmp()
    {
        var icmp = new byte[8 + _random.Next(0, 12)];
        icmp[0] = (byte)(_random.Next(2) == 0 ? 8 : 0);
        _random.NextBytes(icmp.AsSpan(4));
        BinaryPrimitives.WriteUInt16BigEndian(icmp.AsSpan(2), Checksums.Internet(icmp));
        return icmp;
    }

    private ushort Port() => (ushort)(40000 + _random.Next(1000));

    private byte[] NextUdp(byte[] source, byte[] destination, bool ipv6)
    {
        var udp = new byte[8 + _random.Next(0, 16)];
        BinaryPrimitives.WriteUInt16BigEndian(udp, Port());
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), Port());
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        _random.NextBytes(udp.AsSpan(8));
        if (ipv6 || _random.Next(5) != 0)
            BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(6), Checksums.WithPseudoHeader(source, destination, 17, udp));
        return udp;
    }

    private byte[] NextTcp(byte[] source, byte[] destination, bool ipv6)
    {
        Family = (Family.Length > 0 ? Family + " " : "") + "tcp opts";
        var options = new List<byte>();
        while (options.Count < 40 && _random.Next(5) != 0)
        {
            var kind = _random.Next(10) switch
            {
                0 => new[] { 0, 1 }[_random.Next(2)],
                1 => new[] { 2, 3, 4, 5, 8 }[_random.Next(5)],
                2 => 19,
                3 => 34,
                4 => 30,
                5 => 7,
                6 => new[] { 6, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 27, 28, 29, 253, 254 }[_random.Next(16)],
                _ => _random.Next(256),
            };
            if (kind is 0 or 1)
            {
                options.Add((byte)kind);
                continue;
            }
            var length = kind switch
            {
                2 => 4,
                3 => 3,
                4 => 2,
                5 => 2 + 8 * _random.Next(0, 4),
                8 => 10,
                19 => 18,
                34 => 2 + 4 * _random.Next(0, 5),
                28 => 4,
                30 => 3 + _random.Next(0, 22),
                253 or 254 => 4 + _random.Next(0, 8),
                _ => 2 + _random.Next(0, 10),
            };
            if (_random.Next(8) == 0)
                length = _random.Next(0, 20);
            var body = Bytes(Math.Max(0, length - 2));
            if (kind == 30 && body.Length > 0)
                body[0] = (byte)(_random.Next(9) << 4 | body[0] & 0x0f);
            options.Add((byte)kind);
            options.Add((byte)length);
            options.AddRange(body);
        }
        while (options.Count % 4 != 0)
            options.Add(0);
        if (options.Count > 40)
            options.RemoveRange(40, options.Count - 40);
        var headerLength = 20 + options.Count;
        var tcp = new byte[headerLength + (_random.Next(4) == 0 ? _random.Next(1, 12) : 0)];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, Port());
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), Port());
        _random.NextBytes(tcp.AsSpan(4, 8));
        tcp[12] = (byte)(headerLength / 4 << 4);
        tcp[13] = (byte)(_random.Next(4) switch { 0 => 0x02, 1 => 0x12, 2 => 0x10, _ => 0x18 });
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), (ushort)_random.Next(65536));
        options.CopyTo(tcp, 20);
        _random.NextBytes(tcp.AsSpan(headerLength));
        if (_random.Next(10) != 0)
            BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(16), Checksums.WithPseudoHeader(source, destination, 6, tcp));
        return tcp;
    }

    private byte[] NextIpv6()
    {
        var chain = new List<(byte Type, byte[] Header)>();
        Family = "ip6";
        var finalDestination = Destination6;
        var extensions = _random.Next(0, 4);
        for (var i = 0; i < extensions; i++)
        {
            switch (_random.Next(5))
            {
                case 0:
                    chain.Add((0, OptionsHeader()));
                    break;
                case 1:
                    chain.Add((60, OptionsHeader()));
                    break;
                case 2:
                    chain.Add((44, Fragment()));
                    break;
                default:
                    var (routing, last) = Routing();
                    chain.Add((43, routing));
                    finalDestination = last ?? finalDestination;
                    break;
            }
        }
        if (extensions > 0)
            Family = "ip6 ext";
        var (upperType, upper) = _random.Next(12) switch
        {
            < 4 => ((byte)135, Mobility(finalDestination)),
            < 5 => ((byte)59, Bytes(_random.Next(0, 12))),
            < 7 => ((byte)6, NextTcp(Source6, finalDestination, true)),
            < 8 => ((byte)17, NextUdp(Source6, finalDestination, true)),
            _ => ((byte)58, Icmpv6(finalDestination)),
        };
        if (upperType is 135 or 59 or 58)
            Family += upperType switch { 135 => " mobility", 59 => " nh59", _ => " icmp6" };
        var payload = new List<byte>();
        for (var i = 0; i < chain.Count; i++)
        {
            var header = chain[i].Header;
            header[0] = i + 1 < chain.Count ? chain[i + 1].Type : upperType;
            payload.AddRange(header);
        }
        payload.AddRange(upper);
        var packet = new byte[40 + payload.Count];
        packet[0] = 0x60;
        var payloadLength = payload.Count;
        if (_random.Next(8) == 0)
        {
            // A payload length shorter than the headers it carries (ICMPv6 shorter than its header among them).
            payloadLength = Math.Max(0, payload.Count - _random.Next(1, Math.Max(2, upper.Length + 1)));
            Family += " short";
        }
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)payloadLength);
        packet[6] = chain.Count > 0 ? chain[0].Type : upperType;
        packet[7] = 64;
        Source6.CopyTo(packet, 8);
        Destination6.CopyTo(packet, 24);
        payload.CopyTo(packet, 40);
        return packet;
    }

    private byte[] OptionsHeader()
    {
        var units = _random.Next(0, 3);
        var header = new byte[8 + 8 * units];
        header[1] = (byte)units;
        var position = 2;
        while (position < header.Length)
        {
            var kind = _random.Next(8) switch { 0 => 0, 1 => 1, 2 => 5, 3 => 0xc2, 4 => 0xc9, _ => _random.Next(256) };
            if (kind == 0)
            {
                header[position++] = 0;
                continue;
            }
            var room = header.Length - position - 2;
            if (room < 0)
            {
                header[position++] = 0;
                continue;
            }
            var length = _random.Next(10) == 0 ? _random.Next(0, 30) : kind switch { 5 => 2, 0xc2 => 4, 0xc9 => 16, _ => _random.Next(0, room + 1) };
            header[position] = (byte)kind;
            header[position + 1] = (byte)length;
            for (var i = position + 2; i < header.Length && i < position + 2 + length; i++)
                header[i] = (byte)_random.Next(256);
            position += 2 + length;
        }
        return header;
    }

    private byte[] Fragment()
    {
        var header = new byte[8];
        header[2] = (byte)(_random.Next(3) == 0 ? _random.Next(256) : 0);
        header[3] = (byte)(_random.Next(2) == 0 ? 1 : _random.Next(256));
        _random.NextBytes(header.AsSpan(4));
        return header;
    }

    private (byte[] Header, byte[]? FinalHop) Routing()
    {
        var type = _random.Next(5) switch { 0 => 0, 1 => 2, 2 => 4, 3 => 3, _ => _random.Next(256) };
        var addresses = type == 2 ? 1 : _random.Next(0, 4);
        var header = new byte[8 + 16 * addresses];
        header[1] = (byte)(2 * addresses);
        header[2] = (byte)type;
        header[3] = (byte)(_random.Next(4) == 0 ? _random.Next(256) : _random.Next(0, addresses + 1));
        if (type == 4)
            header[4] = (byte)Math.Max(0, addresses - 1);
        for (var i = 0; i < addresses; i++)
        {
            var address = (byte[])Destination6.Clone();
            address[15] = (byte)(0x20 + i);
            address.CopyTo(header, 8 + 16 * i);
        }
        return (header, addresses > 0 && type is 0 && header[3] != 0 ? header[^16..] : null);
    }

    private byte[] Mobility(byte[] destination)
    {
        var type = _random.Next(10) == 0 ? _random.Next(0, 256) : _random.Next(0, 12);
        var bodyLength = type switch
        {
            0 => 2,
            1 or 2 => 10,
            3 or 4 => 18,
            5 => 6,
            6 => 6,
            7 => 18,
            _ => _random.Next(0, 16),
        };
        var options = new List<byte>();
        while (_random.Next(3) != 0 && options.Count < 30)
        {
            var kind = _random.Next(10) switch { 0 => 0, 1 => 1, 2 => 2, 3 => 3, 4 => 4, 5 => 5, 6 => 6, _ => _random.Next(0, 12) };
            if (kind == 0)
            {
                options.Add(0);
                continue;
            }
            var length = kind switch { 1 => _random.Next(0, 6), 2 => 2, 3 => 16, 4 => 4, 5 => 12, 6 => 16, _ => _random.Next(0, 8) };
            if (_random.Next(8) == 0)
                length = _random.Next(0, 20);
            options.Add((byte)kind);
            options.Add((byte)length);
            options.AddRange(Bytes(length));
        }
        var total = 6 + bodyLength + options.Count;
        var padded = (total + 7) / 8 * 8;
        var header = new byte[padded];
        header[0] = 59;
        header[1] = (byte)(_random.Next(10) == 0 ? _random.Next(0, 6) : padded / 8 - 1);
        header[2] = (byte)type;
        header[3] = (byte)(_random.Next(6) == 0 ? _random.Next(256) : 0);
        _random.NextBytes(header.AsSpan(6, bodyLength));
        options.CopyTo(header, 6 + bodyLength);
        if (_random.Next(5) != 0)
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), Checksums.WithPseudoHeader(Source6, destination, 135, header));
        return header;
    }

    private byte[] Icmpv6(byte[] destination)
    {
        var message = new byte[_random.Next(2) == 0 ? _random.Next(0, 8) : 8 + _random.Next(0, 16)];
        if (message.Length > 0)
            message[0] = (byte)(_random.Next(4) switch { 0 => 128, 1 => 129, 2 => 1 + _random.Next(4), _ => _random.Next(256) });
        if (message.Length > 4)
            _random.NextBytes(message.AsSpan(4));
        if (message.Length >= 4)
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), Checksums.WithPseudoHeader(Source6, destination, 58, message));
        return message;
    }

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }
}
