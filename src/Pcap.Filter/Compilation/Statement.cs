namespace Pcap.Filter.Compilation;

/// <summary>One instruction in a block's straight-line list (libpcap's <c>struct slist</c>).</summary>
internal sealed class Statement
{
    public Statement(ushort code, uint k = 0)
    {
        Code = code;
        K = k;
    }

    public ushort Code;
    public uint K;
    public Statement? Next;

    // Only for conditional jumps embedded in a statement list: the statements they land on.
    public Statement? JumpTrue;
    public Statement? JumpFalse;

    /// <summary>Appends <paramref name="tail"/> at the end of the list that starts at <paramref name="head"/>.</summary>
    public static void Append(Statement head, Statement? tail)
    {
        var s = head;
        while (s.Next is not null)
            s = s.Next;
        s.Next = tail;
    }

    public static int CountOf(Statement? s)
    {
        int n = 0;
        for (; s is not null; s = s.Next)
            n++;
        return n;
    }
}
