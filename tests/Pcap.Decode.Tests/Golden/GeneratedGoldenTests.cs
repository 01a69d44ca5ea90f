using Xunit.Abstractions;

namespace Pcap.Decode.Tests.Golden;

/// <summary>
/// Seeded mixed captures for each link type, printed by tcpdump 4.99 and by the formatter with each of tcpdump's printing
/// flag sets: every line must be identical. Each link type and flag set gets its own seed, so every run prints packets no
/// other run prints, and every run carries every protocol family of the mix.
/// </summary>
public sealed class GeneratedGoldenTests(ITestOutputHelper output)
{
    /// <summary>Frames per link type and flag set.</summary>
    private const int PacketsPerRun = 1000;

    /// <summary>Ethernet, Linux SLL, SLL2, RAW, NULL and LOOP.</summary>
    private static readonly int[] LinkTypes = [1, 113, 276, 101, 0, 108];

    private static readonly string[] FlagSets =
    [
        "-n", "-n -e", "-n -q", "-n -e -q", "-n -v", "-n -e -v", "-n -t", "-n -tt", "-n -ttt", "-n -tttt", "-n -ttttt",
        "-n -x", "-n -xx", "-n -X", "-n -XX", "-n -tt --time-stamp-precision=nano", "-e", "-t",
    ];

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (var linkType in LinkTypes)
            foreach (var flags in FlagSets)
                data.Add(linkType, flags);
        return data;
    }

    /// <summary>The frames of one run: a seed of their own per link type and flag set.</summary>
    private static (List<(byte[] Data, int WireLength)> Frames, List<string> Families) Frames(int linkType, string flagText)
    {
        var factory = new MixedPacketFactory(linkType, seed: 50_000 + linkType * 100 + Array.IndexOf(FlagSets, flagText), extended: true);
        var frames = new List<(byte[] Data, int WireLength)>(PacketsPerRun);
        var families = new List<string>(PacketsPerRun);
        for (var i = 0; i < PacketsPerRun; i++)
        {
            frames.Add(factory.Next());
            families.Add(factory.Family);
        }
        return (frames, families);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Formatter_prints_what_tcpdump_prints(int linkType, string flagText)
    {
        var flags = flagText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (frames, families) = Frames(linkType, flagText);
        var differences = TcpdumpOracle.Compare(linkType, frames, flags, nanosecondFile: flagText.Contains("nano", StringComparison.Ordinal));
        var distinct = frames.Select(f => Convert.ToHexString(f.Data) + "/" + f.WireLength).Distinct().Count();
        output.WriteLine($"link type {linkType}, flags '{flagText}': {frames.Count} packets, {distinct} distinct, " +
                         $"{frames.Count - differences.Count} identical, {differences.Count} differ");
        output.WriteLine("  families: " + string.Join(", ", families.GroupBy(f => f).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        Assert.True(differences.Count == 0, TcpdumpOracle.Describe(differences, linkType, flags));
    }

    [Fact]
    public void Runs_cover_twenty_thousand_distinct_packets_and_every_family_under_every_flag_set()
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        var total = 0;
        // The families the mix builds on every link type, and those only framings with an EtherType carry.
        string[] everywhere =
        [
            "icmp", "icmp router", "udp", "tcp", "ip other", "icmp6", "icmp6 router solicitation", "icmp6 router advertisement",
            "icmp6 neighbor solicitation", "icmp6 neighbor advertisement", "icmp6 redirect", "icmp6 mld", "icmp6 mobile", "udp6", "tcp6",
        ];
        string[] etherTypeOnly = ["arp", "other ethertype", "llc"];
        var missing = new List<string>();
        foreach (var linkType in LinkTypes)
        {
            var perLink = new HashSet<string>(StringComparer.Ordinal);
            foreach (var flagText in FlagSets)
            {
                var (frames, families) = Frames(linkType, flagText);
                total += frames.Count;
                foreach (var (data, wire) in frames)
                {
                    var key = Convert.ToHexString(data) + "/" + wire;
                    all.Add(key);
                    perLink.Add(key);
                }
                var present = families.Select(f => f.StartsWith("ip6 ext ", StringComparison.Ordinal) ? f["ip6 ext ".Length..] : f).ToHashSet();
                var wanted = linkType is 1 or 113 or 276 ? everywhere.Concat(etherTypeOnly) : everywhere;
                missing.AddRange(wanted.Where(f => !present.Contains(f)).Select(f => $"{linkType} '{flagText}': {f}"));
                if (!families.Any(f => f.StartsWith("ip6 ext ", StringComparison.Ordinal)))
                    missing.Add($"{linkType} '{flagText}': ip6 ext");
            }
            output.WriteLine($"link type {linkType}: {FlagSets.Length} flag sets x {PacketsPerRun} packets, {perLink.Count} distinct");
        }
        output.WriteLine($"total: {total} packet prints, {all.Count} distinct packets, {LinkTypes.Length} link types x {FlagSets.Length} flag sets");
        Assert.True(all.Count >= 20_000, $"only {all.Count} distinct packets");
        Assert.True(missing.Count == 0, "families missing from a run: " + string.Join("; ", missing.Take(20)));
    }
}
