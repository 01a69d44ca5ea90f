namespace Pcap.Decode.Files;

/// <summary>Sizes a reader refuses before allocating anything, so a corrupt length cannot exhaust memory (libpcap 1.10's limits).</summary>
public static class CaptureLimits
{
    /// <summary>
    /// The largest captured length any link type allows: 128 MiB, libpcap's maximum for D-Bus. Every other link type
    /// is capped lower (libpcap's max_snaplen_for_dlt: 262,144 bytes for most).
    /// </summary>
    public const int MaxPacketLength = 128 * 1024 * 1024;

    /// <summary>The largest pcapng block libpcap reads before any interface asks for more: 16 MiB.</summary>
    public const int InitialMaxBlockLength = 16 * 1024 * 1024;

    /// <summary>tcpdump's default snapshot length (and the one it writes into files): 262144 bytes.</summary>
    public const uint DefaultSnapLength = 262144;

    /// <summary>
    /// The largest pcapng block libpcap accepts once an interface of <paramref name="linkType"/> is described: an
    /// enhanced packet block with a maximal packet and 128 KiB of options (libpcap's MAX_BLOCKSIZE_FOR_SNAPLEN).
    /// </summary>
    /// <param name="linkType">The LINKTYPE_ number of the interface.</param>
    public static int MaxBlockLengthFor(LinkType linkType) => (int)LinkTypeNames.MaxSnapLength(linkType) + 131072 + 8 + 20 + 4;
}
