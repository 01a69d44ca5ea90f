using Pcap.Filter;

namespace Pcap.Conformance.Tests;

/// <summary>
/// pcap_open_dead takes a DLT_ value, not a LINKTYPE_ value. They are equal for every link type here except RAW:
/// LINKTYPE_RAW is 101 in files but DLT_RAW is 12 on Linux, and libpcap refuses 101 ("unknown data link type 101").
/// </summary>
internal static class LibPcapLinkType
{
    private const int DltRawOnLinux = 12;

    public static int DataLinkTypeOf(LinkType linkType) => linkType == LinkType.Raw ? DltRawOnLinux : (int)linkType;
}
