using Pcap.Filter;

namespace Pcap.Testing.Packets;

/// <summary>Chooses and stacks the layers of one frame; all randomness comes from one seeded <see cref="Random"/>.</summary>
internal sealed class LayerGenerator(Random random)
{
    private readonly record struct Layer(ushort Type, byte[] Bytes, string Description);

    private static readonly ushort[] OtherEtherTypes =
        [0x6001, 0x6002, 0x6003, 0x6004, 0x6007, 0x809b, 0x80f3, 0x8137, 0x88cc, 0x88e5, 0x0842, 0x22f0];

    public GeneratedPacket Frame(LinkType linkType, DamageRates rates)
    {
        int roll = random.Next(100);
        if (roll < rates.Garbage)
        {
            var garbage = AddressPool.RandomBytes(random, random.Next(0, 96));
            return new GeneratedPacket(garbage, (uint)(garbage.Length + (random.Next(3) == 0 ? random.Next(1, 1500) : 0)), "garbage");
        }
        var (bytes, description) = linkType switch
        {
            _ when linkType == LinkType.Ethernet => EthernetFrame(0),
            _ when linkType == LinkType.LinuxSll => Cooked(false),
            _ when linkType == LinkType.LinuxSll2 => Cooked(true),
            _ when linkType == LinkType.Raw => Raw(random.Next(2) == 0 ? 4 : 6),
            _ when linkType == LinkType.Ipv4 => Raw(4),
            _ when linkType == LinkType.Ipv6 => Raw(6),
            _ when linkType == LinkType.Null => Loopback(false),
            _ when linkType == LinkType.Loop => Loopback(true),
            _ => throw new ArgumentOutOfRangeException(nameof(linkType), linkType, "The generator has no framing for this link type."),
        };
        roll -= rates.Garbage;
        if (roll < rates.Truncated && bytes.Length > 0)
        {
            int captured = random.Next(bytes.Length);
            return new GeneratedPacket(bytes[..captured], (uint)bytes.Length, $"{description} [truncated to {captured}]");
        }
        roll -= rates.Truncated;
        if (roll < rates.Runt && bytes.Length > 0)
        {
            int length = random.Next(Math.Min(bytes.Length, 60));
            return new GeneratedPacket(bytes[..length], (uint)length, $"{description} [runt {length}]");
        }
        return new GeneratedPacket(bytes, (uint)bytes.Length, description);
    }

    private (byte[], string) EthernetFrame(int depth)
    {
        var layer = EthernetPayload(depth);
        var destination = random.Next(6) == 0 ? AddressPool.Mac[4] : AddressPool.NextMac(random);
        return (EthernetFrameBuilder.Build(destination, AddressPool.NextMac(random), layer.Type, layer.Bytes, random.Next(2) == 0),
            "eth " + layer.Description);
    }

    private (byte[], string) Cooked(bool version2)
    {
        var layer = EthernetPayload(0);
        ushort protocol = layer.Type;
        if (protocol <= 1500)
            protocol = (ushort)(layer.Bytes.Length >= 2 && layer.Bytes[0] == 0xff && layer.Bytes[1] == 0xff ? 0x0001 : 0x0004);
        if (random.Next(30) == 0)
            protocol = (ushort)random.Next(0, 32);
        var bytes = version2 ? LinkHeaderBuilder.LinuxSll2(random, protocol, layer.Bytes) : LinkHeaderBuilder.LinuxSll(random, protocol, layer.Bytes);
        return (bytes, $"{(version2 ? "sll2" : "sll")} 0x{protocol:x4} {layer.Description}");
    }

    private (byte[], string) Raw(int preferredVersion)
    {
        int version = random.Next(12) == 0 ? 10 - preferredVersion : preferredVersion;
        var layer = version == 4 ? Ipv4Packet(0) : Ipv6Packet(0);
        return (layer.Bytes, layer.Description);
    }

    private (byte[], string) Loopback(bool networkOrder)
    {
        uint family = random.Next(10) switch
        {
            < 5 => 2,
            5 => 24,
            6 => 28,
            7 => 30,
            8 => 10,
            _ => random.Next(2) == 0 ? 7u : (uint)random.Next(),
        };
        var layer = family is 24 or 28 or 30 or 10 || (family != 2 && random.Next(2) == 0) ? Ipv6Packet(0) : Ipv4Packet(0);
        return (LinkHeaderBuilder.AddressFamily(family, networkOrder, layer.Bytes), $"af {family} {layer.Description}");
    }

    private Layer EthernetPayload(int depth)
    {
        int roll = random.Next(100);
        if (roll < 30) return Ipv4Packet(depth);
        if (roll < 50) return Ipv6Packet(depth);
        if (roll < 58) return Arp(false);
        if (roll < 61) return Arp(true);
        if (roll < 70 && depth < 2)
        {
            // One or two VLAN tags (QinQ) in front of the rest of the frame.
            var inner = EthernetPayload(depth + 1);
            int id = VlanTagBuilder.NextId(random);
            ushort tpid = random.Next(4) == 0 ? VlanTagBuilder.Tpids[random.Next(3)] : (ushort)0x8100;
            return new Layer(tpid, VlanTagBuilder.Build(random, id, inner.Type, inner.Bytes), $"vlan {id} {inner.Description}");
        }
        if (roll < 76)
        {
            int depthOfStack = random.Next(1, 4);
            var labels = Enumerable.Range(0, depthOfStack).Select(_ => MplsBuilder.NextLabel(random)).ToArray();
            var inner = random.Next(8) switch { < 4 => Ipv4Packet(depth + 1), < 7 => Ipv6Packet(depth + 1), _ => new Layer(0, AddressPool.RandomBytes(random, 30), "random") };
            ushort type = random.Next(5) == 0 ? MplsBuilder.MulticastEtherType : MplsBuilder.UnicastEtherType;
            return new Layer(type, MplsBuilder.Build(random, labels, inner.Bytes, random.Next(20) == 0),
                $"mpls {string.Join(",", labels)} {inner.Description}");
        }
        if (roll < 79)
            return new Layer(PppoeBuilder.DiscoveryEtherType, PppoeBuilder.Discovery(random), "pppoed");
        if (roll < 84)
        {
            int session = PppoeBuilder.NextSessionId(random);
            var inner = random.Next(6) switch
            {
                < 3 => Ipv4Packet(depth + 1) with { Type = 0x0021 },
                < 5 => Ipv6Packet(depth + 1) with { Type = 0x0057 },
                _ => new Layer((ushort)(random.Next(2) == 0 ? 0xc021 : 0x8021), AddressPool.RandomBytes(random, 14), "ppp control"),
            };
            return new Layer(PppoeBuilder.SessionEtherType, PppoeBuilder.Session(session, inner.Type, inner.Bytes),
                $"pppoes {session} {inner.Description}");
        }
        if (roll < 94)
        {
            var llc = LlcSnapBuilder.Build(random, out var description);
            return new Layer((ushort)llc.Length, llc, description);
        }
        ushort other = random.Next(3) == 0 ? (ushort)random.Next(65536) : OtherEtherTypes[random.Next(OtherEtherTypes.Length)];
        return new Layer(other, AddressPool.RandomBytes(random, random.Next(0, 64)), $"ethertype 0x{other:x4}");
    }

    // A one-question DNS query for "a.example", so tcpdump prints a DNS line rather than a truncation.
    private byte[] DnsQuery(Random random) =>
        new ByteWriter().U16(random.Next(65536)).U16(0x0100).U16(1).U16(0).U16(0).U16(0)
            .U8(1).U8('a').U8(7).Bytes("example"u8).U8(0).U16(random.Next(2) == 0 ? 1 : 28).U16(1).ToArray();

    private Layer Arp(bool reverse) =>
        new(reverse ? ArpBuilder.RarpEtherType : ArpBuilder.ArpEtherType, ArpBuilder.Build(random, reverse, out var description), description);

    private Layer Ipv4Packet(int depth)
    {
        var source = AddressPool.NextIpv4(random);
        var destination = random.Next(8) == 0 ? AddressPool.Ipv4[random.Next(13, 17)] : AddressPool.NextIpv4(random);
        var (protocol, segment, transport) = Transport(source, destination, false, depth);
        var packet = Ipv4Builder.Build(random, source, destination, protocol, segment, out var description);
        return new Layer(Ipv4Builder.EtherType, packet, $"{description} {transport}");
    }

    private Layer Ipv6Packet(int depth)
    {
        var source = AddressPool.NextIpv6(random);
        var destination = AddressPool.NextIpv6(random);
        var (protocol, segment, transport) = Transport(source, destination, true, depth);
        var packet = Ipv6Builder.Build(random, source, destination, protocol, segment, out var description);
        return new Layer(Ipv6Builder.EtherType, packet, $"{description} {transport}");
    }

    private (byte Protocol, byte[] Segment, string Description) Transport(byte[] source, byte[] destination, bool ipv6, int depth)
    {
        string description;
        int roll = depth >= 3 ? random.Next(55) : random.Next(100);
        int port1 = AddressPool.NextPort(random);
        // Equal source and destination ports make "src and dst port" filters match.
        int port2 = random.Next(10) == 0 ? port1 : AddressPool.NextPort(random);
        if (roll < 30)
            return (6, TcpBuilder.Build(random, source, destination, port1, port2, out description), description);
        if (roll < 55)
        {
            int sourcePort = port1, destinationPort = port2;
            byte[] payload;
            if (depth == 0 && random.Next(8) == 0)
            {
                destinationPort = GeneveBuilder.Port;
                var (inner, innerDescription) = EthernetFrame(3);
                int vni = random.Next(3) == 0 ? random.Next(1 << 24) : GeneveBuilder.Vnis[random.Next(GeneveBuilder.Vnis.Length)];
                payload = GeneveBuilder.Build(random, vni, inner);
                return (17, UdpBuilder.Build(random, source, destination, sourcePort, destinationPort, payload, out _), $"geneve {vni} {innerDescription}");
            }
            payload = (sourcePort is 53 or 5353 || destinationPort is 53 or 5353) && random.Next(4) != 0
                ? DnsQuery(random)
                : AddressPool.RandomBytes(random, random.Next(3) == 0 ? 0 : random.Next(1, 200));
            return (17, UdpBuilder.Build(random, source, destination, sourcePort, destinationPort, payload, out description), description);
        }
        if (roll < 77)
        {
            if (ipv6)
                return (58, Icmpv6Builder.Build(random, source, destination, () => Ipv6Packet(3).Bytes, out description), description);
            return (1, IcmpBuilder.Build(random, () => Ipv4Packet(3).Bytes, out description), description);
        }
        if (roll < 82)
            return (132, SctpBuilder.Build(random, port1, port2, out description), description);
        if (roll < 86 && !ipv6)
            return (2, IgmpBuilder.Build(random, out description), description);
        if (roll < 89)
            return (103, PimBuilder.Build(random, out description), description);
        if (roll < 92)
            return (112, VrrpBuilder.Build(random, out description), description);
        if (roll < 94)
        {
            var inner = TcpBuilder.Build(random, source, destination, AddressPool.NextPort(random), AddressPool.NextPort(random), out description);
            return (51, IpsecBuilder.AuthenticationHeader(random, 6, inner), "ah " + description);
        }
        if (roll < 96)
            return (50, IpsecBuilder.EncapsulatingSecurityPayload(random), "esp");
        if (roll < 98 && depth < 2)
        {
            // IP in IP: IPv6 over IPv4 (41), IPv4 over IPv4 (4), IPv6 over IPv6, as tunnels carry them.
            var inner = random.Next(2) == 0 ? Ipv6Packet(depth + 1) : Ipv4Packet(depth + 1);
            return (inner.Type == Ipv6Builder.EtherType ? (byte)41 : (byte)4, inner.Bytes, "tunnel " + inner.Description);
        }
        byte other = random.Next(6) switch { 0 => 9, 1 => 47, 2 => 0, 3 => 255, _ => (byte)random.Next(256) };
        return (other, AddressPool.RandomBytes(random, random.Next(0, 40)), $"proto {other}");
    }
}
