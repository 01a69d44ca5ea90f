namespace Pcap.Filter.Compilation;

/// <summary>
/// A basic block of the control-flow graph as libpcap's code generator builds it: statements followed by one
/// conditional jump (or a return). While an expression is being built, the unresolved branch of each block
/// points back along a chain of blocks still waiting for a target; <see cref="Sense"/> says which branch that is.
/// </summary>
internal sealed class Block
{
    public Block(ushort code, uint k = 0)
    {
        Code = code;
        K = k;
        Head = this;
    }

    public Statement? Statements;
    public ushort Code;
    public uint K;
    public Block? JumpTrue;
    public Block? JumpFalse;
    public bool Sense;
    public Block Head;

    // Linearization state.
    public int Offset;
    public int LongJumpTrue;
    public int LongJumpFalse;
    public int Mark;
}
