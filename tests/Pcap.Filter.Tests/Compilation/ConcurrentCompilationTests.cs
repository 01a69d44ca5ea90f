using Xunit;

namespace Pcap.Filter.Tests.Compilation;

/// <summary>Compiling from many threads at once gives exactly the programs a single thread gives.</summary>
public sealed class ConcurrentCompilationTests
{
    [Fact]
    public void ParallelCompilationMatchesSequentialCompilation()
    {
        var cases = FilterExpressions.RandomCompositions(seed: 99, count: 400)
            .SelectMany(e => FilterExpressions.AllLinkTypes.Select(lt => (e, lt)))
            .ToArray();
        var options = new FilterOptions { Optimize = false };
        string Describe((string e, LinkType lt) c) =>
            FilterCompiler.TryCompile(c.e, c.lt, out var p, out var err, options)
                ? string.Join(",", p.Instructions.ToArray())
                : "error: " + err.Message;
        var sequential = cases.Select(Describe).ToArray();
        var parallel = new string[cases.Length];
        Parallel.For(0, cases.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Describe(cases[i]));
        for (int i = 0; i < cases.Length; i++)
            Assert.True(sequential[i] == parallel[i], $"'{cases[i].e}' on {cases[i].lt} differs when compiled concurrently");
    }
}
