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
