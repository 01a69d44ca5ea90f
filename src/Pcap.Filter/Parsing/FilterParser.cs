using Pcap.Filter.Ast;
using Superpower.Model;

namespace Pcap.Filter.Parsing;

/// <summary>
/// Turns an expression into an AST: <see cref="FilterTokenizer"/> (which also refuses nesting deeper than the parsers
/// take), then the grammar in <see cref="BooleanParsers"/> (and <see cref="ArithmeticParsers"/> for relations) over one
/// <see cref="ParseState"/>. A failure becomes a <see cref="FilterSyntaxException"/> naming what was found, where, and
/// what was expected: thrown here, at the parser's edge, never inside it.
/// </summary>
internal static class FilterParser
{
    /// <summary>Parses <paramref name="text"/>; null means the empty expression (accept everything).</summary>
    public static FilterNode? Parse(string text)
    {
        // At most one token per character: a short expression's keywords go in this thread's array, as the parse ends before another starts.
        var keywords = text.Length <= FilterTokenizer.ScratchLength
            ? t_keywords ??= new FilterKeywords.Keyword[FilterTokenizer.ScratchLength]
            : new FilterKeywords.Keyword[text.Length];
        if (!FilterTokenizer.TryTokenize(text, keywords, out var array, out string? error, out int at, out int errorLength, out bool grammar))
            throw new FilterSyntaxException(error!, at, errorLength, grammar);
        if (array.Length == 0)
            return null;
        var state = new ParseState(array, keywords, text.Length);
        var result = BooleanParsers.Filter(state, new TokenList<FilterTokenKind>(array));
        // A refusal the parsers returned ends the parse where it was read; a deferred one only once the whole has parsed.
        if (state.Refusal is { } refusal)
            throw refusal;
        if (!result.HasValue)
            throw Unexpected(result, text.Length);
        if (state.Deferred is { } deferred)
            throw deferred;
        return result.Value;
    }

    [ThreadStatic]
    private static FilterKeywords.Keyword[]? t_keywords;

    private static FilterSyntaxException Unexpected(TokenListParserResult<FilterTokenKind, FilterNode> failure, int textLength)
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
