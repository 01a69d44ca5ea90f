namespace Pcap.Testing.Packets;

/// <summary>802.2 LLC and SNAP payloads: STP, IPX, NetBEUI, ISO (CLNP, ES-IS, IS-IS), SNAP-encapsulated AppleTalk/AARP/IP, raw IPX.</summary>
public static class LlcSnapBuilder
{
    /// <summary>An LLC header (DSAP, SSAP, control) and <paramref name="payload"/>.</summary>
    public static byte[] Llc(int dsap, int ssap, int control, ReadOnlySpan<byte> payload) =>
        new ByteWriter().U8(dsap).U8(ssap).U8(control).Bytes(payload).ToArray();

    /// <summary>An LLC/SNAP header (AA AA 03, OUI, EtherType) and <paramref name="payload"/>.</summary>
    public static byte[] Snap(uint oui, ushort etherType, ReadOnlySpan<byte> payload) =>
        new ByteWriter().U8(0xaa).U8(0xaa).U8(3).U8((int)(oui >> 16)).U16((int)oui).U16(etherType).Bytes(payload).ToArray();

    /// <summary>A random LLC payload of one of the families libpcap's primitives recognise.</summary>
    public static byte[] Build(Random random, out string description)
    {
        switch (random.Next(14))
        {
            case 0 or 1:
                description = "llc stp";
                int bpduType = new[] { 0x00, 0x80, 0x02 }[random.Next(3)];
                var bpdu = new ByteWriter().U16(0).U8(bpduType == 2 ? 2 : 0).U8(bpduType);
                if (bpduType != 0x80)
                    bpdu.U8(random.Next(256)).U16(0x8000).Bytes(AddressPool.NextMac(random)).U32(4).U16(0x8000)
                        .Bytes(AddressPool.NextMac(random)).U16(0x8001).U16(0).U16(20 * 256).U16(2 * 256).U16(15 * 256);
                return Llc(0x42, 0x42, 0x03, bpdu.Written);
            case 2:
                description = "llc ipx";
                return Llc(0xe0, 0xe0, 0x03, IpxPacket(random));
            case 3:
                description = "raw 802.3 ipx";
                return IpxPacket(random);
            case 4:
                description = "llc netbeui";
                return Llc(0xf0, 0xf0, 0x03, AddressPool.RandomBytes(random, random.Next(4, 40)));
            case 5 or 6:
                int nlpid = new[] { 0x81, 0x82, 0x83 }[random.Next(3)];
                int pduType = new[] { 15, 16, 17, 18, 20, 24, 25, 26, 27, 1, 28 }[random.Next(11)];
                description = $"llc iso nlpid 0x{nlpid:x2} pdu {pduType}";
                var iso = new ByteWriter().U8(nlpid).U8(27).U8(1).U8(0).U8(pduType).U8(1).U8(0).U8(0).RandomBytes(random, random.Next(8, 40));
                return Llc(0xfe, 0xfe, 0x03, iso.Written);
            case 7:
                description = "snap atalk";
                return Snap(0x080007, 0x809b, AddressPool.RandomBytes(random, random.Next(8, 40)));
            case 8:
                description = "snap aarp";
                return Snap(0x000000, 0x80f3, AddressPool.RandomBytes(random, 28));
            case 9:
                description = "snap ip";
                var source = AddressPool.NextIpv4(random);
                var destination = AddressPool.NextIpv4(random);
                var udp = UdpBuilder.Build(random, source, destination, AddressPool.NextPort(random), AddressPool.NextPort(random),
                    AddressPool.RandomBytes(random, 12), out _);
                return Snap(0, Ipv4Builder.EtherType, Ipv4Builder.Build(random, source, destination, 17, udp, out _));
            case 10 or 11 or 12:
                // I, S (RR, RNR, REJ) and U (UI, UA, DISC, DM, SABME, TEST, XID, FRMR) formats, some with the poll bit.
                int[] controls = [0x00, 0x02, 0x01, 0x05, 0x09, 0x03, 0x63, 0x43, 0x0f, 0x6f, 0xe3, 0xaf, 0x87, 0x13, 0x7f, 0xf3, 0xbf];
                int control = controls[random.Next(controls.Length)];
                description = $"llc control 0x{control:x2}";
                return Llc(new[] { 0x06, 0x42, 0xaa, 0xe0, 0xfe, 0x00 }[random.Next(6)], random.Next(256), control,
                    AddressPool.RandomBytes(random, random.Next(0, 20)));
            default:
                description = "llc random";
                return AddressPool.RandomBytes(random, random.Next(3, 40));
        }
    }

    private static byte[] IpxPacket(Random random) =>
        new ByteWriter().U16(0xffff).U16(30).U8(0).U8(random.Next(2) == 0 ? 4 : 0x11).U32(0).U32(0xffffffff).U16(0xffff).U16(0x0452)
            .U32(0).Bytes(AddressPool.NextMac(random)).U16(0x0452).ToArray();
}
