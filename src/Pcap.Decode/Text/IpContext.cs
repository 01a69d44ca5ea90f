namespace Pcap.Decode.Text;

/// <summary>What a transport printer needs to know about the IP datagram around it.</summary>
internal readonly ref struct IpContext
{
    public IpContext(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, bool isIpv6, bool fragmented, ReadOnlySpan<byte> ipHeader,
        bool endpointAddresses = true, ReadOnlySpan<byte> checksumDestination = default)
    {
        Source = source;
        Destination = destination;
        IsIpv6 = isIpv6;
        Fragmented = fragmented;
        IpHeader = ipHeader;
        EndpointAddresses = endpointAddresses;
        ChecksumDestination = checksumDestination.IsEmpty ? destination : checksumDestination;
    }

    /// <summary>False after IPv6 extension headers: tcpdump then prints only the ports of TCP and UDP.</summary>
    public bool EndpointAddresses { get; }

    /// <summary>The destination of the checksum pseudo-header (an IPv6 routing header's final hop).</summary>
    public ReadOnlySpan<byte> ChecksumDestination { get; }

    public ReadOnlySpan<byte> Source { get; }
    public ReadOnlySpan<byte> Destination { get; }
    public bool IsIpv6 { get; }
    public bool Fragmented { get; }
    public ReadOnlySpan<byte> IpHeader { get; }
}
