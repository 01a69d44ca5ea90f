using Pcap.Wire;
using Pcap.Decode.Tests.Golden;
using Xunit.Abstractions;

namespace Pcap.Decode.Tests.Application;

/// <summary>
/// Seeded captures of every application protocol (valid, mutated, noise and truncated payloads) on Ethernet, SLL, SLL2 and
/// RAW, printed by tcpdump 4.99 and by the formatter at each verbosity: every line must be identical.
/// </summary>
public sealed class ApplicationGoldenTests(ITestOutputHelper output)
{
    private const int PacketsPerProtocol = 150;

    private static readonly int[] LinkTypes = [1, 113, 276, 101];
    private static readonly string[] FlagSets = ["-n", "-n -v", "-n -vv", "-n -vvv", "-n -e", "-n -vv -X"];

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (var linkType in LinkTypes)
            foreach (var flags in FlagSets)
                data.Add(linkType, flags);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Formatter_prints_application_protocols_as_tcpdump_prints_them(int linkType, string flagText)
    {
        var random = new Random(70_000 + linkType * 100 + Array.IndexOf(FlagSets, flagText));
        var payloads = new ApplicationPayloads(random);
        var factory = new ApplicationFrameFactory(linkType, random);
        var frames = new List<(byte[] Data, int WireLength)>();
        var labels = new List<string>();
        foreach (var protocol in ApplicationPayloads.Protocols)
        {
            for (var i = 0; i < PacketsPerProtocol; i++)
            {
                frames.Add(factory.Wrap(payloads.Next(protocol)));
                labels.Add($"{protocol} {factory.Damage}");
            }
        }
        var flags = flagText.Split(' ');
        var differences = TcpdumpOracle.Compare(linkType, frames, flags);
        var differing = differences.Where(d => d.Index >= 0).Select(d => d.Index).ToHashSet();
        foreach (var protocol in ApplicationPayloads.Protocols)
        {
            var indexes = Enumerable.Range(0, frames.Count).Where(i => labels[i].StartsWith(protocol + " ", StringComparison.Ordinal)).ToList();
            output.WriteLine($"link type {linkType}, '{flagText}', {protocol}: {indexes.Count - indexes.Count(differing.Contains)}/{indexes.Count} identical");
            var formatter = new Pcap.Decode.Text.TcpdumpFormatter(TcpdumpOracle.OptionsFor(flags));
            foreach (var i in indexes.Where(i => labels[i].EndsWith(" valid", StringComparison.Ordinal)).Take(3))
                output.WriteLine("  " + formatter.Format((LinkType)linkType, 0, frames[i].Data, frames[i].WireLength).ToString());
        }
        Assert.True(differences.Count == 0, TcpdumpOracle.Describe(differences, linkType, flags)
            + string.Join("\n", differences.Take(3).Select(d => d.Index >= 0 ? labels[d.Index] : "")));
    }

    /// <summary>
    /// Geneve carrying Ethernet, nested 40 deep: past 32 levels, which a bridged Geneve level once used up twice of the
    /// shared bound of 64 (its own count and the inner Ethernet printer's); tcpdump prints every level.
    /// </summary>
    [Theory]
    [InlineData("-n")]
    [InlineData("-n -v")]
    public void Geneve_nested_40_deep_prints_as_tcpdump_prints_it(string flagText)
    {
        byte[] frame = [0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0x08, 0x06, 0, 1, 8, 0, 6, 4, 0, 1, 0x02, 0, 0, 0, 0, 1, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2];
        for (var i = 0; i < 40; i++)
        {
            var geneve = new Pcap.Testing.Packets.ByteWriter().U8(0).U8(0).U16(0x6558).U32((uint)i << 8).Bytes(frame);
            var udp = new Pcap.Testing.Packets.ByteWriter().U16(40000).U16(6081).U16(8 + geneve.Length).U16(0).Bytes(geneve.Written);
            var ip = new Pcap.Testing.Packets.ByteWriter().U8(0x45).U8(0).U16(20 + udp.Length).U16(0).U16(0).U8(64).U8(17).U16(0)
                .Bytes([10, 0, 0, 1]).Bytes([10, 0, 0, 2]).Bytes(udp.Written);
            frame = Pcap.Testing.Packets.EthernetFrameBuilder.Build([2, 0, 0, 0, 0, 3], [2, 0, 0, 0, 0, 4], 0x0800, ip.Written, pad: false);
        }
        var flags = flagText.Split(' ');
        var differences = TcpdumpOracle.Compare(1, [(frame, frame.Length)], flags);
        Assert.True(differences.Count == 0, TcpdumpOracle.Describe(differences, 1, flags));
    }
}
