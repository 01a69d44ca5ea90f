namespace Pcap.Filter.Compilation;

/// <summary>
/// A partly computed arithmetic value (libpcap's <c>struct arth</c>): the statements that leave it in scratch
/// register <see cref="Register"/>, and the protocol checks that must hold for it to be meaningful.
/// </summary>
internal sealed class ArithmeticValue
{
    public ArithmeticValue(CodeStatement statements)
    {
        Statements = statements;
        _last = statements;
    }

    public CodeStatement Statements { get; }
    public int Register;
    public CodeBlock? Checks;

    // The end of Statements, kept so a chain of n terms appends in O(n) instead of walking the list each time.
    private CodeStatement _last;

    /// <summary>Appends <paramref name="tail"/> (a list) at the end of the statements.</summary>
    public void Append(CodeStatement tail)
    {
        var s = _last;
        while (s.Next is not null)
            s = s.Next;
        s.Next = tail;
        _last = tail;
    }

    /// <summary>Appends another value's statements; its end is known, so nothing is walked.</summary>
    public void Append(ArithmeticValue other)
    {
        Append(other.Statements);
        _last = other._last;
    }
}
