using Pcap.Filter.Ast;
using Superpower.Model;

namespace Pcap.Filter.Parsing;

/// <summary>
/// Turns an expression into an AST: <see cref="FilterTokenizer"/> (which also refuses nesting deeper than the parsers
/// take), then the Superpower grammar in
/// <see cref="BooleanParsers"/> (and <see cref="ArithmeticParsers"/> for relations). A failure becomes a
/// <see cref="FilterSyntaxException"/> naming what was found, where, and what was expected.
/// </summary>
internal static class FilterParser
{
    /// <summary>Parses <paramref name="text"/>; null means the empty expression (accept everything).</summary>
    public static FilterNode? Parse(string text)
    {
        if (!FilterTokenizer.TryTokenize(text, out var array, out string? error, out int at, out int errorLength, out bool grammar))
            throw new FilterSyntaxException(error!, at, errorLength, grammar);
        if (array.Length == 0)
            return null;
        var tokens = new TokenList<FilterTokenKind>(array);
        BooleanParsers.Begin(array, text.Length);
        try
        {
            var result = BooleanParsers.Filter(tokens);
            if (!result.HasValue)
                throw Unexpected(result, text.Length);
            return result.Value(Qualifiers.None).Node;
        }
        finally
        {
            BooleanParsers.End();
        }
    }

    private static FilterSyntaxException Unexpected(TokenListParserResult<FilterTokenKind, QualifiedOperand> failure, int textLength)
    {
        string expected = failure.Expectations is { Length: > 0 } e ? string.Join(" or ", e)
            : failure.ErrorMessage ?? "an arithmetic expression";
        var next = failure.Remainder.ConsumeToken();
        if (!next.HasValue)
            return new FilterSyntaxException($"unexpected end of expression at {textLength}: expected {expected}", textLength, 0, isGrammarError: true);
        var t = next.Value;
        int at = t.Span.Position.Absolute;
        return new FilterSyntaxException($"unexpected {Describe(t)} at {at}: expected {expected}", at, t.Span.Length, isGrammarError: true);
    }

    private static string Describe(Token<FilterTokenKind> t) => t.Kind switch
    {
        FilterTokenKind.Number => $"number '{t.ToStringValue()}'",
        FilterTokenKind.Name => $"name '{t.ToStringValue()}'",
        FilterTokenKind.HostAddress => $"address '{t.ToStringValue()}'",
        FilterTokenKind.Ipv6Address => $"IPv6 address '{t.ToStringValue()}'",
        FilterTokenKind.MacAddress => $"MAC address '{t.ToStringValue()}'",
        _ => $"'{t.ToStringValue()}'",
    };
}
