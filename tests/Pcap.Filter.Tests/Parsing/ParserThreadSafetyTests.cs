using Pcap.Filter.Parsing;
using Pcap.Testing.Expressions;
using Xunit;

namespace Pcap.Filter.Tests.Parsing;

/// <summary>
/// Each parse keeps its bookkeeping (nesting depth, the token array, refusals) in its own state and the tokenizer borrows
/// pooled arrays: parsing the corpus on many threads at once must give exactly the trees and errors a single thread gives.
/// </summary>
public sealed class ParserThreadSafetyTests
{
    private static string Outcome(string expression)
    {
        try
        {
            return FilterParser.Parse(expression)?.ToString() ?? "(empty)";
        }
        catch (FilterSyntaxException e)
        {
            return $"error at {e.Position}+{e.Length}: {e.Message}";
        }
    }

    [Fact]
    public void Parallel_parses_equal_sequential_parses()
    {
        var expressions = ExpressionCorpus.All().Concat(Compilation.RandomTokenSequences.Generate(seed: 5, count: 3000)).ToArray();
        var sequential = expressions.Select(Outcome).ToArray();
        var parallel = new string[expressions.Length];
        Parallel.For(0, expressions.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Outcome(expressions[i]));
        Assert.Contains(sequential, o => o.StartsWith("error", StringComparison.Ordinal));
        Assert.Contains(sequential, o => !o.StartsWith("error", StringComparison.Ordinal));
        for (int i = 0; i < expressions.Length; i++)
            Assert.True(sequential[i] == parallel[i], $"'{expressions[i]}': alone {sequential[i]}, in parallel {parallel[i]}");
    }
}
