using System.Net;
using System.Text.RegularExpressions;

namespace Pcap.Filter.Names;

/// <summary>
/// Host, network, port and protocol names as libpcap resolves them: /etc/hosts and DNS for hosts, /etc/services
/// for ports, /etc/protocols for IP protocols, /etc/networks for networks, /etc/ethers for MAC addresses, with
/// built-in tables when a file is missing.
/// </summary>
internal static partial class NameResolver
{
    private const uint ProtocolUndefined = uint.MaxValue;

    private static readonly Lazy<Dictionary<(string Name, string Proto), int>> Services = new(LoadServices);
    private static readonly Lazy<Dictionary<string, int>> Protocols = new(LoadProtocols);

    /// <summary>The addresses of a host name in resolver order; empty when unknown.</summary>
    public static IReadOnlyList<IPAddress> HostAddresses(string name)
    {
        try
        {
            return Dns.GetHostAddresses(name);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException)
        {
            return [];
        }
    }

    /// <summary>A network number from /etc/networks, or 0 when unknown.</summary>
    public static uint NetworkByName(string name)
    {
        foreach (var line in ReadLines("/etc/networks"))
        {
            var f = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 2 && (f[0] == name || f.Skip(2).Contains(name)))
            {
                var parts = f[1].Split('.');
                uint v = 0;
                foreach (var p in parts)
                {
                    if (!uint.TryParse(p, out uint n))
                        return 0;
                    v = v << 8 | (n & 0xff);
                }
                return v;
            }
        }
        return 0;
    }

    /// <summary>A MAC address from /etc/ethers, or null.</summary>
    public static byte[]? EtherHost(string name)
    {
        foreach (var line in ReadLines("/etc/ethers"))
        {
            var f = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 2 && f[1] == name)
            {
                var bytes = f[0].Split(':');
                if (bytes.Length == 6)
                    return bytes.Select(b => Convert.ToByte(b, 16)).ToArray();
            }
        }
        return null;
    }

    /// <summary>An IP protocol number by name (<c>getprotobyname</c>).</summary>
    public static int? IpProtocol(string name) => Protocols.Value.TryGetValue(name, out int v) ? v : null;

    /// <summary>An EtherType by libpcap's built-in name table.</summary>
    public static int? EtherProtocol(string name) => name switch
    {
        "aarp" => 0x80f3, "arp" => 0x0806, "atalk" => 0x809b, "decnet" => 0x6003, "ip" => 0x0800, "ip6" => 0x86dd,
        "lat" => 0x6004, "loopback" => 0x9000, "mopdl" => 0x6001, "moprc" => 0x6002, "rarp" => 0x8035, "sca" => 0x6007,
        _ => null,
    };

    /// <summary>An LLC SAP by libpcap's built-in name table.</summary>
    public static int? LlcProtocol(string name) => name switch
    {
        "iso" => 0xfe, "stp" => 0x42, "ipx" => 0xe0, "netbeui" => 0xf0, _ => null,
    };

    /// <summary>
    /// A port by service name or number: tcp and udp entries with the same number give an undefined protocol
    /// (match tcp, udp and sctp), as <c>pcap_nametoport</c> does.
    /// </summary>
    public static bool TryPort(string name, out int port, out uint proto)
    {
        port = 0;
        proto = ProtocolUndefined;
        if (name.Length > 0 && name.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(name, out port) || port > 65535)
                return false;
            return true;
        }
        int tcp = Services.Value.TryGetValue((name, "tcp"), out int t) ? t : -1;
        int udp = Services.Value.TryGetValue((name, "udp"), out int u) ? u : -1;
        if (tcp >= 0)
        {
            port = tcp;
            proto = udp == tcp ? ProtocolUndefined : 6;
            return true;
        }
        if (udp >= 0)
        {
            port = udp;
            proto = 17;
            return true;
        }
        return false;
    }

    /// <summary>A port range <c>low-high</c> by numbers or service names, as <c>pcap_nametoportrange</c> reads it.</summary>
    public static bool TryPortRange(string name, out int port1, out int port2, out uint proto)
    {
        port1 = port2 = 0;
        proto = ProtocolUndefined;
        var m = RangePattern().Match(name);
        if (m.Success && int.TryParse(m.Groups[1].Value, out port1) && int.TryParse(m.Groups[2].Value, out port2))
            return true;
        int dash = name.IndexOf('-');
        if (dash < 0)
            return false;
        if (!TryPort(name[..dash], out port1, out uint p1))
            return false;
        if (!TryPort(name[(dash + 1)..], out port2, out uint p2))
            return false;
        proto = p1 == p2 ? p2 : ProtocolUndefined;
        return true;
    }

    [GeneratedRegex(@"^\s*([+-]?\d+)-\s*([+-]?\d+)")]
    private static partial Regex RangePattern();

    private static IEnumerable<string> ReadLines(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException)
        {
            yield break;
        }
        catch (UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var raw in lines)
        {
            int hash = raw.IndexOf('#');
            var line = hash >= 0 ? raw[..hash] : raw;
            if (!string.IsNullOrWhiteSpace(line))
                yield return line;
        }
    }

    private static Dictionary<(string, string), int> LoadServices()
    {
        var d = new Dictionary<(string, string), int>();
        bool any = false;
        foreach (var line in ReadLines("/etc/services"))
        {
            var f = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 2)
                continue;
            var pp = f[1].Split('/');
            if (pp.Length != 2 || !int.TryParse(pp[0], out int port))
                continue;
            any = true;
            foreach (var n in f.Take(1).Concat(f.Skip(2)))
                d.TryAdd((n, pp[1]), port);
        }
        if (!any)
        {
            foreach (var (n, p, proto) in BuiltInServices)
                d.TryAdd((n, proto), p);
        }
        return d;
    }

    private static readonly (string, int, string)[] BuiltInServices =
    [
        ("ftp-data", 20, "tcp"), ("ftp", 21, "tcp"), ("ssh", 22, "tcp"), ("telnet", 23, "tcp"), ("smtp", 25, "tcp"),
        ("domain", 53, "tcp"), ("domain", 53, "udp"), ("bootps", 67, "udp"), ("bootpc", 68, "udp"), ("tftp", 69, "udp"),
        ("http", 80, "tcp"), ("pop3", 110, "tcp"), ("ntp", 123, "udp"), ("imap2", 143, "tcp"), ("snmp", 161, "udp"),
        ("https", 443, "tcp"), ("syslog", 514, "udp"),
    ];

    private static Dictionary<string, int> LoadProtocols()
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in ReadLines("/etc/protocols"))
        {
            var f = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 2 || !int.TryParse(f[1], out int n))
                continue;
            d.TryAdd(f[0], n);
            foreach (var alias in f.Skip(2))
                d.TryAdd(alias, n);
        }
        if (d.Count == 0)
        {
            foreach (var (name, n) in new[] { ("ip", 0), ("icmp", 1), ("igmp", 2), ("tcp", 6), ("udp", 17), ("ipv6", 41),
                         ("ipv6-frag", 44), ("gre", 47), ("esp", 50), ("ah", 51), ("ipv6-icmp", 58), ("pim", 103),
                         ("vrrp", 112), ("sctp", 132) })
                d.TryAdd(name, n);
        }
        return d;
    }
}
