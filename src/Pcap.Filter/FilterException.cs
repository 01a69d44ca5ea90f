namespace Pcap.Filter;

/// <summary>
/// An expression that cannot be compiled. <see cref="Position"/> and <see cref="Length"/> locate the
/// offending text in <see cref="Expression"/>; the message says what was found and what was expected.
/// </summary>
public sealed class FilterException : Exception
{
    /// <summary>Creates the error for the text at <paramref name="position"/> of length <paramref name="length"/>.</summary>
    public FilterException(string message, string expression, int position, int length)
        : this(message, expression, position, length, isSyntaxError: false)
    {
    }

    /// <summary>Creates the error; <paramref name="isSyntaxError"/> marks a grammar error (libpcap's bare "syntax error").</summary>
    public FilterException(string message, string expression, int position, int length, bool isSyntaxError)
        : base(message)
    {
        Expression = expression;
        Position = position;
        Length = length;
        IsSyntaxError = isSyntaxError;
    }

    /// <summary>libpcap's words for a grammar error, which tcpdump prints and scripts match on.</summary>
    public const string LibpcapSyntaxError = "can't parse filter expression: syntax error";

    /// <summary>
    /// True when the expression does not fit the grammar, where libpcap says only <see cref="LibpcapSyntaxError"/>;
    /// false when libpcap names the problem itself (an unknown host, a port out of range, a bogus address).
    /// </summary>
    public bool IsSyntaxError { get; }

    /// <summary>
    /// The message libpcap's <c>pcap_compile</c> gives for the same expression, as tcpdump prints it:
    /// <see cref="LibpcapSyntaxError"/> for a grammar error, otherwise <see cref="Exception.Message"/> without its
    /// position.
    /// </summary>
    public string LibpcapMessage => IsSyntaxError ? LibpcapSyntaxError : WithoutPosition(Message);

    // Our messages say where as " at N" at the end or before ": detail"; libpcap's never do.
    private static string WithoutPosition(string message)
    {
        for (int at = message.LastIndexOf(" at ", StringComparison.Ordinal); at >= 0;
             at = at == 0 ? -1 : message.LastIndexOf(" at ", at - 1, StringComparison.Ordinal))
        {
            int end = at + 4;
            while (end < message.Length && char.IsAsciiDigit(message[end]))
                end++;
            if (end > at + 4 && (end == message.Length || message[end] == ':'))
                return end == message.Length ? message[..at] : message[..at] + message[end..];
        }
        return message;
    }

    /// <summary>The expression that was being compiled.</summary>
    public string Expression { get; }

    /// <summary>The 0-based position of the offending text in <see cref="Expression"/>.</summary>
    public int Position { get; }

    /// <summary>The length of the offending text (at least 1 when the expression is not empty).</summary>
    public int Length { get; }
}
