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

    /// <summary>
    /// The protocols held to every line identical to tcpdump's, in the generated corpus and in the frames sent on a wire in
    /// Pcap.Live.Tests: all of them, now that each has its layer and printer (a protocol added to the corpus before its
    /// printer would be left out here until it prints as tcpdump does, and only report its share).
    /// </summary>
    public static readonly IReadOnlySet<string> Implemented = new HashSet<string>(Protocols, StringComparer.Ordinal);

    /// <summary>
    /// The protocol a packet counts for: its own, unless tcpdump's text shows a not-yet-decoded protocol inside it (OSI after
    /// an MPLS label stack), which then takes the difference.
    /// </summary>
    public static string ChargedTo(string protocol, string? tcpdumpText)
    {
        if (tcpdumpText is null)
            return protocol;
        foreach (var (marker, inner) in InnerMarkers)
        {
            if (inner != protocol && tcpdumpText.Contains(marker, StringComparison.Ordinal))
                return inner;
        }
        return protocol;
    }

    // Text only tcpdump's printer of an inner protocol writes, and that protocol.
    private static readonly (string Marker, string Protocol)[] InnerMarkers =
        [("CLNP", "osi"), ("[|clnp]", "osi"), ("ES-IS", "osi"), ("IS-IS", "osi"), ("NLPID", "osi"), ("PIMv", "pim")];

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
        "ah" => new EverydayPayload(protocol, EverydayCarrier.Ip, 51, Ah()),
        "pppoed" => new EverydayPayload(protocol, EverydayCarrier.EtherType, PppoeBuilder.DiscoveryEtherType, PppoeDiscovery()),
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
        "ipx" => IpxFramed(),
        "netbeui" => new EverydayPayload(protocol, EverydayCarrier.Llc, 0, NetBeui()) { MutableFrom = 3 },
        "osi" => new EverydayPayload(protocol, EverydayCarrier.Llc, 0, Osi()) { MutableFrom = 4 },
        "arp-other" => new EverydayPayload(protocol, EverydayCarrier.EtherType, 0x0806, ArpOther()),
        "snmp" => Udp(protocol, random.Next(5) == 0 ? 162 : 161, Ephemeral, Snmp()),
        "netbios-ns" => Udp(protocol, 137, random.Next(2) == 0 ? 137 : Ephemeral, NetbiosName()),
        "netbios-dgm" => Udp(protocol, 138, 138, NetbiosDatagram()) with { Ipv6 = false },
        "kerberos" => Udp(protocol, random.Next(6) == 0 ? 750 : 88, Ephemeral, Kerberos()),
        "radius" => Udp(protocol, Pick(1812, 1813, 1812, 1813, 1645, 1646, 3799, 1700), Ephemeral, Radius()),
        "sctp" => new EverydayPayload(protocol, EverydayCarrier.Ip, 132, random.Next(4) == 0 ? SctpBuilder.Build(random, AddressPool.NextPort(random), AddressPool.NextPort(random), out _) : Sctp()),
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
        var w = new ByteWriter();
        // Now and then two or three messages in one segment, as a busy session sends them.
        for (int count = Pick(1, 1, 1, 2, 3); count > 0; count--)
            w.Bytes(BgpMessage());
        var toServer = random.Next(2) == 0;
        int client = Ephemeral;
        return new EverydayPayload("bgp", EverydayCarrier.Tcp, 0, w.ToArray()) { SourcePort = toServer ? client : 179, DestinationPort = toServer ? 179 : client };
    }

    /// <summary>One BGP message: OPEN with capabilities, UPDATE, NOTIFICATION, KEEPALIVE, ROUTE-REFRESH or an unknown type.</summary>
    private byte[] BgpMessage()
    {
        int type = Pick(1, 2, 2, 3, 4, 4, 5, random.Next(7));
        var body = new ByteWriter();
        switch (type)
        {
            case 1:
                body.U8(4).U16(Pick(65001, 64512, 23456)).U16(Pick(180, 90, 0)).Bytes(Address4());
                if (random.Next(5) == 0)
                {
                    body.U8(0);
                    break;
                }
                var options = new ByteWriter();
                for (int i = Pick(1, 1, 2); i > 0; i--)
                {
                    if (random.Next(10) == 0)
                    {
                        options.U8(1).U8(4).RandomBytes(random, 4);
                        continue;
                    }
                    var capabilities = BgpCapabilities();
                    options.U8(2).U8(capabilities.Length).Bytes(capabilities);
                }
                body.U8(random.Next(15) == 0 ? random.Next(256) : options.Length).Bytes(options.Written);
                break;
            case 2:
                body.Bytes(BgpUpdate());
                break;
            case 3:
                int major = Pick(1, 2, 3, 4, 5, 6, 6, 6, 7, random.Next(9));
                int minor = major == 6 ? Pick(1, 2, 2, 4, 3, 5, random.Next(10)) : random.Next(0, 13);
                body.U8(major).U8(minor);
                if (major == 6 && minor is 2 or 4 && random.Next(4) != 0)
                {
                    var text = System.Text.Encoding.ASCII.GetBytes(Pick(0, 1, 2) switch { 0 => "maintenance", 1 => "", _ => "upgrade to 4.2\u0001" });
                    body.U8(random.Next(10) == 0 ? random.Next(256) : text.Length).Bytes(text);
                }
                else if (major == 6 && minor == 1 && random.Next(2) == 0)
                {
                    body.U16(Pick(1, 2)).U8(Pick(1, 2, 128)).U32((uint)Pick(1000, 500000));
                }
                if (random.Next(3) == 0) body.RandomBytes(random, random.Next(1, 8));
                break;
            case 4:
                break;
            case 5:
                body.U16(Pick(1, 2, 25, random.Next(65536))).U8(0).U8(Pick(1, 2, 128, random.Next(256)));
                break;
            default:
                body.RandomBytes(random, random.Next(0, 12));
                break;
        }
        var w = new ByteWriter();
        for (int i = 0; i < 16; i++) w.U8(0xff);
        int length = 19 + body.Length;
        if (random.Next(30) == 0) length = Pick(0, 18, length + 1, length - 1);
        return w.U16(length).U8(type).Bytes(body.Written).ToArray();
    }

    private byte[] BgpCapabilities()
    {
        var w = new ByteWriter();
        for (int i = random.Next(1, 6); i > 0; i--)
        {
            switch (Pick(1, 1, 2, 64, 65, 69, 8, 70, 71, 128, random.Next(256)))
            {
                case 1:
                    w.U8(1).U8(4).U16(Pick(1, 2, 25, 196)).U8(0).U8(Pick(1, 2, 4, 128, 70, 65));
                    break;
                case 2:
                    w.U8(2).U8(0);
                    break;
                case 64:
                    int families = random.Next(3);
                    w.U8(64).U8(2 + families * 4).U16(Pick(0x8078, 120, 0x4000 | 300));
                    for (int f = 0; f < families; f++) w.U16(Pick(1, 2)).U8(Pick(1, 128)).U8(Pick(0x80, 0));
                    break;
                case 65:
                    w.U8(65).U8(4).U32((uint)random.Next(1, 700000));
                    break;
                case 69:
                    int paths = Pick(1, 1, 2, 0);
                    w.U8(69).U8(paths * 4);
                    for (int f = 0; f < paths; f++) w.U16(Pick(1, 2)).U8(1).U8(Pick(1, 2, 3, 7));
                    break;
                case 8:
                    w.U8(8).U8(4).U16(1).U8(4).U8(Pick(1, 3));
                    break;
                case 128:
                    w.U8(128).U8(0);
                    break;
                case var other:
                    int length = random.Next(0, 6);
                    w.U8(other).U8(length).RandomBytes(random, length);
                    break;
            }
        }
        return w.ToArray();
    }

    /// <summary>An UPDATE: withdrawn routes, path attributes of the kinds routers send, announced prefixes; sometimes End-of-RIB.</summary>
    private byte[] BgpUpdate()
    {
        if (random.Next(10) == 0) return new ByteWriter().U16(0).U16(0).ToArray();
        var withdrawn = new ByteWriter();
        if (random.Next(3) == 0)
            for (int i = random.Next(1, 4); i > 0; i--) BgpPrefix(withdrawn);
        var attributes = new ByteWriter();
        if (random.Next(4) != 0)
        {
            BgpAttribute(attributes, 0x40, 1, new ByteWriter().U8(Pick(0, 1, 2, 0, 5)));
            var path = new ByteWriter();
            bool fourByte = random.Next(3) == 0;
            for (int segment = random.Next(0, 3); segment >= 0; segment--)
            {
                int count = random.Next(1, 5);
                path.U8(Pick(2, 2, 1, 3, 4)).U8(count);
                for (int i = 0; i < count; i++) { if (fourByte) path.U32((uint)Pick(65001, 420000, 3356)); else path.U16(Pick(65001, 64512, 3356, 174)); }
            }
            BgpAttribute(attributes, 0x40, 2, path);
            BgpAttribute(attributes, 0x40, 3, new ByteWriter().Bytes(Address4()));
            for (int i = random.Next(0, 4); i > 0; i--)
            {
                switch (Pick(4, 5, 6, 7, 8, 8, 9, 10, 14, 14, 15, 16, 16, 17, 18, 32, 99))
                {
                    case 14:
                        bool six = random.Next(3) != 0;
                        int reachFamily = Pick(1, 1, 2, 4, 128, 70);
                        var reach = new ByteWriter().U16(six ? 2 : 1).U8(reachFamily);
                        var hop = six ? (random.Next(2) == 0 ? [.. Address6(), .. Address6()] : Address6()) : Address4();
                        if (reachFamily == 128) hop = [.. new byte[8], .. hop];
                        reach.U8(hop.Length).Bytes(hop).U8(random.Next(8) == 0 ? 1 : 0);
                        if (reach.Written[^1] == 1) reach.U8(2).U16(0);
                        for (int p = random.Next(0, 3); p > 0; p--) BgpFamilyPrefix(reach, six, reachFamily);
                        BgpAttribute(attributes, 0x80, 14, reach);
                        break;
                    case 15:
                        bool unreachSix = random.Next(2) == 0;
                        int unreachFamily = Pick(1, 1, 2, 4, 128);
                        var unreach = new ByteWriter().U16(unreachSix ? 2 : 1).U8(unreachFamily);
                        for (int p = random.Next(0, 3); p > 0; p--) BgpFamilyPrefix(unreach, unreachSix, unreachFamily);
                        BgpAttribute(attributes, 0x80, 15, unreach);
                        break;
                    case 16:
                        var extended = new ByteWriter();
                        for (int c = random.Next(1, 4); c > 0; c--)
                        {
                            int communityType = Pick(0x0002, 0x0002, 0x0102, 0x0202, 0x0003, 0x4004, 0x0306, 0x030c, 0x800a, 0x0009, 0x0107, random.Next(65536));
                            extended.U16(communityType);
                            if (communityType == 0x4004) extended.U16(65001).U32(BitConverter.SingleToUInt32Bits(Pick(125000000, 1250000, 0, 12345678)));
                            else if (communityType == 0x0306) extended.Bytes(Address4()).U8(Pick(1, 2, 3, 5, 7, 129, 9)).U8(random.Next(2));
                            else extended.RandomBytes(random, 6);
                        }
                        BgpAttribute(attributes, 0xc0, 16, extended);
                        break;
                    case 17: BgpAttribute(attributes, 0xc0, 17, new ByteWriter().U8(2).U8(2).U32(400000).U32(65001)); break;
                    case 18: BgpAttribute(attributes, 0xc0, 18, new ByteWriter().U32(400000).Bytes(Address4())); break;
                    case 32: BgpAttribute(attributes, 0xc0, 32, new ByteWriter().U32(65001).U32(1).U32(2)); break;
                    default: BgpAttribute(attributes, 0xc0 | random.Next(16), 99, new ByteWriter().RandomBytes(random, random.Next(0, 6))); break;
                }
            }
        }
        var body = new ByteWriter().U16(withdrawn.Length).Bytes(withdrawn.Written).U16(attributes.Length).Bytes(attributes.Written);
        for (int i = random.Next(attributes.Length == 0 ? 0 : 1, 4); i > 0; i--) BgpPrefix(body);
        return body.ToArray();
    }

    private void BgpAttribute(ByteWriter w, int flags, int type, ByteWriter value)
    {
        bool extended = random.Next(6) == 0;
        w.U8(flags | (extended ? 0x10 : 0)).U8(type);
        if (extended) w.U16(value.Length); else w.U8(value.Length);
        w.Bytes(value.Written);
    }

    /// <summary>A prefix of a multiprotocol family: plain, with an MPLS label (SAFI 4), or label and route distinguisher (128).</summary>
    private void BgpFamilyPrefix(ByteWriter w, bool ipv6, int subsequentFamily)
    {
        if (subsequentFamily is not (4 or 128))
        {
            BgpPrefix(w, ipv6);
            return;
        }
        int length = ipv6 ? Pick(64, 48, 128) : Pick(24, 32, 16);
        int label = random.Next(16, 1 << 20) << 4 | (random.Next(6) == 0 ? 0 : 1);
        w.U8(length + (subsequentFamily == 4 ? 24 : 88)).U8(label >> 16).U16(label & 0xffff);
        if (subsequentFamily == 128) w.U16(Pick(0, 1, 2, 5)).U16(65001).U32((uint)random.Next(1, 1000));
        w.Bytes((ipv6 ? Address6() : Address4()).AsSpan(0, (length + 7) / 8));
    }

    private void BgpPrefix(ByteWriter w, bool ipv6 = false)
    {
        int length = ipv6 ? Pick(64, 48, 128, 56, random.Next(0, 129)) : Pick(24, 24, 16, 8, 32, 0, 22, 27, random.Next(0, 33));
        w.U8(length).Bytes((ipv6 ? Address6() : Address4()).AsSpan(0, (length + 7) / 8));
    }

    /// <summary>
    /// An SCTP packet of one to four chunks of the kinds an association exchanges (DATA with its flags, INIT and INIT ACK with
    /// parameters, SACK with gap blocks and duplicate TSNs, heartbeats, ABORT and ERROR with causes, SHUTDOWN and its
    /// replies, COOKIE ECHO/ACK, ECN, FORWARD TSN, unknown types), now and then with an odd length or no padding.
    /// </summary>
    private byte[] Sctp()
    {
        // Not ForCES's ports (6704-6706), whose payloads tcpdump hands to another printer.
        int Port() => Pick(2905, 36412, 38412, 9899, 5060, 3868, Ephemeral);
        var w = new ByteWriter().U16(Port()).U16(Port()).U32((uint)random.Next()).U32(0);
        for (int chunks = Pick(1, 1, 1, 2, 2, 3, 4); chunks > 0; chunks--)
        {
            int type = Pick(0, 0, 0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xc0, 0xc1, random.Next(256));
            var body = new ByteWriter();
            int flags = 0;
            switch (type)
            {
                case 0:
                    flags = Pick(3, 3, 2, 1, 0, 4, 7, random.Next(256));
                    // Payload protocol identifiers tcpdump names, but not M3UA (3) or ForCES (21-23), which it decodes at -vv.
                    body.U32((uint)random.Next()).U16(random.Next(10)).U16(random.Next(1000)).U32((uint)Pick(0, 0, 1, 4, 18, 46, 60, 27, random.Next(30, 1000)))
                        .RandomBytes(random, Pick(1, 4, random.Next(0, 40), random.Next(1, 100)));
                    break;
                case 1:
                case 2:
                    body.U32((uint)random.Next()).U32((uint)Pick(65536, 106496, 0)).U16(Pick(10, 1, 65535)).U16(Pick(10, 2048)).U32((uint)random.Next());
                    for (int i = random.Next(4); i > 0; i--)
                    {
                        if (random.Next(2) == 0) body.U16(5).U16(8).Bytes(Address4());
                        else if (random.Next(2) == 0) body.U16(6).U16(20).Bytes(Address6());
                        else body.U16(0x8000).U16(4);
                    }
                    if (type == 2) body.U16(7).U16(12).RandomBytes(random, 8);
                    break;
                case 3:
                    int gaps = Pick(0, 0, 1, 2, 3), duplicates = Pick(0, 0, 1, 2);
                    body.U32((uint)random.Next()).U32((uint)Pick(65536, 106496, 0)).U16(gaps).U16(duplicates);
                    for (int i = 0; i < gaps; i++) body.U16(random.Next(1, 50)).U16(random.Next(50, 100));
                    for (int i = 0; i < duplicates; i++) body.U32((uint)random.Next());
                    if (random.Next(8) == 0) body.U16(random.Next(65536));
                    break;
                case 4:
                case 5:
                    body.U16(1).U16(random.Next(2) == 0 ? 8 : 40).RandomBytes(random, 4);
                    break;
                case 6:
                case 9:
                    flags = type == 6 ? random.Next(2) : 0;
                    for (int i = random.Next(3); i > 0; i--) body.U16(Pick(1, 3, 6, 12, 13)).U16(8).RandomBytes(random, 4);
                    break;
                case 7:
                case 12:
                case 13:
                case 0xc0:
                    body.U32((uint)random.Next());
                    break;
                case 10:
                    body.RandomBytes(random, Pick(8, 20, 33));
                    break;
                case 8:
                case 11:
                case 14:
                    flags = random.Next(4) == 0 ? 1 : 0;
                    break;
                default:
                    body.RandomBytes(random, random.Next(0, 12));
                    break;
            }
            int length = 4 + body.Length;
            if (random.Next(25) == 0) length = Pick(0, 2, 3, length + 4, length - 1);
            w.U8(type).U8(flags).U16(length).Bytes(body.Written);
            if (random.Next(20) != 0)
                while (w.Length % 4 != 0) w.U8(0);
        }
        uint crc = Checksums.Crc32c(w.Written);
        // The CRC-32C goes on the wire least significant byte first.
        w.PatchU32(8, (crc >> 24) | ((crc >> 8) & 0xff00) | ((crc << 8) & 0xff0000) | (crc << 24));
        return w.ToArray();
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

    /// <summary>
    /// AH (varied ICV lengths, now and then a non-zero reserved field or a second AH) in front of UDP between ephemeral ports
    /// (so no other issue-12 protocol's printer is behind it), ESP, an ICMP echo or nothing.
    /// </summary>
    private byte[] Ah()
    {
        int next = Pick(17, 17, 17, 50, 1, 59);
        var inner = next switch
        {
            17 => UdpSegment(),
            50 => IpsecBuilder.EncapsulatingSecurityPayload(random),
            1 => IcmpEcho(),
            _ => [],
        };
        var bytes = AhHeader(next, inner);
        return random.Next(10) == 0 ? AhHeader(51, bytes) : bytes;
    }

    private byte[] AhHeader(int next, byte[] inner)
    {
        int icvWords = Pick(3, 3, 3, 4, 2, random.Next(0, 6));
        return new ByteWriter().U8(next).U8(icvWords + 1).U16(random.Next(20) == 0 ? random.Next(1, 65536) : 0)
            .U32((uint)random.Next(1, 5000)).U32((uint)random.Next(1, 100)).RandomBytes(random, icvWords * 4).Bytes(inner).ToArray();
    }

    private byte[] UdpSegment()
    {
        var payload = AddressPool.RandomBytes(random, random.Next(0, 24));
        return new ByteWriter().U16(Ephemeral).U16(Ephemeral).U16(8 + payload.Length).U16(0).Bytes(payload).ToArray();
    }

    private byte[] IcmpEcho()
    {
        var w = new ByteWriter().U8(8).U8(0).U16(0).U16(random.Next(65536)).U16(random.Next(100)).RandomBytes(random, random.Next(0, 16));
        w.PatchU16(2, Checksums.Internet(w.Written));
        return w.ToArray();
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

    private byte[] PppoeDiscovery()
    {
        int code = random.Next(12) == 0 ? random.Next(256) : Pick(0x09, 0x07, 0x19, 0x65, 0xa7);
        var tags = new ByteWriter();
        if (code != 0xa7 || random.Next(2) == 0)
            tags.U16(0x0101).U16(0);
        if (code is 0x07 or 0x65 && random.Next(3) != 0)
            PppoeTextTag(tags, 0x0102, Pick(0, 1, 2) switch { 0 => "BRAS-01", 1 => "ac.example.net", _ => new string('x', random.Next(70, 100)) });
        if (random.Next(4) != 0)
            tags.U16(0x0103).U16(4).U32((uint)random.Next());
        if (code is 0x07 or 0x19 && random.Next(2) == 0)
            tags.U16(0x0104).U16(16).RandomBytes(random, 16);
        for (int i = random.Next(3); i > 0; i--)
        {
            switch (random.Next(7))
            {
                case 0: tags.U16(0x0105).U16(8).U32(0x00000de9).RandomBytes(random, 4); break;
                case 1: tags.U16(0x0110).U16(random.Next(1, 12)); tags.RandomBytes(random, tags.Written[^1]); break;
                case 2: tags.U16(0x0120).U16(2).U16(Pick(1500, 1492, 9000)); break;
                case 3: PppoeTextTag(tags, Pick(0x0201, 0x0202, 0x0203), Pick(0, 1) == 0 ? "no service" : "Resource\u0001exhausted"); break;
                case 4: tags.U16(random.Next(65536)).U16(random.Next(0, 6)); tags.RandomBytes(random, tags.Written[^1]); break;
                case 5: PppoeTextTag(tags, 0x0101, random.Next(2) == 0 ? "internet" : "isp\u00ff\u0080x"); break;
                default: tags.U16(0).U16(0); break;
            }
        }
        int length = random.Next(15) == 0 ? random.Next(65536) : tags.Length;
        int session = code is 0x65 or 0xa7 || random.Next(10) == 0 ? PppoeBuilder.NextSessionId(random) : 0;
        return new ByteWriter().U8(random.Next(15) == 0 ? random.Next(256) : 0x11).U8(code).U16(session).U16(length).Bytes(tags.Written).ToArray();
    }

    private static void PppoeTextTag(ByteWriter tags, int type, string text) =>
        tags.U16(type).U16(text.Length).Bytes(System.Text.Encoding.Latin1.GetBytes(text));

    private byte[] PppoeSession()
    {
        int session = PppoeBuilder.NextSessionId(random);
        ushort protocol = (ushort)Pick(0x0021, 0x0057, 0xc021, 0xc021, 0xc021, 0x8021, 0x8021, 0x8057, 0xc023, 0xc223, 0x80fd, 0x003d,
            Pick(0x00fd, 0xc02d, 0xc02b, 0x8281, 0x7e21, 0x0281), random.Next(65536));
        byte[] inner = protocol switch
        {
            0x0021 => InnerIpv4(),
            0x0057 => InnerIpv6(),
            0xc023 => Pap(),
            0xc223 => Chap(),
            0xc021 or 0x8021 or 0x8057 or 0x80fd or 0xc02b or 0x8281 => PppControl(protocol),
            0x003d => new ByteWriter().U16(random.Next(4) << 14 | random.Next(4096)).RandomBytes(random, random.Next(0, 20)).ToArray(),
            0x7e21 => PppHdlcEscaped(InnerIpv4()),
            0x0281 => MplsBuilder.Build(random, [MplsBuilder.NextLabel(random)], InnerIpv4()),
            _ => AddressPool.RandomBytes(random, random.Next(0, 20)),
        };
        // Now and then the HDLC address and control bytes (or pppd's direction bytes), or a one-byte (compressed) protocol field.
        int framing = random.Next(12);
        if (framing > 1)
            return PppoeBuilder.Session(session, protocol, inner);
        var ppp = new ByteWriter();
        if (framing == 0) ppp.U8(Pick(0xff, 0xff, 0x00, 0x01)).U8(0x03).U16(protocol);
        else if (protocol is 0x0021 or 0x0057) ppp.U8(protocol);
        else ppp.U16(protocol);
        ppp.Bytes(inner);
        return new ByteWriter().U8(0x11).U8(0).U16(session).U16(ppp.Length).Bytes(ppp.Written).ToArray();
    }

    /// <summary>An LCP, IPCP, IPv6CP, CCP, BACP or MPLSCP packet: the Configure codes with options, the other codes with their data.</summary>
    private byte[] PppControl(ushort protocol)
    {
        int code = random.Next(10) == 0 ? Pick(0, 7, 8, 11, 12, 13, 14, 15, random.Next(256)) : Pick(1, 1, 2, 3, 4, 5, 6, 9, 10);
        var data = new ByteWriter();
        switch (code)
        {
            case >= 1 and <= 4:
                for (int i = random.Next(code == 1 ? 1 : 0, 5); i > 0; i--)
                    PppOption(data, protocol);
                break;
            case 0 or 9 or 10 or 11 or 12:
                data.U32((uint)random.Next());
                if (code == 0) data.U8(0).U8(0x00).U8(0x0c).U8(random.Next(256));
                else if (code == 12) data.Bytes("pppd 2.4.9"u8);
                else if (random.Next(3) == 0) data.RandomBytes(random, random.Next(1, 12));
                break;
            case 13:
                data.U32((uint)random.Next()).U32((uint)random.Next(100000));
                break;
            case 8:
                data.U16(Pick(0x002b, 0x8057, 0x80fd, random.Next(65536))).RandomBytes(random, random.Next(0, 10));
                break;
            default:
                data.RandomBytes(random, random.Next(0, 8));
                break;
        }
        int length = 4 + data.Length;
        if (random.Next(15) == 0) length = Pick(0, 2, length + random.Next(1, 20), length - 1);
        return new ByteWriter().U8(code).U8(random.Next(256)).U16(length).Bytes(data.Written).ToArray();
    }

    /// <summary>One configuration option of <paramref name="protocol"/>, mostly well-formed, now and then of a bogus length.</summary>
    private void PppOption(ByteWriter w, ushort protocol)
    {
        if (random.Next(12) == 0)
        {
            // Any type, any length: bogus lengths, unknown types, options longer than the packet.
            w.U8(random.Next(protocol == 0xc021 ? 40 : 256)).U8(Pick(0, 1, 2, 3, 5, 6, 10, 40)).RandomBytes(random, random.Next(0, 9));
            return;
        }
        switch (protocol)
        {
            case 0xc021:
                switch (random.Next(14))
                {
                    case 0: w.U8(1).U8(4).U16(Pick(1492, 1500, 1480)); break;
                    case 1: w.U8(2).U8(6).U32((uint)Pick(0, -1, 0x000a0000)); break;
                    case 2: w.U8(3).U8(4).U16(0xc023); break;
                    case 3: w.U8(3).U8(5).U16(0xc223).U8(Pick(5, 128, 129, 7)); break;
                    case 4: w.U8(3).U8(Pick(4, 6)).U16(Pick(0xc227, 0xc027, 0x1234)); if (w.Written[^3] == 6) w.U16(0); break;
                    case 5: w.U8(4).U8(Pick(4, 8)).U16(Pick(0xc025, 0x1111)); if (w.Written[^3] == 8) w.U32(100); break;
                    case 6: w.U8(5).U8(6).U32((uint)random.Next()); break;
                    case 7: w.U8(Pick(7, 8)).U8(2); break;
                    case 8: w.U8(13).U8(3).U8(Pick(0, 1, 6, 9)); break;
                    case 9: w.U8(17).U8(4).U16(Pick(1600, 1524)); break;
                    case 10:
                        int type = Pick(0, 1, 2, 3, 4, 5, 9);
                        w.U8(19).U8(type switch { 2 => 7, 3 => 9, _ => 3 + random.Next(0, 5) }).U8(type);
                        if (type == 2) w.Bytes(Address4());
                        else if (type == 3) w.Bytes(AddressPool.NextMac(random));
                        else w.RandomBytes(random, w.Written[^2] - 3);
                        break;
                    case 11: w.U8(23).U8(4).U16(random.Next(65536)); break;
                    case 12: w.U8(0).U8(Pick(6, 8)).U8(0).U8(0x00).U8(0x0c).U8(1); if (w.Written[^5] == 8) w.U16(0); break;
                    default: w.U8(Pick(9, 10, 11, 18, 30)).U8(4).U16(random.Next(65536)); break;
                }
                break;
            case 0x8021:
                switch (random.Next(8))
                {
                    case 0: w.U8(1).U8(10).Bytes(Address4()).Bytes(Address4()); break;
                    case 1: w.U8(2).U8(6).U16(0x002d).U8(15).U8(1); break;
                    case 2:
                        int compressionLength = Pick(14, 18, 20);
                        w.U8(2).U8(compressionLength).U16(0x61).U16(15).U16(15).U16(256).U16(5).U16(168);
                        if (compressionLength >= 18) w.U8(1).U8(2).U8(2).U8(2);
                        if (compressionLength == 20) w.U8(Pick(1, 3)).U8(Pick(2, 4));
                        break;
                    default: w.U8(Pick(3, 3, 4, 129, 130, 131, 132)).U8(6).Bytes(random.Next(3) == 0 ? [0, 0, 0, 0] : Address4()); break;
                }
                break;
            case 0x8057:
                w.U8(1).U8(10).RandomBytes(random, 8);
                break;
            case 0x80fd:
                switch (random.Next(4))
                {
                    case 0: w.U8(21).U8(3).U8(0x2f); break;
                    case 1: w.U8(24).U8(4).U8(random.Next(256)).U8(random.Next(256)); break;
                    case 2: w.U8(26).U8(4).U8(Pick(0x78, 0x58, 0x7f)).U8(0); break;
                    default: w.U8(Pick(18, 17, 255)).U8(6).U32((uint)random.Next()); break;
                }
                break;
            default:
                w.U8(1).U8(6).U32((uint)random.Next());
                break;
        }
    }

    /// <summary>A PAP Authenticate-Request, -Ack or -Nak; now and then a length that disagrees with the fields.</summary>
    private byte[] Pap()
    {
        int code = random.Next(10) == 0 ? random.Next(256) : Pick(1, 1, 2, 3);
        var data = new ByteWriter();
        if (code == 1)
        {
            var peer = Pick(0, 1, 2) switch { 0 => "user", 1 => "alice@isp.example", _ => "" };
            var password = Pick(0, 1) == 0 ? "pass" : "s3cr\u00e9t\u0001";
            data.U8(peer.Length).Bytes(System.Text.Encoding.Latin1.GetBytes(peer)).U8(password.Length).Bytes(System.Text.Encoding.Latin1.GetBytes(password));
        }
        else
        {
            var message = Pick(0, 1, 2) switch { 0 => "Login ok", 1 => "Authentication failed", _ => "" };
            data.U8(message.Length).Bytes(System.Text.Encoding.ASCII.GetBytes(message));
        }
        int length = 4 + data.Length;
        if (random.Next(10) == 0) length = Pick(2, 4, 5, length + random.Next(1, 10), length - 2);
        return new ByteWriter().U8(code).U8(random.Next(256)).U16(length).Bytes(data.Written).ToArray();
    }

    /// <summary>A CHAP Challenge, Response, Success or Failure; now and then a length that disagrees with the fields.</summary>
    private byte[] Chap()
    {
        int code = random.Next(10) == 0 ? random.Next(256) : Pick(1, 2, 3, 4);
        var data = new ByteWriter();
        if (code is 1 or 2)
            data.U8(Pick(16, 16, 49, 8)).RandomBytes(random, data.Written[0]).Bytes(Pick(0, 1) == 0 ? "host"u8 : "bras.isp.example"u8);
        else if (code is 3 or 4)
            data.Bytes(Pick(0, 1, 2) switch { 0 => "Welcome"u8.ToArray(), 1 => "E=691 R=0 V=3"u8.ToArray(), _ => Array.Empty<byte>() });
        int length = 4 + data.Length;
        if (random.Next(10) == 0) length = Pick(2, 4, length + random.Next(1, 10), length - 3);
        return new ByteWriter().U8(code).U8(random.Next(256)).U16(length).Bytes(data.Written).ToArray();
    }

    /// <summary>A frame that starts in HDLC octet-stuffing (0x7d escapes the next byte XOR 0x20), as tcpdump un-escapes it.</summary>
    private byte[] PppHdlcEscaped(byte[] packet)
    {
        var w = new ByteWriter();
        foreach (var b in packet)
        {
            if (b is 0x7d or 0x7e || (b < 0x20 && random.Next(4) == 0)) w.U8(0x7d).U8(b ^ 0x20);
            else w.U8(b);
        }
        return w.ToArray();
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
        Tlv(1, random.Next(5) == 0 ? [5, 1, .. Address4()] : [.. new byte[] { 4 }, .. AddressPool.NextMac(random)]);
        Tlv(2, Pick(0, 0, 1, 1, 2) switch
        {
            0 => [.. new byte[] { 5 }, .. "eth0"u8],
            1 => [.. new byte[] { 3 }, .. AddressPool.NextMac(random)],
            _ => [.. new byte[] { 7 }, .. "port 1"u8],
        });
        Tlv(3, [0, (byte)Pick(120, 20, 0)]);
        if (random.Next(2) == 0) Tlv(4, "uplink port"u8);
        if (random.Next(2) == 0) Tlv(5, "switch-01.example.test"u8);
        if (random.Next(3) == 0) Tlv(6, "Linux 6.1.0 #1 SMP x86_64"u8);
        if (random.Next(2) == 0) Tlv(7, [0, 0x14, 0, (byte)Pick(0x14, 0x04, 0)]);
        if (random.Next(3) == 0) Tlv(8, [5, 1, 10, 0, 0, 1, 2, 0, 0, 0, 2, 0]);
        if (random.Next(3) == 0) Tlv(127, [0x00, 0x80, 0xc2, 1, 0, (byte)Pick(1, 10)]);
        if (random.Next(3) == 0) Tlv(127, [0x00, 0x12, 0x0f, 1, 3, 0x6c, 0x00, 0x00, 0x10]);
        if (random.Next(5) == 0) Tlv(8, [17, 2, .. Address6(), 3, 0, 0, 0, 7, 0]);
        if (random.Next(5) == 0) Tlv(127, [0x00, 0x80, 0xc2, 3, 0, 10, 5, .. "vlan1"u8]);
        if (random.Next(5) == 0) Tlv(127, [0x00, 0x12, 0x0f, 4, 0x05, 0xee]);
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
        if (random.Next(4) == 0) Tlv(2, [0, 0, 0, 1, 2, 8, 0xaa, 0xaa, 0x03, 0, 0, 0, 0x86, 0xdd, 0, 16, .. Address6()]);
        if (random.Next(4) == 0) Tlv(7, [10, 0, 0, 0, 8, 192, 168, 1, 0, 24]);
        if (random.Next(4) == 0) Tlv(0x10, [0x1f, 0x40]);
        if (random.Next(4) == 0) Tlv(5, "Cisco IOS\nVersion 15.2"u8);
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

    // IPX in each of its four Ethernet framings: 802.2 LLC (SAP 0xE0), 802.3 raw (no LLC, the checksum 0xFFFF first), SNAP, EtherType 0x8137.
    private EverydayPayload IpxFramed()
    {
        var ipx = Ipx();
        return Pick(0, 0, 1, 2, 3) switch
        {
            0 => new EverydayPayload("ipx", EverydayCarrier.Llc, 0, LlcSnapBuilder.Llc(0xe0, 0xe0, 0x03, ipx)) { MutableFrom = 3 },
            1 => new EverydayPayload("ipx", EverydayCarrier.Llc, 0, ipx) { MutableFrom = 2 },
            2 => new EverydayPayload("ipx", EverydayCarrier.Llc, 0, LlcSnapBuilder.Snap(0, 0x8137, ipx)) { MutableFrom = 8 },
            _ => new EverydayPayload("ipx", EverydayCarrier.EtherType, 0x8137, ipx),
        };
    }

    private byte[] Ipx()
    {
        int socket = Pick(0x0453, 0x0452, 0x0452, 0x0455, 0x0451, 0x0456, 0x0553, 0x4000, random.Next(65536));
        var body = new ByteWriter();
        if (socket == 0x0453)
        {
            int command = Pick(1, 2, 2, random.Next(4));
            body.U16(command);
            for (int i = command == 1 ? 1 : random.Next(0, 5); i > 0; i--) body.U32((uint)random.Next()).U16(random.Next(1, 16)).U16(random.Next(1, 200));
            if (random.Next(8) == 0) body.RandomBytes(random, random.Next(1, 8));
        }
        else if (socket == 0x0452)
        {
            int command = Pick(1, 2, 2, 3, 4, random.Next(6));
            body.U16(command);
            if (command is 1 or 3) body.U16(Pick(4, 0x0278, 0xffff, random.Next(65536)));
            else
            {
                for (int i = random.Next(0, 4); i > 0; i--)
                {
                    var name = new byte[48];
                    var text = Pick(0, 1, 2) switch { 0 => "FILESERVER"u8.ToArray(), 1 => "PRINT_Q"u8.ToArray(), _ => AddressPool.RandomBytes(random, random.Next(1, 49)) };
                    text.AsSpan(0, Math.Min(48, text.Length)).CopyTo(name);
                    body.U16(Pick(4, 7, 0x0278, random.Next(65536))).Bytes(name).U32((uint)random.Next()).Bytes(AddressPool.NextMac(random)).U16(0x451).U16(random.Next(1, 16));
                }
            }
        }
        else body.RandomBytes(random, random.Next(0, 20));
        int length = random.Next(10) == 0 ? Pick(0, 29, 31, 30 + body.Length + 8, random.Next(65536)) : 30 + body.Length;
        return new ByteWriter().U16(0xffff).U16(length).U8(random.Next(3)).U8(Pick(0, 1, 4, 17)).U32((uint)random.Next()).Bytes(AddressPool.NextMac(random))
            .U16(socket).U32((uint)random.Next()).Bytes(AddressPool.NextMac(random)).U16(Pick(socket, 0x4008, random.Next(65536))).Bytes(body.Written).ToArray();
    }

    private byte[] NetBeui()
    {
        var name = System.Text.Encoding.ASCII.GetBytes("WORKSTATION01   ");
        var frame = new ByteWriter().U16(44).U16(0xefff).U8(Pick(0x0a, 0x01, 0x08, 0x0e, 0x19, random.Next(32))).U8(0).U16(0).U16(random.Next(65536)).U16(0)
            .Bytes(name).Bytes(name).ToArray();
        return LlcSnapBuilder.Llc(0xf0, 0xf0, 0x03, frame);
    }

    // OSI over LLC SAP 0xFE: IS-IS hellos (LAN, point-to-point), LSPs, CSNPs and PSNPs with their common TLVs, CLNP data,
    // echo and error report PDUs with options, and ES-IS ESH/ISH/redirects; checksums mostly right, lengths sometimes wrong.
    private byte[] Osi()
    {
        byte[] SystemId() => random.Next(4) == 0 ? AddressPool.RandomBytes(random, 6) : [0x19, 0x21, 0x68, 0x00, (byte)random.Next(4), (byte)random.Next(1, 10)];
        byte[] Area() => Pick(0, 0, 1, 2) switch { 0 => [0x49, 0x00, 0x01], 1 => [0x49, 0x00, 0x02], _ => AddressPool.RandomBytes(random, random.Next(1, 14)) };
        byte[] Nsap() => [.. Area(), .. SystemId(), 0x00];
        // ISO 8473's checksum generation: the two bytes at at make the Fletcher sums of pdu zero.
        void Checksum(Span<byte> pdu, int at)
        {
            pdu[at] = pdu[at + 1] = 0;
            int c0 = 0, c1 = 0;
            foreach (var b in pdu) { c0 = (c0 + b) % 255; c1 = (c1 + c0) % 255; }
            int x = ((pdu.Length - at - 1) * c0 - c1) % 255;
            if (x <= 0) x += 255;
            int y = 510 - c0 - x;
            if (y > 255) y -= 255;
            pdu[at] = (byte)x;
            pdu[at + 1] = (byte)y;
        }
        void Tlv(ByteWriter w, int type, ReadOnlySpan<byte> value) => w.U8(type).U8(value.Length).Bytes(value);
        var tlvs = new ByteWriter();
        void CommonTlvs(bool hello)
        {
            if (random.Next(5) > 0) { var a = Area(); Tlv(tlvs, 1, [(byte)a.Length, .. a]); }
            if (random.Next(3) == 0) { var a = Area(); Tlv(tlvs, 1, [(byte)a.Length, .. a, (byte)a.Length, .. a]); }
            if (random.Next(4) > 0) Tlv(tlvs, 129, random.Next(3) == 0 ? [0xcc] : [0xcc, 0x8e]);
            if (random.Next(3) > 0) Tlv(tlvs, 132, random.Next(4) == 0 ? [.. Address4(), .. Address4()] : Address4());
            if (random.Next(4) == 0) Tlv(tlvs, 232, Address6());
            if (random.Next(5) == 0) Tlv(tlvs, 229, random.Next(2) == 0 ? [0x00, 0x00, 0x40, 0x02] : [0x80, 0x02]);
            if (random.Next(6) == 0) Tlv(tlvs, 10, Pick(0, 1, 2) switch
            {
                0 => [1, .. "secret"u8],
                1 => [54, .. AddressPool.RandomBytes(random, 16)],
                _ => [3, 0, 1, .. AddressPool.RandomBytes(random, 8)],
            });
            if (hello && random.Next(5) == 0) Tlv(tlvs, 211, random.Next(2) == 0 ? [0x01, 0x00, 0x1e] : [0x00]);
            if (hello && random.Next(4) == 0) Tlv(tlvs, 8, new byte[random.Next(0, 30)]);
        }
        byte[] ExtendedIs()
        {
            var e = new ByteWriter().Bytes(SystemId()).U8(random.Next(3)).U8(0).U16(Pick(10, 20, 100, random.Next(65536)));
            var sub = new ByteWriter();
            if (random.Next(2) == 0) sub.U8(6).U8(4).Bytes(Address4()).U8(8).U8(4).Bytes(Address4());
            if (random.Next(3) == 0) sub.U8(9).U8(4).U32(0x4cee6b28).U8(10).U8(4).U32(0x4b3ebc20);
            if (random.Next(4) == 0) { sub.U8(11).U8(32); for (int i = 0; i < 8; i++) sub.U32(0x4b3ebc20); }
            if (random.Next(4) == 0) sub.U8(18).U8(3).U8(0).U16(random.Next(1000));
            if (random.Next(4) == 0) sub.U8(3).U8(4).U32((uint)random.Next());
            if (random.Next(6) == 0) sub.U8(4).U8(8).U32(1).U32(2);
            return e.U8(sub.Length).Bytes(sub.Written).ToArray();
        }
        byte[] ExtendedIp()
        {
            int bits = Pick(24, 32, 8, 16, 30, 0);
            var prefix = Address4();
            var withTag = random.Next(4) == 0;
            var e = new ByteWriter().U32((uint)Pick(10, 20, 100, random.Next())).U8((random.Next(5) == 0 ? 0x80 : 0) | (withTag ? 0x40 : 0) | bits).Bytes(prefix.AsSpan(0, (bits + 7) / 8));
            if (withTag) e.U8(6).U8(1).U8(4).U32((uint)random.Next(1000));
            return e.ToArray();
        }
        // Damage keeps the NLPID (other NLPIDs lead to other protocols' printers, Q.933's among them); a few PDUs have NLPIDs
        // tcpdump prints as unknown or as a bare length.
        int nlpid = random.Next(30) == 0 ? Pick(0x00, 0x84, 0xc1, 0x8a) : Pick(0x81, 0x82, 0x83, 0x83, 0x83, 0x83);
        var w = new ByteWriter();
        if (nlpid is not (0x81 or 0x82 or 0x83))
            return LlcSnapBuilder.Llc(0xfe, 0xfe, 0x03, [(byte)nlpid, .. AddressPool.RandomBytes(random, random.Next(0, 20))]);
        if (nlpid == 0x83)
        {
            int pdu = Pick(15, 16, 17, 18, 20, 20, 24, 25, 26, 27);
            int header = pdu switch { 15 or 16 => 27, 17 => 20, 18 or 20 => 27, 24 or 25 => 33, _ => 17 };
            w.U8(0x83).U8(random.Next(20) == 0 ? random.Next(8, 40) : header).U8(1).U8(random.Next(20) == 0 ? 4 : 0).U8(pdu).U8(1).U8(0).U8(Pick(0, 0, 3));
            int pduLengthAt;
            switch (pdu)
            {
                case 15 or 16:
                    w.U8(Pick(1, 2, 3, 3)).Bytes(SystemId()).U16(Pick(9, 10, 30, 27));
                    pduLengthAt = w.Length;
                    w.U16(0).U8(Pick(64, 64, 0x80 | 64, 127)).Bytes(SystemId()).U8(random.Next(1, 4));
                    CommonTlvs(true);
                    if (random.Next(3) > 0) { var n = new ByteWriter(); for (int i = random.Next(1, 4); i > 0; i--) n.Bytes(AddressPool.NextMac(random)); Tlv(tlvs, 6, n.Written); }
                    break;
                case 17:
                    w.U8(Pick(1, 2, 3)).Bytes(SystemId()).U16(Pick(9, 30));
                    pduLengthAt = w.Length;
                    w.U16(0).U8(random.Next(256));
                    CommonTlvs(true);
                    if (random.Next(4) > 0) Tlv(tlvs, 240, Pick(0, 1, 2) switch
                    {
                        0 => [(byte)Pick(0, 1, 2)],
                        1 => [(byte)Pick(0, 1, 2), 0, 0, 0, 1],
                        _ => [.. new byte[] { (byte)Pick(0, 1, 2), 0, 0, 0, 1 }, .. SystemId(), 0, 0, 0, 2],
                    });
                    break;
                case 18 or 20:
                    pduLengthAt = w.Length;
                    w.U16(0).U16(Pick(1199, 65535, 1200, 0, random.Next(65536))).Bytes(SystemId()).U8(random.Next(3) == 0 ? random.Next(1, 5) : 0).U8(random.Next(4) == 0 ? random.Next(1, 3) : 0)
                        .U32((uint)Pick(1, 2, random.Next())).U16(0).U8(Pick(0x03, 0x01, 0x0b, 0x07, 0x83, random.Next(256)));
                    CommonTlvs(false);
                    if (random.Next(3) > 0) Tlv(tlvs, 137, System.Text.Encoding.ASCII.GetBytes(Pick(0, 1, 2) switch { 0 => "router1", 1 => "core-rtr-02.example", _ => "r\u0001x" }));
                    if (random.Next(3) == 0) Tlv(tlvs, 134, Address4());
                    if (random.Next(3) == 0) { var r = new ByteWriter().U8(0); for (int i = random.Next(1, 3); i > 0; i--) r.U8(Pick(10, 0x40 | 20)).U8(0x80).U8(Pick(0x80, 5)).U8(0x80).Bytes(SystemId()).U8(random.Next(3)); Tlv(tlvs, 2, r.Written); }
                    if (random.Next(2) == 0) { var r = new ByteWriter(); for (int i = random.Next(1, 3); i > 0; i--) r.Bytes(ExtendedIs()); Tlv(tlvs, 22, r.Written); }
                    if (random.Next(3) == 0) { var r = new ByteWriter(); for (int i = random.Next(1, 4); i > 0; i--) r.U8(Pick(10, 0x40 | 10, 0x80 | 1)).U8(Pick(0x80, 3)).U8(0x80).U8(0x80).Bytes(Address4()).Bytes(Pick(0, 1, 2) switch { 0 => new byte[] { 255, 255, 255, 0 }, 1 => [255, 255, 255, 255], _ => [255, 0, 255, 0] }); Tlv(tlvs, Pick(128, 130), r.Written); }
                    if (random.Next(2) == 0) { var r = new ByteWriter(); for (int i = random.Next(1, 4); i > 0; i--) r.Bytes(ExtendedIp()); Tlv(tlvs, 135, r.Written); }
                    if (random.Next(5) == 0) { int bits = Pick(64, 128, 48); Tlv(tlvs, 236, [0, 0, 0, 10, (byte)(random.Next(2) == 0 ? 0 : 0x40), (byte)bits, .. Address6().AsSpan(0, bits / 8)]); }
                    if (random.Next(6) == 0) Tlv(tlvs, 14, [0x05, 0xd4]);
                    if (random.Next(8) == 0) Tlv(tlvs, 222, [0x00, 0x02, .. ExtendedIs()]);
                    if (random.Next(8) == 0) Tlv(tlvs, 235, [0x00, 0x02, .. ExtendedIp()]);
                    break;
                default:
                    pduLengthAt = w.Length;
                    w.U16(0).Bytes(SystemId()).U8(0);
                    if (pdu is 24 or 25) w.Bytes(new byte[8]).Bytes([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
                    var entries = new ByteWriter();
                    for (int i = random.Next(0, 5); i > 0; i--)
                        entries.U16(Pick(1199, 0, random.Next(65536))).Bytes(SystemId()).U8(random.Next(2)).U8(0).U32((uint)random.Next(1, 100)).U16(random.Next(65536));
                    Tlv(tlvs, 9, entries.Written);
                    if (random.Next(5) == 0) Tlv(tlvs, 10, [1, .. "pw"u8]);
                    break;
            }
            if (random.Next(12) == 0) Tlv(tlvs, random.Next(256), AddressPool.RandomBytes(random, random.Next(0, 12)));
            w.Bytes(tlvs.Written);
            w.PatchU16(pduLengthAt, random.Next(15) == 0 ? random.Next(w.Length + 20) : w.Length);
            if (pdu is 18 or 20 && random.Next(6) > 0) Checksum(w.Written[12..], 12);
        }
        else if (nlpid == 0x82)
        {
            int type = Pick(2, 4, 4, 6, random.Next(8));
            w.U8(0x82).U8(0).U8(1).U8(0).U8(type).U16(Pick(30, 60, 300)).U16(0);
            switch (type)
            {
                case 2:
                    int count = Pick(1, 1, 2, 0);
                    w.U8(count);
                    for (int i = 0; i < count; i++) { var n = Nsap(); w.U8(n.Length).Bytes(n); }
                    break;
                case 4:
                    { var n = Nsap(); w.U8(n.Length).Bytes(n); }
                    break;
                case 6:
                    { var d = Nsap(); w.U8(d.Length).Bytes(d); }
                    { var snpa = random.Next(4) == 0 ? AddressPool.RandomBytes(random, random.Next(0, 5)) : AddressPool.NextMac(random); w.U8(snpa.Length).Bytes(snpa); }
                    { var n = random.Next(3) == 0 ? [] : Nsap(); w.U8(n.Length).Bytes(n); }
                    break;
                default:
                    w.RandomBytes(random, random.Next(0, 8));
                    break;
            }
            if (random.Next(3) == 0) w.U8(198).U8(2).U16(Pick(600, 30));
            if (random.Next(3) == 0) w.U8(129).U8(2).U8(0xcc).U8(0x81);
            if (random.Next(5) == 0) w.U8(225).U8(4).U32(0xffffff00);
            w.Written[1] = (byte)(random.Next(15) == 0 ? random.Next(256) : w.Length);
            if (w.Written[1] == w.Length && random.Next(5) > 0) Checksum(w.Written, 7);
            if (random.Next(8) == 0) w.RandomBytes(random, random.Next(1, 10));
        }
        else
        {
            int type = Pick(28, 28, 30, 31, 1, 29, random.Next(32));
            int flags = Pick(0x80, 0x00, 0xa0, 0xc0, 0x20);
            var d = Nsap();
            var src = Nsap();
            w.U8(0x81).U8(0).U8(1).U8(Pick(30, 31, 0, 255)).U8(flags | type).U16(0).U16(0).U8(d.Length).Bytes(d).U8(src.Length).Bytes(src);
            if ((flags & 0x80) != 0) w.U16(random.Next(65536)).U16(Pick(0, 8, 64)).U16(Pick(100, 512, 1400));
            if (random.Next(3) == 0) w.U8(205).U8(1).U8(random.Next(16));
            if (random.Next(4) == 0) w.U8(195).U8(1).U8(Pick(0xc0 | 0x12, 0x40, 0x80, 0xc0, random.Next(256)));
            if (random.Next(5) == 0) w.U8(197).U8(2).U8(Pick(0xc0, 0x40)).U8(random.Next(256));
            if (random.Next(5) == 0) w.U8(204).U8(3).Zeros(3);
            if (type == 1 || random.Next(8) == 0) w.U8(193).U8(1).U8(Pick(0x00, 0x02, 0x81, 0xa0, 0xb3, 0xc0, random.Next(256)));
            if (random.Next(8) == 0) { var r = Nsap(); w.U8(Pick(200, 203)).U8(3 + r.Length).U8(random.Next(2)).U8(3).U8(r.Length).Bytes(r); }
            if (random.Next(10) == 0) w.U8(random.Next(256)).U8(2).U16(random.Next(65536));
            int li = w.Length;
            w.Written[1] = (byte)(random.Next(15) == 0 ? Pick(5, 8, 12, random.Next(256)) : li);
            if (type is 1 or 31 && random.Next(3) > 0)
            {
                var inner = new ByteWriter().U8(0x81).U8(9 + 2 + d.Length + src.Length).U8(1).U8(30).U8(0x9c).U16(100).U16(0).U8(src.Length).Bytes(src).U8(d.Length).Bytes(d);
                w.Bytes(inner.Written).RandomBytes(random, random.Next(0, 12));
            }
            else
            {
                w.RandomBytes(random, random.Next(0, 40));
            }
            w.PatchU16(5, w.Length);
            if (random.Next(4) > 0 && w.Written[1] == li) Checksum(w.Written[..li], 7);
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
        // v1, v2c and v3 messages in BER: every PDU type, varbinds of every SMI type, now and then a long-form length.
        int version = Pick(0, 1, 1, 3, random.Next(2) == 0 ? 2 : 1);
        int pdu = version == 0 ? Pick(0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa4, 0xa5) : Pick(0xa0, 0xa1, 0xa2, 0xa3, 0xa5, 0xa6, 0xa7, 0xa8, 0xa4);
        var body = new ByteWriter();
        if (pdu == 0xa4)
        {
            int generic = Pick(0, 1, 2, 3, 4, 5, 6, 6, 9);
            Ber(body, 0x06, SnmpOid(true));
            Ber(body, 0x40, random.Next(8) == 0 ? [10, 0, 0] : Address4());
            BerInteger(body, generic);
            BerInteger(body, generic == 6 ? random.Next(1, 40) : random.Next(6) == 0 ? 3 : 0);
            BerUnsigned(body, 0x43, (uint)random.Next());
        }
        else
        {
            BerInteger(body, random.Next(10) == 0 ? -random.Next(1000) : random.Next());
            int status = pdu == 0xa2 ? Pick(0, 0, 0, 2, 5, 18, 25) : random.Next(10) == 0 ? 1 : 0;
            BerInteger(body, pdu == 0xa5 ? random.Next(0, 5) : status);
            BerInteger(body, pdu == 0xa5 ? random.Next(0, 20) : status != 0 ? Pick(1, 2, 0) : random.Next(12) == 0 ? 1 : 0);
        }
        var list = new ByteWriter();
        bool request = pdu is 0xa0 or 0xa1 or 0xa5;
        for (int i = random.Next(0, 4); i > 0; i--)
        {
            var binding = new ByteWriter();
            Ber(binding, 0x06, SnmpOid(false));
            if (request && random.Next(10) != 0) Ber(binding, 0x05, []);
            else SnmpValue(binding);
            Ber(list, 0x30, binding.Written);
        }
        Ber(body, 0x30, list.Written);
        var pduBytes = new ByteWriter();
        Ber(pduBytes, pdu, body.Written);
        var message = new ByteWriter();
        BerInteger(message, version);
        if (version == 3)
        {
            var header = new ByteWriter();
            BerInteger(header, random.Next());
            BerInteger(header, Pick(65507, 1500, 484));
            Ber(header, 0x04, [(byte)Pick(0, 1, 3, 4, 5, 7, 2, 0x10)]);
            BerInteger(header, Pick(3, 3, 3, 1, 2));
            Ber(message, 0x30, header.Written);
            var usm = new ByteWriter();
            Ber(usm, 0x04, random.Next(4) == 0 ? [] : [0x80, 0x00, 0x1f, 0x88, 0x80, .. AddressPool.RandomBytes(random, 8)]);
            BerInteger(usm, random.Next(0, 100));
            BerInteger(usm, random.Next());
            Ber(usm, 0x04, random.Next(4) == 0 ? [] : "admin"u8.ToArray());
            Ber(usm, 0x04, random.Next(2) == 0 ? [] : AddressPool.RandomBytes(random, 12));
            Ber(usm, 0x04, random.Next(2) == 0 ? [] : AddressPool.RandomBytes(random, 8));
            var usmSequence = new ByteWriter();
            Ber(usmSequence, 0x30, usm.Written);
            Ber(message, 0x04, usmSequence.Written);
            var scoped = new ByteWriter();
            Ber(scoped, 0x04, random.Next(3) == 0 ? [] : [0x80, 0x00, 0x1f, 0x88, 0x04, .. "engine"u8]);
            Ber(scoped, 0x04, random.Next(3) == 0 ? "ctx"u8.ToArray() : []);
            scoped.Bytes(pduBytes.Written);
            Ber(message, 0x30, scoped.Written);
        }
        else
        {
            Ber(message, 0x04, Pick(0, 0, 0, 1, 2) switch { 0 => "public"u8.ToArray(), 1 => "private"u8.ToArray(), _ => [0x70, 0x75, 0x62, 0x00, 0xff] });
            message.Bytes(pduBytes.Written);
        }
        var whole = new ByteWriter();
        Ber(whole, 0x30, message.Written);
        return whole.ToArray();
    }

    /// <summary>A BER element: the tag, a short or (now and then) long-form length, the contents.</summary>
    private void Ber(ByteWriter w, int tag, ReadOnlySpan<byte> contents)
    {
        w.U8(tag);
        if (contents.Length >= 128 || random.Next(15) == 0)
        {
            if (contents.Length < 256) w.U8(0x81).U8(contents.Length);
            else w.U8(0x82).U16(contents.Length);
        }
        else
        {
            w.U8(contents.Length);
        }
        w.Bytes(contents);
    }

    private void BerInteger(ByteWriter w, int value)
    {
        var bytes = new byte[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };
        int skip = 0;
        while (skip < 3 && ((bytes[skip] == 0 && (bytes[skip + 1] & 0x80) == 0) || (bytes[skip] == 0xff && (bytes[skip + 1] & 0x80) != 0))) skip++;
        Ber(w, 0x02, bytes.AsSpan(skip));
    }

    private void BerUnsigned(ByteWriter w, int tag, ulong value)
    {
        var bytes = new List<byte>();
        do { bytes.Insert(0, (byte)value); value >>= 8; } while (value != 0);
        if ((bytes[0] & 0x80) != 0) bytes.Insert(0, 0);
        Ber(w, tag, bytes.ToArray());
    }

    /// <summary>An OID under mib-2, enterprises, experimental, snmpModules or elsewhere, with a multi-byte arc now and then.</summary>
    private byte[] SnmpOid(bool enterprise)
    {
        var w = new ByteWriter();
        w.Bytes(Pick(0, 1, 2, 3, 4, enterprise ? 1 : 0) switch
        {
            0 => new byte[] { 0x2b, 6, 1, 2, 1 },
            1 => [0x2b, 6, 1, 4, 1],
            2 => [0x2b, 6, 1, 3],
            3 => [0x2b, 6, 1, 6, 3],
            _ => [(byte)Pick(0x2b, 0x00, 0x50, 0x7f)],
        });
        for (int i = random.Next(1, 6); i > 0; i--)
        {
            int arc = Pick(1, 2, 3, 0, 4, 7, 25, 127, 128, 311, 8072, 2636, random.Next(100000));
            if (arc >= 16384) w.U8(0x80 | arc >> 14);
            if (arc >= 128) w.U8(0x80 | (arc >> 7 & 0x7f));
            w.U8(arc & 0x7f);
        }
        return w.ToArray();
    }

    /// <summary>A varbind value of every type SNMP carries (and a few it does not).</summary>
    private void SnmpValue(ByteWriter w)
    {
        switch (random.Next(14))
        {
            case 0: BerInteger(w, Pick(0, 1, -1, 127, 128, -129, 65535, int.MaxValue, int.MinValue, random.Next())); break;
            case 1: Ber(w, 0x04, System.Text.Encoding.ASCII.GetBytes(Pick(0, 1, 2) switch { 0 => "Linux router 6.1.0", 1 => "", _ => "eth0" })); break;
            case 2: Ber(w, 0x04, [0x00, 0x1b, 0x21, 0x3c, 0x9d, 0xf8]); break;
            case 3: Ber(w, 0x06, SnmpOid(false)); break;
            case 4: Ber(w, 0x40, random.Next(8) == 0 ? [1, 2, 3, 4, 5] : Address4()); break;
            case 5: BerUnsigned(w, Pick(0x41, 0x42, 0x43), (uint)random.Next()); break;
            case 6: BerUnsigned(w, 0x46, (ulong)random.NextInt64()); break;
            case 7: Ber(w, 0x44, AddressPool.RandomBytes(random, random.Next(0, 6))); break;
            case 8: Ber(w, Pick(0x80, 0x81, 0x82), []); break;
            case 9: Ber(w, 0x05, []); break;
            case 10: Ber(w, Pick(0x01, 0x03, 0x07, 0x45, 0xc0, 0x83), AddressPool.RandomBytes(random, random.Next(0, 4))); break;
            case 11: Ber(w, Pick(0x31, 0x61, 0xe0, 0x30), [0x02, 0x01, 0x05]); break;
            case 12: Ber(w, Pick(0x1f, 0x5f), []); break;
            default: Ber(w, Pick(0x0a, 0x54, 0x8a), [0x01]); break;
        }
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
        if (random.Next(5) < 2)
            return Kerberos4();
        // An AS-REQ shell: tcpdump prints the message type and the realm-ish start of it.
        var w = new ByteWriter().U8(Pick(0x6a, 0x6b, 0x6c, 0x6d, 0x7e, 1, 2, 3)).U8(0x30).U8(0x30).U8(0x2e).U8(0xa1).U8(0x03).U8(0x02).U8(0x01).U8(5)
            .U8(0xa2).U8(0x03).U8(0x02).U8(0x01).U8(Pick(10, 11, 12, 13, 30)).RandomBytes(random, random.Next(0, 32));
        return w.ToArray();
    }

    /// <summary>A Kerberos 4 message (tcpdump decodes these): KDC request and reply, application request, error reply, others.</summary>
    private byte[] Kerberos4()
    {
        bool little = random.Next(2) == 0;
        int type = Pick(1, 1, 2, 2, 3, 3, 5, 5, 4, 6, 7, 8, 63, random.Next(128));
        var w = new ByteWriter().U8(4).U8(type << 1 | (little ? 1 : 0));
        ByteWriter Text(string text) => w.Bytes(System.Text.Encoding.ASCII.GetBytes(text)).U8(0);
        ByteWriter Short(int value) => little ? w.U16LittleEndian(value) : w.U16(value);
        void Names() { Text(Pick(0, 1, 2) switch { 0 => "alice", 1 => "rcmd", _ => "" }); Text(Pick(0, 1) == 0 ? "" : "host1"); Text("ATHENA.MIT.EDU"); }
        switch (type)
        {
            case 1:
                Names();
                w.U32((uint)random.Next()).U8(random.Next(256));
                Text("krbtgt");
                Text("ATHENA.MIT.EDU");
                break;
            case 2:
                Names();
                w.U32((uint)random.Next()).U8(random.Next(1, 4)).U32((uint)random.Next()).U8(random.Next(256));
                Short(random.Next(0, 1500));
                w.RandomBytes(random, random.Next(0, 24));
                break;
            case 3:
                w.U8(random.Next(256));
                Text("ATHENA.MIT.EDU");
                w.U8(random.Next(256)).U8(random.Next(256)).RandomBytes(random, random.Next(0, 24));
                break;
            case 5:
                Names();
                w.U32((uint)random.Next());
                Short(Pick(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, random.Next(65536)));
                w.U16(0);
                Text(Pick(0, 1) == 0 ? "Principal unknown" : "");
                break;
            default:
                w.RandomBytes(random, random.Next(0, 24));
                break;
        }
        return w.ToArray();
    }

    private byte[] Radius()
    {
        int code = Pick(1, 2, 3, 4, 5, 11, 12, 13, 40, 41, 42, 43, 44, 45, 255, random.Next(256));
        var attributes = new ByteWriter();
        if (random.Next(4) == 0)
        {
            // The classic Access-Request of earlier corpora.
            attributes.U8(1).U8(7).Bytes("alice"u8).U8(4).U8(6).Bytes(Address4()).U8(5).U8(6).U32((uint)random.Next(100));
            if (random.Next(2) == 0) attributes.U8(80).U8(18).RandomBytes(random, 16);
            if (random.Next(3) == 0) attributes.U8(26).U8(12).U32(311).U8(1).U8(6).U32((uint)random.Next());
        }
        else
        {
            for (int i = random.Next(1, 7); i > 0; i--) RadiusAttribute(attributes);
        }
        int length = 20 + attributes.Length;
        if (random.Next(25) == 0) length = random.Next(0, length + 30);
        return new ByteWriter().U8(code).U8(random.Next(256)).U16(length).RandomBytes(random, 16).Bytes(attributes.Written).ToArray();
    }

    /// <summary>One RADIUS attribute of the kinds tcpdump prints differently: text, numbers (named, timers, tagged), addresses, prefixes, vendor, EAP, ARAP, location, times.</summary>
    private void RadiusAttribute(ByteWriter w)
    {
        var value = new ByteWriter();
        int type;
        switch (random.Next(22))
        {
            case 0:
                type = Pick(1, 11, 18, 19, 20, 22, 24, 25, 30, 31, 32, 33, 44, 50, 60, 77, 87, 88, 89, 92, 99, 100, 104, 110, 122);
                value.Bytes(System.Text.Encoding.ASCII.GetBytes(Pick(0, 1, 2, 3) switch { 0 => "alice@example.com", 1 => "00-11-22-33-44-55", 2 => "ppp0", _ => "x\u0001y" }));
                if (random.Next(6) == 0) value.U8(0).Bytes("tail"u8);
                break;
            case 1:
                type = Pick(2, 3, 17, 21, 54, 59, 93, 94, 96, 102);
                value.RandomBytes(random, random.Next(1, 18));
                break;
            case 2:
                type = Pick(4, 8, 9, 14);
                value.Bytes(random.Next(4) == 0 ? [0xff, 0xff, 0xff, (byte)Pick(0xff, 0xfe)] : Address4());
                break;
            case 3:
            case 4:
                type = Pick(5, 6, 7, 10, 12, 13, 15, 16, 23, 29, 37, 38, 40, 42, 43, 45, 47, 48, 49, 51, 52, 53, 57, 61, 62, 72, 75, 76, 86);
                value.U32((uint)Pick(0, 1, 2, 3, 4, 5, 7, 9, 15, 19, 20, 23, 30, 40, 43, 44, -2, random.Next()));
                break;
            case 5:
                type = Pick(27, 28, 41, 46, 85);
                value.U32((uint)Pick(0, 5, 59, 60, 600, 3599, 3600, 86400, 1000000, random.Next()));
                break;
            case 6:
                type = Pick(64, 65, 83, 56);
                value.U8(Pick(0, 1, 5, 0x31, 0x32, 0x40)).U8(0).U8(0).U8(Pick(1, 3, 9, 13, 15, 16, 200));
                break;
            case 7:
                type = Pick(66, 67, 81, 82, 90, 91, 69, 58);
                value.U8(Pick(0, 1, 7, 0x1f, 0x20, 0x31, 0x32, 0x41)).Bytes("tunnel-1.example"u8);
                break;
            case 8:
                type = 26;
                value.U32((uint)Pick(311, 9, 2636, 14122, 3561, 35632, 46098, random.Next(70000)));
                for (int i = random.Next(0, 3); i > 0; i--)
                {
                    int subLength = Pick(6, 6, 8, 1, 40);
                    value.U8(random.Next(1, 30)).U8(subLength).Bytes(subLength is >= 2 and <= 8 ? "abc\u0007defgh"u8[..(subLength - 2)] : ReadOnlySpan<byte>.Empty);
                }
                break;
            case 9:
                type = 79;
                RadiusEap(value);
                break;
            case 10:
                type = 80;
                value.RandomBytes(random, 16);
                break;
            case 11:
                type = Pick(95, 98);
                value.Bytes(Address6());
                break;
            case 12:
                type = Pick(97, 123);
                int prefix = Pick(64, 48, 128, 0, 129, 72);
                value.U8(0).U8(prefix).Bytes(Address6().AsSpan(0, Pick(8, 16, 0, 6)));
                break;
            case 13:
                type = 125;
                value.U8(Pick(64, 200)).Bytes(Address6());
                break;
            case 14:
                type = 101;
                value.U32((uint)Pick(201, 202, 401, 404, 503, 509, 999, random.Next(1000)));
                break;
            case 15:
                type = Pick(70, 71, 84);
                value.RandomBytes(random, type switch { 70 => 16, 71 => 14, _ => 8 });
                break;
            case 16:
                type = 124;
                value.U32((uint)Pick(0, 0x0003, 0x00ff)).U32((uint)Pick(1, 3, int.MinValue, random.Next()));
                break;
            case 17:
                type = 126;
                value.U8(Pick(0x30, 0x31, 0x32, 0x33, 0x40)).Bytes("example.net"u8);
                break;
            case 18:
                type = Pick(127, 128, 129);
                value.U16(random.Next(4)).U8(random.Next(3)).U8(random.Next(3)).U32(Pick(0, 1) == 0 ? 0 : 3900000000u).U32((uint)random.Next())
                    .U32(3950000000u).U32(0).Bytes("GPS"u8);
                break;
            case 19:
                type = 55;
                value.U32((uint)Pick(0, 1700000000, 951782400, random.Next()));
                break;
            case 20:
                // A value of the wrong size for its type.
                type = Pick(4, 5, 6, 8, 27, 55, 64, 70, 71, 84, 95, 97, 101, 124, 125, 126, 127, 128, 129, 26);
                value.RandomBytes(random, Pick(0, 1, 2, 3, 5, 7, 9));
                break;
            default:
                type = Pick(0, 130, 200, 255, random.Next(256));
                value.RandomBytes(random, random.Next(0, 12));
                break;
        }
        int length = value.Length + 2;
        if (random.Next(40) == 0) length = Pick(0, 1, length + 5);
        w.U8(type).U8(Math.Min(length, 255)).Bytes(value.Written[..Math.Min(value.Length, 253)]);
    }

    /// <summary>An EAP message as RADIUS carries it: identity, notification, NAK, MD5, TLS/TTLS/FAST with flags, SIM/AKA, success, or a fragment.</summary>
    private void RadiusEap(ByteWriter value)
    {
        int code = Pick(1, 2, 2, 3, 4, 9);
        var body = new ByteWriter();
        if (code is 1 or 2)
        {
            int type = Pick(1, 1, 2, 3, 4, 13, 21, 43, 18, 23, 254, random.Next(256));
            body.U8(type);
            switch (type)
            {
                case 1:
                case 2:
                    if (random.Next(4) != 0) body.Bytes("user@example.org"u8);
                    break;
                case 3:
                    for (int i = random.Next(0, 3); i > 0; i--) body.U8(Pick(4, 13, 21, 25, 99));
                    break;
                case 13:
                case 21:
                case 43:
                    int flags = Pick(0x80, 0x20, 0x40, 0xc0, 0x00, 0x01, random.Next(256));
                    if (random.Next(6) != 0) body.U8(flags);
                    if ((flags & 0x80) != 0 && random.Next(5) != 0) body.U32((uint)random.Next(5000));
                    break;
                case 18:
                case 23:
                    if (random.Next(6) != 0) body.U8(Pick(1, 2, 4, 5, 10, 11, 12, 13, 14, 99)).U16(0);
                    break;
                default:
                    body.RandomBytes(random, random.Next(0, 8));
                    break;
            }
        }
        int length = 4 + body.Length;
        int field = random.Next(8) == 0 ? Pick(length + 20, 3, 2) : length;
        value.U8(code).U8(random.Next(256)).U16(field).Bytes(body.Written);
    }
}
