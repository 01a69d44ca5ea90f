using System.Text;
using Pcap.Filter.Bpf;
using Pcap.Testing;
using Xunit;

namespace Pcap.Filter.Tests.Compilation;

/// <summary>
/// Every expression on every link type: we accept exactly what <c>pcap_compile(optimize = 0)</c> accepts and
/// emit the same instructions, one for one.
/// </summary>
public sealed class LibPcapDifferentialTests
{
    private static readonly FilterOptions Unoptimized = new() { Optimize = false };

    // pcap_open_dead takes a DLT_ value; only LINKTYPE_RAW (101) differs from its DLT_RAW (12 on Linux).
    internal static int DltOf(LinkType linkType) => LibPcapLinkType.DataLinkTypeOf(linkType);

    internal static string? Difference(string expression, LinkType linkType) => Difference(expression, linkType, out _);

    internal static string? Difference(string expression, LinkType linkType, out bool accepted)
    {
        var theirs = LibPcap.Compile(expression, DltOf(linkType), out var theirError, optimize: false);
        bool ours = FilterCompiler.TryCompile(expression, linkType, out var program, out var ourError, Unoptimized);
        accepted = theirs is not null;
        if (theirs is null && !ours)
            return null;
        if (theirs is null)
            return $"[{linkType}] '{expression}': libpcap refuses ({theirError}) but we accept";
        if (!ours)
            return $"[{linkType}] '{expression}': we refuse ({ourError!.Message}) but libpcap accepts";
        var mine = program!.Instructions;
        if (mine.SequenceEqual(theirs))
            return null;
        if (ProgramAgainstLibpcap.IsKernelValidReplacement(mine, theirs))
            return null;
        var sb = new StringBuilder($"[{linkType}] '{expression}': programs differ (ours {mine.Length}, libpcap {theirs.Length})");
        for (int i = 0; i < Math.Max(mine.Length, theirs.Length); i++)
        {
            string a = i < mine.Length ? mine[i].ToString() : "-";
            string b = i < theirs.Length ? theirs[i].ToString() : "-";
            sb.Append($"\n  {i,3} {(a == b ? " " : "*")} ours {a,-32} libpcap {b}");
        }
        return sb.ToString();
    }

    private static void AssertNoDifferences(IEnumerable<string> expressions, int minimumAccepted)
    {
        var differences = new List<string>();
        int cases = 0, acceptedCount = 0;
        foreach (var e in expressions)
        {
            foreach (var lt in FilterExpressions.AllLinkTypes)
            {
                cases++;
                if (Difference(e, lt, out bool accepted) is { } d)
                    differences.Add(d);
                if (accepted)
                    acceptedCount++;
            }
        }
        Assert.True(differences.Count == 0,
            $"{differences.Count} of {cases} cases differ from libpcap:\n" + string.Join("\n", differences.Take(25)));
        // Guards against a vacuous pass: most cases must be programs libpcap accepts and we match instruction for instruction.
        Assert.True(acceptedCount >= minimumAccepted, $"only {acceptedCount} of {cases} cases were accepted by libpcap");
    }

    [Fact]
    public void HandWrittenPrimitivesMatchLibpcapOnEveryLinkType() => AssertNoDifferences(FilterExpressions.Primitives, minimumAccepted: 1500);

    [Fact]
    public void SeededRandomCompositionsMatchLibpcapOnEveryLinkType() =>
        AssertNoDifferences(FilterExpressions.RandomCompositions(seed: 20261124, count: 2000), minimumAccepted: 3000);

    [Fact]
    public void SeededRandomTokenSequencesAreAcceptedAndRefusedLikeLibpcap() =>
        AssertNoDifferences(RandomTokenSequences.Generate(seed: 3, count: 3000), minimumAccepted: 100);

    [Fact]
    public void LongProgramsUseTheSameJaTrampolinesAsLibpcap() =>
        AssertNoDifferences(
        [
            string.Join(" or ", Enumerable.Range(1, 40).Select(i => $"host 10.0.0.{i}")),
            string.Join(" and ", Enumerable.Range(1, 30).Select(i => $"not port {i}")),
            "(" + string.Join(" or ", Enumerable.Range(1, 25).Select(i => $"tcp port {i}")) + ") and not (" +
                string.Join(" or ", Enumerable.Range(1, 25).Select(i => $"udp port {i}")) + ")",
        ], minimumAccepted: 10);

    [Theory]
    [InlineData(65535)]
    [InlineData(96)]
    [InlineData(1)]
    public void TheAcceptReturnCarriesTheSnapLength(int snapLength)
    {
        foreach (var e in new[] { "", "ip", "tcp port 80 or arp", "not vlan" })
        {
            foreach (var lt in FilterExpressions.AllLinkTypes)
            {
                var theirs = LibPcap.Compile(e, DltOf(lt), out _, snapLength, optimize: false);
                bool ours = FilterCompiler.TryCompile(e, lt, out var program, out _, new FilterOptions { Optimize = false, SnapLength = snapLength });
                Assert.Equal(theirs is not null, ours);
                if (ours)
                    Assert.Equal(theirs!, program!.Instructions.ToArray());
            }
        }
    }
}
