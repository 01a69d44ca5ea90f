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
}
