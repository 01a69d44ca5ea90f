using Pcap.Testing.Packets;

namespace Pcap.Decode.Tests.Application;

/// <summary>
/// What an application generator hands over: a payload and the transport and ports that carry it. Damage touches only the
/// bytes from <see cref="MutableFrom"/> to <see cref="MutableLength"/> (the end when null): VXLAN keeps its inner frame intact, since IP-in-IP tunnels in a
/// damaged inner frame are beyond the application printers.
/// </summary>
internal readonly record struct ApplicationPayload(string Protocol, bool Tcp, int SourcePort, int DestinationPort, byte[] Payload, int? MutableLength = null, byte? IpProtocol = null, int MutableFrom = 0);

/// <summary>
/// Wraps application payloads in clean UDP or TCP over IPv4 or IPv6 and a link header (Ethernet, SLL, SLL2 or RAW), then
/// damages a share of them as captures do: random bytes changed, payloads replaced by noise, captures cut short.
/// </summary>
internal sealed class ApplicationFrameFactory(int linkType, Random random)
{
    private static readonly byte[][] Ipv4Hosts = [[10, 0, 0, 1], [10, 0, 0, 53], [192, 168, 1, 20], [172, 17, 0, 2]];
    private static readonly byte[][] Ipv6Hosts =
    [
        [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
        [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x42, 0xac, 0xff, 0xfe, 0x11, 0, 2],
    ];

    /// <summary>How the last frame was damaged ("valid", "mutated", "noise", "truncated").</summary>
    public string Damage { get; private set; } = "";

    /// <summary>A frame for <paramref name="application"/>: captured bytes and wire length.</summary>
    public (byte[] Data, int WireLength) Wrap(ApplicationPayload application)
    {
        var payload = application.Payload;
        Damage = "valid";
        int roll = random.Next(100);
        if (roll < 8 && payload.Length > 0)
        {
            payload = (byte[])payload.Clone();
            for (int i = random.Next(1, 4); i > 0; i--) payload[random.Next(Math.Min(application.MutableFrom, payload.Length - 1), Math.Min(payload.Length, application.MutableLength ?? payload.Length))] = (byte)random.Next(256);
            Damage = "mutated";
        }
        else if (roll < 11 && application.MutableLength is null && application.MutableFrom == 0)
        {
            payload = AddressPool.RandomBytes(random, random.Next(0, 60));
            Damage = "noise";
        }
        bool ipv6 = random.Next(10) < 3;
        var source = ipv6 ? Ipv6Hosts[random.Next(Ipv6Hosts.Length)] : Ipv4Hosts[random.Next(Ipv4Hosts.Length)];
        var destination = ipv6 ? Ipv6Hosts[random.Next(Ipv6Hosts.Length)] : Ipv4Hosts[random.Next(Ipv4Hosts.Length)];
        byte protocol = application.IpProtocol ?? (application.Tcp ? (byte)6 : (byte)17);
        var segment = application.IpProtocol is not null ? payload : application.Tcp
            ? Tcp(source, destination, application.SourcePort, application.DestinationPort, payload)
            : Udp(source, destination, application.SourcePort, application.DestinationPort, payload);
        var packet = ipv6 ? Ipv6(source, destination, protocol, segment) : Ipv4(source, destination, protocol, segment);
        ushort etherType = ipv6 ? (ushort)0x86dd : (ushort)0x0800;
        var frame = linkType switch
        {
            1 => EthernetFrameBuilder.Build(AddressPool.NextMac(random), AddressPool.NextMac(random), etherType, packet, pad: true),
            113 => LinkHeaderBuilder.LinuxSll(random, etherType, packet),
            276 => LinkHeaderBuilder.LinuxSll2(random, etherType, packet),
            _ => packet,
        };
        var wire = frame.Length;
        if (random.Next(100) < 12)
        {
            var headers = frame.Length - payload.Length;
            frame = frame[..random.Next(Math.Min(headers, frame.Length), frame.Length + 1)];
            Damage = "truncated";
        }
        return (frame, wire);
    }

    private byte[] Udp(byte[] source, byte[] destination, int sourcePort, int destinationPort, byte[] payload)
    {
        var w = new ByteWriter().U16(sourcePort).U16(destinationPort).U16(8 + payload.Length).U16(0).Bytes(payload);
        if (random.Next(40) == 0) w.PatchU16(4, random.Next(0, 8 + payload.Length + 20));
        int checksum = Checksums.WithPseudoHeader(source, destination, 17, w.Written);
        w.PatchU16(6, checksum == 0 ? 0xffff : checksum);
        if (random.Next(20) == 0) w.PatchU16(6, checksum ^ 0x0101);
        return w.ToArray();
    }

    private byte[] Tcp(byte[] source, byte[] destination, int sourcePort, int destinationPort, byte[] payload) =>
        TcpBuilder.DataSegment(random, source, destination, sourcePort, destinationPort, payload);

    private byte[] Ipv4(byte[] source, byte[] destination, byte protocol, byte[] segment)
    {
        var w = new ByteWriter().U8(0x45).U8(0).U16(20 + segment.Length).U16(random.Next(65536)).U16(0x4000)
            .U8(64).U8(protocol).U16(0).Bytes(source).Bytes(destination);
        w.PatchU16(10, Checksums.Internet(w.Written));
        return w.Bytes(segment).ToArray();
    }

    private static byte[] Ipv6(byte[] source, byte[] destination, byte protocol, byte[] segment) =>
        new ByteWriter().U32(0x60000000).U16(segment.Length).U8(protocol).U8(64).Bytes(source).Bytes(destination).Bytes(segment).ToArray();
}
