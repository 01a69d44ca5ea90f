using Pcap.Filter.Bpf;
using Pcap.Testing;
using Xunit;

namespace Pcap.Filter.Tests.Parsing;

/// <summary>
/// Deeply nested and very long expressions that libpcap compiles: a thousand nested parentheses (tcpdump takes them) give
/// libpcap's program, on a thread-pool thread's ordinary stack as well; nesting past our limit is refused cleanly.
/// Arithmetic chains too long for the optimizer are folded as libpcap's optimizer folds them (it takes 3.5 minutes on
/// 100,000 terms; the benchmark LongExpressionBenchmarks times ours).
/// </summary>
public sealed class DeepAndLongExpressionTests
{
    private static string Nest(string open, string middle, string close, int depth) =>
        string.Concat(Enumerable.Repeat(open, depth)) + middle + string.Concat(Enumerable.Repeat(close, depth));

    public static TheoryData<string> ThousandDeep() =>
    [
        Nest("(", "ip", ")", 1000),
        Nest("not (", "ip", ")", 1000),
        Nest("(", "1", ")", 1000) + " = 1",
        "ip[" + Nest("(", "1", ")", 999) + "] = 69",
        Nest("(", "host 1.2.3.4 or 5.6.7.8", ")", 1000),
        Nest("not (", "tcp or udp", ")", 1000),
        Nest("(tcp or ", "udp", ")", 30),
        Nest("(", "ip and tcp", ")", 1000) + " or " + Nest("(", "len", ")", 1000) + " + 1 > 100",
    ];

    [Theory]
    [MemberData(nameof(ThousandDeep))]
    public void AThousandNestedParenthesesCompileToLibpcapsProgram(string expression)
    {
        foreach (bool optimize in new[] { true, false })
        {
            var expected = LibPcap.Compile(expression, (int)LinkType.Ethernet, out string? theirError, optimize: optimize);
            Assert.True(expected is not null, $"libpcap refuses it: {theirError}");
            bool ok = FilterCompiler.TryCompile(expression, LinkType.Ethernet, out var program, out var error, new FilterOptions { Optimize = optimize });
            Assert.True(ok, error?.Message);
            Assert.Null(ProgramAgainstLibpcap.Difference(program!.Instructions, expected, LinkType.Ethernet));
        }
    }

    [Fact]
    public void NestingPastTheLimitIsRefusedWhereItGoesTooDeep()
    {
        string expression = Nest("(", "ip", ")", 4001);
        Assert.False(FilterCompiler.TryCompile(expression, LinkType.Ethernet, out _, out var error));
        Assert.Equal("expression nested more than 4000 levels deep at 4000", error!.Message);
        Assert.Equal(4000, error.Position);
        Assert.True(FilterCompiler.TryCompile(Nest("(", "ip", ")", 4000), LinkType.Ethernet, out _, out error), error?.Message);
    }

    [Theory]
    [InlineData(3_000, "+", "1", "ip[0] = 3000")]
    [InlineData(100_000, "+", "1", "ip[0] = 100000")]
    [InlineData(20_000, "*", "3", "ip[0] = 1656002177")]
    [InlineData(20_000, " - ", "7", "ip[0] = 4294827310")]
    public void ArithmeticChainsPastTheOptimizersReachFoldAsLibpcapFoldsThem(int terms, string op, string term, string folded)
    {
        string expression = "ip[0] = " + string.Join(op, Enumerable.Repeat(term, terms));
        var expected = LibPcap.Compile(folded, (int)LinkType.Ethernet, out string? theirError);
        Assert.True(expected is not null, theirError);
        Assert.True(FilterCompiler.TryCompile(expression, LinkType.Ethernet, out var program, out var error), error?.Message);
        Assert.Null(ProgramAgainstLibpcap.Difference(program!.Instructions, expected, LinkType.Ethernet));
    }

    [Fact]
    public void AnUnoptimizedArithmeticChainTooLongForTheKernelIsRefusedWithItsLength()
    {
        string expression = "ip[0] = " + string.Join("+", Enumerable.Repeat("1", 100_000));
        Assert.False(FilterCompiler.TryCompile(expression, LinkType.Ethernet, out _, out var error, new FilterOptions { Optimize = false }));
        Assert.Equal("the expression needs 600009 instructions, more than the 4096 a BPF program may have", error!.Message);
    }

    // Past the optimizer's reach the chain is folded, and folding makes (1 - 1) a divisor libpcap never checks: the
    // compiler keeps libpcap's unfolded code, too long for the kernel but fine for user space, and never says
    // "division by zero".
    [Fact]
    public void ARefusalOnlyFoldingExposesKeepsLibpcapsCodePastTheOptimizersReach()
    {
        string expression = "ip[0] = " + string.Join("+", Enumerable.Repeat("1", 20_000)) + " and len / (1 - 1) = 0";
        Assert.False(FilterCompiler.TryCompile(expression, LinkType.Ethernet, out _, out var error));
        Assert.StartsWith("the expression needs 1200", error!.Message);
        Assert.True(error.IsTooLong);
        Assert.True(FilterCompiler.TryCompile(expression, LinkType.Ethernet, out _, out error, FilterOptions.UserSpace), error?.Message);
    }

    [Theory]
    [InlineData("len >> (16 + 16) = 0")]
    [InlineData("len / (1 - 1) = 0")]
    [InlineData("ip[0] = 2 << (30 + 2)")]
    public void FoldingNeverChangesWhatLibpcapAcceptsOrRefuses(string expression)
    {
        // libpcap checks a shift count or divisor only when its code starts with the constant; folding must not expose one.
        var expected = LibPcap.Compile(expression, (int)LinkType.Ethernet, out string? theirError);
        bool ours = FilterCompiler.TryCompile(expression, LinkType.Ethernet, out var program, out var error);
        Assert.True((expected is not null) == ours, $"libpcap: {theirError ?? "accepted"}; ours: {error?.Message ?? "accepted"}");
        if (ours)
            Assert.Null(ProgramAgainstLibpcap.Difference(program!.Instructions, expected!, LinkType.Ethernet));
    }
}
