namespace Pcap.Cli.CommandLine;

/// <summary>
/// <c>-T TYPE</c>: tcpdump forces packets selected by the filter to be read as TYPE. Every type it knows is an
/// application protocol pcapcore does not decode, so each is refused with a reason; an unknown one in tcpdump's words.
/// </summary>
internal static class PacketTypeOption
{
    // tcpdump 4.99.3's list (its -T case, matched with ascii_strcasecmp); quic came later.
    private static readonly string[] TcpdumpTypes =
    [
        "aodv", "carp", "cnfp", "domain", "lmp", "pgm", "pgm_zmtp1", "ptp", "radius", "resp", "rpc", "rtcp", "rtp",
        "snmp", "someip", "tftp", "vat", "vxlan", "wb", "zmtp1",
    ];

    /// <summary>The message that refuses <c>-T <paramref name="type"/></c>.</summary>
    public static string Refusal(string type) =>
        TcpdumpTypes.Contains(type, StringComparer.OrdinalIgnoreCase)
            ? $"-T {type}: pcapcore does not decode {type} packets, so it cannot print them as such"
            : $"unknown packet type `{type}'";
}
