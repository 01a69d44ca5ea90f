using Pcap.Filter.Ast;
using Superpower.Model;

namespace Pcap.Filter.Parsing;

/// <summary>The reserved words of pcap-filter and the named constants (<c>tcpflags</c>, <c>icmp-echo</c>, ...).</summary>
internal static class FilterKeywords
{
    internal readonly record struct Keyword(FilterTokenKind Kind, KeywordRole Role, int Value);

    // Looked up by span, for every word and number the tokenizer and the parsers read: an open-addressing table hashed on
    // the length and three characters, which costs less than a dictionary hashing the whole span through its comparer.
    private const int TableBits = 10;
    private static readonly (string? Word, Keyword Keyword)[] Table = BuildTable(Build(), out MaxLength);
    private static readonly int MaxLength;

    private static int Slot(ReadOnlySpan<char> word)
    {
        uint h = (uint)word.Length | (uint)word[0] << 8 | (uint)word[^1] << 16 | (uint)word[word.Length / 2] << 24;
        return (int)((h * 0x9E3779B1u) >> (32 - TableBits));
    }

    public static bool TryGet(ReadOnlySpan<char> word, out Keyword keyword)
    {
        if (word.Length > 0 && word.Length <= MaxLength)
        {
            for (int slot = Slot(word); Table[slot].Word is { } candidate; slot = (slot + 1) & ((1 << TableBits) - 1))
            {
                if (word.SequenceEqual(candidate))
                {
                    keyword = Table[slot].Keyword;
                    return true;
                }
            }
        }
        keyword = default;
        return false;
    }

    private static (string? Word, Keyword Keyword)[] BuildTable(Dictionary<string, Keyword> words, out int maxLength)
    {
        var table = new (string? Word, Keyword Keyword)[1 << TableBits];
        maxLength = 0;
        foreach (var (word, keyword) in words)
        {
            int slot = Slot(word);
            while (table[slot].Word is not null)
                slot = (slot + 1) & (table.Length - 1);
            table[slot] = (word, keyword);
            maxLength = Math.Max(maxLength, word.Length);
        }
        return table;
    }

    /// <summary>The keyword <paramref name="token"/> spells, if any.</summary>
    public static bool TryGet(Token<FilterTokenKind> token, out Keyword keyword) => TryGet(TextOf(token), out keyword);

    /// <summary>The characters of <paramref name="token"/>, without allocating a string.</summary>
    public static ReadOnlySpan<char> TextOf(Token<FilterTokenKind> token) =>
        token.Span.Source.AsSpan(token.Span.Position.Absolute, token.Span.Length);

    private static Dictionary<string, Keyword> Build()
    {
        var d = new Dictionary<string, Keyword>(StringComparer.Ordinal);
        void P(ProtoQualifier p, params string[] names)
        {
            foreach (var n in names)
                d[n] = new(FilterTokenKind.Keyword, KeywordRole.Protocol, (int)p);
        }
        void K(KeywordRole role, int value, params string[] names)
        {
            foreach (var n in names)
                d[n] = new(FilterTokenKind.Keyword, role, value);
        }
        void N(uint value, params string[] names)
        {
            foreach (var n in names)
                d[n] = new(FilterTokenKind.Number, KeywordRole.NamedNumber, (int)value);
        }

        P(ProtoQualifier.Link, "link", "ether", "ppp", "slip", "fddi", "tr", "wlan");
        P(ProtoQualifier.Arp, "arp"); P(ProtoQualifier.Rarp, "rarp"); P(ProtoQualifier.Ip, "ip");
        P(ProtoQualifier.Sctp, "sctp"); P(ProtoQualifier.Tcp, "tcp"); P(ProtoQualifier.Udp, "udp");
        P(ProtoQualifier.Icmp, "icmp"); P(ProtoQualifier.Igmp, "igmp"); P(ProtoQualifier.Igrp, "igrp");
        P(ProtoQualifier.Pim, "pim"); P(ProtoQualifier.Vrrp, "vrrp"); P(ProtoQualifier.Carp, "carp");
        P(ProtoQualifier.Radio, "radio"); P(ProtoQualifier.Ipv6, "ip6"); P(ProtoQualifier.Icmpv6, "icmp6");
        P(ProtoQualifier.Ah, "ah"); P(ProtoQualifier.Esp, "esp"); P(ProtoQualifier.Atalk, "atalk");
        P(ProtoQualifier.Aarp, "aarp"); P(ProtoQualifier.Decnet, "decnet"); P(ProtoQualifier.Lat, "lat");
        P(ProtoQualifier.Sca, "sca"); P(ProtoQualifier.Moprc, "moprc"); P(ProtoQualifier.Mopdl, "mopdl");
        P(ProtoQualifier.Iso, "iso"); P(ProtoQualifier.Esis, "esis", "es-is"); P(ProtoQualifier.Isis, "isis", "is-is");
        P(ProtoQualifier.IsisL1, "l1"); P(ProtoQualifier.IsisL2, "l2"); P(ProtoQualifier.IsisIih, "iih");
        P(ProtoQualifier.IsisLsp, "lsp"); P(ProtoQualifier.IsisSnp, "snp"); P(ProtoQualifier.IsisCsnp, "csnp");
        P(ProtoQualifier.IsisPsnp, "psnp"); P(ProtoQualifier.Clnp, "clnp"); P(ProtoQualifier.Stp, "stp");
        P(ProtoQualifier.Ipx, "ipx"); P(ProtoQualifier.Netbeui, "netbeui");

        K(KeywordRole.Direction, (int)DirectionQualifier.Src, "src");
        K(KeywordRole.Direction, (int)DirectionQualifier.Dst, "dst");
        K(KeywordRole.Direction, (int)DirectionQualifier.Addr1, "addr1", "address1");
        K(KeywordRole.Direction, (int)DirectionQualifier.Addr2, "addr2", "address2");
        K(KeywordRole.Direction, (int)DirectionQualifier.Addr3, "addr3", "address3");
        K(KeywordRole.Direction, (int)DirectionQualifier.Addr4, "addr4", "address4");
        K(KeywordRole.Direction, (int)DirectionQualifier.Ra, "ra");
        K(KeywordRole.Direction, (int)DirectionQualifier.Ta, "ta");
        K(KeywordRole.AddressType, (int)AddressQualifier.Host, "host");
        K(KeywordRole.AddressType, (int)AddressQualifier.Net, "net");
        K(KeywordRole.AddressType, (int)AddressQualifier.Port, "port");
        K(KeywordRole.AddressType, (int)AddressQualifier.Portrange, "portrange");
        K(KeywordRole.Gateway, 0, "gateway");
        K(KeywordRole.Proto, 0, "proto");
        K(KeywordRole.Protochain, 0, "protochain");
        K(KeywordRole.Less, 0, "less"); K(KeywordRole.Greater, 0, "greater"); K(KeywordRole.Byte, 0, "byte");
        K(KeywordRole.Broadcast, 0, "broadcast"); K(KeywordRole.Multicast, 0, "multicast");
        K(KeywordRole.Len, 0, "len", "length");
        K(KeywordRole.Inbound, 0, "inbound"); K(KeywordRole.Outbound, 0, "outbound"); K(KeywordRole.IfIndex, 0, "ifindex");
        K(KeywordRole.Vlan, 0, "vlan"); K(KeywordRole.Mpls, 0, "mpls"); K(KeywordRole.Pppoed, 0, "pppoed");
        K(KeywordRole.Pppoes, 0, "pppoes"); K(KeywordRole.Geneve, 0, "geneve"); K(KeywordRole.Llc, 0, "llc");
        d["mask"] = new(FilterTokenKind.Keyword, KeywordRole.Unsupported, 1);
        d["and"] = new(FilterTokenKind.And, KeywordRole.Logical, 0);
        d["or"] = new(FilterTokenKind.Or, KeywordRole.Logical, 0);
        d["not"] = new(FilterTokenKind.Not, KeywordRole.Logical, 0);
        K(KeywordRole.Unsupported, 0, "lane", "metac", "bcc", "oam", "oamf4", "oamf4ec", "oamf4sc", "sc", "ilmic", "vpi",
            "vci", "connectmsg", "metaconnect", "on", "ifname", "rnr", "rulenum", "reason", "rset", "ruleset", "srnr",
            "subrulenum", "action", "fisu", "lssu", "lsu", "msu", "sio", "opc", "dpc", "sls", "hfisu", "hlssu", "hmsu",
            "hsio", "hopc", "hdpc", "hsls", "type", "subtype", "direction", "dir");

        N(0, "icmptype"); N(1, "icmpcode");
        N(0, "icmp-echoreply"); N(3, "icmp-unreach"); N(4, "icmp-sourcequench"); N(5, "icmp-redirect"); N(8, "icmp-echo");
        N(9, "icmp-routeradvert"); N(10, "icmp-routersolicit"); N(11, "icmp-timxceed"); N(12, "icmp-paramprob");
        N(13, "icmp-tstamp"); N(14, "icmp-tstampreply"); N(15, "icmp-ireq"); N(16, "icmp-ireqreply");
        N(17, "icmp-maskreq"); N(18, "icmp-maskreply");
        N(0, "icmp6type"); N(1, "icmp6code");
        N(1, "icmp6-destinationunreach"); N(2, "icmp6-packettoobig"); N(3, "icmp6-timeexceeded");
        N(4, "icmp6-parameterproblem"); N(128, "icmp6-echo"); N(129, "icmp6-echoreply");
        N(130, "icmp6-multicastlistenerquery"); N(131, "icmp6-multicastlistenerreportv1");
        N(132, "icmp6-multicastlistenerdone"); N(133, "icmp6-routersolicit"); N(134, "icmp6-routeradvert");
        N(135, "icmp6-neighborsolicit"); N(136, "icmp6-neighboradvert"); N(137, "icmp6-redirect");
        N(138, "icmp6-routerrenum"); N(139, "icmp6-nodeinformationquery"); N(140, "icmp6-nodeinformationresponse");
        N(141, "icmp6-ineighbordiscoverysolicit"); N(142, "icmp6-ineighbordiscoveryadvert");
        N(143, "icmp6-multicastlistenerreportv2"); N(144, "icmp6-homeagentdiscoveryrequest");
        N(145, "icmp6-homeagentdiscoveryreply"); N(146, "icmp6-mobileprefixsolicit"); N(147, "icmp6-mobileprefixadvert");
        N(148, "icmp6-certpathsolicit"); N(149, "icmp6-certpathadvert"); N(151, "icmp6-multicastrouteradvert");
        N(152, "icmp6-multicastroutersolicit"); N(153, "icmp6-multicastrouterterm");
        N(13, "tcpflags"); N(1, "tcp-fin"); N(2, "tcp-syn"); N(4, "tcp-rst"); N(8, "tcp-push"); N(16, "tcp-ack");
        N(32, "tcp-urg"); N(64, "tcp-ece"); N(128, "tcp-cwr");
        return d;
    }
}
