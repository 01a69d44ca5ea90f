namespace Pcap.Benchmarks.Decoding;

/// <summary>A fixed mix of Ethernet frames as the seed's reader sees them: ARP, ping, TCP with options and data, UDP, VLAN, ICMPv6.</summary>
internal static class DecodingCorpus
{
    /// <summary>The frames (hex from real captures between namespaces and from the golden generator).</summary>
    public static readonly byte[][] Frames =
    [
        // ARP, Request who-has 172.17.0.2 tell 172.17.0.1, length 28
        Convert.FromHexString("ffffffffffff0242ac11000108060001080006040001" + "0242ac110001ac110001" + "000000000000ac110002"),
        // ARP, Reply 172.17.0.2 is-at 02:42:ac:11:00:02, length 28
        Convert.FromHexString("0242ac1100010242ac11000208060001080006040002" + "0242ac110002ac110002" + "0242ac110001ac110001"),
        // IP 172.17.0.2 > 172.17.0.1: ICMP echo request, id 66, seq 1, length 64
        Convert.FromHexString("0242ac1100010242ac110002080045000054a6f140004001" + "3b8aac110002ac110001" + "0800e1c400420001" + new string('a', 112)),
        // IP 10.0.0.1.40000 > 10.0.0.2.45000: Flags [S], seq ..., win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0
        Convert.FromHexString("0242ac1100010242ac11000208004500003c1c4640004006" + "0a6a0a0000010a000002" + "9c40afc81234567800000000a002faf0fe300000" + "020405b40402080a0000000100000000" + "01030307"),
        // IP 10.0.0.2.45000 > 10.0.0.1.40000: Flags [P.], seq 1:101, ack 1, win 502, length 100
        Convert.FromHexString("0242ac1100020242ac1100010800450000981c4740004006" + "0a0d0a0000020a000001" + "afc89c40aaaaaaab1234567950180 1f6".Replace(" ", "", StringComparison.Ordinal) + "00000000" + new string('b', 200)),
        // IP 10.0.0.1.41000 > 10.0.0.2.42000: UDP, length 20
        Convert.FromHexString("0242ac1100020242ac1100010800450000301c4840004011" + "0a2e0a0000010a000002" + "a028a410001c0000" + new string('c', 40)),
        // 802.1Q vlan 100 carrying IP/UDP
        Convert.FromHexString("0242ac1100020242ac110001810000640800450000301c4840004011" + "0a2e0a0000010a000002" + "a028a410001c0000" + new string('d', 40)),
        // IP6 fe80::1 > fe80::2: ICMP6, echo request, id 7, seq 1, length 16
        Convert.FromHexString("0242ac1100020242ac11000186dd6000000000103a40" + "fe800000000000000000000000000001" + "fe800000000000000000000000000002" + "80000000000700010102030405060708"),
    ];
}
