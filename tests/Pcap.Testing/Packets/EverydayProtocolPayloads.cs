namespace Pcap.Testing.Packets;

/// <summary>
/// A seeded generator of issue 12's everyday protocols (tunnels, routing, LAN control, well-known ports): mostly well-formed
/// payloads with varied fields, which <see cref="EverydayFrameFactory"/> frames and damages. Same seed, same payloads.
/// </summary>
public sealed class EverydayProtocolPayloads(Random random)
{
    /// <summary>Every protocol <see cref="Next"/> makes, most common on real networks first.</summary>
    public static readonly string[] Protocols =
    [
        "vrrp", "gre", "stp", "lldp", "mpls", "ospf", "pim", "rip", "tftp", "geneve", "ipip", "ip6in4", "esp", "ah",
        "pppoed", "pppoes", "qinq", "macsec", "loopback", "ospf6", "ripng", "bgp", "rdisc", "llc", "cdp", "ipx", "netbeui",
        "osi", "arp-other", "snmp", "netbios-ns", "netbios-dgm", "kerberos", "radius", "sctp",
    ];

    private static readonly byte[] VrrpGroup4 = [224, 0, 0, 18];
    private static readonly byte[] VrrpGroup6 = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12];
    private static readonly byte[] OspfGroup4 = [224, 0, 0, 5];
    private static readonly byte[] OspfGroup6 = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x05];
    private static readonly byte[] PimGroup4 = [224, 0, 0, 13];
    private static readonly byte[] RipGroup4 = [224, 0, 0, 9];

    private int Ephemeral => random.Next(40000, 49000);

    private int Pick(params int[] values) => values[random.Next(values.Length)];

    private byte[] Address4() => AddressPool.NextIpv4(random);

    private byte[] Address6() => AddressPool.NextIpv6(random);

    /// <summary>The next payload of <paramref name="protocol"/> (one of <see cref="Protocols"/>).</summary>
    public EverydayPayload Next(string protocol) => protocol switch
    {
        "vrrp" => Vrrp(),
        "gre" => Gre(),
        "stp" => new EverydayPayload(protocol, EverydayCarrier.Llc, 0, Stp()) { MutableFrom = 3 },
        "lldp" => new EverydayPayload(protocol, EverydayCarrier.EtherType, 0x88cc, Lldp()),
        "mpls" => Mpls(),
        "ospf" => new EverydayPayload(protocol, EverydayCarrier.Ip, 89, Ospf2()) { Ipv6 = false, Destination = OspfGroup4, Ttl = 1 },
        "pim" => Pim(),
        "rip" => Rip(),
        "tftp" => Tftp(),
        "geneve" => Udp(protocol, 6081, Ephemeral, Geneve()),
        "ipip" => new EverydayPayload(protocol, EverydayCarrier.Ip, 4, InnerIpv4()) { Ipv6 = random.Next(5) == 0 },
        "ip6in4" => new EverydayPayload(protocol, EverydayCarrier.Ip, 41, InnerIpv6()) { Ipv6 = random.Next(5) == 0 },
        "esp" => new EverydayPayload(protocol, EverydayCarrier.Ip, 50, IpsecBuilder.EncapsulatingSecurityPayload(random)),
        "ah" => new EverydayPayload(protocol, EverydayCarrier.Ip, 51, IpsecBuilder.AuthenticationHeader(random, 17, UdpSegment())),
        "pppoed" => new EverydayPayload(protocol, EverydayCarrier.EtherType, PppoeBuilder.DiscoveryEtherType, PppoeBuilder.Discovery(random)),
        "pppoes" => new EverydayPayload(protocol, EverydayCarrier.EtherType, PppoeBuilder.SessionEtherType, PppoeSession()),
        "qinq" => QinQ(),
        "macsec" => new EverydayPayload(protocol, EverydayCarrier.EtherType, 0x88e5, Macsec()),
        "loopback" => new EverydayPayload(protocol, EverydayCarrier.EtherType, 0x9000, Loopback()),
        "ospf6" => new EverydayPayload(protocol, EverydayCarrier.Ip, 89, Ospf3()) { Ipv6 = true, Destination = OspfGroup6, Ttl = 1, PseudoHeaderChecksumAt = 12 },
        "ripng" => new EverydayPayload(protocol, EverydayCarrier.Udp, 0, RipNg()) { SourcePort = 521, DestinationPort = 521, Ipv6 = true },
        "bgp" => Bgp(),
        "rdisc" => new EverydayPayload(protocol, EverydayCarrier.Ip, 1, RouterDiscovery()) { Ipv6 = false },
        "llc" => new EverydayPayload(protocol, EverydayCarrier.Llc, 0, LlcFrame()),
        "cdp" => new EverydayPayload(protocol, EverydayCarrier.Llc, 0, Cdp()) { MutableFrom = 8 },
        "ipx" => new EverydayPayload(protocol, EverydayCarrier.Llc, 0, LlcSnapBuilder.Llc(0xe0, 0xe0, 0x03, Ipx())) { MutableFrom = 3 },
        "netbeui" => new EverydayPayload(protocol, EverydayCarrier.Llc, 0, NetBeui()) { MutableFrom = 3 },
        "osi" => new EverydayPayload(protocol, EverydayCarrier.Llc, 0, Osi()) { MutableFrom = 3 },
        "arp-other" => new EverydayPayload(protocol, EverydayCarrier.EtherType, 0x0806, ArpOther()),
        "snmp" => Udp(protocol, random.Next(5) == 0 ? 162 : 161, Ephemeral, Snmp()),
        "netbios-ns" => Udp(protocol, 137, random.Next(2) == 0 ? 137 : Ephemeral, NetbiosName()),
        "netbios-dgm" => Udp(protocol, 138, 138, NetbiosDatagram()) with { Ipv6 = false },
        "kerberos" => Udp(protocol, 88, Ephemeral, Kerberos()),
        "radius" => Udp(protocol, Pick(1812, 1813), Ephemeral, Radius()),
        "sctp" => new EverydayPayload(protocol, EverydayCarrier.Ip, 132, SctpBuilder.Build(random, AddressPool.NextPort(random), AddressPool.NextPort(random), out _)),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "not an issue-12 protocol"),
    };

    private EverydayPayload Udp(string protocol, int serverPort, int clientPort, byte[] bytes)
    {
        var toServer = random.Next(2) == 0;
        return new EverydayPayload(protocol, EverydayCarrier.Udp, 0, bytes)
        { SourcePort = toServer ? clientPort : serverPort, DestinationPort = toServer ? serverPort : clientPort };
    }

    // ---- routing and redundancy ----

    private EverydayPayload Vrrp()
    {
        var version3 = random.Next(3) == 0;
        var ipv6 = version3 && random.Next(2) == 0;
        int count = random.Next(8) == 0 ? 0 : random.Next(1, 4);
        int type = random.Next(12) == 0 ? random.Next(16) : 1;
        int priority = Pick(100, 255, 0, 1, 200, random.Next(256));
        var w = new ByteWriter().U8((version3 ? 0x30 : 0x20) | type).U8(random.Next(1, 256)).U8(priority).U8(count);
        if (version3)
        {
            w.U16(random.Next(8) == 0 ? random.Next(65536) : Pick(100, 1000, 50, 4095)).U16(0);
            for (int i = 0; i < count; i++) w.Bytes(ipv6 ? Address6() : Address4());
            return new EverydayPayload("vrrp", EverydayCarrier.Ip, 112, w.ToArray())
            { Ipv6 = ipv6, Destination = ipv6 ? VrrpGroup6 : VrrpGroup4, Ttl = random.Next(10) == 0 ? 64 : 255, PseudoHeaderChecksumAt = 6 };
        }
        int authType = Pick(0, 0, 1, 2, random.Next(256));
        w.U8(authType).U8(Pick(1, 1, 3, 0, 255)).U16(0);
        for (int i = 0; i < count; i++) w.Bytes(Address4());
        if (authType == 1) w.Bytes(System.Text.Encoding.ASCII.GetBytes(Pick(0, 1, 2) switch { 0 => "secret\0\0", 1 => "12345678", _ => "pw\0\0\0\0\0\0" }));
        else w.Zeros(8);
        w.PatchU16(6, Checksums.Internet(w.Written));
        if (random.Next(15) == 0) w.PatchU16(6, random.Next(65536));
        return new EverydayPayload("vrrp", EverydayCarrier.Ip, 112, w.ToArray())
        { Ipv6 = random.Next(10) == 0, Destination = VrrpGroup4, Ttl = random.Next(10) == 0 ? 64 : 255 };
    }

    private byte[] Ospf2()
    {
        int type = random.Next(3) == 0 ? Pick(2, 3, 4, 5, random.Next(8)) : 1;
        var body = new ByteWriter();
        switch (type)
        {
            case 1:
                body.Bytes(Pick(0, 1, 2) switch { 0 => new byte[] { 255, 255, 255, 0 }, 1 => [255, 255, 255, 252], _ => AddressPool.RandomBytes(random, 4) })
                    .U16(Pick(10, 30, 1)).U8(Pick(0x02, 0x12, 0x42, 0x00, random.Next(256))).U8(Pick(1, 0, 128))
                    .U32((uint)Pick(40, 120, 4)).Bytes(Address4()).Bytes(random.Next(3) == 0 ? [0, 0, 0, 0] : Address4());
                for (int i = random.Next(4); i > 0; i--) body.Bytes(Address4());
                break;
            case 2:
                body.U16(1500).U8(0x02).U8(Pick(7, 3, 1, 0)).U32((uint)random.Next());
                for (int i = random.Next(3); i > 0; i--) Lsa(body, headerOnly: true);
                break;
            case 3:
                for (int i = random.Next(1, 3); i > 0; i--) body.U32((uint)Pick(1, 2, 3, 5)).Bytes(Address4()).Bytes(Address4());
                break;
            case 4:
                int lsas = random.Next(1, 3);
                body.U32((uint)lsas);
                for (int i = 0; i < lsas; i++) Lsa(body, headerOnly: false);
                break;
            default:
                for (int i = random.Next(1, 3); i > 0; i--) Lsa(body, headerOnly: true);
                break;
        }
        int authType = Pick(0, 0, 0, 1, 2);
        var w = new ByteWriter().U8(2).U8(type).U16(24 + body.Length).Bytes(Address4()).Bytes(random.Next(2) == 0 ? [0, 0, 0, 0] : Address4())
            .U16(0).U16(authType);
        if (authType == 1) w.Bytes("ospfpass"u8);
        else if (authType == 2) w.U16(0).U8(1).U8(16).U32((uint)random.Next());
        else w.Zeros(8);
        w.Bytes(body.Written);
        if (authType != 2)
        {
            var sum = Checksums.Sum(w.Written[..16]) + Checksums.Sum(w.Written[24..]);
            w.PatchU16(12, Checksums.Fold(sum));
        }
        // After the packet: cryptographic authentication's digest, then (hello or DD with the L bit) an RFC 5613 LLS block.
        if (authType == 2 && random.Next(4) != 0) w.RandomBytes(random, 16);
        var options = type == 1 ? w.Written[30] : type == 2 ? w.Written[26] : 0;
        if ((options & 0x10) != 0 && random.Next(3) != 0)
        {
            var lls = new ByteWriter().U16(0).U16(0).U16(1).U16(Pick(4, 4, 8)).U32((uint)Pick(1, 2, 3, 0));
            if (random.Next(3) == 0) lls.U16(2).U16(20).U32((uint)random.Next()).RandomBytes(random, 16);
            if (random.Next(6) == 0) lls.U16(random.Next(3, 9)).U16(4).U32(0);
            lls.PatchU16(2, lls.Length / 4);
            w.Bytes(lls.Written);
        }
        return w.ToArray();
    }

    private void Lsa(ByteWriter w, bool headerOnly)
    {
        int type = Pick(1, 2, 3, 5, Pick(9, 10, 11), random.Next(12));
        int start = w.Length;
        w.U16(random.Next(3600)).U8(0x22).U8(type).Bytes(Address4()).Bytes(Address4()).U32(0x80000000u | (uint)random.Next(100)).U16(random.Next(65536));
        if (headerOnly)
        {
            w.U16(20 + 4 * random.Next(4));
            return;
        }
        var body = new ByteWriter();
        if (type is 9 or 10 or 11)
        {
            // Opaque LSAs: the first byte of the link state ID is the opaque type (1 TE, 3 grace, 4 router information).
            int opaque = Pick(1, 1, 3, 4, random.Next(256));
            w.Written[start + 4] = (byte)opaque;
            OpaqueLsaBody(body, opaque);
            w.U16(20 + body.Length).Bytes(body.Written);
            return;
        }
        switch (type)
        {
            case 1:
                int links = random.Next(1, 3);
                body.U8(random.Next(8)).U8(0).U16(links);
                for (int i = 0; i < links; i++) body.Bytes(Address4()).Bytes(Address4()).U8(Pick(1, 2, 3, 4)).U8(0).U16(random.Next(100));
                break;
            case 2:
                body.U32(0xffffff00).Bytes(Address4()).Bytes(Address4());
                break;
            default:
                body.U32(0xffffff00).U32((uint)random.Next(1 << 24) | (type == 5 ? 0x80000000u : 0));
                if (type == 5) body.U32(0).U32(0);
                break;
        }
        w.U16(20 + body.Length).Bytes(body.Written);
    }

    private void OpaqueLsaBody(ByteWriter body, int opaque)
    {
        switch (opaque)
        {
            case 1:
                if (random.Next(2) == 0)
                {
                    body.U16(1).U16(4).Bytes(Address4());
                    break;
                }
                var link = new ByteWriter().U16(1).U16(1).U8(Pick(1, 2)).Zeros(3).U16(2).U16(4).Bytes(Address4())
                    .U16(3).U16(4).Bytes(Address4()).U16(5).U16(4).U32((uint)random.Next(100))
                    .U16(6).U16(4).U32(BandwidthBits()).U16(9).U16(4).U32((uint)random.Next());
                if (random.Next(2) == 0)
                {
                    link.U16(8).U16(32);
                    for (int i = 0; i < 8; i++) link.U32(BandwidthBits());
                }
                if (random.Next(3) == 0) link.U16(16).U16(8).U32((uint)random.Next(1000)).U32((uint)random.Next(1000));
                if (random.Next(4) == 0) link.U16(random.Next(18, 40)).U16(2).U16(0);
                body.U16(2).U16(link.Length).Bytes(link.Written);
                break;
            case 3:
                body.U16(1).U16(4).U32((uint)Pick(120, 60, 0)).U16(2).U16(1).U8(Pick(0, 1, 2, 3, 7)).Zeros(3).U16(3).U16(4).Bytes(Address4());
                break;
            case 4:
                body.U16(1).U16(4).U32((uint)Pick(0x30, 0x40, 0x3f0, 0));
                break;
            default:
                body.RandomBytes(random, 4 * random.Next(1, 4));
                break;
        }
    }

    /// <summary>An IEEE single-precision bandwidth in bytes per second (TE LSAs), usually a round link speed.</summary>
    private uint BandwidthBits() => random.Next(8) == 0
        ? (uint)random.Next()
        : BitConverter.SingleToUInt32Bits(Pick(125000000, 1250000, 12500000, 0, 155520000 / 8));

    private byte[] Ospf3()
    {
        int type = random.Next(3) == 0 ? Pick(2, 3, 4, 5) : 1;
        var body = new ByteWriter();
        // The options word's L (0x200) and AT (0x400) bits announce an LLS block and an authentication trailer after the packet.
        int options = 0x13 | (random.Next(5) == 0 ? 0x200 : 0) | (random.Next(6) == 0 ? 0x400 : 0);
        switch (type)
        {
            case 1:
                body.U32((uint)random.Next(1, 10)).U8(Pick(1, 0)).U8(0).U16(options).U16(10).U16(40).Bytes(Address4()).Bytes(random.Next(2) == 0 ? [0, 0, 0, 0] : Address4());
                for (int i = random.Next(3); i > 0; i--) body.Bytes(Address4());
                break;
            case 2:
                body.U32((uint)options).U16(1500).U8(0).U8(Pick(7, 3, 1, 0, 0x17)).U32((uint)random.Next());
                for (int i = random.Next(4); i > 0; i--) Lsa3Header(body, 20 + 4 * random.Next(10));
                break;
            case 3:
                for (int i = random.Next(1, 4); i > 0; i--) body.U16(0).U16(Lsa3Type()).Bytes(Address4()).Bytes(Address4());
                break;
            case 4:
                int lsas = random.Next(1, 4);
                body.U32((uint)(random.Next(10) == 0 ? random.Next(8) : lsas));
                for (int i = 0; i < lsas; i++) Lsa3(body);
                break;
            default:
                for (int i = random.Next(1, 4); i > 0; i--) Lsa3Header(body, 20 + 4 * random.Next(10));
                break;
        }
        var w = new ByteWriter().U8(3).U8(type).U16(16 + body.Length).Bytes(Address4()).Bytes(random.Next(3) == 0 ? [0, 0, 0, 0] : Address4()).U16(0)
            .U8(random.Next(6) == 0 ? random.Next(1, 256) : 0).U8(0).Bytes(body.Written);
        if (type is 1 or 2 && (options & 0x200) != 0)
            w.U16(random.Next(65536)).U16(random.Next(4) == 0 ? 4 : 12).U16(1).U16(4).U32(1);
        if ((options & 0x400) != 0 || random.Next(20) == 0)
            w.U16(Pick(1, 1, 2)).U16(32).U16(0).U16(random.Next(1, 100)).U32(0).U32((uint)random.Next()).RandomBytes(random, 16);
        return w.ToArray();
    }

    private int Lsa3Type() => Pick(0x2001, 0x2002, 0x2003, 0x2004, 0x4005, 0x0008, 0x2009, 0x000b, 0x000a, 0xa00c, random.Next(65536));

    private void Lsa3Header(ByteWriter w, int length, int type = -1) =>
        w.U16(random.Next(3600)).U16(type < 0 ? Lsa3Type() : type).Bytes(Address4()).Bytes(Address4()).U32(0x80000000u | (uint)random.Next(100))
            .U16(random.Next(65536)).U16(length);

    private void Lsa3Prefix(ByteWriter w)
    {
        int length = Pick(64, 48, 128, 0, 56);
        w.U8(length).U8(Pick(0, 0, 0x02, 0x08, 0x11)).U16(random.Next(8) == 0 ? 0x2000 | random.Next(100) : random.Next(100)).Bytes(Address6().AsSpan(0, (length + 31) / 32 * 4));
    }

    private void Lsa3(ByteWriter w)
    {
        int type = Lsa3Type();
        var body = new ByteWriter();
        switch (type)
        {
            case 0x2001:
                body.U8(random.Next(32)).U8(0).U16(0x13);
                for (int i = random.Next(1, 3); i > 0; i--) body.U8(Pick(1, 2, 4, 3)).U8(0).U16(random.Next(100)).Bytes(Address4()).Bytes(Address4()).Bytes(Address4());
                break;
            case 0x2002:
                body.U32(0x13);
                for (int i = random.Next(1, 4); i > 0; i--) body.Bytes(Address4());
                break;
            case 0x2003:
                body.U32((uint)random.Next(1 << 24));
                Lsa3Prefix(body);
                break;
            case 0x4005:
                int flags = Pick(0, 0x80, 0x82, 0x81, 0x03);
                body.U8(flags).U8(0).U16(random.Next(100));
                Lsa3Prefix(body);
                if ((flags & 0x02) != 0) body.Bytes(Address6());
                if ((flags & 0x01) != 0) body.Bytes(Address4());
                break;
            case 0x0008:
                int linkPrefixes = random.Next(3);
                body.U8(1).U8(0).U16(0x13).Bytes(Address6()).U32((uint)linkPrefixes);
                for (int i = 0; i < linkPrefixes; i++) Lsa3Prefix(body);
                break;
            case 0x2009:
                int prefixes = random.Next(1, 3);
                body.U16(prefixes).U16(0x2001).U32(0).Bytes(Address4());
                for (int i = 0; i < prefixes; i++) Lsa3Prefix(body);
                break;
            case 0x000b:
                OpaqueLsaBody(body, 3);
                break;
            case 0x000a:
                OpaqueLsaBody(body, 1);
                break;
            default:
                body.RandomBytes(random, 4 * random.Next(3));
                break;
        }
        Lsa3Header(w, 20 + body.Length, type);
        w.Bytes(body.Written);
    }

    private EverydayPayload Pim()
    {
        if (random.Next(8) == 0)
            return PimVersion1();
        var ipv6 = random.Next(4) == 0;
        int type = random.Next(3) == 0 ? Pick(1, 2, 3, 4, 5, 8, 9, random.Next(16)) : 0;
        var w = new ByteWriter().U8(0x20 | type).U8(0).U16(0);
        switch (type)
        {
            case 0:
                w.U16(1).U16(2).U16(Pick(105, 210, 65535, 0));
                if (random.Next(2) == 0) w.U16(19).U16(4).U32((uint)Pick(1, 0, 100));
                if (random.Next(2) == 0) w.U16(20).U16(4).U32((uint)random.Next());
                if (random.Next(3) == 0) w.U16(2).U16(4).U16(0x8000 | 500).U16(2500);
                if (random.Next(5) == 0) w.U16(random.Next(100, 300)).U16(2).U16(0);
                if (random.Next(6) == 0) w.U16(21).U16(4).U8(1).U8(Pick(0, 60)).U16(0);
                if (random.Next(6) == 0) w.U16(Pick(18, 22)).U16(0);
                if (random.Next(4) == 0)
                {
                    // Secondary addresses (RFC 4601's address list option).
                    var list = new ByteWriter();
                    for (int i = random.Next(1, 3); i > 0; i--) PimUnicast(list, ipv6);
                    w.U16(24).U16(list.Length).Bytes(list.Written);
                }
                break;
            case 1:
                w.U32(random.Next(3) == 0 ? 0x40000000u : 0).Bytes(ipv6 ? InnerIpv6() : InnerIpv4());
                break;
            case 2:
                w.U8(ipv6 ? 2 : 1).U8(0).Bytes(ipv6 ? Address6() : Address4()).U8(ipv6 ? 2 : 1).U8(0).Bytes(ipv6 ? Address6() : Address4());
                break;
            case 3:
                w.U8(ipv6 ? 2 : 1).U8(0).Bytes(ipv6 ? Address6() : Address4()).U8(0).U8(1).U16(210);
                w.U8(ipv6 ? 2 : 1).U8(0).U8(0).U8(ipv6 ? 128 : 32).Bytes(ipv6 ? Address6() : Address4()).U16(1).U16(0)
                    .U8(ipv6 ? 2 : 1).U8(0).U8(7).U8(ipv6 ? 128 : 32).Bytes(ipv6 ? Address6() : Address4());
                break;
            case 5:
                w.U8(ipv6 ? 2 : 1).U8(0).U8(0).U8(ipv6 ? 128 : 32).Bytes(ipv6 ? Address6() : Address4())
                    .U8(ipv6 ? 2 : 1).U8(0).Bytes(ipv6 ? Address6() : Address4()).U32(0x80000000u | 101).U32(1000);
                break;
            case 4:
                // Bootstrap: fragment tag, hash mask length, BSR priority, the BSR, then group-to-RP sets.
                w.U16(random.Next(65536)).U8(ipv6 ? 126 : 30).U8(Pick(0, 64, 192));
                PimUnicast(w, ipv6);
                for (int group = random.Next(1, 3); group > 0; group--)
                {
                    int rps = random.Next(1, 3);
                    PimGroup(w, ipv6, Pick(0, 0, 1, 0x80), ipv6 ? Pick(8, 16, 128) : Pick(4, 8, 32));
                    w.U8(rps).U8(rps).U16(0);
                    for (int rp = 0; rp < rps; rp++)
                    {
                        PimUnicast(w, ipv6);
                        w.U16(Pick(150, 75, 0)).U8(Pick(0, 192)).U8(0);
                    }
                }
                break;
            case 8:
                // Candidate-RP advertisement: prefix count, priority, holdtime, the RP, its groups.
                int prefixes = random.Next(3);
                w.U8(prefixes).U8(Pick(0, 192)).U16(Pick(150, 0, 65535));
                PimUnicast(w, ipv6);
                for (int i = 0; i < prefixes; i++) PimGroup(w, ipv6, 0, ipv6 ? 8 : 4);
                break;
            case 9:
                // State Refresh as tcpdump reads it: source, group, originator, then the interval.
                PimUnicast(w, ipv6);
                PimGroup(w, ipv6, 0, ipv6 ? 128 : 32);
                PimUnicast(w, ipv6);
                w.U16(Pick(60, 0, 255)).U32(0x80000000u | 101).U32(1000);
                break;
            default:
                w.RandomBytes(random, random.Next(4, 28));
                break;
        }
        if (!ipv6)
        {
            w.PatchU16(2, Checksums.Internet(type == 1 ? w.Written[..8] : w.Written));
            return new EverydayPayload("pim", EverydayCarrier.Ip, 103, w.ToArray()) { Ipv6 = false, Destination = type == 0 ? PimGroup4 : null, Ttl = 1 };
        }
        return new EverydayPayload("pim", EverydayCarrier.Ip, 103, w.ToArray()) { Ipv6 = true, PseudoHeaderChecksumAt = 2 };
    }

    /// <summary>PIM version 1, carried in IGMP type 0x14 (tcpdump's pimv1_print).</summary>
    private EverydayPayload PimVersion1()
    {
        int type = Pick(0, 1, 2, 3, 3, 4, 5, 6, 7, random.Next(16));
        var w = new ByteWriter().U8(0x14).U8(type).U16(0).U8(random.Next(10) == 0 ? 0x20 : 0x10).Zeros(3);
        switch (type)
        {
            case 0:
                w.U8(Pick(0, 1, 2, 3) << 4).U8(0).U16(Pick(105, 0, 300));
                break;
            case 1:
                w.Bytes(InnerIpv4());
                break;
            case 2:
                w.Bytes(Address4()).Bytes(Address4());
                break;
            case 4:
                w.Bytes(Address4()).U32(random.Next(2) == 0 ? 0xffffffffu : 0xffffff00u).Bytes(Address4()).U16(0).U16(Pick(270, 0, 90));
                break;
            case 5:
                w.Bytes(Address4()).U32(random.Next(2) == 0 ? 0xffffffffu : 0xffff0000u).Bytes(Address4()).U32((uint)(random.Next(2) << 31) | 101).U32(1000);
                break;
            case 3:
            case 6:
            case 7:
                // Upstream neighbor, hold time, group count, then per group its address, mask, joins and prunes.
                int groups = random.Next(3) == 0 ? random.Next(2, 4) : 1;
                w.Bytes(Address4()).U16(0).U16(Pick(180, 210, 60)).U8(0).U8(0).U8(4).U8(groups);
                for (int g = 0; g < groups; g++)
                {
                    int joins = random.Next(2), prunes = random.Next(3) == 0 ? random.Next(1, 3) : 1 - joins;
                    w.Bytes(Address4()).U32(random.Next(2) == 0 ? 0xffffffffu : 0xffffff00u).U16(joins).U16(prunes);
                    for (int i = joins + prunes; i > 0; i--) w.U8(Pick(0, 1)).U8(Pick(0x20, 0xe0, 0x60, 0x9f)).Bytes(Address4());
                }
                break;
            default:
                w.RandomBytes(random, random.Next(0, 12));
                break;
        }
        w.PatchU16(2, Checksums.Internet(w.Written));
        return new EverydayPayload("pim", EverydayCarrier.Ip, 2, w.ToArray()) { Ipv6 = false, Destination = [224, 0, 0, 2], Ttl = 1 };
    }

    private void PimUnicast(ByteWriter w, bool ipv6) => w.U8(ipv6 ? 2 : 1).U8(0).Bytes(ipv6 ? Address6() : Address4());

    private void PimGroup(ByteWriter w, bool ipv6, int flags, int maskLength) =>
        w.U8(ipv6 ? 2 : 1).U8(0).U8(flags).U8(maskLength).Bytes(ipv6 ? Address6() : Address4());

    private EverydayPayload Rip()
    {
        int version = Pick(1, 2, 2, random.Next(4));
        int command = random.Next(8) == 0 ? random.Next(12) : Pick(1, 2, 2);
        var w = new ByteWriter().U8(command).U8(version).U16(version == 1 ? 0 : random.Next(8) == 0 ? random.Next(65536) : 0);
        if (command == 1 && random.Next(2) == 0)
        {
            w.U16(0).U16(0).Zeros(12).U32(16);
        }
        else
        {
            if (version == 2 && random.Next(5) == 0)
            {
                int auth = Pick(2, 3, random.Next(5));
                w.U16(0xffff).U16(auth);
                if (auth == 3) w.U16(44).U8(1).U8(16).U32((uint)random.Next()).Zeros(8);
                else w.Bytes("rippassword\0\0\0\0\0"u8);
            }
            for (int i = random.Next(1, 5); i > 0; i--)
            {
                w.U16(random.Next(10) == 0 ? random.Next(65536) : 2).U16(version == 1 ? 0 : Pick(0, 1, 100)).Bytes(Address4());
                w.Bytes(version == 1 ? new byte[4] : Pick(0, 1, 2) switch { 0 => new byte[] { 255, 255, 255, 0 }, 1 => [255, 255, 0, 0], _ => [0, 0, 0, 0] });
                w.Bytes(version == 1 || random.Next(2) == 0 ? new byte[4] : Address4()).U32((uint)Pick(1, 2, 16, 5, random.Next(100)));
            }
        }
        return new EverydayPayload("rip", EverydayCarrier.Udp, 0, w.ToArray())
        { SourcePort = 520, DestinationPort = 520, Ipv6 = false, Destination = version == 2 && random.Next(2) == 0 ? RipGroup4 : null };
    }

    private byte[] RipNg()
    {
        var w = new ByteWriter().U8(Pick(1, 2, 2)).U8(1).U16(0);
        for (int i = random.Next(1, 4); i > 0; i--) w.Bytes(Address6()).U16(Pick(0, 1, 100)).U8(Pick(64, 48, 128, 0)).U8(Pick(1, 2, 16, 0xff));
        return w.ToArray();
    }

    private EverydayPayload Bgp()
    {
        int type = Pick(1, 2, 3, 4, 4, random.Next(7));
        var body = new ByteWriter();
        switch (type)
        {
            case 1:
                var capabilities = new ByteWriter().U8(1).U8(4).U16(1).U8(0).U8(1).U8(2).U8(0).U8(65).U8(4).U32((uint)random.Next(1, 700000));
                body.U8(4).U16(Pick(65001, 64512, 23456)).U16(Pick(180, 90, 0)).Bytes(Address4());
                if (random.Next(3) == 0) body.U8(0);
                else body.U8(capabilities.Length + 2).U8(2).U8(capabilities.Length).Bytes(capabilities.Written);
                break;
            case 2:
                var attributes = new ByteWriter().U8(0x40).U8(1).U8(1).U8(0).U8(0x40).U8(2).U8(6).U8(2).U8(1).U32((uint)Pick(65001, 64512))
                    .U8(0x40).U8(3).U8(4).Bytes(Address4());
                body.U16(0).U16(attributes.Length).Bytes(attributes.Written);
                for (int i = random.Next(1, 3); i > 0; i--) body.U8(24).U8(10).U8(random.Next(256)).U8(random.Next(256));
                break;
            case 3:
                body.U8(Pick(1, 2, 3, 4, 5, 6)).U8(random.Next(1, 9));
                if (random.Next(2) == 0) body.RandomBytes(random, random.Next(1, 6));
                break;
            case 4:
                break;
            default:
                body.RandomBytes(random, random.Next(0, 12));
                break;
        }
        var w = new ByteWriter();
        for (int i = 0; i < 16; i++) w.U8(0xff);
        w.U16(19 + body.Length).U8(type).Bytes(body.Written);
        if (random.Next(4) == 0) w.Bytes(w.Written.ToArray());
        var toServer = random.Next(2) == 0;
        int client = Ephemeral;
        return new EverydayPayload("bgp", EverydayCarrier.Tcp, 0, w.ToArray()) { SourcePort = toServer ? client : 179, DestinationPort = toServer ? 179 : client };
    }

    private byte[] RouterDiscovery()
    {
        var w = new ByteWriter();
        if (random.Next(3) == 0)
        {
            w.U8(10).U8(0).U16(0).U32(0);
        }
        else
        {
            int count = random.Next(1, 4);
            w.U8(9).U8(random.Next(6) == 0 ? 16 : 0).U8(count).U8(2).U16(Pick(1800, 600, 0));
            for (int i = 0; i < count; i++) w.Bytes(Address4()).U32((uint)Pick(0, 100, random.Next()));
        }
        w.PatchU16(2, Checksums.Internet(w.Written));
        return w.ToArray();
    }

    // ---- tunnels and encapsulations ----

    private byte[] UdpSegment()
    {
        var payload = AddressPool.RandomBytes(random, random.Next(0, 24));
        return new ByteWriter().U16(AddressPool.NextPort(random)).U16(Ephemeral).U16(8 + payload.Length).U16(0).Bytes(payload).ToArray();
    }

    /// <summary>A small IPv4 datagram (UDP, ICMP echo or TCP SYN) for tunnels to carry.</summary>
    private byte[] InnerIpv4()
    {
        var source = Address4();
        var destination = Address4();
        byte protocol;
        byte[] segment;
        switch (random.Next(3))
        {
            case 0:
                protocol = 17;
                segment = UdpBuilder.Build(random, source, destination, Ephemeral, Pick(53, 80, 5000, 33434), AddressPool.RandomBytes(random, random.Next(0, 20)), out _);
                break;
            case 1:
                protocol = 1;
                var icmp = new ByteWriter().U8(8).U8(0).U16(0).U16(random.Next(65536)).U16(random.Next(100)).RandomBytes(random, 8);
                icmp.PatchU16(2, Checksums.Internet(icmp.Written));
                segment = icmp.ToArray();
                break;
            default:
                protocol = 6;
                var tcp = new ByteWriter().U16(Ephemeral).U16(Pick(80, 443, 22)).U32((uint)random.Next()).U32(0).U8(0x50).U8(0x02).U16(64240).U16(0).U16(0);
                tcp.PatchU16(16, Checksums.WithPseudoHeader(source, destination, 6, tcp.Written));
                segment = tcp.ToArray();
                break;
        }
        var ip = new ByteWriter().U8(0x45).U8(0).U16(20 + segment.Length).U16(random.Next(65536)).U16(0x4000).U8(64).U8(protocol).U16(0)
            .Bytes(source).Bytes(destination);
        ip.PatchU16(10, Checksums.Internet(ip.Written));
        return ip.Bytes(segment).ToArray();
    }

    /// <summary>A small IPv6 datagram (UDP or ICMPv6 echo) for tunnels to carry.</summary>
    private byte[] InnerIpv6()
    {
        var source = Address6();
        var destination = Address6();
        byte[] segment;
        byte protocol;
        if (random.Next(2) == 0)
        {
            protocol = 17;
            segment = UdpBuilder.Build(random, source, destination, Ephemeral, Pick(53, 80, 5000), AddressPool.RandomBytes(random, random.Next(0, 20)), out _);
        }
        else
        {
            protocol = 58;
            var icmp = new ByteWriter().U8(128).U8(0).U16(0).U16(random.Next(65536)).U16(random.Next(100)).RandomBytes(random, 8);
            icmp.PatchU16(2, Checksums.WithPseudoHeader(source, destination, 58, icmp.Written));
            segment = icmp.ToArray();
        }
        return new ByteWriter().U32(0x60000000).U16(segment.Length).U8(protocol).U8(64).Bytes(source).Bytes(destination).Bytes(segment).ToArray();
    }

    private byte[] InnerEthernet()
    {
        var ipv6 = random.Next(3) == 0;
        return EthernetFrameBuilder.Build(AddressPool.NextMac(random), AddressPool.NextMac(random), ipv6 ? (ushort)0x86dd : (ushort)0x0800,
            ipv6 ? InnerIpv6() : InnerIpv4(), pad: false);
    }

    private EverydayPayload Gre()
    {
        var w = new ByteWriter();
        if (random.Next(6) == 0)
        {
            // PPTP's enhanced GRE (version 1): key carries payload length and call id, with sequence and acknowledgment.
            bool sequence = random.Next(4) != 0, ack = random.Next(2) == 0;
            var ppp = new ByteWriter().U8(0xff).U8(0x03).U16(0x0021).Bytes(InnerIpv4());
            w.U8(0x20 | (sequence ? 0x10 : 0)).U8((ack ? 0x80 : 0) | 1).U16(0x880b).U16(sequence ? ppp.Length : 0).U16(random.Next(65536));
            if (sequence) w.U32((uint)random.Next(1000));
            if (ack) w.U32((uint)random.Next(1000));
            if (sequence) w.Bytes(ppp.Written);
            return new EverydayPayload("gre", EverydayCarrier.Ip, 47, w.ToArray()) { Ipv6 = random.Next(6) == 0 };
        }
        bool checksum = random.Next(4) == 0, key = random.Next(3) == 0, seq = random.Next(4) == 0, routing = random.Next(30) == 0;
        int flags = (checksum ? 0x8000 : 0) | (routing ? 0x4000 : 0) | (key ? 0x2000 : 0) | (seq ? 0x1000 : 0) | (random.Next(20) == 0 ? random.Next(8) << 8 : 0);
        int roll = random.Next(10);
        ushort type = roll switch { < 5 => 0x0800, < 7 => 0x86dd, 7 => 0x6558, 8 => 0x8847, _ => (ushort)Pick(0x0806, 0x88be, 0x22eb, random.Next(65536)) };
        byte[] inner = type switch
        {
            0x0800 => InnerIpv4(),
            0x86dd => InnerIpv6(),
            0x6558 => InnerEthernet(),
            0x8847 => MplsBuilder.Build(random, [MplsBuilder.NextLabel(random)], InnerIpv4()),
            _ => AddressPool.RandomBytes(random, random.Next(0, 40)),
        };
        w.U16(flags).U16(type);
        if (checksum || routing) w.U16(0).U16(0);
        if (key) w.U32((uint)Pick(1, 100, random.Next()));
        if (seq) w.U32((uint)random.Next(100000));
        if (routing) w.U16(0x0800).U8(0).U8(4).Bytes(Address4()).U32(0);
        w.Bytes(inner);
        if (checksum)
            w.PatchU16(4, random.Next(8) == 0 ? random.Next(65536) : Checksums.Internet(w.Written));
        return new EverydayPayload("gre", EverydayCarrier.Ip, 47, w.ToArray()) { Ipv6 = random.Next(6) == 0 };
    }

    private EverydayPayload Mpls()
    {
        int depth = random.Next(1, 4);
        var labels = Enumerable.Range(0, depth).Select(_ => MplsBuilder.NextLabel(random)).ToArray();
        var inner = random.Next(8) switch { < 4 => InnerIpv4(), < 7 => InnerIpv6(), _ => AddressPool.RandomBytes(random, random.Next(4, 30)) };
        var type = random.Next(5) == 0 ? MplsBuilder.MulticastEtherType : MplsBuilder.UnicastEtherType;
        return new EverydayPayload("mpls", EverydayCarrier.EtherType, type, MplsBuilder.Build(random, labels, inner, random.Next(20) == 0));
    }

    private byte[] Geneve()
    {
        int vni = random.Next(3) == 0 ? random.Next(1 << 24) : GeneveBuilder.Vnis[random.Next(GeneveBuilder.Vnis.Length)];
        if (random.Next(5) != 0)
            return GeneveBuilder.Build(random, vni, InnerEthernet());
        // Other protocol types, the O and C flags and an option with data.
        ushort type = (ushort)Pick(0x0800, 0x86dd, 0x6558, random.Next(65536));
        var inner = type == 0x0800 ? InnerIpv4() : type == 0x86dd ? InnerIpv6() : type == 0x6558 ? InnerEthernet() : AddressPool.RandomBytes(random, 16);
        return new ByteWriter().U8(random.Next(4) << 6 | 3).U8(Pick(0x80, 0x40, 0xc0, 0)).U16(type).U32((uint)vni << 8)
            .U16(Pick(0x0102, 0xffff, 0x0000)).U8(random.Next(256)).U8(2).U32((uint)random.Next()).U32((uint)random.Next())
            .Bytes(inner).ToArray();
    }

    private byte[] PppoeSession()
    {
        int session = PppoeBuilder.NextSessionId(random);
        ushort protocol = (ushort)Pick(0x0021, 0x0057, 0xc021, 0x8021, 0x8057, 0xc023, 0xc223, random.Next(65536));
        byte[] inner = protocol switch
        {
            0x0021 => InnerIpv4(),
            0x0057 => InnerIpv6(),
            0xc023 => new ByteWriter().U8(1).U8(random.Next(256)).U16(14).U8(4).Bytes("user"u8).U8(4).Bytes("pass"u8).ToArray(),
            0xc223 => new ByteWriter().U8(1).U8(random.Next(256)).U16(25).U8(16).RandomBytes(random, 16).Bytes("host"u8).ToArray(),
            0xc021 or 0x8021 or 0x8057 => PppControl(protocol),
            _ => AddressPool.RandomBytes(random, random.Next(0, 20)),
        };
        return PppoeBuilder.Session(session, protocol, inner);
    }

    private byte[] PppControl(ushort protocol)
    {
        int code = Pick(1, 2, 3, 4, 5, 6, 9, 10);
        var options = new ByteWriter();
        if (code <= 4)
        {
            if (protocol == 0xc021) options.U8(1).U8(4).U16(1492).U8(5).U8(6).U32((uint)random.Next());
            else if (protocol == 0x8021) options.U8(3).U8(6).Bytes(Address4());
            else options.U8(1).U8(10).RandomBytes(random, 8);
        }
        else if (code >= 9)
        {
            options.U32((uint)random.Next());
        }
        return new ByteWriter().U8(code).U8(random.Next(256)).U16(4 + options.Length).Bytes(options.Written).ToArray();
    }

    private EverydayPayload QinQ()
    {
        ushort inner = (ushort)Pick(0x0800, 0x86dd, 0x88cc, 0x8847, 0x0806, 0x88e5, 0x9000, random.Next(65536));
        byte[] body = inner switch
        {
            0x0800 => InnerIpv4(),
            0x86dd => InnerIpv6(),
            0x88cc => Lldp(),
            0x8847 => MplsBuilder.Build(random, [MplsBuilder.NextLabel(random)], InnerIpv4()),
            0x0806 => ArpBuilder.Build(random, false, out _),
            0x88e5 => Macsec(),
            0x9000 => Loopback(),
            _ => AddressPool.RandomBytes(random, random.Next(0, 30)),
        };
        var w = new ByteWriter().U16(random.Next(8) << 13 | VlanTagBuilder.NextId(random)).U16(random.Next(8) == 0 ? 0x88a8 : 0x8100)
            .U16(random.Next(8) << 13 | VlanTagBuilder.NextId(random)).U16(inner).Bytes(body);
        return new EverydayPayload("qinq", EverydayCarrier.EtherType, Pick(0x88a8, 0x88a8, 0x9100, 0x8100), w.ToArray()) { MutableFrom = 8 };
    }

    private byte[] Macsec()
    {
        bool sci = random.Next(2) == 0;
        int tci = (sci ? 0x20 : 0) | Pick(0x0c, 0x08, 0x00, 0x04) | random.Next(4) | (random.Next(4) == 0 ? 0x40 : 0);
        var w = new ByteWriter().U8(tci).U8(random.Next(4) == 0 ? random.Next(1, 48) : 0).U32((uint)random.Next(1, 100000));
        if (sci) w.Bytes(AddressPool.NextMac(random)).U16(1);
        return w.RandomBytes(random, random.Next(16, 64)).ToArray();
    }

    private byte[] Loopback()
    {
        var w = new ByteWriter().U16LittleEndian(random.Next(3) == 0 ? 2 : 0);
        if (random.Next(2) == 0)
            w.U16LittleEndian(2).Bytes(AddressPool.NextMac(random)).U16LittleEndian(1).U16LittleEndian(random.Next(65536)).RandomBytes(random, 4);
        else
            w.U16LittleEndian(1).U16LittleEndian(random.Next(65536)).RandomBytes(random, random.Next(0, 20));
        return w.ToArray();
    }

    // ---- LAN control ----

    private byte[] Stp()
    {
        int kind = Pick(0, 0, 1, 2, 2, 3, 4);
        var w = new ByteWriter().U16(0);
        byte[] RootId() => [.. new ByteWriter().U16(Pick(0x8000, 0x1000, 0x8001, 0x7000 + random.Next(16))).Bytes(AddressPool.NextMac(random)).Written];
        void Config() => w.Bytes(RootId()).U32((uint)Pick(0, 4, 19, 200000)).Bytes(RootId()).U16(Pick(0x8001, 0x8002, 0x8010))
            .U16(Pick(0, 256, 512)).U16(Pick(20, 6, 40) * 256).U16(Pick(2, 1, 10) * 256).U16(Pick(15, 4, 30) * 256);
        switch (kind)
        {
            case 0:
                w.U8(0).U8(0).U8(random.Next(4) == 0 ? random.Next(256) : Pick(0, 1, 0x80, 0x81));
                Config();
                break;
            case 1:
                w.U8(0).U8(0x80);
                break;
            case 2:
                w.U8(2).U8(2).U8(random.Next(256));
                Config();
                w.U8(0);
                break;
            case 3:
                int mstis = random.Next(0, 3);
                w.U8(3).U8(2).U8(random.Next(256));
                Config();
                w.U8(0).U16(64 + 16 * mstis).U8(0).Bytes(System.Text.Encoding.ASCII.GetBytes("region1".PadRight(32, '\0'))).U16(random.Next(10))
                    .RandomBytes(random, 16).U32((uint)Pick(0, 20000)).Bytes(RootId()).U8(Pick(20, 19)).U8(Pick(0x7c, 0x78, 0x3c));
                for (int i = 0; i < mstis; i++)
                    w.U8(random.Next(256)).Bytes(RootId()).U32((uint)Pick(0, 20000)).U8(Pick(0x80, 0x90)).U8(Pick(0x80, 0x90)).U8(20);
                break;
            default:
                w.U8(random.Next(5)).U8(random.Next(256)).RandomBytes(random, random.Next(0, 40));
                break;
        }
        return LlcSnapBuilder.Llc(0x42, 0x42, 0x03, w.Written);
    }

    private byte[] Lldp()
    {
        var w = new ByteWriter();
        void Tlv(int type, ReadOnlySpan<byte> value) => w.U16(type << 9 | value.Length).Bytes(value);
        Tlv(1, [.. new byte[] { 4 }, .. AddressPool.NextMac(random)]);
        Tlv(2, random.Next(2) == 0 ? [.. new byte[] { 5 }, .. "eth0"u8] : [.. new byte[] { 3 }, .. AddressPool.NextMac(random)]);
        Tlv(3, [0, (byte)Pick(120, 20, 0)]);
        if (random.Next(2) == 0) Tlv(4, "uplink port"u8);
        if (random.Next(2) == 0) Tlv(5, "switch-01.example.test"u8);
        if (random.Next(3) == 0) Tlv(6, "Linux 6.1.0 #1 SMP x86_64"u8);
        if (random.Next(2) == 0) Tlv(7, [0, 0x14, 0, (byte)Pick(0x14, 0x04, 0)]);
        if (random.Next(3) == 0) Tlv(8, [5, 1, 10, 0, 0, 1, 2, 0, 0, 0, 2, 0]);
        if (random.Next(3) == 0) Tlv(127, [0x00, 0x80, 0xc2, 1, 0, (byte)Pick(1, 10)]);
        if (random.Next(3) == 0) Tlv(127, [0x00, 0x12, 0x0f, 1, 3, 0x6c, 0x00, 0x00, 0x10]);
        if (random.Next(8) == 0) Tlv(random.Next(9, 127), AddressPool.RandomBytes(random, random.Next(0, 8)));
        if (random.Next(6) != 0) Tlv(0, []);
        return w.ToArray();
    }

    private byte[] Cdp()
    {
        var tlvs = new ByteWriter();
        void Tlv(int type, ReadOnlySpan<byte> value) => tlvs.U16(type).U16(4 + value.Length).Bytes(value);
        Tlv(1, "switch-01"u8);
        if (random.Next(2) == 0) Tlv(2, [0, 0, 0, 1, 1, 1, 0xcc, 0, 4, 10, 0, 0, 1]);
        Tlv(3, "GigabitEthernet0/1"u8);
        Tlv(4, [0, 0, 0, (byte)Pick(0x28, 0x08, 0x01)]);
        if (random.Next(2) == 0) Tlv(5, "Cisco IOS Software, Version 15.2"u8);
        if (random.Next(2) == 0) Tlv(6, "cisco WS-C2960"u8);
        if (random.Next(3) == 0) Tlv(10, [0, (byte)random.Next(1, 100)]);
        if (random.Next(3) == 0) Tlv(11, [1]);
        var cdp = new ByteWriter().U8(Pick(2, 2, 1)).U8(180).U16(0).Bytes(tlvs.Written);
        cdp.PatchU16(2, Checksums.Internet(cdp.Written));
        return LlcSnapBuilder.Snap(0x00000c, 0x2000, cdp.Written);
    }

    private byte[] LlcFrame()
    {
        int[] controls = [0x00, 0x02, 0x01, 0x05, 0x09, 0x03, 0x63, 0x43, 0x0f, 0x6f, 0xe3, 0xaf, 0x87, 0x13, 0x7f, 0xf3, 0xbf];
        int sap = Pick(0x06, 0xaa, 0x00, 0x04, 0x18, 0xbc, 0xf4, 0xf8, random.Next(256) & 0xfe);
        if (random.Next(4) == 0)
            return LlcSnapBuilder.Snap((uint)Pick(0x000000, 0x00000c, 0x0000f8, random.Next(1 << 24)), (ushort)Pick(0x0800, 0x809b, 0x2004, random.Next(65536)),
                AddressPool.RandomBytes(random, random.Next(0, 30)));
        return LlcSnapBuilder.Llc(sap, random.Next(4) == 0 ? random.Next(256) : sap, controls[random.Next(controls.Length)], AddressPool.RandomBytes(random, random.Next(0, 24)));
    }

    private byte[] Ipx()
    {
        int socket = Pick(0x0453, 0x0452, 0x0455, 0x4000, random.Next(65536));
        var body = new ByteWriter();
        if (socket == 0x0453) body.U16(Pick(1, 2)).U32((uint)random.Next()).U16(1).U16(2);
        else if (socket == 0x0452) body.U16(Pick(1, 2, 3)).U16(4).Bytes("FILESERVER\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"u8).U32(1).Bytes(AddressPool.NextMac(random)).U16(0x451).U16(1);
        else body.RandomBytes(random, random.Next(0, 20));
        return new ByteWriter().U16(0xffff).U16(30 + body.Length).U8(random.Next(3)).U8(Pick(0, 1, 4, 17)).U32((uint)random.Next()).Bytes(AddressPool.NextMac(random))
            .U16(socket).U32((uint)random.Next()).Bytes(AddressPool.NextMac(random)).U16(socket).Bytes(body.Written).ToArray();
    }

    private byte[] NetBeui()
    {
        var name = System.Text.Encoding.ASCII.GetBytes("WORKSTATION01   ");
        var frame = new ByteWriter().U16(44).U16(0xefff).U8(Pick(0x0a, 0x01, 0x08, 0x0e, 0x19, random.Next(32))).U8(0).U16(0).U16(random.Next(65536)).U16(0)
            .Bytes(name).Bytes(name).ToArray();
        return LlcSnapBuilder.Llc(0xf0, 0xf0, 0x03, frame);
    }

    private byte[] Osi()
    {
        int nlpid = Pick(0x81, 0x82, 0x83, 0x83);
        var w = new ByteWriter();
        if (nlpid == 0x83)
        {
            int pdu = Pick(15, 16, 17, 18, 20, 24, 25, 26, 27);
            w.U8(0x83).U8(pdu is 15 or 16 ? 27 : pdu == 17 ? 20 : pdu is 18 or 20 ? 27 : pdu is 24 or 25 ? 33 : 17).U8(1).U8(0).U8(pdu).U8(1).U8(0).U8(0);
            w.RandomBytes(random, random.Next(10, 40));
        }
        else if (nlpid == 0x82)
        {
            w.U8(0x82).U8(Pick(9, 15)).U8(1).U8(0).U8(Pick(2, 4, 6)).U16(Pick(30, 60)).U16(0).U8(6).RandomBytes(random, 6).RandomBytes(random, random.Next(0, 10));
        }
        else
        {
            w.U8(0x81).U8(Pick(20, 30)).U8(1).U8(Pick(32, 30)).U8(Pick(0x1c, 0x9c, 0x01)).U16(40).U16(0)
                .U8(Pick(13, 20)).RandomBytes(random, 20).RandomBytes(random, random.Next(0, 20));
        }
        return LlcSnapBuilder.Llc(0xfe, 0xfe, 0x03, w.Written);
    }

    private byte[] ArpOther()
    {
        int hardware = Pick(6, 6, 15, 24, 32, 0x19, random.Next(65536));
        int hardwareLength = hardware == 32 ? 20 : hardware == 15 ? 2 : Pick(6, 6, 8, 0);
        int protocol = Pick(0x0800, 0x0800, 0x86dd, random.Next(65536));
        int protocolLength = protocol == 0x86dd ? 16 : 4;
        var w = new ByteWriter().U16(hardware).U16(protocol).U8(hardwareLength).U8(protocolLength).U16(Pick(1, 2, 3, 4, 8, 9));
        w.RandomBytes(random, hardwareLength).RandomBytes(random, protocolLength).RandomBytes(random, hardwareLength).RandomBytes(random, protocolLength);
        return w.ToArray();
    }

    // ---- well-known ports ----

    private EverydayPayload Tftp()
    {
        int opcode = random.Next(10) == 0 ? random.Next(10) : Pick(1, 2, 3, 4, 5, 6);
        var w = new ByteWriter().U16(opcode);
        switch (opcode)
        {
            case 1 or 2:
                w.Bytes(System.Text.Encoding.ASCII.GetBytes(Pick(0, 1, 2) switch { 0 => "pxelinux.0", 1 => "/boot/grub/x86_64-efi/core.efi", _ => "config.txt" })).U8(0)
                    .Bytes(Pick(0, 1, 2) == 0 ? "netascii"u8 : "octet"u8).U8(0);
                if (random.Next(2) == 0) w.Bytes("blksize"u8).U8(0).Bytes("1468"u8).U8(0);
                if (random.Next(3) == 0) w.Bytes("tsize"u8).U8(0).Bytes("0"u8).U8(0);
                break;
            case 3:
                w.U16(random.Next(1, 1000)).RandomBytes(random, random.Next(0, 64));
                break;
            case 4:
                w.U16(random.Next(0, 1000));
                break;
            case 5:
                w.U16(Pick(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)).Bytes(Pick(0, 1) == 0 ? "File not found"u8 : "Access violation"u8).U8(0);
                break;
            case 6:
                w.Bytes("blksize"u8).U8(0).Bytes("1468"u8).U8(0);
                break;
            default:
                w.RandomBytes(random, random.Next(0, 16));
                break;
        }
        return Udp("tftp", 69, Ephemeral, w.ToArray());
    }

    private byte[] Snmp()
    {
        // A v1/v2c get-request or response for sysDescr.0 (BER).
        int version = Pick(0, 1, 1);
        int pdu = Pick(0xa0, 0xa1, 0xa2, 0xa3, 0xa5);
        var oid = new byte[] { 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00 };
        var value = pdu == 0xa2 ? [.. new byte[] { 0x04, 0x05 }, .. "Linux"u8] : new byte[] { 0x05, 0x00 };
        var varbind = new ByteWriter().U8(0x30).U8(oid.Length + value.Length).Bytes(oid).Bytes(value);
        var list = new ByteWriter().U8(0x30).U8(varbind.Length).Bytes(varbind.Written);
        var body = new ByteWriter().U8(0x02).U8(4).U32((uint)random.Next()).U8(0x02).U8(1).U8(0).U8(0x02).U8(1).U8(0).Bytes(list.Written);
        var community = "public"u8;
        var message = new ByteWriter().U8(0x02).U8(1).U8(version).U8(0x04).U8(community.Length).Bytes(community).U8(pdu).U8(body.Length).Bytes(body.Written);
        return new ByteWriter().U8(0x30).U8(message.Length).Bytes(message.Written).ToArray();
    }

    private static byte[] NetbiosEncodedName(string name)
    {
        var padded = name.PadRight(15).Substring(0, 15) + "\0";
        var w = new ByteWriter().U8(32);
        foreach (var c in padded) w.U8('A' + (c >> 4)).U8('A' + (c & 0xf));
        return w.U8(0).ToArray();
    }

    private byte[] NetbiosName()
    {
        bool response = random.Next(3) == 0;
        var w = new ByteWriter().U16(random.Next(65536)).U16(response ? 0x8500 : Pick(0x0110, 0x2910, 0x0010)).U16(response ? 0 : 1).U16(response ? 1 : 0).U16(0).U16(0);
        w.Bytes(NetbiosEncodedName(Pick(0, 1) == 0 ? "WORKGROUP" : "FILESRV")).U16(0x20).U16(1);
        if (response) w.U32(300000).U16(6).U16(0).Bytes(Address4());
        return w.ToArray();
    }

    private byte[] NetbiosDatagram()
    {
        var w = new ByteWriter().U8(Pick(0x11, 0x10, 0x12)).U8(0x02).U16(random.Next(65536)).Bytes(Address4()).U16(138).U16(0).U16(0);
        w.Bytes(NetbiosEncodedName("HOST")).Bytes(NetbiosEncodedName("WORKGROUP")).U8(0xff).Bytes("SMB"u8).RandomBytes(random, random.Next(0, 40));
        w.PatchU16(10, w.Length - 14);
        return w.ToArray();
    }

    private byte[] Kerberos()
    {
        // An AS-REQ shell: tcpdump prints the message type and the realm-ish start of it.
        var w = new ByteWriter().U8(Pick(0x6a, 0x6b, 0x6c, 0x6d, 0x7e)).U8(0x30).U8(0x30).U8(0x2e).U8(0xa1).U8(0x03).U8(0x02).U8(0x01).U8(5)
            .U8(0xa2).U8(0x03).U8(0x02).U8(0x01).U8(Pick(10, 11, 12, 13, 30)).RandomBytes(random, random.Next(0, 32));
        return w.ToArray();
    }

    private byte[] Radius()
    {
        int code = Pick(1, 2, 3, 4, 5, 11, 12, random.Next(256));
        var attributes = new ByteWriter().U8(1).U8(7).Bytes("alice"u8).U8(4).U8(6).Bytes(Address4()).U8(5).U8(6).U32((uint)random.Next(100));
        if (random.Next(2) == 0) attributes.U8(80).U8(18).RandomBytes(random, 16);
        if (random.Next(3) == 0) attributes.U8(26).U8(12).U32(311).U8(1).U8(6).U32((uint)random.Next());
        return new ByteWriter().U8(code).U8(random.Next(256)).U16(20 + attributes.Length).RandomBytes(random, 16).Bytes(attributes.Written).ToArray();
    }
}
