using Pcap.Filter;
using Pcap.Testing;
using Pcap.Testing.Expressions;
using Xunit.Abstractions;

namespace Pcap.Conformance.Tests;

/// <summary>The expression corpus is big, mostly valid for libpcap, and discriminating on the generated packets.</summary>
public sealed class ExpressionCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Corpus_has_at_least_5000_distinct_expressions_and_is_deterministic()
    {
        var corpus = ExpressionCorpus.All(ConformanceCorpus.ExpressionCount, ExpressionCorpus.DefaultSeed);
        Assert.True(corpus.Count >= 5000, $"only {corpus.Count} expressions");
        Assert.Equal(corpus.Count, corpus.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(corpus, ExpressionCorpus.All(ConformanceCorpus.ExpressionCount, ExpressionCorpus.DefaultSeed));
        Assert.NotEqual(corpus.Skip(ExpressionCorpus.HandWritten.Count).Take(50),
            ExpressionCorpus.All(ConformanceCorpus.ExpressionCount, ExpressionCorpus.DefaultSeed + 1).Skip(ExpressionCorpus.HandWritten.Count).Take(50));
    }

    [Fact]
    public void Hand_written_expressions_mostly_compile_on_Ethernet()
    {
        var refused = ExpressionCorpus.HandWritten
            .Select(e => (Expression: e, Program: LibPcap.Compile(e, (int)LinkType.Ethernet, out var error), Error: error))
            .Where(r => r.Program is null).ToList();
        output.WriteLine($"{ExpressionCorpus.HandWritten.Count - refused.Count} of {ExpressionCorpus.HandWritten.Count} hand-written expressions compile on EN10MB; refused (most on purpose):");
        foreach (var (expression, _, error) in refused)
            output.WriteLine($"  {expression}   -- {error}");
        Assert.True(refused.Count <= ExpressionCorpus.HandWritten.Count / 8,
            $"{refused.Count} of {ExpressionCorpus.HandWritten.Count} hand-written expressions are refused by libpcap on Ethernet.");
    }

    [Fact]
    public void Accepted_expressions_mostly_both_match_and_miss_generated_Ethernet_packets()
    {
        var packets = ConformanceCorpus.Packets(LinkType.Ethernet);
        int accepted = 0, neverMatch = 0, alwaysMatch = 0;
        var neverExamples = new List<string>();
        foreach (var expression in ConformanceCorpus.Expressions)
        {
            var program = LibPcap.Compile(expression, (int)LinkType.Ethernet, out _);
            if (program is null || BpfLoopGuard.HasBackwardJump(program))
                continue;
            accepted++;
            int hits = packets.Count(p => LibPcap.Filter(program, p.Data, p.WireLength) != 0);
            if (hits == 0)
            {
                neverMatch++;
                if (neverExamples.Count < 40) neverExamples.Add(expression);
            }
            if (hits == packets.Count) alwaysMatch++;
        }
        output.WriteLine($"EN10MB: {accepted} accepted expressions on {packets.Count} packets; match no packet: {neverMatch} " +
                         $"({100.0 * neverMatch / accepted:F1}%), match every packet: {alwaysMatch} ({100.0 * alwaysMatch / accepted:F1}%)");
        output.WriteLine("Some that match nothing:\n  " + string.Join("\n  ", neverExamples));
        Assert.True(neverMatch <= accepted / 5, $"{neverMatch} of {accepted} expressions match no generated Ethernet packet.");
        Assert.True(alwaysMatch <= accepted / 20, $"{alwaysMatch} of {accepted} expressions match every generated Ethernet packet.");
    }
}
