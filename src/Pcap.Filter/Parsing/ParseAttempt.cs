using Superpower.Model;

namespace Pcap.Filter.Parsing;

/// <summary>
/// One reading of ambiguous input (a bare identifier or a term; a parenthesized expression or arithmetic), kept so
/// that when every reading fails the error reported is the one that got furthest: where the input really goes wrong.
/// </summary>
internal readonly struct ParseAttempt<T>
{
    private readonly TokenListParserResult<FilterTokenKind, T> _result;
    private readonly FilterSyntaxException? _exception;

    private ParseAttempt(TokenListParserResult<FilterTokenKind, T> result, FilterSyntaxException? exception)
    {
        _result = result;
        _exception = exception;
    }

    /// <summary>Runs <paramref name="parser"/>; a refusal thrown while reading (a bad number) counts as its failure.</summary>
    public static ParseAttempt<T> Run(Superpower.TokenListParser<FilterTokenKind, T> parser, TokenList<FilterTokenKind> input)
    {
        try
        {
            return new ParseAttempt<T>(parser(input), null);
        }
        catch (FilterSyntaxException e)
        {
            return new ParseAttempt<T>(TokenListParserResult.Empty<FilterTokenKind, T>(input), e);
        }
    }

    public bool HasValue => _exception is null && _result.HasValue;

    public TokenListParserResult<FilterTokenKind, T> Result => _result;

    /// <summary>Where the reading failed, in characters (the end of the text is its length).</summary>
    public int FailurePosition => _exception?.Position
        ?? (_result.Remainder.ConsumeToken() is { HasValue: true } next ? next.Value.Span.Position.Absolute : BooleanParsers.TextLength);

    /// <summary>This failure as a result of another type, or the refusal thrown again.</summary>
    public TokenListParserResult<FilterTokenKind, TOut> Failure<TOut>()
    {
        if (_exception is not null)
            throw _exception;
        return TokenListParserResult.CastEmpty<FilterTokenKind, T, TOut>(_result);
    }
}
