namespace Pcap.Filter.Tests.Compilation;

/// <summary>Seeded random sequences of pcap-filter tokens and random strings, mostly malformed, for parity and fuzz tests.</summary>
internal static class RandomTokenSequences
{
    private static readonly string[] Tokens =
    [
        "host", "net", "port", "portrange", "src", "dst", "ether", "ip", "ip6", "tcp", "udp", "icmp", "arp", "proto",
        "protochain", "and", "or", "not", "!", "&&", "||", "(", ")", "[", "]", ":", "+", "-", "*", "/", "%", "&", "|", "^",
        "<<", ">>", "=", "==", "!=", "<", ">", "<=", ">=", "1", "0", "80", "0x10", "010", "65536", "4294967295",
        "4294967296", "1.2.3.4", "10.0", "10.0.0.0", "8", "24", "::1", "fe80::1", "1:2:3:4:5:6", "foo", "\\tcp", "len",
        "less", "greater", "vlan", "mpls", "pppoes", "pppoed", "llc", "broadcast", "multicast", "gateway", "mask",
        "255.255.0.0", "inbound", "outbound", "ifindex", "tcpflags", "tcp-syn", "icmptype", "byte", "http", "1-2", "link",
        "decnet", "iso", "isis", "stp", "sctp", "atalk", "ah", "esp", "l1", "geneve", "radio", "rnr", "u", "i",
    ];

    public static IEnumerable<string> Generate(int seed, int count)
    {
        var r = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            int n = r.Next(1, 9);
            yield return string.Join(' ', Enumerable.Range(0, n).Select(_ => Tokens[r.Next(Tokens.Length)]));
        }
    }

    public static IEnumerable<string> RandomStrings(int seed, int count)
    {
        const string alphabet = "abcdefghipstx0123456789.:/-()[]!&|=<>+*%^ \\\t\"'$#@~";
        var r = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            int n = r.Next(0, 24);
            var chars = new char[n];
            for (int j = 0; j < n; j++)
                chars[j] = alphabet[r.Next(alphabet.Length)];
            yield return new string(chars);
        }
    }
}
