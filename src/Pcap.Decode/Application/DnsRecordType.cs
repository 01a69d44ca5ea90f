namespace Pcap.Decode.Application;

/// <summary>DNS resource record types (IANA "Resource Record (RR) TYPEs"): the numbers a printer or reader switches on, and tcpdump's names.</summary>
public static class DnsRecordType
{
    /// <summary>IPv4 address.</summary>
    public const int A = 1;
    /// <summary>Authoritative name server.</summary>
    public const int Ns = 2;
    /// <summary>Canonical name.</summary>
    public const int Cname = 5;
    /// <summary>Start of authority.</summary>
    public const int Soa = 6;
    /// <summary>Domain name pointer.</summary>
    public const int Ptr = 12;
    /// <summary>Mail exchange.</summary>
    public const int Mx = 15;
    /// <summary>Text strings.</summary>
    public const int Txt = 16;
    /// <summary>IPv6 address.</summary>
    public const int Aaaa = 28;
    /// <summary>Server selection.</summary>
    public const int Srv = 33;
    /// <summary>IPv6 address with a prefix name (RFC 2874, historic).</summary>
    public const int A6 = 38;
    /// <summary>Subtree redirection.</summary>
    public const int Dname = 39;
    /// <summary>The EDNS pseudo-record (RFC 6891).</summary>
    public const int Opt = 41;
    /// <summary>"Unspecified ASCII": one long string.</summary>
    public const int UnspecifiedAscii = 104;
    /// <summary>Transaction signature.</summary>
    public const int Tsig = 250;
    /// <summary>Uniform resource identifier.</summary>
    public const int Uri = 256;

    /// <summary>tcpdump's name for <paramref name="type"/>, or null when it prints <c>TypeN</c>.</summary>
    public static string? Name(int type) => type switch
    {
        1 => "A",
        2 => "NS",
        3 => "MD",
        4 => "MF",
        5 => "CNAME",
        6 => "SOA",
        7 => "MB",
        8 => "MG",
        9 => "MR",
        10 => "NULL",
        11 => "WKS",
        12 => "PTR",
        13 => "HINFO",
        14 => "MINFO",
        15 => "MX",
        16 => "TXT",
        17 => "RP",
        18 => "AFSDB",
        19 => "X25",
        20 => "ISDN",
        21 => "RT",
        22 => "NSAP",
        23 => "NSAP_PTR",
        24 => "SIG",
        25 => "KEY",
        26 => "PX",
        27 => "GPOS",
        28 => "AAAA",
        29 => "LOC",
        30 => "NXT",
        31 => "EID",
        32 => "NIMLOC",
        33 => "SRV",
        34 => "ATMA",
        35 => "NAPTR",
        36 => "KX",
        37 => "CERT",
        38 => "A6",
        39 => "DNAME",
        40 => "SINK",
        41 => "OPT",
        42 => "APL",
        43 => "DS",
        44 => "SSHFP",
        45 => "IPSECKEY",
        46 => "RRSIG",
        47 => "NSEC",
        48 => "DNSKEY",
        99 => "SPF",
        100 => "UINFO",
        101 => "UID",
        102 => "GID",
        103 => "UNSPEC",
        104 => "UNSPECA",
        249 => "TKEY",
        250 => "TSIG",
        251 => "IXFR",
        252 => "AXFR",
        253 => "MAILB",
        254 => "MAILA",
        255 => "ANY",
        256 => "URI",
        _ => null,
    };
}
