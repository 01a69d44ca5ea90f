using System.Buffers.Binary;

namespace Pcap.Decode.Tests.Walk;

/// <summary>Packets for the walk tests, built from their layers so each offset is visible in the code.</summary>
internal static class WalkPackets
{
    /// <summary>A DNS query for www.example.test A (12-byte header + 22-byte question = 34 bytes) from port 40000 to 53, with 4 bytes of link padding after it.</summary>
    public static readonly byte[] DnsQuery = Pad(Ethernet(0x0800, Ipv4(17, Udp(40000, 53,
        [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 3, (byte)'w', (byte)'w', (byte)'w', 7, .. "example"u8, 4, .. "test"u8, 0, 0, 1, 0, 1]))), 80);

    /// <summary>An Ethernet frame of <paramref name="type"/>.</summary>
    public static byte[] Ethernet(ushort type, byte[] payload)
    {
        var frame = new byte[14 + payload.Length];
        Convert.FromHexString("0242ac1100020242ac110001").CopyTo(frame, 0);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), type);
        payload.CopyTo(frame, 14);
        return frame;
    }

    /// <summary>A 20-byte IPv4 header (10.0.0.1 to 10.0.0.2) before <paramref name="payload"/>.</summary>
    public static byte[] Ipv4(byte protocol, byte[] payload)
    {
        var packet = new byte[20 + payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[8] = 64;
        packet[9] = protocol;
        new byte[] { 10, 0, 0, 1, 10, 0, 0, 2 }.CopyTo(packet, 12);
        payload.CopyTo(packet, 20);
        return packet;
    }

    /// <summary>An IPv6 header (fe80::1 to fe80::2) before <paramref name="payload"/>.</summary>
    public static byte[] Ipv6(byte nextHeader, byte[] payload)
    {
        var packet = new byte[40 + payload.Length];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)payload.Length);
        packet[6] = nextHeader;
        packet[7] = 64;
        packet[8] = 0xfe; packet[9] = 0x80; packet[23] = 1;
        packet[24] = 0xfe; packet[25] = 0x80; packet[39] = 2;
        payload.CopyTo(packet, 40);
        return packet;
    }

    /// <summary>A UDP header before <paramref name="payload"/>.</summary>
    public static byte[] Udp(ushort source, ushort destination, byte[] payload)
    {
        var datagram = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, source);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), destination);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
        payload.CopyTo(datagram, 8);
        return datagram;
    }

    /// <summary>A 20-byte TCP header (ACK) before <paramref name="payload"/>.</summary>
    public static byte[] Tcp(ushort source, ushort destination, byte[] payload)
    {
        var segment = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(segment, source);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), destination);
        segment[12] = 0x50;
        segment[13] = 0x10;
        payload.CopyTo(segment, 20);
        return segment;
    }

    /// <summary>A copy of <paramref name="frame"/> padded with zeros to <paramref name="length"/> bytes.</summary>
    public static byte[] Pad(byte[] frame, int length)
    {
        var padded = new byte[Math.Max(length, frame.Length)];
        frame.CopyTo(padded, 0);
        return padded;
    }
}
