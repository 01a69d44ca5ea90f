using Pcap.Filter.Parsing;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;
using Xunit;

namespace Pcap.Filter.Tests.Parsing;

/// <summary>
/// <see cref="TokenParsers"/> stands in for Superpower's <see cref="Token.EqualTo{TKind}"/>, its <c>Or</c> chains and
/// <see cref="Token.EqualToValue{TKind}"/> on every token the grammar tries: at every position of a mixed token list, each
/// must give exactly Superpower's result (value, remainder, expectations, message), which this test computes at run time.
/// </summary>
public sealed class TokenParsersTests
{
    private static readonly string[] Inputs =
    [
        "host 10.0.0.1 and not (tcp port 80 or udp) || ip6 net 2001:db8::/32",
        "ether src aa:bb:cc:dd:ee:ff && ip[2:2] - 4 * len >= 0x10 | 3 & 1 << 2 >> 1 % 5 ^ 6 / 7",
        "len != 60 and llc rnr or vlan (5) and byte 3 = 1 and 10.1.2.3 mask 255.255.0.0 and \\tcp",
        "1.2.3.4/8 < 5 <= 6 > 7 = 8 == 9 ! a - b",
    ];

    private static IEnumerable<TokenList<FilterTokenKind>> Positions()
    {
        foreach (var text in Inputs)
        {
            Assert.True(FilterTokenizer.TryTokenize(text, out var tokens, out var error, out _), error);
            for (int at = 0; at <= tokens.Length; at++)
                yield return new TokenList<FilterTokenKind>(tokens[at..]);
        }
    }

    private static void AssertSame(TokenListParser<FilterTokenKind, Token<FilterTokenKind>> expected,
        TokenListParser<FilterTokenKind, Token<FilterTokenKind>> actual, string what)
    {
        foreach (var input in Positions())
        {
            var e = expected(input);
            var a = actual(input);
            string where = $"{what} before '{(input.IsAtEnd ? "(end)" : input.ConsumeToken().Value.ToStringValue())}'";
            Assert.True(e.HasValue == a.HasValue, where);
            Assert.True(e.Remainder == a.Remainder, where);
            Assert.Equal(e.ErrorMessage, a.ErrorMessage);
            Assert.Equal(e.Expectations ?? [], a.Expectations ?? []);
            Assert.Equal(e.ErrorPosition, a.ErrorPosition);
            if (e.HasValue)
                Assert.Equal(e.Value, a.Value);
        }
    }

    [Fact]
    public void Kind_fails_and_succeeds_as_Token_EqualTo()
    {
        foreach (var kind in Enum.GetValues<FilterTokenKind>())
            AssertSame(Token.EqualTo(kind), TokenParsers.Kind(kind), kind.ToString());
    }

    [Fact]
    public void AnyOf_fails_and_succeeds_as_an_Or_of_Token_EqualTo()
    {
        FilterTokenKind[][] groups =
        [
            [FilterTokenKind.Star, FilterTokenKind.Slash],
            [FilterTokenKind.Plus, FilterTokenKind.Minus],
            [FilterTokenKind.ShiftLeft, FilterTokenKind.ShiftRight],
            [FilterTokenKind.Percent, FilterTokenKind.Caret],
            [FilterTokenKind.Ampersand],
            [FilterTokenKind.Pipe],
        ];
        foreach (var kinds in groups)
            AssertSame(kinds.Select(Token.EqualTo).Aggregate((a, b) => a.Or(b)), TokenParsers.AnyOf(kinds), string.Join(" or ", kinds));
    }

    [Fact]
    public void Keyword_fails_and_succeeds_as_Token_EqualToValue()
    {
        foreach (var word in new[] { "mask", "rnr", "len", "host" })
            AssertSame(Token.EqualToValue(FilterTokenKind.Keyword, word), TokenParsers.Keyword(word), word);
    }
}
