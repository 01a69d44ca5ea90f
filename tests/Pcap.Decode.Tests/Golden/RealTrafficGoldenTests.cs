using System.Diagnostics;
using Pcap.Decode.Files;
using Pcap.Testing;

namespace Pcap.Decode.Tests.Golden;

/// <summary>
/// Real traffic between private network namespaces (a client, a router, a server): ARP, ping, IPv4 fragments, a TTL-exceeded,
/// a UDP port-unreachable and a refused TCP connection (IPv6 is switched off: its MLD and ND option printers are out of scope). Captured by tcpdump on Ethernet,
/// SLL (<c>-y LINUX_SLL -i any</c>) and SLL2 (<c>-i any</c>), then printed by tcpdump and by the formatter with each flag set.
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
            using (var writer = new PcapWriter(stream, (uint)linkType))
                foreach (var (data, wire) in frames)
                    writer.WritePacket(0, data, (uint)wire);
            var text = ExternalTool.Run("tcpdump", ["-n", "-r", path]).StandardOutput;
            foreach (var expected in new[] { "ARP, Request who-has", "ARP, Reply", "ICMP echo request", "ICMP echo reply", "ip-proto-1",
                         "ICMP time exceeded in-transit", "udp port 33434 unreachable", "UDP, length 6", "Flags [S]", "Flags [R.]" })
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
                foreach (var ns in new[] { client, router, server })
                {
                    In(ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
                    In(ns, "sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
                }
                Ip("link", "add", "vc0", "netns", client, "type", "veth", "peer", "name", "vr0", "netns", router);
                Ip("link", "add", "vs0", "netns", server, "type", "veth", "peer", "name", "vr1", "netns", router);
                In(client, "ip", "addr", "add", "10.77.0.1/24", "dev", "vc0");
                In(router, "ip", "addr", "add", "10.77.0.254/24", "dev", "vr0");
                In(router, "ip", "addr", "add", "10.78.0.254/24", "dev", "vr1");
                In(server, "ip", "addr", "add", "10.78.0.2/24", "dev", "vs0");
                foreach (var (ns, dev) in new[] { (client, "vc0"), (router, "vr0"), (router, "vr1"), (server, "vs0") })
                    In(ns, "ip", "link", "set", dev, "up");
                In(client, "ip", "route", "add", "default", "via", "10.77.0.254");
                In(server, "ip", "route", "add", "default", "via", "10.78.0.254");
                In(router, "sysctl", "-qw", "net.ipv4.ip_forward=1");

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
                Thread.Sleep(1000);
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
