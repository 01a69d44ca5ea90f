using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation;

/// <summary>
/// Lays the block graph out as a linear BPF program the way libpcap's <c>icode_to_fcode</c> does: each block is
/// placed after everything reachable from its false branch and then its true branch, filling the program from
/// the end; a branch that cannot reach its target in 255 instructions gets a <c>ja</c> inserted after the block.
/// Iterative, so graphs of any depth lay out on an ordinary stack.
/// </summary>
internal sealed class Linearizer
{
    private int _mark;
    private BpfInstruction[] _program = [];
    private int _tail;

    public static BpfInstruction[] Linearize(CodeBlock root) => new Linearizer().Run(root);

    /// <summary>The program length before any <c>ja</c> trampolines, counted without recursion.</summary>
    public static int MinimumLength(CodeBlock root)
    {
        var seen = new HashSet<CodeBlock>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<CodeBlock>();
        pending.Push(root);
        int n = 0;
        while (pending.Count > 0)
        {
            var p = pending.Pop();
            if (!seen.Add(p))
                continue;
            n += CodeStatement.CountOf(p.Statements) + 1;
            if (p.JumpTrue is not null)
                pending.Push(p.JumpTrue);
            if (p.JumpFalse is not null)
                pending.Push(p.JumpFalse);
        }
        return n;
    }

    private BpfInstruction[] Run(CodeBlock root)
    {
        while (true)
        {
            _mark++;
            int length = Count(root);
            _program = new BpfInstruction[length];
            _tail = length;
            _mark++;
            if (Convert(root))
                return _program;
        }
    }

    // The same sum as libpcap's recursive count_stmts, over each reachable block once.
    private int Count(CodeBlock root)
    {
        var pending = new Stack<CodeBlock>();
        pending.Push(root);
        root.Mark = _mark;
        int n = 0;
        while (pending.Count > 0)
        {
            var p = pending.Pop();
            n += CodeStatement.CountOf(p.Statements) + 1 + p.LongJumpTrue + p.LongJumpFalse;
            Push(p.JumpTrue);
            Push(p.JumpFalse);
        }
        return n;

        void Push(CodeBlock? next)
        {
            if (next is null || next.Mark == _mark)
                return;
            next.Mark = _mark;
            pending.Push(next);
        }
    }

    // libpcap's convert_code_r without recursion: post-order, false branch first, then true branch, then the block.
    private bool Convert(CodeBlock root)
    {
        var stack = new Stack<(CodeBlock Block, int Step)>();
        Visit(root);
        while (stack.Count > 0)
        {
            var (p, step) = stack.Pop();
            if (step == 0)
            {
                stack.Push((p, 1));
                Visit(p.JumpFalse);
            }
            else if (step == 1)
            {
                stack.Push((p, 2));
                Visit(p.JumpTrue);
            }
            else if (!Place(p))
            {
                return false;
            }
        }
        return true;

        void Visit(CodeBlock? b)
        {
            if (b is null || b.Mark == _mark)
                return;
            b.Mark = _mark;
            stack.Push((b, 0));
        }
    }

    // Places one block in front of everything placed so far; false when a branch needs a ja stub (then retry).
    private bool Place(CodeBlock p)
    {
        int slen = CodeStatement.CountOf(p.Statements);
        _tail -= slen + 1 + p.LongJumpTrue + p.LongJumpFalse;
        int dst = _tail;
        p.Offset = dst;

        var offsets = new CodeStatement[slen];
        int i = 0;
        for (var s = p.Statements; s is not null; s = s.Next)
            offsets[i++] = s;

        int off = 0;
        for (var s = p.Statements; s is not null; s = s.Next)
        {
            byte jt = 0, jf = 0;
            bool isConditional = BpfOpcodes.ClassOf(s.Code) == BpfOpcodes.Jmp && s.Code != (BpfOpcodes.Jmp | BpfOpcodes.Ja);
            if (isConditional && off != slen - 2)
            {
                for (int j = 0; j < slen; j++)
                {
                    if (offsets[j] == s.JumpTrue)
                        jt = (byte)(j - off - 1);
                    if (offsets[j] == s.JumpFalse)
                        jf = (byte)(j - off - 1);
                }
            }
            _program[dst++] = new BpfInstruction(s.Code, jt, jf, s.K);
            off++;
        }

        if (p.JumpTrue is null)
        {
            _program[dst] = new BpfInstruction(p.Code, 0, 0, p.K);
            return true;
        }

        if (p.Code == (BpfOpcodes.Jmp | BpfOpcodes.Ja))
        {
            // An unconditional relay: ja reaches any distance, so it never needs a stub.
            _program[dst] = new BpfInstruction(p.Code, 0, 0, (uint)(p.JumpTrue.Offset - (p.Offset + slen) - 1));
            return true;
        }

        int extra = 0;
        byte bt, bf;
        int offT = p.JumpTrue.Offset - (p.Offset + slen) - 1;
        if (offT >= 256)
        {
            if (p.LongJumpTrue == 0)
            {
                p.LongJumpTrue++;
                return false;
            }
            bt = (byte)extra;
            extra++;
            _program[dst + extra] = new BpfInstruction(BpfOpcodes.Jmp | BpfOpcodes.Ja, 0, 0, (uint)(offT - extra));
        }
        else
        {
            bt = (byte)offT;
        }
        int offF = p.JumpFalse!.Offset - (p.Offset + slen) - 1;
        if (offF >= 256)
        {
            if (p.LongJumpFalse == 0)
            {
                p.LongJumpFalse++;
                return false;
            }
            bf = (byte)extra;
            extra++;
            _program[dst + extra] = new BpfInstruction(BpfOpcodes.Jmp | BpfOpcodes.Ja, 0, 0, (uint)(offF - extra));
        }
        else
        {
            bf = (byte)offF;
        }
        _program[dst] = new BpfInstruction(p.Code, bt, bf, p.K);
        return true;
    }
}
