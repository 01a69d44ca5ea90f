using Superpower;
using Superpower.Model;
using Superpower.Parsers;

namespace Pcap.Filter.Parsing;

/// <summary>
/// Single-token parsers that fail exactly as Superpower's <see cref="Token.EqualTo{TKind}"/> (and an <c>Or</c> of them)
/// would, with the same expectations, but compare kinds without boxing them: these run on every token the grammar tries.
/// </summary>
internal static class TokenParsers
{
    private static readonly TokenList<FilterTokenKind> NoTokens = new([]);

    /// <summary>One token of <paramref name="kind"/>; a failure expects <paramref name="expected"/>.</summary>
    public static TokenListParser<FilterTokenKind, Token<FilterTokenKind>> Expect(FilterTokenKind kind, string expected)
    {
        string[] expectations = [expected];
        return input =>
        {
            var next = input.ConsumeToken();
            return next.HasValue && next.Value.Kind == kind
                ? next
                : TokenListParserResult.Empty<FilterTokenKind, Token<FilterTokenKind>>(input, expectations);
        };
    }

    /// <summary>One token of <paramref name="kind"/>, expected as Superpower describes the kind.</summary>
    public static TokenListParser<FilterTokenKind, Token<FilterTokenKind>> Kind(FilterTokenKind kind) => AnyOf(kind);

    /// <summary>One token of any of <paramref name="kinds"/>, failing as <c>Token.EqualTo(a).Or(Token.EqualTo(b))...</c> does.</summary>
    public static TokenListParser<FilterTokenKind, Token<FilterTokenKind>> AnyOf(params FilterTokenKind[] kinds)
    {
        // Superpower formats the expectations (from the kinds' Token attributes): asked once, here, on no input.
        var expectations = kinds.Select(Token.EqualTo).Aggregate((a, b) => a.Or(b))(NoTokens).Expectations ?? [];
        return input =>
        {
            var next = input.ConsumeToken();
            if (next.HasValue)
                foreach (var kind in kinds)
                    if (next.Value.Kind == kind)
                        return next;
            return TokenListParserResult.Empty<FilterTokenKind, Token<FilterTokenKind>>(input, expectations);
        };
    }

    /// <summary>A keyword token spelled <paramref name="word"/>, failing as <c>Token.EqualToValue(Keyword, word)</c> does.</summary>
    public static TokenListParser<FilterTokenKind, Token<FilterTokenKind>> Keyword(string word)
    {
        var expectations = Token.EqualToValue(FilterTokenKind.Keyword, word)(NoTokens).Expectations ?? [];
        return input =>
        {
            var next = input.ConsumeToken();
            return next.HasValue && next.Value.Kind == FilterTokenKind.Keyword && FilterKeywords.TextOf(next.Value).SequenceEqual(word)
                ? next
                : TokenListParserResult.Empty<FilterTokenKind, Token<FilterTokenKind>>(input, expectations);
        };
    }
}
