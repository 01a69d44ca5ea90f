using Pcap.Parquet.Columns;

namespace Pcap.Parquet.Rows;

/// <summary>
/// The columns of one row group, one buffer per column sized for the whole group: filled a packet at a time, written, then
/// cleared and reused, so memory stays the same however many packets pass. The names are the schema (see the README).
/// </summary>
internal sealed class PacketRowGroup
{
    private readonly List<PacketColumn> _columns = [];

    /// <summary>Buffers for <paramref name="capacity"/> rows, with the optional columns <paramref name="options"/> asks for.</summary>
    public PacketRowGroup(int capacity, PacketExportOptions options)
    {
        Capacity = capacity;
        TimestampNs = Add(new RequiredColumn<long>("frame_timestamp_ns", capacity));
        Number = Add(new RequiredColumn<long>("frame_number", capacity));
        InterfaceId = Add(new RequiredColumn<int>("frame_interface_id", capacity));
        LinkType = Add(new RequiredColumn<int>("frame_link_type", capacity));
        CapturedLength = Add(new RequiredColumn<int>("frame_captured_length", capacity));
        WireLength = Add(new RequiredColumn<long>("frame_wire_length", capacity));
        IfIndex = Add(new ValueColumn<int>("link_ifindex", capacity));
        PacketType = Add(new StringColumn("link_packet_type", capacity));
        EthSource = Add(new StringColumn("eth_src", capacity));
        EthDestination = Add(new StringColumn("eth_dst", capacity));
        EthType = Add(new ValueColumn<int>("eth_type", capacity));
        VlanId = Add(new ValueColumn<int>("vlan_id", capacity));
        VlanInnerId = Add(new ValueColumn<int>("vlan_inner_id", capacity));
        ArpOperation = Add(new ValueColumn<int>("arp_operation", capacity));
        ArpSenderIp = Add(new StringColumn("arp_sender_ip", capacity));
        ArpTargetIp = Add(new StringColumn("arp_target_ip", capacity));
        IpVersion = Add(new ValueColumn<int>("ip_version", capacity));
        IpSource = Add(new StringColumn("ip_src", capacity));
        IpDestination = Add(new StringColumn("ip_dst", capacity));
        IpProtocol = Add(new ValueColumn<int>("ip_proto", capacity));
        Ipv6Extensions = Add(new StringColumn("ip6_extensions", capacity));
        IpTtl = Add(new ValueColumn<int>("ip_ttl", capacity));
        IpLength = Add(new ValueColumn<int>("ip_length", capacity));
        IpId = Add(new ValueColumn<long>("ip_id", capacity));
        IpDontFragment = Add(new ValueColumn<bool>("ip_dont_fragment", capacity));
        IpMoreFragments = Add(new ValueColumn<bool>("ip_more_fragments", capacity));
        IpFragmentOffset = Add(new ValueColumn<int>("ip_fragment_offset", capacity));
        TcpSourcePort = Add(new ValueColumn<int>("tcp_src_port", capacity));
        TcpDestinationPort = Add(new ValueColumn<int>("tcp_dst_port", capacity));
        TcpFlags = Add(new ValueColumn<int>("tcp_flags", capacity));
        TcpSequence = Add(new ValueColumn<long>("tcp_seq", capacity));
        TcpAcknowledgement = Add(new ValueColumn<long>("tcp_ack", capacity));
        TcpWindow = Add(new ValueColumn<int>("tcp_window", capacity));
        UdpSourcePort = Add(new ValueColumn<int>("udp_src_port", capacity));
        UdpDestinationPort = Add(new ValueColumn<int>("udp_dst_port", capacity));
        UdpLength = Add(new ValueColumn<int>("udp_length", capacity));
        IcmpType = Add(new ValueColumn<int>("icmp_type", capacity));
        IcmpCode = Add(new ValueColumn<int>("icmp_code", capacity));
        Icmp6Type = Add(new ValueColumn<int>("icmp6_type", capacity));
        Icmp6Code = Add(new ValueColumn<int>("icmp6_code", capacity));
        AppProtocol = Add(new StringColumn("app_protocol", capacity));
        DnsId = Add(new ValueColumn<int>("dns_id", capacity));
        DnsResponse = Add(new ValueColumn<bool>("dns_response", capacity));
        DnsQuestion = Add(new StringColumn("dns_question", capacity));
        DnsQuestionType = Add(new ValueColumn<int>("dns_question_type", capacity));
        DnsResponseCode = Add(new ValueColumn<int>("dns_rcode", capacity));
        DnsAnswerCount = Add(new ValueColumn<int>("dns_answer_count", capacity));
        DnsAnswers = Add(new StringColumn("dns_answers", capacity));
        DhcpMessageType = Add(new ValueColumn<int>("dhcp_message_type", capacity));
        DhcpClientMac = Add(new StringColumn("dhcp_client_mac", capacity));
        DhcpClientIp = Add(new StringColumn("dhcp_client_ip", capacity));
        HttpMethod = Add(new StringColumn("http_method", capacity));
        HttpHost = Add(new StringColumn("http_host", capacity));
        HttpPath = Add(new StringColumn("http_path", capacity));
        HttpStatus = Add(new ValueColumn<int>("http_status", capacity));
        VxlanVni = Add(new ValueColumn<int>("vxlan_vni", capacity));
        DecodeError = Add(new StringColumn("decode_error", capacity));
        if (options.IncludeRawFrame)
            RawFrame = Add(new BinaryColumn("frame_raw", capacity));
        if (options.TcpdumpLine is not null)
            TcpdumpLine = Add(new StringColumn("tcpdump_line", capacity));
    }

    /// <summary>The most rows the group holds.</summary>
    public int Capacity { get; }

    /// <summary>The rows filled so far.</summary>
    public int Count { get; private set; }

    /// <summary>The columns in schema order.</summary>
    public IReadOnlyList<PacketColumn> Columns => _columns;

#pragma warning disable CS1591 // The column buffers: each is documented by its name in the schema (README).
    public RequiredColumn<long> TimestampNs { get; }
    public RequiredColumn<long> Number { get; }
    public RequiredColumn<int> InterfaceId { get; }
    public RequiredColumn<int> LinkType { get; }
    public RequiredColumn<int> CapturedLength { get; }
    public RequiredColumn<long> WireLength { get; }
    public ValueColumn<int> IfIndex { get; }
    public StringColumn PacketType { get; }
    public StringColumn EthSource { get; }
    public StringColumn EthDestination { get; }
    public ValueColumn<int> EthType { get; }
    public ValueColumn<int> VlanId { get; }
    public ValueColumn<int> VlanInnerId { get; }
    public ValueColumn<int> ArpOperation { get; }
    public StringColumn ArpSenderIp { get; }
    public StringColumn ArpTargetIp { get; }
    public ValueColumn<int> IpVersion { get; }
    public StringColumn IpSource { get; }
    public StringColumn IpDestination { get; }
    public ValueColumn<int> IpProtocol { get; }
    public StringColumn Ipv6Extensions { get; }
    public ValueColumn<int> IpTtl { get; }
    public ValueColumn<int> IpLength { get; }
    public ValueColumn<long> IpId { get; }
    public ValueColumn<bool> IpDontFragment { get; }
    public ValueColumn<bool> IpMoreFragments { get; }
    public ValueColumn<int> IpFragmentOffset { get; }
    public ValueColumn<int> TcpSourcePort { get; }
    public ValueColumn<int> TcpDestinationPort { get; }
    public ValueColumn<int> TcpFlags { get; }
    public ValueColumn<long> TcpSequence { get; }
    public ValueColumn<long> TcpAcknowledgement { get; }
    public ValueColumn<int> TcpWindow { get; }
    public ValueColumn<int> UdpSourcePort { get; }
    public ValueColumn<int> UdpDestinationPort { get; }
    public ValueColumn<int> UdpLength { get; }
    public ValueColumn<int> IcmpType { get; }
    public ValueColumn<int> IcmpCode { get; }
    public ValueColumn<int> Icmp6Type { get; }
    public ValueColumn<int> Icmp6Code { get; }
    public StringColumn AppProtocol { get; }
    public ValueColumn<int> DnsId { get; }
    public ValueColumn<bool> DnsResponse { get; }
    public StringColumn DnsQuestion { get; }
    public ValueColumn<int> DnsQuestionType { get; }
    public ValueColumn<int> DnsResponseCode { get; }
    public ValueColumn<int> DnsAnswerCount { get; }
    public StringColumn DnsAnswers { get; }
    public ValueColumn<int> DhcpMessageType { get; }
    public StringColumn DhcpClientMac { get; }
    public StringColumn DhcpClientIp { get; }
    public StringColumn HttpMethod { get; }
    public StringColumn HttpHost { get; }
    public StringColumn HttpPath { get; }
    public ValueColumn<int> HttpStatus { get; }
    public ValueColumn<int> VxlanVni { get; }
    public StringColumn DecodeError { get; }
    public BinaryColumn? RawFrame { get; }
    public StringColumn? TcpdumpLine { get; }
#pragma warning restore CS1591

    /// <summary>Claims the next row; the caller fills it.</summary>
    public int NextRow() => Count < Capacity ? Count++ : throw new InvalidOperationException("the row group is full");

    /// <summary>True when no row is left.</summary>
    public bool IsFull => Count == Capacity;

    /// <summary>Empties every column for the next group.</summary>
    public void Reset()
    {
        foreach (var column in _columns)
            column.Clear(Count);
        Count = 0;
    }

    private TColumn Add<TColumn>(TColumn column) where TColumn : PacketColumn
    {
        _columns.Add(column);
        return column;
    }
}
