using System.Buffers.Binary;
using Pcap.Decode.Files;
using Pcap.Testing.Packets;

namespace Pcap.Benchmarks.WholeProcess;

/// <summary>
/// Writes the whole-process benchmark's capture: Ethernet frames from a fixed seed, a realistic mix of ARP, ICMP echo,
/// TCP and UDP between high ports (no application protocol tcpdump would decode further), so that
/// <c>pcapcore -r FILE -n</c> and <c>tcpdump -r FILE -n</c> print the same lines.
/// </summary>
internal static class CaptureGenerator
{
    private const int EthernetLength = 14;
    private const int Ipv4Length = 20;

    /// <summary>Writes <paramref name="count"/> packets to <paramref name="path"/> (the same bytes for the same seed).</summary>
    public static void Write(string path, int count, int seed)
    {
        var random = new Random(seed);
        var frame = new byte[1514];
        long time = 1_700_000_000_000_000_000L;
        using var stream = new BufferedStream(File.Create(path), 1 << 20);
        using var writer = new PcapWriter(stream, linkType: 1);
        for (var i = 0; i < count; i++)
        {
            time += random.Next(1, 1_000) * 1_000L;
            var length = random.Next(100) switch
            {
                < 4 => Arp(frame, random),
                < 16 => IcmpEcho(frame, random),
                < 66 => Tcp(frame, random),
                _ => Udp(frame, random),
            };
            writer.WritePacket(time, frame.AsSpan(0, length), (uint)length);
        }
    }

    private static int Arp(Span<byte> frame, Random random)
    {
        var reply = random.Next(2) == 1;
        var sender = Host(random);
        var target = Host(random);
        Ethernet(frame, reply ? Mac(target) : 0xffff_ffff_ffffUL, Mac(sender), 0x0806);
        var arp = frame[EthernetLength..];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);
        BinaryPrimitives.WriteUInt16BigEndian(arp[2..], 0x0800);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp[6..], (ushort)(reply ? 2 : 1));
        WriteMac(arp[8..], Mac(sender));
        BinaryPrimitives.WriteUInt32BigEndian(arp[14..], sender);
        WriteMac(arp[18..], reply ? Mac(target) : 0);
        BinaryPrimitives.WriteUInt32BigEndian(arp[24..], target);
        return EthernetLength + 28;
    }

    private static int IcmpEcho(Span<byte> frame, Random random)
    {
        var icmp = Ipv4(frame, random, protocol: 1, transportLength: 64);
        icmp[0] = (byte)(random.Next(2) == 0 ? 8 : 0);
        icmp[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[4..], (ushort)random.Next(1, 65536));
        BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], (ushort)random.Next(1, 1000));
        icmp[8..64].Fill(0x61);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Checksums.Internet(icmp[..64]));
        return EthernetLength + Ipv4Length + 64;
    }

    private static int Tcp(Span<byte> frame, Random random)
    {
        ReadOnlySpan<byte> flagChoices = [0x02, 0x12, 0x10, 0x18, 0x11, 0x14, 0x10, 0x18];
        var flags = flagChoices[random.Next(flagChoices.Length)];
        var payload = (flags & 0x08) != 0 ? random.Next(1, 1400) : 0;
        var tcp = Ipv4(frame, random, protocol: 6, transportLength: 20 + payload);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, HighPort(random));
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], HighPort(random));
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], (uint)random.NextInt64(1L << 32));
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], (flags & 0x10) != 0 ? (uint)random.NextInt64(1L << 32) : 0);
        tcp[12] = 0x50;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], (ushort)random.Next(1024, 65536));
        BinaryPrimitives.WriteUInt32BigEndian(tcp[16..], 0);
        tcp[20..(20 + payload)].Fill(0x62);
        return EthernetLength + Ipv4Length + 20 + payload;
    }

    private static int Udp(Span<byte> frame, Random random)
    {
        var payload = random.Next(8, 600);
        var udp = Ipv4(frame, random, protocol: 17, transportLength: 8 + payload);
        BinaryPrimitives.WriteUInt16BigEndian(udp, HighPort(random));
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], HighPort(random));
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payload));
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);
        udp[8..(8 + payload)].Fill(0x63);
        return EthernetLength + Ipv4Length + 8 + payload;
    }

    /// <summary>Writes Ethernet and IPv4 headers between two random hosts; returns the transport area.</summary>
    private static Span<byte> Ipv4(Span<byte> frame, Random random, byte protocol, int transportLength)
    {
        var source = Host(random);
        var destination = Host(random);
        Ethernet(frame, Mac(destination), Mac(source), 0x0800);
        var ip = frame.Slice(EthernetLength, Ipv4Length);
        ip[0] = 0x45;
        ip[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(Ipv4Length + transportLength));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)random.Next(65536));
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // don't fragment
        ip[8] = 64;
        ip[9] = protocol;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], source);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destination);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksums.Internet(ip));
        return frame.Slice(EthernetLength + Ipv4Length, transportLength);
    }

    private static void Ethernet(Span<byte> frame, ulong destination, ulong source, ushort etherType)
    {
        WriteMac(frame, destination);
        WriteMac(frame[6..], source);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], etherType);
    }

    // 10.0.0.0/22: a thousand hosts, so that flows repeat as on a real segment.
    private static uint Host(Random random) => 0x0a00_0000u | (uint)random.Next(1, 1023);

    // A locally administered MAC derived from the IPv4 address, so each host keeps one MAC.
    private static ulong Mac(uint host) => 0x0242_0000_0000UL | host;

    // 50000-60999: above every port tcpdump decodes further (49152 is BCM-LI, for one).
    private static ushort HighPort(Random random) => (ushort)random.Next(50000, 61000);

    private static void WriteMac(Span<byte> destination, ulong mac)
    {
        for (var i = 0; i < 6; i++)
            destination[i] = (byte)(mac >> (8 * (5 - i)));
    }
}
