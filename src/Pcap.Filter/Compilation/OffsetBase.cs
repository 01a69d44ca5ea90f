namespace Pcap.Filter.Compilation;

/// <summary>What a load offset is relative to (libpcap's <c>e_offrel</c>).</summary>
internal enum OffsetBase
{
    Packet, LinkHeader, PreviousLinkHeader, Llc, PreviousMplsHeader, LinkTypeField, LinkPayload, LinkPayloadNoSnap,
    TransportIpv4, TransportIpv6,
}
