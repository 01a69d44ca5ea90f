using System.Buffers.Binary;
using Pcap.Filter.Bpf;
using Pcap.Testing;

namespace Pcap.Native.Tests.Filtering;

/// <summary>
/// Differential test of the <c>-i any</c> rewrite: libpcap's <c>bpf_filter</c> runs the program libpcap compiled for
/// LINUX_SLL2 on the whole cooked frame; the kernel's view (payload only, header fields as ancillary data) runs our
/// rewritten program. Every packet must get the same verdict and return value.
/// </summary>
public sealed class CookedProgramRewriterTests
{
    private const int Seed = 20261124;
    private const int PacketsPerExpression = 1000;

    // Primitives tcpdump users give -i any; `len`/`greater`/`less` are left out because the kernel's packet length
    // excludes the cooked header there (a difference libpcap's live capture has too).
    public static TheoryData<string> Expressions => new()
    {
        "icmp", "arp", "arp or icmp", "ip", "ip6", "tcp", "udp", "not ip", "ip and not icmp",
        "udp port 53", "tcp port 80 or udp port 53", "portrange 1000-2000", "dst port 67 and udp",
        "host 10.0.0.1", "src host 10.0.0.2 and icmp", "net 10.0.0.0/8", "dst net 192.168.1.0/24",
        "inbound", "outbound", "inbound and icmp", "outbound and arp", "ifindex 2", "ifindex 3 and ip",
        "icmp[icmptype] = icmp-echo", "ip proto 17", "tcp[tcpflags] & tcp-syn != 0", "ip[8] = 64",
        "ip6 and tcp", "arp host 10.0.0.1", "ether proto 0x88cc",
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public void Rewritten_program_on_the_kernels_view_agrees_with_libpcap_on_the_cooked_frame(string expression)
    {
        var program = LibPcap.Compile(expression, 276, out string? error)
            ?? throw new InvalidOperationException($"libpcap refused '{expression}' on LINUX_SLL2: {error}");
        Assert.True(CookedProgramRewriter.TryRewrite(program, out var rewritten), $"'{expression}' could not be rewritten");

        var random = new Random(Seed ^ expression.GetHashCode(StringComparison.Ordinal) & 0x7fffffff);
        int accepted = 0;
        for (int i = 0; i < PacketsPerExpression; i++)
        {
            byte[] frame = RandomCookedFrame(random);
            uint expected = LibPcap.Filter(program, frame, (uint)frame.Length);
            var auxiliary = new BpfAuxiliaryData
            {
                Protocol = BinaryPrimitives.ReadUInt16BigEndian(frame),
                InterfaceIndex = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(4)),
                HardwareType = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(8)),
                PacketType = frame[10],
                NetworkHeaderOffset = 0,
            };
            uint actual = BpfInterpreter.Run(rewritten, frame.AsSpan(20), (uint)frame.Length - 20, in auxiliary);
            Assert.True(expected == actual, $"'{expression}', packet {i} ({Convert.ToHexString(frame)}): libpcap {expected}, rewritten {actual}");
            if (expected != 0)
                accepted++;
        }
        Assert.True(accepted > 0, $"no generated packet matched '{expression}', so the comparison proved little");
    }

    [Fact]
    public void A_load_from_inside_the_cooked_header_other_than_protocol_ifindex_or_pkttype_cannot_run_in_the_kernel()
    {
        var program = LibPcap.Compile("link[8:2] = 1", 276, out string? error) ?? throw new InvalidOperationException(error);
        Assert.False(CookedProgramRewriter.TryRewrite(program, out _));
    }

    private static byte[] RandomCookedFrame(Random random)
    {
        ushort protocol = random.Next(10) switch
        {
            < 6 => 0x0800,
            6 or 7 => 0x0806,
            8 => 0x86dd,
            _ => random.Next(2) == 0 ? (ushort)0x88cc : (ushort)random.Next(0x10000),
        };
        byte[] payload = protocol switch
        {
            0x0800 => RandomIpv4(random),
            0x0806 => RandomArp(random),
            0x86dd => RandomIpv6(random),
            _ => RandomBytes(random, random.Next(0, 64)),
        };
        if (random.Next(8) == 0)
            payload = payload[..random.Next(payload.Length + 1)]; // truncated capture
        var frame = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, protocol);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)random.Next(1, 5));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(8), 1);
        frame[10] = (byte)random.Next(5);
        frame[11] = 6;
        random.NextBytes(frame.AsSpan(12, 6));
        payload.CopyTo(frame, 20);
        return frame;
    }

    private static readonly byte[][] Addresses = [[10, 0, 0, 1], [10, 0, 0, 2], [192, 168, 1, 7], [172, 17, 0, 2], [8, 8, 8, 8]];
    private static readonly ushort[] Ports = [53, 80, 67, 1500, 1000, 2000, 443];

    private static byte[] RandomIpv4(Random random)
    {
        byte protocol = random.Next(4) switch { 0 => 1, 1 => 6, 2 => 17, _ => (byte)random.Next(256) };
        int optionWords = random.Next(6) == 0 ? 1 : 0;
        int header = 20 + optionWords * 4;
        var ip = new byte[header + 20 + random.Next(0, 16)];
        ip[0] = (byte)(0x45 + optionWords);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        if (random.Next(8) == 0)
            BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(6), (ushort)random.Next(0x10000)); // fragments
        ip[8] = random.Next(2) == 0 ? (byte)64 : (byte)random.Next(256);
        ip[9] = protocol;
        Addresses[random.Next(Addresses.Length)].CopyTo(ip, 12);
        Addresses[random.Next(Addresses.Length)].CopyTo(ip, 16);
        var transport = ip.AsSpan(header);
        random.NextBytes(transport);
        if (protocol is 6 or 17)
        {
            BinaryPrimitives.WriteUInt16BigEndian(transport, random.Next(3) == 0 ? (ushort)random.Next(0x10000) : Ports[random.Next(Ports.Length)]);
            BinaryPrimitives.WriteUInt16BigEndian(transport[2..], random.Next(3) == 0 ? (ushort)random.Next(0x10000) : Ports[random.Next(Ports.Length)]);
        }
        else if (protocol == 1)
        {
            transport[0] = random.Next(3) switch { 0 => 8, 1 => 0, _ => (byte)random.Next(256) };
        }
        return ip;
    }

    private static byte[] RandomArp(Random random)
    {
        var arp = new byte[28];
        random.NextBytes(arp);
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(2), 0x0800);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(6), (ushort)random.Next(1, 3));
        Addresses[random.Next(Addresses.Length)].CopyTo(arp, 14);
        Addresses[random.Next(Addresses.Length)].CopyTo(arp, 24);
        return arp;
    }

    private static byte[] RandomIpv6(Random random)
    {
        var ip6 = new byte[40 + 20];
        random.NextBytes(ip6);
        ip6[0] = 0x60;
        ip6[6] = random.Next(3) switch { 0 => 6, 1 => 17, _ => 58 };
        BinaryPrimitives.WriteUInt16BigEndian(ip6.AsSpan(40), Ports[random.Next(Ports.Length)]);
        BinaryPrimitives.WriteUInt16BigEndian(ip6.AsSpan(42), Ports[random.Next(Ports.Length)]);
        return ip6;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
