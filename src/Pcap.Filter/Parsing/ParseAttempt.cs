using Superpower.Model;

namespace Pcap.Filter.Parsing;

/// <summary>
/// One reading of ambiguous input (a bare identifier or a term; a parenthesized expression or arithmetic), kept so
/// that when every reading fails the error reported is the one that got furthest: where the input really goes wrong.
/// </summary>
internal readonly struct ParseAttempt<T>
{
    private readonly TokenListParserResult<FilterTokenKind, T> _result;
    private readonly FilterSyntaxException? _refusal;
    private readonly int _textLength;

    private ParseAttempt(TokenListParserResult<FilterTokenKind, T> result, FilterSyntaxException? refusal, int textLength)
    {
        _result = result;
        _refusal = refusal;
        _textLength = textLength;
    }

    /// <summary>Takes a reading's <paramref name="result"/>; a refusal it ended with counts as its failure.</summary>
    public static ParseAttempt<T> Of(ParseState state, TokenListParserResult<FilterTokenKind, T> result)
    {
        var refusal = state.Refusal;
        state.Refusal = null;
        return new ParseAttempt<T>(result, refusal, state.TextLength);
    }

    public bool HasValue => _refusal is null && _result.HasValue;

    public TokenListParserResult<FilterTokenKind, T> Result => _result;

    /// <summary>Where the reading failed, in characters (the end of the text is its length).</summary>
    public int FailurePosition => _refusal?.Position
        ?? (_result.Remainder.ConsumeToken() is { HasValue: true } next ? next.Value.Span.Position.Absolute : _textLength);

    /// <summary>This failure as a result of another type, its refusal (if any) ending the parse again.</summary>
    public TokenListParserResult<FilterTokenKind, TOut> Failure<TOut>(ParseState state)
    {
        if (_refusal is not null)
            state.Refusal = _refusal;
        return TokenListParserResult.CastEmpty<FilterTokenKind, T, TOut>(_result);
    }
}
