namespace Pcap.Decode.Text;

/// <summary>
/// IP protocol names for printing without <c>-n</c>: tcpdump 4.99's <c>netdb_protoname</c> uses its own copy of the IANA
/// registry (with the traditional /etc/protocols spellings), not the machine's file, so this table is built in too.
/// </summary>
internal static class ProtocolNames
{
    private static readonly string?[] Names = Build();

    /// <summary>The name of <paramref name="protocol"/>, or null when the registry has no keyword for it.</summary>
    public static string? Find(byte protocol) => Names[protocol];

    private static string?[] Build()
    {
        var names = new string?[256];
        string[] first =
        [
            "hopopt", "icmp", "igmp", "ggp", "ipencap", "st", "tcp", "cbt", "egp", "igp", "bbn-rcc-mon", "nvp-ii", "pup", "argus", "emcon",
            "xnet", "chaos", "udp", "mux", "dcn-meas", "hmp", "prm", "xns-idp", "trunk-1", "trunk-2", "leaf-1", "leaf-2", "rdp", "irtp",
            "iso-tp4", "netblt", "mfe-nsp", "merit-inp", "dccp", "3pc", "idpr", "xtp", "ddp", "idpr-cmtp", "tp++", "il", "ipv6", "sdrp",
            "ipv6-route", "ipv6-frag", "idrp", "rsvp", "gre", "dsr", "bna", "esp", "ah", "i-nlsp", "swipe", "narp", "mobile", "tlsp",
            "skip", "ipv6-icmp", "ipv6-nonxt", "ipv6-opts", "", "cftp", "", "sat-expak", "kryptolan", "rvd", "ippc", "", "sat-mon",
            "visa", "ipcv", "cpnx", "rspf", "wsn", "pvp", "br-sat-mon", "sun-nd", "wb-mon", "wb-expak", "iso-ip", "vmtp", "secure-vmtp",
            "vines", "ttp", "nsfnet-igp", "dgp", "tcf", "eigrp", "ospf", "sprite-rpc", "larp", "mtp", "ax.25", "ipip", "micp", "scc-sp",
            "etherip", "encap", "", "gmtp", "ifmp", "pnni", "pim", "aris", "scps", "qnx", "a/n", "ipcomp", "snp", "compaq-peer",
            "ipx-in-ip", "vrrp", "pgm", "", "l2tp", "ddx", "iatp", "stp", "srp", "uti", "smp", "sm", "ptp", "isis", "fire", "crtp",
            "crudp", "sscopmce", "iplt", "sps", "pipe", "sctp", "fc", "rsvp-e2e-ignore", "mobility-header", "udplite", "mpls-in-ip",
            "manet", "hip", "shim6", "wesp", "rohc", "ethernet",
        ];
        for (var i = 0; i < first.Length; i++)
            names[i] = first[i].Length == 0 ? null : first[i];
        names[253] = "exptest-253";
        names[254] = "exptest-254";
        return names;
    }
}
