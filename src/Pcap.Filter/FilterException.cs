using System.Text;

namespace Pcap.Filter;

/// <summary>
/// An expression that cannot be compiled. <see cref="Position"/> and <see cref="Length"/> locate the
/// offending text in <see cref="Expression"/>; the message says what was found and what was expected.
/// </summary>
public sealed class FilterException : Exception
{
    // A word of the expression quoted in a message is cut past this many characters (a 1 MB name stays readable).
    private const int MaxQuotedRun = 64;

    /// <summary>Creates the error for the text at <paramref name="position"/> of length <paramref name="length"/>.</summary>
    /// <remarks>Control characters in <paramref name="message"/> are shown as <c>\xNN</c> and very long words are cut.</remarks>
    public FilterException(string message, string expression, int position, int length)
        : this(message, expression, position, length, isSyntaxError: false)
    {
    }

    /// <summary>Creates the error; <paramref name="isSyntaxError"/> marks a grammar error (libpcap's bare "syntax error").</summary>
    public FilterException(string message, string expression, int position, int length, bool isSyntaxError)
        : base(Printable(message))
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

    /// <summary>True when the expression compiles but the program is longer than the options allow.</summary>
    public bool IsTooLong { get; init; }

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

    /// <summary>
    /// Two lines for a terminal: the expression around the offending text, at most <paramref name="width"/> characters
    /// (cut ends marked <c>...</c>, control characters and line breaks shown as spaces so the columns stay), and under it
    /// a caret line marking the offending text.
    /// </summary>
    public string Excerpt(int width = 120)
    {
        width = Math.Max(width, 20);
        int position = Math.Clamp(Position, 0, Expression.Length);
        int marked = Math.Clamp(Math.Max(1, Length), 1, width / 2);
        int start = 0, end = Expression.Length;
        if (end > width)
        {
            start = Math.Max(0, position - (width - marked) / 2);
            end = Math.Min(Expression.Length, start + width);
            start = Math.Max(0, end - width);
        }
        var line = new StringBuilder(width + 8);
        if (start > 0)
            line.Append("...");
        int caretColumn = line.Length + position - start;
        foreach (char c in Expression.AsSpan(start, end - start))
            line.Append(char.IsControl(c) ? ' ' : c);
        if (end < Expression.Length)
            line.Append("...");
        line.Append('\n').Append(' ', caretColumn).Append('^', marked);
        return line.ToString();
    }

    // Control characters as \xNN; a run of more than MaxQuotedRun non-space characters cut in the middle.
    private static string Printable(string message)
    {
        bool plain = message.Length < MaxQuotedRun;
        foreach (char c in message)
            plain &= !char.IsControl(c);
        if (plain)
            return message;
        var sb = new StringBuilder(Math.Min(message.Length, 1024));
        int i = 0;
        while (i < message.Length)
        {
            int runEnd = i;
            while (runEnd < message.Length && !char.IsWhiteSpace(message[runEnd]))
                runEnd++;
            if (runEnd - i > MaxQuotedRun)
            {
                AppendEscaped(sb, message.AsSpan(i, 40));
                sb.Append($"...({runEnd - i - 48} more characters)...");
                AppendEscaped(sb, message.AsSpan(runEnd - 8, 8));
                i = runEnd;
            }
            else if (runEnd > i)
            {
                AppendEscaped(sb, message.AsSpan(i, runEnd - i));
                i = runEnd;
            }
            else
                AppendEscaped(sb, message.AsSpan(i++, 1));
        }
        return sb.ToString();
    }

    private static void AppendEscaped(StringBuilder sb, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (char.IsControl(c))
                sb.Append($"\\x{(int)c:x2}");
            else
                sb.Append(c);
        }
    }
}
