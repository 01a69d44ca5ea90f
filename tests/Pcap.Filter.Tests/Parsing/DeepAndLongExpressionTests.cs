using Pcap.Filter.Bpf;
using Pcap.Testing;
using Xunit;

namespace Pcap.Filter.Tests.Parsing;

/// <summary>
/// Deeply nested and very long expressions that libpcap compiles: a thousand nested parentheses (tcpdump takes them) give
/// libpcap's program, on a thread-pool thread's ordinary stack as well; nesting past our limit is refused cleanly.
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
}
