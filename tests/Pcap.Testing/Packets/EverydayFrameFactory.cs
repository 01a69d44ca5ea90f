namespace Pcap.Testing.Packets;

/// <summary>
/// Frames <see cref="EverydayPayload"/>s on Ethernet (1), Linux SLL (113), SLL2 (276) or RAW (101), over IPv4 or IPv6 when
/// IP carries them, and damages a share as captures do: a few payload bytes changed ("mutated"), the payload replaced by
/// random bytes ("noise"), the capture cut short ("truncated").
/// </summary>
public sealed class EverydayFrameFactory(int linkType, Random random)
{
    /// <summary>The link types the factory frames for.</summary>
    public static readonly int[] LinkTypes = [1, 113, 276, 101];

    /// <summary>How the last frame was damaged: "valid", "mutated", "noise" or "truncated".</summary>
    public string Damage { get; private set; } = "";

    /// <summary>Whether <paramref name="carrier"/> can ride on this link type (RAW carries only IP).</summary>
    public bool Carries(EverydayCarrier carrier) => linkType != 101 || carrier is EverydayCarrier.Udp or EverydayCarrier.Tcp or EverydayCarrier.Ip;

    /// <summary>A frame for <paramref name="payload"/>: captured bytes and wire length.</summary>
    public (byte[] Data, int WireLength) Wrap(EverydayPayload payload)
    {
        var bytes = payload.Bytes;
        Damage = "valid";
        int roll = random.Next(100);
        if (roll < 10 && bytes.Length > payload.MutableFrom)
        {
            bytes = (byte[])bytes.Clone();
            for (int i = random.Next(1, 4); i > 0; i--) bytes[random.Next(payload.MutableFrom, bytes.Length)] = (byte)random.Next(256);
            Damage = "mutated";
        }
        else if (roll < 18)
        {
            bytes = [.. bytes.AsSpan(0, Math.Min(payload.MutableFrom, bytes.Length)), .. AddressPool.RandomBytes(random, random.Next(0, 64))];
            Damage = "noise";
        }
        var ipv6 = payload.Ipv6 ?? random.Next(10) < 3;
        ushort etherType;
        byte[] body;
        switch (payload.Carrier)
        {
            case EverydayCarrier.EtherType:
                (etherType, body) = ((ushort)payload.Number, bytes);
                break;
            case EverydayCarrier.Llc:
                (etherType, body) = ((ushort)bytes.Length, bytes);
                break;
            default:
                etherType = ipv6 ? (ushort)0x86dd : (ushort)0x0800;
                body = Ip(payload, bytes, ipv6);
                break;
        }
        var frame = linkType switch
        {
            1 => EthernetFrameBuilder.Build(Destination(payload), AddressPool.NextMac(random), etherType, body, pad: true),
            113 => LinkHeaderBuilder.LinuxSll(random, payload.Carrier == EverydayCarrier.Llc ? (ushort)4 : etherType, body),
            276 => LinkHeaderBuilder.LinuxSll2(random, payload.Carrier == EverydayCarrier.Llc ? (ushort)4 : etherType, body),
            101 => body,
            _ => throw new ArgumentOutOfRangeException(nameof(linkType), linkType, "no framing for this link type"),
        };
        var wire = frame.Length;
        if (random.Next(100) < 12)
        {
            var from = Math.Max(0, frame.Length - bytes.Length - (linkType == 1 ? Math.Max(0, 60 - 14 - body.Length) : 0));
            frame = frame[..random.Next(Math.Min(from, frame.Length), frame.Length)];
            Damage = "truncated";
        }
        return (frame, wire);
    }

    private byte[] Destination(EverydayPayload payload) => payload.Protocol switch
    {
        "stp" => [0x01, 0x80, 0xc2, 0x00, 0x00, 0x00],
        "lldp" => [0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e],
        "cdp" => [0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcc],
        _ => AddressPool.NextMac(random),
    };

    private byte[] Ip(EverydayPayload payload, byte[] bytes, bool ipv6)
    {
        var source = ipv6 ? AddressPool.NextIpv6(random) : AddressPool.NextIpv4(random);
        var destination = payload.Destination is { } fixedDestination && fixedDestination.Length == (ipv6 ? 16 : 4)
            ? fixedDestination
            : ipv6 ? AddressPool.NextIpv6(random) : AddressPool.NextIpv4(random);
        byte protocol = payload.Carrier switch { EverydayCarrier.Udp => 17, EverydayCarrier.Tcp => 6, _ => (byte)payload.Number };
        var segment = payload.Carrier switch
        {
            EverydayCarrier.Udp => Udp(source, destination, payload.SourcePort, payload.DestinationPort, bytes),
            EverydayCarrier.Tcp => Tcp(source, destination, payload.SourcePort, payload.DestinationPort, bytes),
            _ => bytes,
        };
        if (payload.PseudoHeaderChecksumAt is { } at && segment.Length >= at + 2 && Damage == "valid")
        {
            segment = (byte[])segment.Clone();
            segment[at] = segment[at + 1] = 0;
            var sum = Checksums.WithPseudoHeader(source, destination, protocol, segment);
            segment[at] = (byte)(sum >> 8);
            segment[at + 1] = (byte)sum;
        }
        int ttl = payload.Ttl;
        if (ipv6)
            return new ByteWriter().U32(0x60000000).U16(segment.Length).U8(protocol).U8(ttl).Bytes(source).Bytes(destination).Bytes(segment).ToArray();
        var w = new ByteWriter().U8(0x45).U8(random.Next(4) == 0 ? 0xc0 : 0).U16(20 + segment.Length).U16(random.Next(65536)).U16(random.Next(2) == 0 ? 0x4000 : 0)
            .U8(ttl).U8(protocol).U16(0).Bytes(source).Bytes(destination);
        w.PatchU16(10, Checksums.Internet(w.Written));
        return w.Bytes(segment).ToArray();
    }

    private byte[] Udp(byte[] source, byte[] destination, int sourcePort, int destinationPort, byte[] payload)
    {
        var w = new ByteWriter().U16(sourcePort).U16(destinationPort).U16(8 + payload.Length).U16(0).Bytes(payload);
        int checksum = Checksums.WithPseudoHeader(source, destination, 17, w.Written);
        w.PatchU16(6, checksum == 0 ? 0xffff : checksum);
        if (random.Next(30) == 0) w.PatchU16(4, random.Next(0, 8 + payload.Length + 20));
        return w.ToArray();
    }

    private byte[] Tcp(byte[] source, byte[] destination, int sourcePort, int destinationPort, byte[] payload) =>
        TcpBuilder.DataSegment(random, source, destination, sourcePort, destinationPort, payload);
}
