using Pcap.Filter;

namespace Pcap.Testing;

/// <summary>
/// pcap_open_dead takes a DLT_ value, not a LINKTYPE_ value. They are equal for every link type here except RAW:
/// LINKTYPE_RAW is 101 in files but DLT_RAW is 12 on Linux, and libpcap refuses 101 ("unknown data link type 101").
/// </summary>
public static class LibPcapLinkType
{
    private const int DltRawOnLinux = 12;

    /// <summary>The DLT_ number libpcap's pcap_open_dead expects for <paramref name="linkType"/>.</summary>
    public static int DataLinkTypeOf(LinkType linkType) => linkType == LinkType.Raw ? DltRawOnLinux : (int)linkType;
}
