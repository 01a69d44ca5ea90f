using Pcap.Filter;
using Pcap.Filter.Bpf;
using Pcap.Testing;
using Xunit.Abstractions;

namespace Pcap.Conformance.Tests;

/// <summary>
/// Program length against libpcap on the conformance corpus, per link type: no optimized program may be longer than
/// libpcap's, and the total-length ratio is printed (today 1.000: the default pipeline is libpcap's optimizer, exactly).
/// Programs libpcap emits that the kernel refuses (protochain's backward loop, geneve's unwritten scratch words) are
/// counted apart: ours replace them with longer, kernel-valid code, and there is no attachable libpcap program to beat.
/// </summary>
public sealed class ProgramLengthRatioTests(ITestOutputHelper output)
{
    [Fact]
    public void No_program_is_longer_than_libpcaps_and_the_ratio_per_link_type_is_reported()
    {
        var longer = new List<string>();
        foreach (var linkType in ConformanceCorpus.LinkTypes)
        {
            long ours = 0, theirs = 0;
            int compared = 0, replaced = 0;
            foreach (string expression in ConformanceCorpus.Expressions)
            {
                var expected = LibPcap.Compile(expression, LibPcapLinkType.DataLinkTypeOf(linkType), out _);
                if (expected is null || !FilterCompiler.TryCompile(expression, linkType, out var program, out _))
                    continue;
                if (!BpfValidator.TryValidate(expected, out _))
                {
                    Assert.True(BpfValidator.TryValidate(program.Instructions, out var refusal), $"{linkType} '{expression}': {refusal}");
                    replaced++;
                    continue;
                }
                compared++;
                ours += program.Length;
                theirs += expected.Length;
                if (program.Length > expected.Length && longer.Count < 20)
                    longer.Add($"{linkType} '{expression}': {program.Length} instructions, libpcap {expected.Length}");
            }
            Assert.True(compared > 1000, $"{linkType}: only {compared} expressions compiled by both");
            output.WriteLine($"{linkType}: {compared} programs, {ours} instructions vs libpcap {theirs}, ratio {(double)ours / theirs:F4}; " +
                             $"{replaced} kernel-refused libpcap programs replaced by kernel-valid ones");
        }
        Assert.True(longer.Count == 0, string.Join("\n", longer));
    }
}
