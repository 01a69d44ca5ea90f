using System.Diagnostics;
using Pcap.Decode.Files;
using Pcap.Testing;

namespace Pcap.Decode.Tests.Golden;

/// <summary>
/// Real traffic between private network namespaces (a client, a router, a server): ARP, ping, IPv4 fragments, a TTL-exceeded,
/// a UDP port-unreachable, a refused and an answered TCP connection, 802.1Q-tagged frames sent from an AF_PACKET socket, and
/// IPv6 (router solicitation, neighbour discovery, MLD reports, ping6, a hop-limit-exceeded, a port-unreachable). Captured by
/// tcpdump on Ethernet, SLL (<c>-y LINUX_SLL -i any</c>) and SLL2 (<c>-i any</c>), then printed by tcpdump and by the
/// formatter with each flag set.
/// </summary>
public sealed class RealTrafficGoldenTests : IClassFixture<RealTrafficGoldenTests.Captures>
{
    private readonly Captures _captures;

    public RealTrafficGoldenTests(Captures captures) => _captures = captures;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var capture in new[] { "ether", "sll", "sll2" })
            foreach (var flags in new[] { "-n", "-n -e", "-n -v", "-n -e -v", "-n -q", "-n -tt", "-n -ttt", "-n -X", "-n -xx" })
                data.Add(capture, flags);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Real_capture_prints_as_tcpdump_prints_it(string capture, string flagText)
    {
        var (linkType, frames) = _captures.Read(capture);
        Assert.True(frames.Count >= 10, $"the {capture} capture holds only {frames.Count} packets");
        var flags = flagText.Split(' ');
        var differences = TcpdumpOracle.Compare(linkType, frames, flags);
        Assert.True(differences.Count == 0, TcpdumpOracle.Describe(differences, linkType, flags));
    }

    [Fact]
    public void Ethernet_capture_holds_the_traffic_the_test_claims()
    {
        var (linkType, frames) = _captures.Read("ether");
        var path = Path.Combine(Path.GetTempPath(), $"pcapcore-real-{Guid.NewGuid():N}.pcap");
        try
        {
            using (var stream = File.Create(path))
            using (var writer = new PcapWriter(stream, (LinkType)linkType))
                foreach (var (data, wire) in frames)
                    writer.WritePacket(0, data, (uint)wire);
            var text = ExternalTool.Run("tcpdump", ["-n", "-r", path]).StandardOutput + ExternalTool.Run("tcpdump", ["-n", "-e", "-r", path]).StandardOutput;
            foreach (var expected in new[] { "ARP, Request who-has", "ARP, Reply", "ICMP echo request", "ICMP echo reply", "ip-proto-1",
                         "ICMP time exceeded in-transit", "udp port 33434 unreachable", "UDP, length 6", "Flags [S]", "Flags [R.]",
                         "Flags [P.]", "vlan 100", "vlan 4094", "ethertype 802.1Q-QinQ", "ICMP6, echo request", "ICMP6, echo reply",
                         "ICMP6, time exceeded in-transit", "udp port 33435", "ICMP6, multicast listener report v2", "ICMP6, router solicitation" })
                Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Builds the namespaces once, captures, and always removes them.</summary>
    public sealed class Captures : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-real-").FullName;

        public Captures()
        {
            var id = Guid.NewGuid().ToString("N")[..6];
            string client = $"pc-c-{id}", router = $"pc-r-{id}", server = $"pc-s-{id}";
            try
            {
                Ip("netns", "add", client);
                Ip("netns", "add", router);
                Ip("netns", "add", server);
                Ip("link", "add", "vc0", "netns", client, "type", "veth", "peer", "name", "vr0", "netns", router);
                Ip("link", "add", "vs0", "netns", server, "type", "veth", "peer", "name", "vr1", "netns", router);
                In(client, "ip", "addr", "add", "10.77.0.1/24", "dev", "vc0");
                In(router, "ip", "addr", "add", "10.77.0.254/24", "dev", "vr0");
                In(router, "ip", "addr", "add", "10.78.0.254/24", "dev", "vr1");
                In(server, "ip", "addr", "add", "10.78.0.2/24", "dev", "vs0");
                In(client, "ip", "addr", "add", "fd00:77::1/64", "dev", "vc0", "nodad");
                In(router, "ip", "addr", "add", "fd00:77::fe/64", "dev", "vr0", "nodad");
                In(router, "ip", "addr", "add", "fd00:78::fe/64", "dev", "vr1", "nodad");
                In(server, "ip", "addr", "add", "fd00:78::2/64", "dev", "vs0", "nodad");
                foreach (var (ns, dev) in new[] { (client, "vc0"), (router, "vr0"), (router, "vr1"), (server, "vs0") })
                    In(ns, "ip", "link", "set", dev, "up");
                In(client, "ip", "route", "add", "default", "via", "10.77.0.254");
                In(server, "ip", "route", "add", "default", "via", "10.78.0.254");
                In(router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
                In(router, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1");
                In(client, "ip", "-6", "route", "add", "default", "via", "fd00:77::fe");
                In(server, "ip", "-6", "route", "add", "default", "via", "fd00:78::fe");
                var listener = StartIn(server, "python3", "-c", TcpAnswer);

                var captures = new[]
                {
                    StartCapture(client, "ether", "-i", "vc0"),
                    StartCapture(client, "sll", "-y", "LINUX_SLL", "-i", "any"),
                    StartCapture(client, "sll2", "-i", "any"),
                };
                Thread.Sleep(1500);
                In(client, "ping", "-c", "2", "-i", "0.2", "10.78.0.2");
                In(client, "ping", "-c", "1", "-s", "3000", "10.78.0.2");
                // The TTL-exceeded ping and the refused connection fail by design; their packets are what the test wants.
                InAllowingFailure(client, "ping", "-c", "1", "-t", "1", "-W", "1", "10.78.0.2");
                In(client, "bash", "-c", "echo probe > /dev/udp/10.78.0.2/33434; sleep 0.3");
                InAllowingFailure(client, "bash", "-c", "exec 3<>/dev/tcp/10.78.0.2/40080");
                In(client, "bash", "-c", "exec 3<>/dev/tcp/10.78.0.2/40081; echo hello >&3; head -c 6 <&3; exec 3>&-");
                In(client, "python3", "-c", TaggedFrames);
                In(client, "ping", "-6", "-c", "2", "-i", "0.2", "fd00:78::2");
                InAllowingFailure(client, "ping", "-6", "-c", "1", "-t", "1", "-W", "1", "fd00:78::2");
                In(client, "bash", "-c", "echo probe6 > /dev/udp/fd00:78::2/33435; sleep 0.3");
                Thread.Sleep(1000);
                if (!listener.WaitForExit(5_000))
                    listener.Kill();
                listener.Dispose();
                foreach (var process in captures)
                {
                    ExternalTool.Run("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                    if (!process.WaitForExit(10_000))
                        process.Kill();
                    process.Dispose();
                }
            }
            finally
            {
                foreach (var ns in new[] { client, router, server })
                    ExternalTool.Run("ip", ["netns", "del", ns]);
            }
        }

        /// <summary>A one-connection TCP server on port 40081 that answers "hello\n" with "world\n".</summary>
        private const string TcpAnswer = """
            import socket
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(('10.78.0.2', 40081))
            s.listen(1)
            s.settimeout(20)
            c, _ = s.accept()
            c.recv(100)
            c.sendall(b'world\n')
            c.close()
            s.close()
            """;

        /// <summary>
        /// 802.1Q and QinQ tagged frames (ICMP echo and ARP inside) written to vc0 from an AF_PACKET socket: this kernel has no
        /// 8021q module, so no VLAN interface can send them.
        /// </summary>
        private const string TaggedFrames = """
            import socket, struct
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
            s.bind(('vc0', 0))
            dst = b'\xff' * 6
            src = bytes([2, 0, 0, 0, 0, 1])
            def csum(b):
                t = sum(struct.unpack('!%dH' % (len(b) // 2), b))
                while t >> 16:
                    t = (t & 0xffff) + (t >> 16)
                return (~t) & 0xffff
            icmp = bytearray(b'\x08\x00\x00\x00\x12\x34\x00\x01' + b'vlan-probe')
            icmp[2:4] = struct.pack('!H', csum(bytes(icmp)))
            ip = bytearray(struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(icmp), 7, 0, 64, 1, 0, bytes([10, 77, 0, 1]), bytes([10, 77, 0, 254])))
            ip[10:12] = struct.pack('!H', csum(bytes(ip)))
            arp = struct.pack('!HHBBH6s4s6s4s', 1, 0x800, 6, 4, 1, src, bytes([10, 77, 0, 1]), b'\x00' * 6, bytes([10, 77, 0, 254]))
            for tags, ethertype, body in (([(0x8100, 100)], 0x800, bytes(ip) + bytes(icmp)), ([(0x8100, 4094)], 0x806, arp),
                                          ([(0x88a8, 200), (0x8100, 300)], 0x800, bytes(ip) + bytes(icmp)), ([(0x8100, 0x2005)], 0x806, arp)):
                s.send(dst + src + b''.join(struct.pack('!HH', t, v) for t, v in tags) + struct.pack('!H', ethertype) + body)
            """;

        /// <summary>The link type and frames of one capture.</summary>
        public (int LinkType, List<(byte[] Data, int WireLength)> Frames) Read(string name)
        {
            using var reader = CaptureReader.Open(Path.Combine(_directory, name + ".pcap"));
            var frames = new List<(byte[], int)>();
            while (reader.TryReadPacket(out var packet))
                frames.Add((packet.Data.ToArray(), (int)packet.WireLength));
            return ((int)reader.LinkType, frames);
        }

        private Process StartCapture(string ns, string name, params string[] arguments)
        {
            var start = new ProcessStartInfo(ExternalTool.Require("ip")) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { "netns", "exec", ns, ExternalTool.Require("tcpdump"), "-U", "-w", Path.Combine(_directory, name + ".pcap") }.Concat(arguments))
                start.ArgumentList.Add(argument);
            var process = Process.Start(start) ?? throw new InvalidOperationException("could not start tcpdump");
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            return process;
        }

        private static Process StartIn(string ns, string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(ExternalTool.Require("ip")) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { "netns", "exec", ns, ExternalTool.Require(program) }.Concat(arguments))
                start.ArgumentList.Add(argument);
            var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
            process.ErrorDataReceived += (_, _) => { };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            Thread.Sleep(300);
            return process;
        }

        private static void Ip(params string[] arguments)
        {
            var result = ExternalTool.Run("ip", arguments);
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed: {result.StandardError}");
        }

        private static void In(string ns, string program, params string[] arguments) => Run(ns, program, arguments, allowFailure: false);

        private static void InAllowingFailure(string ns, string program, params string[] arguments) => Run(ns, program, arguments, allowFailure: true);

        private static void Run(string ns, string program, string[] arguments, bool allowFailure)
        {
            var result = ExternalTool.Run("ip", ["netns", "exec", ns, ExternalTool.Require(program), .. arguments], TimeSpan.FromSeconds(30));
            if (result.ExitCode != 0 && !allowFailure)
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} in {ns} failed: {result.StandardError}");
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }
}
