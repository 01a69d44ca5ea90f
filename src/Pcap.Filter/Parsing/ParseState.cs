using Superpower.Model;

namespace Pcap.Filter.Parsing;

/// <summary>
/// What the parsers of one expression share, passed to each of them: the tokens, how deeply they have recursed, and
/// refusals held as values. A refusal (a bad number, nesting too deep, a qualifier that does not apply) ends the parse
/// where it is read unless a <see cref="ParseAttempt{T}"/> around it tries another reading; a deferred one is kept
/// for the end, as it is only an error if the expression parses.
/// </summary>
internal sealed class ParseState(Token<FilterTokenKind>[] tokens, FilterKeywords.Keyword[] keywords, int textLength)
{
    /// <summary>The expression's tokens; a <see cref="TokenList{TKind}"/>'s position indexes them.</summary>
    public Token<FilterTokenKind>[] Tokens { get; } = tokens;

    /// <summary>
    /// The keyword of each <see cref="FilterTokenKind.Keyword"/> token, at its index, as the tokenizer looked it up
    /// (entries of other tokens mean nothing).
    /// </summary>
    public FilterKeywords.Keyword[] Keywords { get; } = keywords;

    /// <summary>The length of the expression: the position of "the end".</summary>
    public int TextLength { get; } = textLength;

    /// <summary>How many recursive boolean rules are open (refused past <see cref="Nesting.MaxBooleanDepth"/>).</summary>
    public int Depth;

    /// <summary>How many '%' or '^' the arithmetic being read is inside (refused past <see cref="Nesting.MaxOperatorRun"/>).</summary>
    public int UnprecedentedDepth;

    /// <summary>
    /// The refusal that ended the reading being parsed; set together with a failed result, which every rule returns as
    /// it is until a <see cref="ParseAttempt{T}"/> takes it.
    /// </summary>
    public FilterSyntaxException? Refusal;

    /// <summary>
    /// The first refusal, in reading order, of an identifier given qualifiers it cannot take (<c>port 80 or 1.2.3.4</c>):
    /// reported only once the whole expression has parsed, and forgotten with a reading that is given up.
    /// </summary>
    public FilterSyntaxException? Deferred;

    /// <summary>Ends the reading with <paramref name="refusal"/>: returns the failure every rule passes on.</summary>
    public TokenListParserResult<FilterTokenKind, T> Refuse<T>(TokenList<FilterTokenKind> input, FilterSyntaxException refusal)
    {
        Refusal = refusal;
        return TokenListParserResult.Empty<FilterTokenKind, T>(input);
    }
}
