namespace Pcap.Filter.Compilation;

/// <summary>The and/or/not combinators on partially built block chains, exactly as libpcap wires them.</summary>
internal static class BlockLogic
{
    /// <summary>Points every pending branch of <paramref name="list"/> at <paramref name="target"/>.</summary>
    public static void Backpatch(Block? list, Block target)
    {
        while (list is not null)
        {
            Block? next;
            if (!list.Sense)
            {
                next = list.JumpTrue;
                list.JumpTrue = target;
            }
            else
            {
                next = list.JumpFalse;
                list.JumpFalse = target;
            }
            list = next;
        }
    }

    /// <summary>Appends the pending chain <paramref name="b1"/> to the end of the pending chain of <paramref name="b0"/>.</summary>
    public static void Merge(Block b0, Block b1)
    {
        var p = b0;
        while (true)
        {
            var next = !p.Sense ? p.JumpTrue : p.JumpFalse;
            if (next is null)
            {
                if (!p.Sense)
                    p.JumpTrue = b1;
                else
                    p.JumpFalse = b1;
                return;
            }
            p = next;
        }
    }

    public static void And(Block b0, Block b1)
    {
        Backpatch(b0, b1.Head);
        b0.Sense = !b0.Sense;
        b1.Sense = !b1.Sense;
        Merge(b1, b0);
        b1.Sense = !b1.Sense;
        b1.Head = b0.Head;
    }

    public static void Or(Block b0, Block b1)
    {
        b0.Sense = !b0.Sense;
        Backpatch(b0, b1.Head);
        b0.Sense = !b0.Sense;
        Merge(b1, b0);
        b1.Head = b0.Head;
    }

    public static void Not(Block b) => b.Sense = !b.Sense;
}
