using Pcap.Decode.Files;

namespace Pcap.Decode.Text;

/// <summary>
/// The link types tcpdump 4.99.3 has a printer for on Linux (print.c's <c>printers[]</c>, DLT values from libpcap
/// 1.10's dlt.h). For any other link type tcpdump prints <c>UNSUPPORTED</c> and the whole packet in hex and ASCII.
/// </summary>
internal static class TcpdumpLinkPrinters
{
    private static readonly HashSet<uint> DataLinkTypes =
    [
        0, 1, 6, 7, 8, 9, 10, 11, 12, 15, 16, 19, 50, 51, 99, 104, 105, 107, 108, 109, 112, 113, 114, 117, 119, 122, 123,
        127, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 163, 164, 166, 167, 168, 178, 179, 180, 181, 182, 189, 192,
        195, 201, 220, 226, 228, 229, 230, 239, 240, 241, 242, 258, 271, 276, 281, 282, 283, 284, 285,
    ];

    /// <summary>True when tcpdump has a printer for the LINKTYPE_ <paramref name="linkType"/>.</summary>
    public static bool Exists(LinkType linkType) => DataLinkTypes.Contains(LinkTypeNames.ToDataLinkType(linkType));
}
