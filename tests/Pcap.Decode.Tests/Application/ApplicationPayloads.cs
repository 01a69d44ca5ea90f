using Pcap.Testing.Packets;

namespace Pcap.Decode.Tests.Application;

/// <summary>A seeded mix of application payloads for every protocol the application printers decode.</summary>
internal sealed class ApplicationPayloads(Random random)
{
    private readonly DnsBuilder _dns = new(random);
    private readonly Golden.MixedPacketFactory _inner = new(1, random.Next(), extended: true);

    private static readonly string[] HttpMessages =
    [
        "GET /index.html HTTP/1.1\r\nHost: 10.201.0.2\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n",
        "POST /submit HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\na=1&b=2",
        "HTTP/1.0 200 OK\r\nServer: SimpleHTTP/0.6 Python/3.11.2\r\nContent-type: text/html\r\n\r\n<html>\n<body>hi</body>\n</html>\n",
        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", "get / HTTP/1.0\n\n", "PROPFIND /dav HTTP/1.1\r\nDepth: 1\r\n",
        "<html><body>continuation of a body</body></html>\n", "HTTP/1.1 2000 Odd\r\n", "GET\t/tab HTTP/1.1\r\n", "OPTIONS * HTTP/1.1\rX\n",
        "HEAD /no-line-end HTTP/1.1", "BASELINE-CONTROL /x HTTP/1.1\r\nA:\tb\r\n\r\n", "GET /\u00e9 HTTP/1.1\r\n",
    ];
    private static readonly string[] FtpMessages =
        ["220 (vsFTPd 3.0.3)\r\n", "USER anonymous\r\n", "230-Welcome\r\n230 Login successful.\r\n", "PASV\r\n", "QUIT", "\u0001\u0002binary"];
    private static readonly string[] SmtpMessages =
        ["220 mail.example.test ESMTP Postfix\r\n", "EHLO client\r\n", "250-mail\r\n250-PIPELINING\r\n250 8BITMIME\r\n", "DATA\r", "\r\n"];
    private static readonly string[] RtspMessages =
    [
        "DESCRIBE rtsp://10.0.0.1/stream RTSP/1.0\r\nCSeq: 2\r\n\r\n", "RTSP/1.0 200 OK\r\nCSeq: 2\r\n\r\n", "PLAY rtsp://x RTSP/1.0\n",
        "v=0\r\no=- 0 0 IN IP4 0.0.0.0\r\n", "rtsp/1.0 454 Session Not Found\r\n",
    ];
    private static readonly string[] SipMessages =
    [
        "INVITE sip:bob@example.test SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060\r\nCSeq: 1 INVITE\r\n\r\n",
        "SIP/2.0 180 Ringing\r\nCSeq: 1 INVITE\r\n\r\n", "REGISTER sip:example.test SIP/2.0\r\n", "BYE sip:x SIP/2.0", "\r\n\r\n", "hello\r\n",
    ];

    private byte[] Text(string[] messages)
    {
        var text = System.Text.Encoding.Latin1.GetBytes(messages[random.Next(messages.Length)]);
        if (random.Next(10) == 0)
            text = text[..random.Next(0, text.Length + 1)];
        return text;
    }

    private byte[] Syslog()
    {
        var pri = random.Next(8) switch { 0 => "", 1 => random.Next(1000, 100000).ToString(), 2 => "999", _ => random.Next(0, 192).ToString() };
        var text = random.Next(10) switch
        {
            0 => "Oct 11 22:14:15 host su: \u0001 bad \u00ff",
            1 => "",
            _ => "Dec  3 13:30:12 host pcapcore-test: hello from logger " + random.Next(),
        };
        var message = (random.Next(12) == 0 ? "" : "<") + pri + (random.Next(12) == 0 ? "" : ">") + text;
        var bytes = System.Text.Encoding.Latin1.GetBytes(message);
        return random.Next(12) == 0 ? bytes[..random.Next(0, bytes.Length + 1)] : bytes;
    }

    private static readonly string[] SshLines =
        ["SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", "SSH-2.0-dropbear_2022.83", "SSH-1.99-Cisco-1.25", "SSH-2.0-Go", "SSH-", "SSX-2.0-x"];

    /// <summary>The protocols <see cref="Next"/> draws from.</summary>
    public static readonly string[] Protocols = ["dns", "dns-tcp", "mdns", "vxlan", "ssh", "ntp", "igmp", "http", "ftp", "smtp", "rtsp", "sip", "syslog", "dhcp", "icmp-quote", "llmnr"];

    /// <summary>The next payload of <paramref name="protocol"/>.</summary>
    public ApplicationPayload Next(string protocol)
    {
        int ephemeral = random.Next(40000, 49000);
        bool toServer = random.Next(2) == 0;
        switch (protocol)
        {
            case "dns":
                return Ports(protocol, false, 53, ephemeral, toServer, _dns.Next());
            case "mdns":
                return new ApplicationPayload(protocol, false, 5353, random.Next(4) == 0 ? ephemeral : 5353, _dns.Next(multicast: true));
            case "vxlan":
                var frame = _inner.Next().Data;
                var header = new ByteWriter().U8(random.Next(6) == 0 ? random.Next(256) : 0x08).U8(0).U16(0)
                    .U8(random.Next(256)).U16(random.Next(65536)).U8(random.Next(10) == 0 ? random.Next(256) : 0);
                var body = random.Next(20) == 0 ? header.ToArray()[..random.Next(8)] : header.Bytes(frame).ToArray();
                return Ports(protocol, false, 4789, ephemeral, true, body) with { MutableLength = 8 };
            case "http":
                return Ports(protocol, true, random.Next(4) == 0 ? 8080 : 80, ephemeral, toServer, Text(HttpMessages));
            case "ftp":
                return Ports(protocol, true, 21, ephemeral, toServer, Text(FtpMessages));
            case "smtp":
                return Ports(protocol, true, 25, ephemeral, toServer, Text(SmtpMessages));
            case "rtsp":
                return Ports(protocol, true, random.Next(4) == 0 ? 8554 : 554, ephemeral, toServer, Text(RtspMessages));
            case "sip":
                return Ports(protocol, false, 5060, random.Next(2) == 0 ? 5060 : ephemeral, toServer, Text(SipMessages));
            case "syslog":
                return Ports(protocol, false, 514, ephemeral, true, Syslog());
            case "dhcp":
                bool request = random.Next(2) == 0;
                return Ports(protocol, false, request ? 68 : 67, request ? 67 : 68, true, Dhcp(request));
            case "llmnr":
                // tcpdump 4.99 has no LLMNR printer: the datagram prints as plain UDP, and so must ours.
                return Ports(protocol, false, 5355, ephemeral, toServer, _dns.Next());
            case "icmp-quote":
                return new ApplicationPayload(protocol, false, 0, 0, IcmpQuote(), IpProtocol: 1, MutableFrom: 36);
            case "igmp":
                // The type byte stays as built: DVMRP and PIMv1 inside IGMP are printers of their own.
                return new ApplicationPayload(protocol, false, 0, 0, Igmp(), IpProtocol: 2, MutableFrom: 1);
            case "ntp":
                return Ports(protocol, false, 123, random.Next(3) == 0 ? 123 : ephemeral, toServer, Ntp());
            case "ssh":
                var line = SshLines[random.Next(SshLines.Length)];
                var end = random.Next(8) switch { 0 => "\n", 1 => "", 2 => "\r", 3 => "\rX", 4 => "\u0001\r\n", _ => "\r\n" };
                var text = System.Text.Encoding.Latin1.GetBytes(line + end);
                if (random.Next(5) == 0) text = AddressPool.RandomBytes(random, random.Next(1, 80));
                else if (random.Next(8) == 0) text = text[..random.Next(1, text.Length)];
                return Ports(protocol, true, 22, ephemeral, toServer, text);
            default:
                var message = _dns.Next();
                var framed = new ByteWriter();
                int roll = random.Next(20);
                if (roll == 0) return Ports(protocol, true, 53, ephemeral, toServer, [(byte)random.Next(256)]);
                framed.U16(roll == 1 ? random.Next(65536) : message.Length).Bytes(message);
                return Ports(protocol, true, 53, ephemeral, toServer, framed.ToArray());
        }
    }

    private static ApplicationPayload Ports(string protocol, bool tcp, int server, int client, bool toServer, byte[] payload) =>
        toServer ? new(protocol, tcp, client, server, payload) : new(protocol, tcp, server, client, payload);

    private byte[] Ntp()
    {
        int mode = random.Next(10) switch { < 3 => 3, < 6 => 4, 6 => 6, 7 => random.Next(8), _ => random.Next(1, 6) };
        int version = random.Next(8) == 0 ? random.Next(8) : random.Next(3, 5);
        var w = new ByteWriter().U8(random.Next(4) << 6 | version << 3 | mode);
        if (mode == 6)
        {
            int count = random.Next(3) == 0 ? random.Next(0, 40) : 0;
            w.U8(random.Next(256)).U16(random.Next(65536)).U16(random.Next(4) == 0 ? 0 : random.Next(65536)).U16(random.Next(65536))
                .U16(0).U16(random.Next(10) == 0 ? random.Next(65536) : count).RandomBytes(random, count);
            return w.ToArray();
        }
        int stratum = random.Next(6) switch { 0 => 0, 1 => 1, 2 => random.Next(62, 64), 3 => random.Next(256), _ => random.Next(2, 16) };
        w.U8(stratum).U8(random.Next(5) == 0 ? random.Next(256) : random.Next(3, 11)).U8(random.Next(5) == 0 ? random.Next(256) : 256 - random.Next(6, 30));
        w.U32((uint)random.Next()).U32((uint)random.Next(0, 0x30000));
        w.Bytes(stratum == 1 ? "GPS\0"u8 : AddressPool.NextIpv4(random));
        ulong now = 0xe9000000_00000000UL + (ulong)random.NextInt64(0, 1L << 56);
        for (int i = 0; i < 4; i++)
        {
            ulong value = random.Next(6) switch { 0 => 0, 1 => (ulong)random.NextInt64(), 2 => now - (ulong)random.Next(), _ => now + (ulong)random.Next() };
            w.U32((uint)(value >> 32)).U32((uint)value);
        }
        int tail = random.Next(8) switch { 0 => 4, 1 => 20, 2 => 24, 3 => random.Next(1, 30), _ => 0 };
        w.RandomBytes(random, tail);
        var message = w.ToArray();
        return random.Next(15) == 0 ? message[..random.Next(message.Length)] : message;
    }

    private byte[] Igmp()
    {
        static byte[] Group(Random random) => random.Next(4) == 0 ? AddressPool.NextIpv4(random) : [239, 255, (byte)random.Next(256), (byte)random.Next(256)];
        var w = new ByteWriter();
        int roll = random.Next(20);
        if (roll < 4)
        {
            // v1/v2 query, or a v3 query with sources.
            bool v3 = random.Next(2) == 0;
            w.U8(0x11).U8(random.Next(3) switch { 0 => 0, 1 => 100, _ => random.Next(256) }).U16(0);
            w.Bytes(random.Next(3) == 0 ? [0, 0, 0, 0] : Group(random));
            if (v3)
            {
                int sources = random.Next(4);
                w.U8(random.Next(16)).U8(random.Next(256)).U16(random.Next(12) == 0 ? random.Next(40) : sources);
                for (int i = 0; i < sources; i++) w.Bytes(AddressPool.NextIpv4(random));
            }
            else if (random.Next(10) == 0)
            {
                w.RandomBytes(random, random.Next(1, 4));
            }
        }
        else if (roll < 10)
        {
            w.U8(roll switch { 4 => 0x12, 5 or 6 => 0x16, _ => 0x17 }).U8(0).U16(0).Bytes(Group(random));
            if (random.Next(10) == 0) w.RandomBytes(random, random.Next(1, 8));
        }
        else if (roll < 17)
        {
            int groups = random.Next(12) == 0 ? random.Next(0, 30) : random.Next(1, 4);
            w.U8(0x22).U8(0).U16(0).U16(0).U16(groups);
            for (int i = 0; i < Math.Min(groups, 4); i++)
            {
                int sources = random.Next(4);
                w.U8(random.Next(10) == 0 ? random.Next(256) : random.Next(1, 7)).U8(0).U16(random.Next(15) == 0 ? random.Next(30) : sources).Bytes(Group(random));
                for (int j = 0; j < sources; j++) w.Bytes(AddressPool.NextIpv4(random));
            }
        }
        else if (roll < 19)
        {
            w.U8(random.Next(2) == 0 ? 0x1e : 0x1f).U8(random.Next(256)).U16(0).Bytes(Group(random))
                .Bytes(AddressPool.NextIpv4(random)).Bytes(AddressPool.NextIpv4(random)).Bytes(random.Next(2) == 0 ? Group(random) : AddressPool.NextIpv4(random))
                .U8(random.Next(256)).U8(random.Next(256)).U16(random.Next(65536));
            if (random.Next(6) == 0) w = new ByteWriter().Bytes(w.Written[..random.Next(8, 24)]);
        }
        else
        {
            int type = random.Next(256);
            if (type is 0x13 or 0x14) type = 0x42;
            w.U8(type).U8(random.Next(256)).U16(0).RandomBytes(random, random.Next(0, 12));
        }
        var message = w.ToArray();
        if (message.Length >= 4 && random.Next(10) > 0)
        {
            var sum = Checksums.Internet(message);
            message[2] = (byte)(sum >> 8);
            message[3] = (byte)sum;
        }
        return message;
    }

    private byte[] Dhcp(bool request)
    {
        var w = new ByteWriter().U8(random.Next(15) == 0 ? random.Next(256) : request ? 1 : 2)
            .U8(random.Next(12) == 0 ? random.Next(30) : 1).U8(random.Next(12) == 0 ? random.Next(17) : 6).U8(random.Next(6) == 0 ? random.Next(4) : 0)
            .U32(random.Next(8) == 0 ? 0 : (uint)random.Next()).U16(random.Next(3) == 0 ? random.Next(100) : 0).U16(random.Next(3) == 0 ? 0x8000 : random.Next(10) == 0 ? random.Next(65536) : 0);
        for (int i = 0; i < 4; i++) w.Bytes(random.Next(3) == 0 ? AddressPool.NextIpv4(random) : new byte[4]);
        w.Bytes(AddressPool.NextMac(random)).Zeros(10);
        var sname = new byte[64];
        var file = new byte[128];
        if (random.Next(5) == 0) System.Text.Encoding.ASCII.GetBytes("server.example.test").CopyTo(sname, 0);
        if (random.Next(8) == 0) random.NextBytes(sname);
        if (random.Next(5) == 0) System.Text.Encoding.ASCII.GetBytes("/boot/pxelinux.0\u0001").CopyTo(file, 0);
        if (random.Next(10) == 0) random.NextBytes(file);
        w.Bytes(sname).Bytes(file);
        int vendor = random.Next(12);
        if (vendor == 0)
        {
            w.Bytes("CMU\0"u8).U32((uint)random.Next(4));
            for (int i = 0; i < 8; i++) w.Bytes(random.Next(2) == 0 ? new byte[4] : AddressPool.NextIpv4(random));
            w.Zeros(24);
        }
        else if (vendor == 1)
        {
            w.U32(random.Next(2) == 0 ? 0 : (uint)random.Next()).Zeros(60);
        }
        else
        {
            w.U32(0x63825363);
            w.U8(53).U8(random.Next(10) == 0 ? 2 : 1).U8(random.Next(10) == 0 ? random.Next(256) : random.Next(1, 9));
            if (random.Next(10) == 0) w.U8(0);
            for (int i = random.Next(0, 9); i > 0; i--) DhcpOption(w);
            if (random.Next(4) > 0) w.U8(255);
            if (random.Next(3) == 0) w.Zeros(random.Next(1, 40));
        }
        var message = w.ToArray();
        return random.Next(12) == 0 ? message[..random.Next(message.Length)] : message;
    }

    private static readonly int[] DhcpOptionCodes =
        [1, 2, 3, 6, 12, 15, 19, 21, 23, 26, 28, 33, 42, 43, 46, 50, 51, 52, 54, 55, 57, 58, 59, 60, 61, 77, 81, 82, 119, 121, 249, 252, 0, 255, 150, 200, 224];

    private void DhcpOption(ByteWriter w)
    {
        int code = random.Next(10) == 0 ? random.Next(256) : DhcpOptionCodes[random.Next(DhcpOptionCodes.Length)];
        var value = new ByteWriter();
        switch (code)
        {
            case 1 or 3 or 6 or 28 or 50 or 54: for (int i = random.Next(1, 3); i > 0; i--) value.Bytes(AddressPool.NextIpv4(random)); break;
            case 2 or 51 or 58 or 59: value.U32((uint)random.Next()); break;
            case 12 or 15 or 60 or 119: value.Bytes(System.Text.Encoding.ASCII.GetBytes(random.Next(2) == 0 ? "client-host" : "example.test\u0007")); break;
            case 55: for (int i = random.Next(1, 14); i > 0; i--) value.U8(DhcpOptionCodes[random.Next(DhcpOptionCodes.Length)]); break;
            case 57: value.U16(1500); break;
            case 61: value.U8(random.Next(3) == 0 ? 0 : random.Next(3) == 0 ? random.Next(40) : 1).Bytes(AddressPool.NextMac(random)); break;
            case 81: value.U8(random.Next(3) == 0 ? random.Next(256) : 1).U8(random.Next(2) * 255).U8(0).Bytes("host.example.test"u8); break;
            case 82:
                for (int i = random.Next(1, 3); i > 0; i--)
                {
                    int sub = random.Next(4) switch { 0 => 1, 1 => 2, 2 => 6, _ => random.Next(256) };
                    var data = AddressPool.RandomBytes(random, random.Next(0, 20));
                    value.U8(sub).U8(random.Next(10) == 0 ? random.Next(256) : data.Length).Bytes(data);
                }
                break;
            case 121 or 249:
                for (int i = random.Next(1, 3); i > 0; i--)
                {
                    int width = random.Next(10) == 0 ? random.Next(33, 256) : random.Next(0, 33);
                    value.U8(width).RandomBytes(random, Math.Min(4, (width + 7) / 8)).Bytes(AddressPool.NextIpv4(random));
                }
                break;
            case 77:
                for (int i = random.Next(1, 3); i > 0; i--) value.U8(random.Next(8) == 0 ? 0 : 5).Bytes("class"u8);
                break;
            case 46 or 52: value.U8(random.Next(10)); break;
            case 0 or 255: w.U8(code); return;
            default: value.RandomBytes(random, random.Next(0, 12)); break;
        }
        int length = random.Next(25) == 0 ? random.Next(256) : value.Length;
        w.U8(code).U8(length).Bytes(value.Written);
    }

    /// <summary>An ICMP error quoting the start of a DNS, NTP or syslog datagram (what a closed port answers); damage spares the quoted ports.</summary>
    private byte[] IcmpQuote()
    {
        var (port, body) = random.Next(3) switch { 0 => (123, Ntp()), 1 => (514, Syslog()), _ => (53, _dns.Next()) };
        var udp = new ByteWriter().U16(random.Next(40000, 49000)).U16(port).U16(8 + body.Length).U16(0).Bytes(body);
        var inner = new ByteWriter().U8(0x45).U8(0).U16(20 + udp.Length).U16(random.Next(65536)).U16(0x4000).U8(64).U8(17).U16(0)
            .Bytes([10, 0, 0, 1]).Bytes([10, 0, 0, 53]);
        inner.PatchU16(10, Checksums.Internet(inner.Written));
        inner.Bytes(udp.Written);
        // At most 128 quoted bytes: longer ICMP errors carry RFC 4884 extensions, which the ICMP printer does not decode.
        var quoted = inner.Written[..Math.Min(inner.Length, random.Next(3) switch { 0 => 28, 1 => 128, _ => random.Next(20, 129) })];
        int type = random.Next(4) switch { 0 => 11, 1 => 12, _ => 3 };
        var icmp = new ByteWriter().U8(type).U8(type == 3 && random.Next(4) > 0 ? 3 : random.Next(16)).U16(0).U32(0).Bytes(quoted);
        if (random.Next(3) == 0)
        {
            // An RFC 4884 extension after the datagram padded to 128 bytes: MPLS label stack entries (RFC 4950) or other objects.
            icmp.Zeros(128 - quoted.Length);
            icmp.PatchU32(4, random.Next(3) == 0 ? 0u : 32u << 16);
            var extension = new ByteWriter().U8(random.Next(8) == 0 ? random.Next(16) << 4 : 0x20).U8(0).U16(0);
            for (int i = random.Next(0, 3); i > 0; i--)
            {
                int objectClass = random.Next(4) switch { 0 => 2, 1 => random.Next(256), _ => 1 };
                int entries = random.Next(1, 3);
                int objectLength = random.Next(10) == 0 ? random.Next(0, 12) : 4 + 4 * entries;
                extension.U16(objectLength).U8(objectClass).U8(random.Next(5) == 0 ? random.Next(4) : 1);
                for (int j = 0; j < entries; j++) extension.U32((uint)random.Next());
            }
            if (random.Next(4) > 0) extension.PatchU16(2, Checksums.Internet(extension.Written));
            icmp.Bytes(extension.Written);
        }
        icmp.PatchU16(2, Checksums.Internet(icmp.Written));
        return icmp.ToArray();
    }
}
