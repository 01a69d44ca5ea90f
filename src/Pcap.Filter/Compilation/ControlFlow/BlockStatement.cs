namespace Pcap.Filter.Compilation.ControlFlow;

/// <summary>
/// One mutable BPF statement inside a basic block (libpcap's <c>struct stmt</c>). Passes rewrite the
/// code and operand in place, and delete a statement by turning it into <see cref="Nop"/>, because
/// other passes hold references to it (dead-store elimination remembers the last definition).
/// </summary>
internal sealed class BlockStatement
{
    /// <summary>The code of a deleted statement; it is skipped when the block is linearized.</summary>
    public const int Nop = -1;

    /// <summary>Creates a statement.</summary>
    public BlockStatement(int code, uint k)
    {
        Code = code;
        K = k;
    }

    /// <summary>The BPF opcode, or <see cref="Nop"/>.</summary>
    public int Code { get; set; }

    /// <summary>The generic operand.</summary>
    public uint K { get; set; }

    /// <summary>For a conditional jump between statements of one block (libpcap's live VLAN test): where "true" lands.</summary>
    public BlockStatement? JumpTrue { get; set; }

    /// <summary>For a conditional jump between statements of one block: where "false" lands.</summary>
    public BlockStatement? JumpFalse { get; set; }

    /// <summary>True when the statement was deleted.</summary>
    public bool IsNop => Code == Nop;

    /// <inheritdoc />
    public override string ToString() => IsNop ? "nop" : $"0x{Code:x2} #{K}";
}
