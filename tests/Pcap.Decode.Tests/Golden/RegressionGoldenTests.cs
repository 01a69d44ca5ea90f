namespace Pcap.Decode.Tests.Golden;

/// <summary>Frames that once printed differently from tcpdump (or threw), kept as regression cases against the live oracle.</summary>
public sealed class RegressionGoldenTests
{
    public static TheoryData<int, string, string> Frames() => new()
    {
        // ICMP datagram of 3 bytes: the checksum field lies past the IP length (fuzz found an exception here).
        { 1, "-n -e -vv", "0242AC11000272487E50ECEB080045B80017BE36400040017DFDCB00713DC0A801140400FF4600A900100008" },
        { 1, "-n -x", "0242AC11000272487E50ECEB080045B80017BE36400040017DFDCB00713DC0A801140400FF4600A900100008" },
        // Without -n, 127.0.0.1 resolves through /etc/hosts (localhost on every Linux machine), as tcpdump resolves it.
        { 101, "-t", "4500001c0000400040110000" + "7f0000017f000001" + "a028a41000080000" },
        // Quoted datagram whose total length (2) is shorter than the length field itself.
        { 276, "-n -v", "080000000001869F000103060242AC110001000045000038101940004001D286AC110002AC1100010C01498F090000004500000240E700004006E1E9AC110001" },
        // LOOP family written in host (little-endian) order: tcpdump reads NULL and LOOP alike, swapping when the upper half is set.
        { 108, "-n -e -v", "01000000" + "60000000000B114020010DB800000000000000000000000120010DB80001000000000000000010009CA19ECE000B" },
        { 108, "-n -v", "18000000" + "600000000000" + "3B4020010DB800000000000000000000000120010DB8000100000000000000001000" },
        { 108, "-n -v", "0000001E" + "600000000000" + "3B4020010DB800000000000000000000000120010DB8000100000000000000001000" },
        // IPv6 next header 59: tcpdump's "no next header", and no name for 59 in -v.
        { 1, "-n -v", "02000000000102000000000286DD6000000000093B4020010DB800000000000000000000000120010DB8000100000000000000001000302DBF8F618E999049" },
        { 1, "-n", "02000000000102000000000286DD6000000000093B4020010DB800000000000000000000000120010DB8000100000000000000001000302DBF8F618E999049" },
        { 101, "-n -v", "4500001C0001000040" + "3B" + "00000A010203C0A8070900000000" },
        // TCP options tcpdump names: md5 (its "can't check" text), tfo (cookie, request, invalid), echo/echoreply (6, 7), scps,
        // tcp-ao, unknown-27, and the mptcp subtypes (capable, join, dss, add-addr, rem-addr, prio, fail, fast-close, unknown).
        { 101, "-n -v", "4500004B000100004006A6F70A010203C0A807099C409C410000000100000002D0027FFF86BB00001312000102030405060708090A0B0C0D0E0F2206010203042202220501020301016162" },
        { 101, "-n -v", "45000046000100004006A6FC0A010203C0A807099C409C410000000100000002C0107FFF9F560000060601020304070605060708140401331D060102AABB1B040000FD040102" },
        { 101, "-n -v", "45000040000100004006A7020A010203C0A807099C409C410000000100000002B0027FFF69DC00001E0C018000010203040506071E0C10010000000500000006" },
        { 101, "-n -v", "45000045000100004006A6FD0A010203C0A807099C409C410000000100000002C0107FFF944F00001E082001000000091E0A30070A0000021F901E054003041E0451020101" },
        { 101, "-n -v", "45000044000100004006A6FE0A010203C0A807099C409C410000000100000002C0107FFFE94500001E0C600000000000000000071E0C700001020304050607081E049000" },
        // IPv4 options tcpdump has no name for: 133, 134, 136.
        { 101, "-n -v", "4800002D0001000040110FFB0A010203C0A807098504000086040000880401029C409C41000DAFCA68656C6C6F" },
        // TCP and UDP checksums verified against an LSRR/SSRR option's last hop (tcpdump's ip_finddst), and a source route
        // whose pointer byte is 0 (unsigned in tcpdump: a comma after every hop).
        { 101, "-n -v", "48000034000100004006F1A90A010203C0A80709830B04AC100001AC100009019C409C41000000010000000250027FFF3F410000" },
        { 101, "-n -vv", "47000027000100004011025D0A010203C0A80709890700AC100009009C409C41000B1CBF78797A" },
        { 101, "-n -vv", "47000027000100004011025D0A010203C0A80709890700AC100009009C409C41000B012778797A" },
        { 1, "-n -v", "02000000000102000000000208004B0000405E5100002306CE4E0A010203C0A8070901891304AC100301AC100002AC100303AC100104940431859C8F9EB26A038198F2382E6850124B3E63FD0000" },
        // NULL family 6: tcpdump's bsd_af_values names it NS.
        { 0, "-n -e", "06000000450000449F9E4000BB064C600A010203C0A807099D869F2A36F6C45C25B7E048A018649B55E300001E0F140B32C735F4F7ECA63E00ECBE0502100342834E35E7990E43EF" },
    };

    [Theory]
    [InlineData("-n")]
    [InlineData("-n -e")]
    [InlineData("-n -v")]
    [InlineData("-n -XX")]
    [InlineData("-n -e -q")]
    public void Seed_fixtures_print_as_tcpdump_prints_them(string flags)
    {
        byte[][] frames = [Fixtures.ArpRequest, Fixtures.IcmpEchoRequest, Fixtures.TcpSyn, Fixtures.VlanUdp, Fixtures.Icmpv6Echo];
        var differences = TcpdumpOracle.Compare(1, frames.Select(f => (f, f.Length)).ToList(), flags.Split(' '));
        Assert.True(differences.Count == 0, TcpdumpOracle.Describe(differences, 1, flags.Split(' ')));
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Frame_prints_as_tcpdump_prints_it(int linkType, string flags, string hex)
    {
        var data = Convert.FromHexString(hex);
        var differences = TcpdumpOracle.Compare(linkType, [(data, data.Length)], flags.Split(' '));
        Assert.True(differences.Count == 0, TcpdumpOracle.Describe(differences, linkType, flags.Split(' ')));
    }
}
