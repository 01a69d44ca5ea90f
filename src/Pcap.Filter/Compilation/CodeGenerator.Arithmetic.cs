using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation;

// Arithmetic expressions, packet accessors proto[expr:size] and relations (gen_load, gen_arth, gen_relation).
internal sealed partial class CodeGenerator
{
    private static CodeStatement ToX(ArithmeticValue a) => new(BpfOpcodes.Ldx | BpfOpcodes.Mem, (uint)a.Register);
    private static CodeStatement ToA(ArithmeticValue a) => new(BpfOpcodes.Ld | BpfOpcodes.Mem, (uint)a.Register);

    private ArithmeticValue LoadImmediate(uint value)
    {
        int reg = AllocateRegister();
        var s = new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.Imm, value) { Next = new CodeStatement(BpfOpcodes.St, (uint)reg) };
        return new ArithmeticValue(s) { Register = reg };
    }

    private ArithmeticValue LoadLength()
    {
        int reg = AllocateRegister();
        var s = new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.Len) { Next = new CodeStatement(BpfOpcodes.St, (uint)reg) };
        return new ArithmeticValue(s) { Register = reg };
    }

    /// <summary>
    /// Fold arithmetic on constants as it is generated, as libpcap's optimizer would fold it later. Kept only for programs
    /// too long for that optimizer to run on ('ip[0] = 1+1+...+1' with 100,000 terms): elsewhere the compiler generates
    /// again without folding, so the code stays libpcap's, instruction for instruction, and its optimizer folds.
    /// </summary>
    public bool FoldConstants { get; init; }

    /// <summary>How many statements folding saved: the program without folding is that much longer.</summary>
    public int FoldedStatements { get; private set; }

    /// <summary>Whether an arithmetic operation had two constant operands: only then can folding shorten the code.</summary>
    public bool HasConstantArithmetic { get; private set; }

    /// <summary>
    /// True when folding made a divisor or shift count a constant libpcap would refuse (0, or above 31). Folding runs
    /// only on an expression libpcap's own code already accepted, where such a refusal is folding's alone: it is
    /// recorded instead of raised, and the compiler keeps the unfolded code.
    /// </summary>
    public bool FoldingExposedRefusal { get; private set; }

    // libpcap's refusal of a constant divisor or shift count; while folding, a mark for the compiler instead.
    private void Refuse(string message)
    {
        if (!FoldConstants)
            throw Error(message);
        FoldingExposedRefusal = true;
    }

    // A value that is only 'ld #k; st M[r]', with no checks: a constant the generator can fold.
    private bool IsFoldable(ArithmeticValue a) => FoldConstants && IsConstant(a);

    // 'ld #k; st M[r]' with no checks.
    private static bool IsConstant(ArithmeticValue a) =>
        a.Checks is null && a.Statements.Code == (BpfOpcodes.Ld | BpfOpcodes.Imm) && a.Statements.Next is { Code: BpfOpcodes.St, Next: null };

    private ArithmeticValue Negate(ArithmeticValue a)
    {
        HasConstantArithmetic |= IsConstant(a);
        if (IsFoldable(a) && BpfArithmetic.TryApply(BpfOpcodes.Neg, a.Statements.K, 0, out uint negated))
        {
            a.Statements.K = negated;
            FoldedStatements += 3;
            return a;
        }
        a.Append(ToA(a));
        a.Append(new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Neg));
        a.Append(new CodeStatement(BpfOpcodes.St, (uint)a.Register));
        return a;
    }

    private ArithmeticValue Arithmetic(ushort code, ArithmeticValue a0, ArithmeticValue a1)
    {
        var first = a1.Statements;
        bool constant = first.Code == (BpfOpcodes.Ld | BpfOpcodes.Imm);
        if (code == BpfOpcodes.Div && constant && first.K == 0)
            Refuse("division by zero");
        if (code == BpfOpcodes.Mod && constant && first.K == 0)
            Refuse("modulus by zero");
        if (code is BpfOpcodes.Lsh or BpfOpcodes.Rsh && constant && first.K > 31)
            Refuse("shift by more than 31 bits");
        HasConstantArithmetic |= IsConstant(a0) && IsConstant(a1);
        if (IsFoldable(a0) && IsFoldable(a1) && BpfArithmetic.TryApply(code, a0.Statements.K, first.K, out uint folded))
        {
            a0.Statements.K = folded;
            FreeRegister(a1.Register);
            FoldedStatements += 6;
            return a0;
        }
        var s0 = ToX(a1);
        var s1 = ToA(a0);
        CodeStatement.Append(s1, new CodeStatement((ushort)(BpfOpcodes.Alu | BpfOpcodes.X | code)));
        CodeStatement.Append(s0, s1);
        a1.Append(s0);
        a0.Append(a1);
        FreeRegister(a0.Register);
        FreeRegister(a1.Register);
        var st = new CodeStatement(BpfOpcodes.St);
        a0.Register = AllocateRegister();
        st.K = (uint)a0.Register;
        a0.Append(st);
        return a0;
    }

    private ArithmeticValue PacketLoad(ProtoQualifier proto, ArithmeticValue index, uint size)
    {
        int reg = AllocateRegister();
        FreeRegister(index.Register);
        ushort sizeCode = size switch
        {
            1 => BpfOpcodes.B,
            2 => BpfOpcodes.H,
            4 => BpfOpcodes.W,
            _ => throw Error("data size must be 1, 2, or 4"),
        };
        switch (proto)
        {
            case ProtoQualifier.Radio:
                throw Error("radio information not present in capture");
            case ProtoQualifier.Link:
            {
                index.Append(IndexedLoad(_offLinkHeader, _offLinkHeader.ConstantPart, index, sizeCode));
                break;
            }
            case ProtoQualifier.Ip or ProtoQualifier.Arp or ProtoQualifier.Rarp or ProtoQualifier.Atalk or ProtoQualifier.Decnet
                or ProtoQualifier.Sca or ProtoQualifier.Lat or ProtoQualifier.Moprc or ProtoQualifier.Mopdl or ProtoQualifier.Ipv6:
            {
                index.Append(IndexedLoad(_offLinkPayload, _offLinkPayload.ConstantPart + _offNetwork, index, sizeCode));
                var b = ProtocolAbbreviation(proto);
                if (index.Checks is not null)
                    BlockLogic.And(index.Checks, b);
                index.Checks = b;
                break;
            }
            case ProtoQualifier.Sctp or ProtoQualifier.Tcp or ProtoQualifier.Udp or ProtoQualifier.Icmp or ProtoQualifier.Igmp
                or ProtoQualifier.Igrp or ProtoQualifier.Pim or ProtoQualifier.Vrrp or ProtoQualifier.Carp:
            {
                var s = LoadIpv4HeaderLengthIntoX();
                CodeStatement.Append(s, ToA(index));
                CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.X));
                CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Misc | BpfOpcodes.Tax));
                CodeStatement.Append(s, new CodeStatement((ushort)(BpfOpcodes.Ld | BpfOpcodes.Ind | sizeCode), _offLinkPayload.ConstantPart + _offNetwork));
                index.Append(s);
                var pa = ProtocolAbbreviation(proto);
                var b = NotLaterFragment();
                BlockLogic.And(pa, b);
                if (index.Checks is not null)
                    BlockLogic.And(index.Checks, b);
                BlockLogic.And(ProtocolAbbreviation(ProtoQualifier.Ip), b);
                index.Checks = b;
                break;
            }
            case ProtoQualifier.Icmpv6:
            {
                var b = ProtocolAbbreviation(ProtoQualifier.Ipv6);
                if (index.Checks is not null)
                    BlockLogic.And(index.Checks, b);
                index.Checks = b;
                b = Compare(OffsetBase.LinkPayload, 6, BpfOpcodes.B, 58);
                BlockLogic.And(index.Checks, b);
                index.Checks = b;
                index.Append(IndexedLoad(_offLinkPayload, _offLinkPayload.ConstantPart + _offNetwork + 40, index, sizeCode));
                break;
            }
            default:
                throw Error("unsupported index operation");
        }
        index.Register = reg;
        index.Append(new CodeStatement(BpfOpcodes.St, (uint)reg));
        return index;
    }

    // proto[index]: the index plus the header's run-time offset (when it has one) goes to X, then an indirect load.
    private CodeStatement IndexedLoad(AbsoluteOffset header, uint constantOffset, ArithmeticValue index, ushort sizeCode)
    {
        var s = OffsetVariablePart(header);
        if (s is not null)
        {
            CodeStatement.Append(s, ToA(index));
            CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.X));
            CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Misc | BpfOpcodes.Tax));
        }
        else
            s = ToX(index);
        CodeStatement.Append(s, new CodeStatement((ushort)(BpfOpcodes.Ld | BpfOpcodes.Ind | sizeCode), constantOffset));
        return s;
    }

    private CodeBlock Relation(ushort code, ArithmeticValue a0, ArithmeticValue a1, bool reversed)
    {
        var s0 = ToX(a1);
        var s1 = ToA(a0);
        CodeBlock b;
        if (code == BpfOpcodes.Jeq)
        {
            b = Jump(code, 0, null);
            CodeStatement.Append(s1, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Sub | BpfOpcodes.X));
        }
        else
            b = new CodeBlock((ushort)(BpfOpcodes.Jmp | code | BpfOpcodes.X));
        if (reversed)
            BlockLogic.Not(b);
        CodeStatement.Append(s0, s1);
        a1.Append(s0);
        a0.Append(a1);
        b.Statements = a0.Statements;
        FreeRegister(a0.Register);
        FreeRegister(a1.Register);
        CodeBlock? tmp;
        if (a0.Checks is not null)
        {
            if (a1.Checks is not null)
            {
                BlockLogic.And(a0.Checks, a1.Checks);
                tmp = a1.Checks;
            }
            else
                tmp = a0.Checks;
        }
        else
            tmp = a1.Checks;
        if (tmp is not null)
            BlockLogic.And(tmp, b);
        return b;
    }
}
