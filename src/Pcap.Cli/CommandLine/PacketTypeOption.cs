namespace Pcap.Cli.CommandLine;

/// <summary>
/// <c>-T TYPE</c>: tcpdump forces packets selected by the filter to be read as TYPE. The types pcapcore decodes (domain,
/// vxlan, tftp, snmp, radius) are honoured; the others are refused with a reason, and an unknown one in tcpdump's words.
/// </summary>
internal static class PacketTypeOption
{
    // tcpdump 4.99.3's list (its -T case, matched with ascii_strcasecmp); quic came later.
    private static readonly string[] TcpdumpTypes =
    [
        "aodv", "carp", "cnfp", "domain", "lmp", "pgm", "pgm_zmtp1", "ptp", "radius", "resp", "rpc", "rtcp", "rtp",
        "snmp", "someip", "tftp", "vat", "vxlan", "wb", "zmtp1",
    ];

    /// <summary>The protocol <c>-T <paramref name="type"/></c> forces, or null when pcapcore cannot honour it.</summary>
    public static Pcap.Decode.Application.ApplicationProtocol? Forced(string type) => type.ToLowerInvariant() switch
    {
        "domain" => Pcap.Decode.Application.ApplicationProtocol.Dns,
        "vxlan" => Pcap.Decode.Application.ApplicationProtocol.Vxlan,
        "tftp" => Pcap.Decode.Application.ApplicationProtocol.Tftp,
        "snmp" => Pcap.Decode.Application.ApplicationProtocol.Snmp,
        "radius" => Pcap.Decode.Application.ApplicationProtocol.Radius,
        _ => null,
    };

    /// <summary>The message that refuses <c>-T <paramref name="type"/></c>.</summary>
    public static string Refusal(string type) =>
        TcpdumpTypes.Contains(type, StringComparer.OrdinalIgnoreCase)
            ? $"-T {type}: pcapcore does not decode {type} packets, so it cannot print them as such"
            : $"unknown packet type `{type}'";
}
