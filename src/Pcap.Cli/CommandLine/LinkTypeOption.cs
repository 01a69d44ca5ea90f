using Pcap.Decode.Files;
using Pcap.Wire;

namespace Pcap.Cli.CommandLine;

/// <summary>
/// <c>-y TYPE</c>: a DLT name as libpcap's pcap_datalink_name_to_val reads it (case-insensitive, without the <c>DLT_</c>
/// prefix), checked when the command line is parsed, as tcpdump checks it.
/// </summary>
internal static class LinkTypeOption
{
    // LINKTYPE_ numbers above this are not DLTs libpcap 1.10 names.
    private const uint Highest = 300;

    /// <summary>The canonical DLT name for <paramref name="name"/>.</summary>
    /// <exception cref="CliUsageException">libpcap knows no such name (tcpdump's "invalid data link type NAME").</exception>
    public static string Canonical(string name)
    {
        for (uint linkType = 0; linkType <= Highest; linkType++)
        {
            if (LinkTypeNames.TryGetName(new LinkType(linkType), out string known, out _) && known.Equals(name, StringComparison.OrdinalIgnoreCase))
                return known;
        }
        throw new CliUsageException($"invalid data link type {name}");
    }

    /// <summary>The LINKTYPE_ number for a canonical name (RAW is DLT 12, written as LINKTYPE 101).</summary>
    public static LinkType FileLinkType(string canonical)
    {
        for (uint linkType = 0; linkType <= Highest; linkType++)
        {
            if (LinkTypeNames.TryGetName(new LinkType(linkType), out string known, out _) && known == canonical)
                return LinkTypeNames.ToFileLinkType(LinkTypeNames.ToDataLinkType(new LinkType(linkType)));
        }
        throw new CliUsageException($"invalid data link type {canonical}");
    }

    /// <summary>The compiler's link type for a canonical name.</summary>
    /// <exception cref="CliUsageException">A DLT libpcap knows but the compiler does not.</exception>
    public static LinkType ForFilter(string canonical)
    {
        var linkType = FileLinkType(canonical);
        if (!LinkType.Known.Contains(linkType))
            throw new CliUsageException(
                $"data link type {canonical} is not supported by pcapcore's filter compiler (EN10MB, LINUX_SLL, LINUX_SLL2, RAW, IPV4, IPV6, NULL and LOOP are)");
        return linkType;
    }
}
