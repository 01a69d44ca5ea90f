namespace Pcap.Filter.Parsing;

/// <summary>A positioned parse failure, turned into a <see cref="FilterException"/> by the compiler facade.</summary>
/// <param name="message">What was found and, for a grammar error, what was expected.</param>
/// <param name="position">Where, 0-based.</param>
/// <param name="length">How much text.</param>
/// <param name="isGrammarError">True where libpcap's parser fails with its bare "syntax error" (rather than a message of its own).</param>
internal sealed class FilterSyntaxException(string message, int position, int length, bool isGrammarError = false) : Exception(message)
{
    public int Position { get; } = position;
    public int Length { get; } = length;
    public bool IsGrammarError { get; } = isGrammarError;
}
