using Pcap.Filter.Tests.Compilation;
using Xunit;

namespace Pcap.Filter.Tests.Parsing;

/// <summary>
/// Seeded random token sequences and random strings: each one compiles or is refused with a positioned
/// <see cref="FilterException"/>; nothing else ever escapes, and deep nesting is refused instead of overflowing the stack.
/// </summary>
public sealed class FuzzTests
{
    private static void AssertCompilesOrRefusesCleanly(string expression, LinkType linkType)
    {
        bool ok;
        FilterException? error;
        try
        {
            ok = FilterCompiler.TryCompile(expression, linkType, out _, out error, new FilterOptions { Optimize = false });
        }
        catch (Exception e)
        {
            Assert.Fail($"'{expression}' on {linkType} threw {e.GetType().Name}: {e.Message}");
            return;
        }
        if (!ok)
        {
            Assert.NotNull(error);
            Assert.InRange(error!.Position, 0, expression.Length);
            Assert.InRange(error.Length, 0, expression.Length - error.Position);
            Assert.Contains(" at ", error.Message);
            Assert.Equal(expression, error.Expression);
        }
    }

    [Fact]
    public void HundredThousandRandomTokenSequencesNeverCrash()
    {
        int i = 0;
        foreach (var e in RandomTokenSequences.Generate(seed: 77, count: 100_000))
            AssertCompilesOrRefusesCleanly(e, FilterExpressions.AllLinkTypes[i++ % FilterExpressions.AllLinkTypes.Length]);
    }

    [Fact]
    public void TwentyThousandRandomStringsNeverCrash()
    {
        int i = 0;
        foreach (var e in RandomTokenSequences.RandomStrings(seed: 78, count: 20_000))
            AssertCompilesOrRefusesCleanly(e, FilterExpressions.AllLinkTypes[i++ % FilterExpressions.AllLinkTypes.Length]);
    }

    [Theory]
    [InlineData("(", ")", "ip")]
    [InlineData("not (", ")", "ip")]
    [InlineData("ip and (", ")", "ip")]
    [InlineData("(", ")", "len = 1")]
    [InlineData("(", ")", "host 1.2.3.4 and 9.9.9.9")]
    [InlineData("-", "", "1 = 1")]
    [InlineData("ip[", "]", "0] = 1")]
    [InlineData("len % ", "", "1 = 1")]
    [InlineData("1 ^ ", "", "len = 1")]
    public void DeepNestingIsRefusedWithAClearError(string open, string close, string middle)
    {
        string expression = string.Concat(Enumerable.Repeat(open, 5000)) + middle + string.Concat(Enumerable.Repeat(close, 5000));
        Assert.False(FilterCompiler.TryCompile(expression, LinkType.Ethernet, out _, out var error));
        Assert.Contains("nested", error!.Message);
    }

    [Fact]
    public void LongFlatExpressionsDoNotOverflowTheStack()
    {
        // Every third port: consecutive ones collapse into a short range test (LargeSetConformanceTests).
        string ports = string.Join(" or ", Enumerable.Range(0, 20_000).Select(i => $"port {3 * i}"));
        Assert.False(FilterCompiler.TryCompile(ports, LinkType.Ethernet, out _, out var error));
        Assert.Contains("more than the 4096", error!.Message);
        string sum = "len" + string.Concat(Enumerable.Repeat(" + 1", 20_000)) + " = 0";
        Assert.False(FilterCompiler.TryCompile(sum, LinkType.Ethernet, out _, out error));
        Assert.Contains("more than the 4096", error!.Message);
        // Distinct hosts (a repeated one is a two-element set that fits easily), 256 apart (consecutive ones collapse).
        string hosts = "host 1.1.1.1" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $" or 2.{i / 256}.{i % 256}.1"));
        Assert.False(FilterCompiler.TryCompile(hosts, LinkType.Ethernet, out _, out error));
        Assert.Contains("more than the 4096", error!.Message);
    }
}
