using System.Globalization;
using System.Text;
using static Pcap.Live.Tests.Support.RealTraffic.TrafficTopology;

namespace Pcap.Live.Tests.Support.RealTraffic;

/// <summary>
/// The real-traffic scenarios: real daemons in the server namespace (dnsmasq, chronyd, a python HTTP server,
/// openssl s_server, sshd, socat, avahi-daemon) and real clients in the client namespace (dig, busybox udhcpc, chronyd -Q,
/// curl, ssh, logger, python sockets, ping over a VXLAN overlay), and the kernel's own bridges with STP on. Each daemon is configured to read no host
/// configuration (<c>--conf-file=/dev/null</c>, <c>--no-resolv</c>, its own config in a scratch folder) and to bind only
/// inside its namespace; no client touches the host's clock, resolver or interfaces.
/// </summary>
internal sealed class RealTrafficScenarios
{
    /// <summary>A scenario: its pcap's name, what tcpdump -n or -n -v must show in it, and the traffic.</summary>
    public sealed record Scenario(string Name, string[] Markers, Action<RealTrafficScenarios> Run);

    /// <summary>
    /// Every scenario in recording order (IGMP after the others: a v1 or v2 query pins the host to that version for minutes;
    /// the bridges last, since they take both ends of the link).
    /// </summary>
    public static readonly IReadOnlyList<Scenario> All =
    [
        new("dns-udp", ["A? www.example.test.", "CNAME www.example.test.", "MX mail.example.test. 10", "SRV sip.example.test.:5060 0 5",
            "PTR www.example.test.", "TXT \"v=spf1 -all\"", "AAAA fd00:201::80"], s => s.DnsUdp()),
        new("dns-tcp", ["Flags [P.]", "A? www.example.test.", "MX? example.test."], s => s.DnsTcp()),
        new("dns-ipv6", ["IP6 (", "AAAA? www.example.test.", "AAAA fd00:201::80"], s => s.DnsIpv6()),
        new("dns-edns-large", ["TXT? big.example.test.", "TXT \"k00", "DNSKEY?", "RRSIG?", "DS?", "*| 0/0/0"], s => s.DnsEdnsLarge()),
        new("dns-nxdomain", ["NXDomain"], s => s.DnsNxdomain()),
        new("dhcp", ["BOOTP/DHCP, Request from 02:00:0a:c9:00:01", "Discover", "Offer", "ACK"], s => s.Dhcp()),
        new("ntp", ["NTPv4, Client", "NTPv4, Server"], s => s.Ntp()),
        new("http", ["HTTP: GET /index.html HTTP/1.1", "HTTP: POST /form HTTP/1.1", "HTTP: HEAD /head HTTP/1.1", "HTTP: HTTP/1.1 200 OK"], s => s.Http()),
        new("tls", ["10.201.0.2.443: Flags [S]", "Flags [P.]"], s => s.Tls()),
        new("ssh", ["SSH: SSH-2.0-OpenSSH"], s => s.Ssh()),
        new("syslog", ["SYSLOG local3.notice", "SYSLOG auth.error", "SYSLOG user.emergency"], s => s.Syslog()),
        new("mdns", ["224.0.0.251.5353", "(Cache flush)", "(QU)?"], s => s.Mdns()),
        new("vxlan", ["VXLAN, flags [I] (0x08), vni 42", "ICMP echo reply", "ICMP6, echo reply"], s => s.Vxlan()),
        new("igmp-v3", ["igmp query v3", "igmp v3 report", "block, 1 source(s)"], s => s.Igmp(3)),
        new("igmp-v2", ["igmp query v2", "igmp v2 report", "igmp leave"], s => s.Igmp(2)),
        new("igmp-v1", ["igmp query v1", "igmp v1 report"], s => s.Igmp(1)),
        new("bridge-stp", ["STP 802.1d, Config, Flags [none], bridge-id 1000.", "STP 802.1d, Config, Flags [Topology change], bridge-id 1000.",
            "igmp query v3 [max resp time 1.0s]", "multicast listener report v2"], s => s.BridgeStp()),
    ];

    private const string Domain = "example.test";
    private readonly TrafficRecorder _recorder;
    private NamespaceDaemon? _dnsmasq;

    private RealTrafficScenarios(TrafficRecorder recorder) => _recorder = recorder;

    private TrafficTopology Net => _recorder.Topology;

    /// <summary>Checks every tool first (one message lists all that are missing), then records every scenario.</summary>
    public static void RecordAll(TrafficRecorder recorder) => Record(recorder, All.Select(s => s.Name));

    /// <summary>Checks every tool first, then records the scenarios named in <paramref name="names"/>, in recording order.</summary>
    public static void Record(TrafficRecorder recorder, IEnumerable<string> names)
    {
        TrafficTools.RequireAll();
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var scenarios = new RealTrafficScenarios(recorder);
        foreach (var scenario in All.Where(s => wanted.Contains(s.Name)))
            recorder.Record(scenario.Name, () => scenario.Run(scenarios));
    }

    private string[] Dig(params string[] query) => ["+time=5", "+tries=1", $"@{ServerAddress}", .. query];

    private void DnsUdp()
    {
        Dnsmasq();
        foreach (var query in new[] { new[] { "www.example.test", "A" }, ["alias.example.test", "A"], ["example.test", "MX"],
                     ["_sip._udp.example.test", "SRV"], ["-x", "10.201.0.80"], ["example.test", "TXT"], ["example.test", "CAA"],
                     ["+noedns", "www.example.test", "AAAA"] })
            Net.InClient("dig", Dig(query));
    }

    private void DnsTcp()
    {
        Dnsmasq();
        Net.InClient("dig", Dig("+tcp", "www.example.test", "A"));
        Net.InClient("dig", Dig("+tcp", "example.test", "MX"));
    }

    private void DnsIpv6()
    {
        Dnsmasq();
        Net.InClient("dig", "+time=5", "+tries=1", $"@{ServerAddress6}", "www.example.test", "AAAA");
        Net.InClient("dig", "+time=5", "+tries=1", $"@{ServerAddress6}", "-x", "fd00:201::80");
    }

    private void DnsEdnsLarge()
    {
        Dnsmasq();
        // A 1,100-byte answer with the DO bit, as a DNSSEC-signed TXT set is; without EDNS it is truncated (TC), and
        // dig then retries over TCP.
        Net.InClient("dig", Dig("+dnssec", "+bufsize=4096", "big.example.test", "TXT"));
        Net.InClient("dig", Dig("+noedns", "+ignore", "big.example.test", "TXT"));
        Net.InClient("dig", Dig("+noedns", "big.example.test", "TXT"));
        foreach (var type in new[] { "DNSKEY", "DS", "RRSIG" })
            Net.InClient("dig", Dig("+dnssec", "example.test", type));
    }

    private void DnsNxdomain()
    {
        Dnsmasq();
        Net.InClient("dig", Dig("nosuch.example.test", "A"));
        Net.InClient("dig", Dig("+tcp", "nosuch.example.test", "AAAA"));
    }

    private void Dhcp()
    {
        Dnsmasq();
        // -s /bin/true: the lease is never applied, the client keeps its static address.
        Net.InClient("busybox", "udhcpc", "-i", Interface, "-f", "-q", "-n", "-t", "3", "-T", "2", "-s", "/bin/true", "-R",
            "-x", "hostname:client1", "-V", "pcapcore-test", "-O", "ntpsrv", "-O", "domain");
    }

    private void Ntp()
    {
        string config = _recorder.WriteFile("chrony-server.conf", $"""
            local stratum 8
            allow 10.201.0.0/24
            bindaddress {ServerAddress}
            cmdport 0
            bindcmdaddress /
            pidfile {_recorder.ScratchPath("chronyd.pid")}
            driftfile {_recorder.ScratchPath("chrony.drift")}
            """);
        // -x: never touch the clock; -u root: no privilege drop, so it can write its scratch files.
        var server = _recorder.Start(Net.Server, "chronyd", "-x", "-d", "-u", "root", "-f", config);
        server.WaitForSocket("udp", ServerAddress, 123);
        // -Q: query and print the offset, never set the clock.
        Net.InClientMayFail("chronyd", "-Q", "-u", "root", "-f", "/dev/null", "-t", "10", $"server {ServerAddress} iburst maxsamples 2",
            $"pidfile {_recorder.ScratchPath("chrony-client.pid")}", "cmdport 0", "bindcmdaddress /");
    }

    private void Http()
    {
        var server = _recorder.Start(Net.Server, "python3", TrafficRecorder.Script("http_server.py"), ServerAddress, "80");
        server.WaitForSocket("tcp", ServerAddress, 80);
        string[] curl = ["-sS", "-m", "5", "--noproxy", "*"];
        Net.InClient("curl", [.. curl, $"http://{ServerAddress}/index.html"]);
        Net.InClient("curl", [.. curl, "-d", "name=pcapcore&value=42", $"http://{ServerAddress}/form"]);
        Net.InClient("curl", [.. curl, "-I", $"http://{ServerAddress}/head"]);
    }

    private void Tls()
    {
        string key = _recorder.ScratchPath("tls-key.pem"), certificate = _recorder.ScratchPath("tls-cert.pem");
        Net.InServer("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1",
            "-subj", "/CN=tls.example.test");
        var server = _recorder.Start(Net.Server, "openssl", "s_server", "-quiet", "-www", "-accept", $"{ServerAddress}:443",
            "-cert", certificate, "-key", key);
        server.WaitForSocket("tcp", ServerAddress, 443);
        string[] curl = ["-sS", "-m", "5", "--noproxy", "*", "-k", "-o", "/dev/null"];
        Net.InClient("curl", [.. curl, $"https://{ServerAddress}/"]);
        Net.InClient("curl", [.. curl, "--tlsv1.2", "--tls-max", "1.2", $"https://{ServerAddress}/"]);
    }

    private void Ssh()
    {
        string hostKey = _recorder.ScratchPath("ssh_host_ed25519");
        Net.InServer("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey);
        // sshd insists on its privilege-separation directory, which openssh-server's install creates.
        Directory.CreateDirectory("/run/sshd");
        string config = _recorder.WriteFile("sshd_config", $"""
            ListenAddress {ServerAddress}
            HostKey {hostKey}
            PidFile {_recorder.ScratchPath("sshd.pid")}
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            """);
        var server = _recorder.Start(Net.Server, "sshd", "-D", "-e", "-f", config);
        server.WaitForSocket("tcp", ServerAddress, 22);
        // No key and no password: the whole key exchange happens, then the login is refused.
        Net.InClientMayFail("ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "GlobalKnownHostsFile=/dev/null", "-o", "ConnectTimeout=5", "-o", "PubkeyAuthentication=no", "-o", "PasswordAuthentication=no",
            "-o", "KbdInteractiveAuthentication=no", $"nobody@{ServerAddress}", "true");
    }

    private void Syslog()
    {
        var receiver = _recorder.Start(Net.Server, "socat", "-u", $"UDP-RECV:514,bind={ServerAddress}", "OPEN:/dev/null");
        receiver.WaitForSocket("udp", ServerAddress, 514);
        string[] logger = ["-n", ServerAddress, "-P", "514", "-d", "-t", "pcapcore"];
        Net.InClient("logger", [.. logger, "--rfc3164", "-p", "local3.notice", "hello from rfc3164"]);
        Net.InClient("logger", [.. logger, "--rfc5424", "-p", "auth.err", "hello from rfc5424"]);
        Net.InClient("logger", [.. logger, "-p", "user.emerg", "default format"]);
    }

    private void Mdns()
    {
        string config = _recorder.WriteFile("avahi-daemon.conf", """
            [server]
            host-name=pcapcore-mdns
            domain-name=local
            use-ipv4=yes
            use-ipv6=yes
            allow-interfaces=eth0
            enable-dbus=no
            ratelimit-interval-usec=1000000
            ratelimit-burst=1000
            [wide-area]
            enable-wide-area=no
            [publish]
            publish-hinfo=yes
            publish-workstation=yes
            """);
        // avahi keeps its pid file and socket in /run/avahi-daemon: a tmpfs mounted in this process's own mount
        // namespace (ip netns exec makes one) keeps them away from the host's and from a parallel run's.
        var avahi = _recorder.Start(Net.Server, "sh", "-c",
            $"mkdir -p /run/avahi-daemon && mount -t tmpfs tmpfs /run/avahi-daemon && exec {TrafficTools.Require("avahi-daemon")} " +
            $"--no-drop-root --no-chroot --no-rlimits --no-proc-title -f {config}");
        avahi.WaitForOutput("Server startup complete", TimeSpan.FromSeconds(20));
        // A legacy unicast query from dig's port (avahi answers it by unicast), then a QU/QM query from port 5353.
        Net.InClientMayFail("dig", "+time=1", "+tries=1", "-p", "5353", "@224.0.0.251", "pcapcore-mdns.local", "A");
        Net.InClient("python3", TrafficRecorder.Script("mdns_query.py"), ClientAddress, "pcapcore-mdns.local");
        // Stopping sends the goodbye packets (TTL 0).
        avahi.Stop(TimeSpan.FromSeconds(5));
    }

    private void Vxlan()
    {
        // The overlay as Docker's overlay driver builds it: VNI 42 on port 4789 over the veth underlay.
        foreach (var (ns, side, local, remote) in new[] { (Net.Client, 1, ClientAddress, ServerAddress), (Net.Server, 2, ServerAddress, ClientAddress) })
        {
            ns.Ip("link", "add", "vx0", "address", $"02:00:c0:a8:2a:0{side}", "type", "vxlan", "id", "42", "dstport", "4789",
                "local", local, "remote", remote, "dev", Interface);
            ns.Ip("addr", "add", $"192.168.42.{side}/24", "dev", "vx0");
            ns.Ip("addr", "add", $"fd00:42::{side}/64", "dev", "vx0", "nodad");
            ns.Ip("link", "set", "vx0", "up");
        }
        Net.InClient("ping", "-c", "2", "-i", "0.2", "-W", "1", "192.168.42.2");
        Net.InClient("ping", "-6", "-c", "2", "-i", "0.2", "-W", "1", "fd00:42::2");
        Net.InClient("python3", "-c", "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'overlay', ('192.168.42.2', 9999))");
        foreach (var ns in new[] { Net.Client, Net.Server })
            ns.Ip("link", "del", "vx0");
    }

    private void Igmp(int version)
    {
        string v = version.ToString(CultureInfo.InvariantCulture);
        Net.InClient("sysctl", "-qw", $"net.ipv4.conf.{Interface}.force_igmp_version={v}");
        using var member = NamespaceDaemon.Start(Net.Client, "python3", TrafficRecorder.Script("igmp_member.py"), v, ClientAddress, ServerAddress);
        member.WaitForOutput("joined");
        Net.InServer("python3", TrafficRecorder.Script("igmp_querier.py"), v, ServerAddress, "239.1.2.3", "232.1.1.1", ServerAddress);
        // v2 and v3 queries ask for an answer within 0.5 s; the kernel picks a random delay below that.
        Thread.Sleep(700);
        member.WriteLine("leave");
        member.WaitForOutput("left");
        member.WaitForExit(TimeSpan.FromSeconds(5));
    }

    private void BridgeStp()
    {
        // Both ends of the link become bridge ports with STP on. The server's bridge (priority 4096) is the root: it sends
        // config BPDUs every second, and IGMPv3 and MLDv2 queries as the querier; once the client's port has gone through
        // listening and learning (2 x 2 s forward delay), the root's BPDUs carry the topology change flag.
        Net.Server.Ip("link", "add", "br0", "type", "bridge", "stp_state", "1", "hello_time", "100", "forward_delay", "200", "priority", "4096",
            "mcast_querier", "1", "mcast_igmp_version", "3", "mcast_mld_version", "2", "mcast_startup_query_interval", "100",
            "mcast_query_response_interval", "100");
        Net.Client.Ip("link", "add", "br0", "type", "bridge", "stp_state", "1", "hello_time", "100", "forward_delay", "200", "priority", "32768");
        try
        {
            foreach (var ns in new[] { Net.Server, Net.Client })
            {
                ns.Ip("link", "set", Interface, "master", "br0");
                ns.Ip("link", "set", "br0", "up");
            }
            Thread.Sleep(5500);
        }
        finally
        {
            foreach (var ns in new[] { Net.Server, Net.Client })
            {
                ns.Ip("link", "set", Interface, "nomaster");
                ns.Ip("link", "del", "br0");
            }
        }
    }

    /// <summary>dnsmasq as the DNS server (IPv4 and IPv6) and DHCP server, started once for the DNS and DHCP scenarios.</summary>
    private void Dnsmasq()
    {
        if (_dnsmasq is not null)
            return;
        string big = string.Join(',', Enumerable.Range(0, 6).Select(i => string.Concat(Enumerable.Repeat($"k{i:D2}", 60))));
        _dnsmasq = _recorder.Start(Net.Server, "dnsmasq",
            "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--user=root", "--log-facility=-",
            $"--pid-file={_recorder.ScratchPath("dnsmasq.pid")}", $"--dhcp-leasefile={_recorder.ScratchPath("dnsmasq.leases")}",
            $"--listen-address={ServerAddress}", $"--listen-address={ServerAddress6}", "--bind-interfaces", "--except-interface=lo",
            $"--domain={Domain}", $"--local=/{Domain}/",
            "--host-record=www.example.test,10.201.0.80,fd00:201::80", "--cname=alias.example.test,www.example.test",
            "--mx-host=example.test,mail.example.test,10", "--host-record=mail.example.test,10.201.0.25",
            "--srv-host=_sip._udp.example.test,sip.example.test,5060,0,5", "--ptr-record=80.0.201.10.in-addr.arpa,www.example.test",
            "--txt-record=example.test,v=spf1 -all", $"--txt-record=big.example.test,{big}", "--caa-record=example.test,0,issue,ca.example.test",
            $"--dns-rr=example.test,48,{DnsKey}", $"--dns-rr=example.test,43,{Ds}", $"--dns-rr=example.test,46,{Rrsig}",
            "--dhcp-range=10.201.0.100,10.201.0.150,255.255.255.0,1h", "--dhcp-authoritative", "--no-ping",
            $"--dhcp-option=option:router,{ServerAddress}", $"--dhcp-option=option:dns-server,{ServerAddress}",
            $"--dhcp-option=option:ntp-server,{ServerAddress}");
        _dnsmasq.WaitForSocket("udp", ServerAddress, 53);
        _dnsmasq.WaitForSocket("tcp", ServerAddress6, 53);
    }

    // DNSSEC-shaped records (RFC 4034 layouts, fixed filler for keys, digests and signatures): dnsmasq cannot sign,
    // but it serves these as raw RDATA, so the answers have the types and sizes of a signed zone's.
    private static readonly string DnsKey = "0101030D" + Filler(64, 0x11);
    private static readonly string Ds = "3039" + "0D" + "02" + Filler(32, 0x22);
    private static readonly string Rrsig = "0010" + "0D" + "02" + "00000E10" + "6A000000" + "69000000" + "3039" +
        "076578616D706C650474657374" + "00" + Filler(64, 0x33);

    private static string Filler(int length, int seed)
    {
        var text = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++)
            text.Append(((seed + i * 7) & 0xff).ToString("X2", CultureInfo.InvariantCulture));
        return text.ToString();
    }
}
