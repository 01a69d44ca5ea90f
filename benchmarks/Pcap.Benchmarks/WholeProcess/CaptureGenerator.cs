using System.Buffers.Binary;
using Pcap.Decode.Files;
using Pcap.Testing.Packets;

namespace Pcap.Benchmarks.WholeProcess;

/// <summary>
/// Writes the whole-process benchmark's capture: Ethernet frames from a fixed seed, a realistic mix on one segment of a
/// thousand hosts: TCP conversations (handshake, data both ways, FIN, then a new conversation), UDP flows, ICMP echo
/// request/reply pairs and ARP request/reply pairs, all between ports tcpdump does not decode further, so that
/// <c>pcapcore -r FILE -n</c> and <c>tcpdump -r FILE -n</c> print the same lines.
/// </summary>
internal sealed class CaptureGenerator
{
    private const int EthernetLength = 14;
    private const int Ipv4Length = 20;
    private const int Conversations = 2048;

    private readonly Random _random;
    private readonly TcpConversation[] _tcp = new TcpConversation[Conversations];
    private readonly (uint A, uint B, ushort PortA, ushort PortB)[] _udp = new (uint, uint, ushort, ushort)[Conversations / 4];
    private readonly (uint A, uint B, ushort Id, ushort Sequence, bool Replied)[] _pings = new (uint, uint, ushort, ushort, bool)[64];
    private readonly (uint A, uint B, bool Replied)[] _arp = new (uint, uint, bool)[64];

    private CaptureGenerator(int seed)
    {
        _random = new Random(seed);
        for (var i = 0; i < _tcp.Length; i++)
            _tcp[i] = NewConversation();
        for (var i = 0; i < _udp.Length; i++)
            _udp[i] = (Host(), Host(), HighPort(), HighPort());
        for (var i = 0; i < _pings.Length; i++)
            _pings[i] = (Host(), Host(), (ushort)_random.Next(1, 65536), 0, true);
        for (var i = 0; i < _arp.Length; i++)
            _arp[i] = (Host(), Host(), true);
    }

    /// <summary>Writes <paramref name="count"/> packets to <paramref name="path"/> (the same bytes for the same seed).</summary>
    public static void Write(string path, int count, int seed)
    {
        var generator = new CaptureGenerator(seed);
        var frame = new byte[1514];
        long time = 1_700_000_000_000_000_000L;
        using var stream = new BufferedStream(File.Create(path), 1 << 20);
        using var writer = new PcapWriter(stream, LinkType.Ethernet);
        for (var i = 0; i < count; i++)
        {
            time += generator._random.Next(1, 200) * 1_000L;
            var length = generator._random.Next(100) switch
            {
                < 3 => generator.Arp(frame),
                < 10 => generator.Ping(frame),
                < 70 => generator.Tcp(frame),
                _ => generator.Udp(frame),
            };
            writer.WritePacket(time, frame.AsSpan(0, length), (uint)length);
        }
    }

    private int Arp(Span<byte> frame)
    {
        ref var pair = ref _arp[_random.Next(_arp.Length)];
        pair.Replied = !pair.Replied;
        var (sender, target) = pair.Replied ? (pair.B, pair.A) : (pair.A, pair.B);
        Ethernet(frame, pair.Replied ? Mac(target) : 0xffff_ffff_ffffUL, Mac(sender), 0x0806);
        var arp = frame[EthernetLength..];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);
        BinaryPrimitives.WriteUInt16BigEndian(arp[2..], 0x0800);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp[6..], (ushort)(pair.Replied ? 2 : 1));
        WriteMac(arp[8..], Mac(sender));
        BinaryPrimitives.WriteUInt32BigEndian(arp[14..], sender);
        WriteMac(arp[18..], pair.Replied ? Mac(target) : 0);
        BinaryPrimitives.WriteUInt32BigEndian(arp[24..], target);
        return EthernetLength + 28;
    }

    private int Ping(Span<byte> frame)
    {
        ref var ping = ref _pings[_random.Next(_pings.Length)];
        ping.Replied = !ping.Replied;
        if (!ping.Replied)
            ping.Sequence++;
        var icmp = Ipv4(frame, ping.Replied ? ping.B : ping.A, ping.Replied ? ping.A : ping.B, protocol: 1, transportLength: 64);
        icmp[0] = (byte)(ping.Replied ? 0 : 8);
        icmp[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[4..], ping.Id);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], ping.Sequence);
        icmp[8..64].Fill(0x61);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Checksums.Internet(icmp[..64]));
        return EthernetLength + Ipv4Length + 64;
    }

    private int Tcp(Span<byte> frame)
    {
        ref var c = ref _tcp[_random.Next(_tcp.Length)];
        bool fromClient;
        byte flags;
        var payload = 0;
        switch (c.State)
        {
            case 0: fromClient = true; flags = 0x02; c.State = 1; break;                     // SYN
            case 1: fromClient = false; flags = 0x12; c.State = 2; break;                    // SYN-ACK
            case 2 when _random.Next(50) == 0: fromClient = true; flags = 0x11; c.State = 3; break; // FIN-ACK
            case 2:
                fromClient = _random.Next(2) == 0;
                flags = _random.Next(4) == 0 ? (byte)0x10 : (byte)0x18;                          // ACK or PSH-ACK with data
                payload = flags == 0x18 ? _random.Next(1, 1400) : 0;
                break;
            default: fromClient = false; flags = 0x11; c.State = 4; break;                    // the answering FIN ends it
        }
        var (source, destination) = fromClient ? (c.Client, c.Server) : (c.Server, c.Client);
        var tcp = Ipv4(frame, source, destination, protocol: 6, transportLength: 20 + payload);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, fromClient ? c.ClientPort : c.ServerPort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], fromClient ? c.ServerPort : c.ClientPort);
        ref var sequence = ref fromClient ? ref c.ClientSequence : ref c.ServerSequence;
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], flags == 0x02 ? 0 : fromClient ? c.ServerSequence : c.ClientSequence);
        sequence += (uint)payload + ((flags & 0x03) != 0 ? 1u : 0u); // SYN and FIN take one sequence number
        tcp[12] = 0x50;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64240);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[16..], 0);
        tcp[20..(20 + payload)].Fill(0x62);
        if (c.State == 4)
            c = NewConversation();
        return EthernetLength + Ipv4Length + 20 + payload;
    }

    private int Udp(Span<byte> frame)
    {
        var flow = _udp[_random.Next(_udp.Length)];
        var forward = _random.Next(2) == 0;
        var payload = _random.Next(8, 600);
        var udp = Ipv4(frame, forward ? flow.A : flow.B, forward ? flow.B : flow.A, protocol: 17, transportLength: 8 + payload);
        BinaryPrimitives.WriteUInt16BigEndian(udp, forward ? flow.PortA : flow.PortB);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], forward ? flow.PortB : flow.PortA);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payload));
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);
        udp[8..(8 + payload)].Fill(0x63);
        return EthernetLength + Ipv4Length + 8 + payload;
    }

    private TcpConversation NewConversation() => new()
    {
        Client = Host(), Server = Host(), ClientPort = HighPort(), ServerPort = HighPort(),
        ClientSequence = (uint)_random.NextInt64(1L << 32), ServerSequence = (uint)_random.NextInt64(1L << 32),
    };

    /// <summary>Writes Ethernet and IPv4 headers between two random hosts; returns the transport area.</summary>
    private Span<byte> Ipv4(Span<byte> frame, uint source, uint destination, byte protocol, int transportLength)
    {
        Ethernet(frame, Mac(destination), Mac(source), 0x0800);
        var ip = frame.Slice(EthernetLength, Ipv4Length);
        ip[0] = 0x45;
        ip[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(Ipv4Length + transportLength));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)_random.Next(65536));
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
    private uint Host() => 0x0a00_0000u | (uint)_random.Next(1, 1023);

    // A locally administered MAC derived from the IPv4 address, so each host keeps one MAC.
    private static ulong Mac(uint host) => 0x0242_0000_0000UL | host;

    // 50000-60999: above every port tcpdump decodes further (49152 is BCM-LI, for one).
    private ushort HighPort() => (ushort)_random.Next(50000, 61000);

    private static void WriteMac(Span<byte> destination, ulong mac)
    {
        for (var i = 0; i < 6; i++)
            destination[i] = (byte)(mac >> (8 * (5 - i)));
    }
}
