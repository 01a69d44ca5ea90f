namespace Pcap.Decode.Tests.Golden;

/// <summary>
/// Seeded mixed captures for each link type, printed by tcpdump 4.99 and by the formatter with each of tcpdump's printing
/// flag sets: every line must be identical.
/// </summary>
public sealed class GeneratedGoldenTests
{
    /// <summary>Frames per link type and flag set.</summary>
    private const int PacketsPerRun = 1500;

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (var linkType in new[] { 1, 113, 276, 101 })
            foreach (var flags in FlagSets)
                data.Add(linkType, flags);
        return data;
    }

    private static readonly string[] FlagSets =
    [
        "-n", "-n -e", "-n -q", "-n -e -q", "-n -v", "-n -e -v", "-n -t", "-n -tt", "-n -ttt", "-n -tttt", "-n -ttttt",
        "-n -x", "-n -xx", "-n -X", "-n -XX", "-n -tt --time-stamp-precision=nano", "-e", "-t",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Formatter_prints_what_tcpdump_prints(int linkType, string flagText)
    {
        var flags = flagText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var factory = new MixedPacketFactory(linkType, seed: 5000 + linkType);
        var frames = Enumerable.Range(0, PacketsPerRun).Select(_ => factory.Next()).ToList();
        var differences = TcpdumpOracle.Compare(linkType, frames, flags, nanosecondFile: flagText.Contains("nano", StringComparison.Ordinal));
        Assert.True(differences.Count == 0, TcpdumpOracle.Describe(differences, linkType, flags));
    }
}
