using System.Buffers.Binary;

namespace Pcap.Benchmarks.Filtering;

/// <summary>A small mixed set of Ethernet frames (TCP, UDP, ICMP over IPv4, TCP over IPv6, ARP, 802.1Q) for filter benchmarks.</summary>
internal static class SamplePackets
{
    public static byte[][] Create() =>
    [
        Ipv4(protocol: 6, sourcePort: 51000, destinationPort: 80, source: 0xc0a80001, payload: 40),
        Ipv4(protocol: 6, sourcePort: 443, destinationPort: 51001, source: 0x0a000005, payload: 1400),
        Ipv4(protocol: 17, sourcePort: 5353, destinationPort: 53, source: 0xc0a80002, payload: 60),
        Ipv4(protocol: 1, sourcePort: 0x0800, destinationPort: 0, source: 0xac110002, payload: 56),
        Ipv6Tcp(destinationPort: 22),
        Arp(),
        Vlan(Ipv4(protocol: 6, sourcePort: 40000, destinationPort: 80, source: 0xc0a80009, payload: 100)),
        Ipv4(protocol: 17, sourcePort: 123, destinationPort: 123, source: 0x08080808, payload: 48),
    ];

    private static byte[] Ethernet(ushort etherType, int payloadLength, out Span<byte> payload)
    {
        var frame = new byte[14 + payloadLength];
        for (var i = 0; i < 12; i++)
            frame[i] = (byte)(0x10 + i);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), etherType);
        payload = frame.AsSpan(14);
        return frame;
    }

    private static byte[] Ipv4(byte protocol, ushort sourcePort, ushort destinationPort, uint source, int payload)
    {
        var transport = protocol == 6 ? 20 : 8;
        var frame = Ethernet(0x0800, 20 + transport + payload, out var ip);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + transport + payload));
        ip[8] = 64;
        ip[9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], source);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], 0xc0a800fe);
        BinaryPrimitives.WriteUInt16BigEndian(ip[20..], sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(ip[22..], destinationPort);
        if (protocol == 6)
            ip[33] = 0x12; // SYN+ACK
        return frame;
    }

    private static byte[] Ipv6Tcp(ushort destinationPort)
    {
        var frame = Ethernet(0x86dd, 40 + 20, out var ip);
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], 20);
        ip[6] = 6;
        ip[7] = 64;
        ip[23] = 1;
        ip[39] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(ip[40..], 50000);
        BinaryPrimitives.WriteUInt16BigEndian(ip[42..], destinationPort);
        return frame;
    }

    private static byte[] Arp()
    {
        var frame = Ethernet(0x0806, 28, out var arp);
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);
        BinaryPrimitives.WriteUInt16BigEndian(arp[2..], 0x0800);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp[6..], 1);
        return frame;
    }

    private static byte[] Vlan(byte[] untagged)
    {
        var frame = new byte[untagged.Length + 4];
        untagged.AsSpan(0, 12).CopyTo(frame);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x8100);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14), 100);
        untagged.AsSpan(12).CopyTo(frame.AsSpan(16));
        return frame;
    }
}
