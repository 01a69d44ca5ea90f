namespace Pcap.Filter;

/// <summary>
/// An expression that cannot be compiled. <see cref="Position"/> and <see cref="Length"/> locate the
/// offending text in <see cref="Expression"/>; the message says what was found and what was expected.
/// </summary>
public sealed class FilterException : Exception
{
    /// <summary>Creates the error for the text at <paramref name="position"/> of length <paramref name="length"/>.</summary>
    public FilterException(string message, string expression, int position, int length)
        : base(message)
    {
        Expression = expression;
        Position = position;
        Length = length;
    }

    /// <summary>The expression that was being compiled.</summary>
    public string Expression { get; }

    /// <summary>The 0-based position of the offending text in <see cref="Expression"/>.</summary>
    public int Position { get; }

    /// <summary>The length of the offending text (at least 1 when the expression is not empty).</summary>
    public int Length { get; }
}
