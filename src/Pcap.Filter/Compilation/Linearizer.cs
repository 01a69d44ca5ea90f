using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation;

/// <summary>
/// Lays the block graph out as a linear BPF program the way libpcap's <c>icode_to_fcode</c> does: each block is
/// placed after everything reachable from its false branch and then its true branch, filling the program from
/// the end; a branch that cannot reach its target in 255 instructions gets a <c>ja</c> inserted after the block.
/// </summary>
internal sealed class Linearizer
{
    private int _mark;
    private BpfInstruction[] _program = [];
    private int _tail;

    public static BpfInstruction[] Linearize(Block root) => new Linearizer().Run(root);

    private BpfInstruction[] Run(Block root)
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

    private int Count(Block? p)
    {
        if (p is null || p.Mark == _mark)
            return 0;
        p.Mark = _mark;
        int n = Count(p.JumpTrue) + Count(p.JumpFalse);
        return Statement.CountOf(p.Statements) + n + 1 + p.LongJumpTrue + p.LongJumpFalse;
    }

    private bool Convert(Block? p)
    {
        if (p is null || p.Mark == _mark)
            return true;
        p.Mark = _mark;
        if (!Convert(p.JumpFalse))
            return false;
        if (!Convert(p.JumpTrue))
            return false;

        int slen = Statement.CountOf(p.Statements);
        _tail -= slen + 1 + p.LongJumpTrue + p.LongJumpFalse;
        int dst = _tail;
        p.Offset = dst;

        var offsets = new Statement[slen];
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
