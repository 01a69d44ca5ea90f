using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation;

/// <summary>
/// A basic block of the control-flow graph as libpcap's code generator builds it: statements followed by one
/// conditional jump (or a return). While an expression is being built, the unresolved branch of each block
/// points back along a chain of blocks still waiting for a target; <see cref="Sense"/> says which branch that is.
/// </summary>
internal sealed class CodeBlock
{
    public CodeBlock(ushort code, uint k = 0)
    {
        Code = code;
        K = k;
        Head = this;
    }

    public CodeStatement? Statements;
    public ushort Code;
    public uint K;
    public CodeBlock? JumpTrue;
    public CodeBlock? JumpFalse;
    public bool Sense;
    public CodeBlock Head;

    // Scratch for the passes that walk the finished graph (set grouping numbers blocks in Offset).
    public int Offset;

    // BlockGraphBuilder: the walk that last visited this block, and the optimizer block it built for it.
    public int Mark;
    public BasicBlock? Lowered;
}
