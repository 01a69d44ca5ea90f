using System.Runtime.InteropServices;
using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation.ControlFlow;

/// <summary>
/// A basic block of the filter's control-flow graph, equivalent to libpcap's gencode <c>struct block</c>:
/// straight-line statements followed by one conditional jump (two edges) or one return (no edges).
/// The analysis fields are scratch space owned by the optimizer and recomputed on every pass; the bit sets and
/// value numbers live in the optimizer's slabs (<see cref="Optimization.OptimizerState"/>), indexed by <see cref="Id"/>.
/// </summary>
internal sealed class BasicBlock
{
    /// <summary>Number of value slots: 16 scratch words, then A, then X.</summary>
    public const int AtomCount = BpfOpcodes.MemoryWords + 2;

    /// <summary>Creates a block ending with <paramref name="branch"/>.</summary>
    public BasicBlock(List<BlockStatement> statements, BlockStatement branch)
    {
        Statements = statements;
        Branch = branch;
        True = new Edge(this);
        False = new Edge(this);
    }

    /// <summary>The straight-line statements, deleted ones included as <see cref="BlockStatement.Nop"/>.</summary>
    public List<BlockStatement> Statements { get; set; }

    /// <summary>The final conditional jump or return.</summary>
    public BlockStatement Branch { get; }

    /// <summary>The exit taken when the jump's condition holds.</summary>
    public Edge True { get; }

    /// <summary>The exit taken when the jump's condition fails.</summary>
    public Edge False { get; }

    /// <summary>Target of the true exit (libpcap's <c>JT(b)</c>); null for a return.</summary>
    public BasicBlock? JumpTrue
    {
        get => True.Successor;
        set => True.Successor = value;
    }

    /// <summary>Target of the false exit (libpcap's <c>JF(b)</c>); null for a return.</summary>
    public BasicBlock? JumpFalse
    {
        get => False.Successor;
        set => False.Successor = value;
    }

    /// <summary>True when the block ends in a return.</summary>
    public bool IsReturn => BpfOpcodes.ClassOf((ushort)Branch.Code) == BpfOpcodes.Ret;

    /// <summary>Depth-first preorder number from the root (true branch first), as libpcap numbers blocks.</summary>
    public int Id { get; set; }

    /// <summary>Visit stamp compared with <see cref="ControlFlowGraph"/>'s current mark.</summary>
    public int Mark { get; set; }

    /// <summary>Height above the leaves: 0 for returns, 1 + the higher successor otherwise.</summary>
    public int Level { get; set; }

    /// <summary>Value number of the jump's operand (the constant or X).</summary>
    public uint OperandValue { get; set; }

    /// <summary>Atoms defined before any use in the block.</summary>
    public uint Killed { get; set; }

    /// <summary>Atoms whose value on entry is used.</summary>
    public uint InUse { get; set; }

    /// <summary>Atoms whose value on exit is used by a successor.</summary>
    public uint OutUse { get; set; }

    /// <summary>1 when the true exit needs an extra <c>ja</c> because it reaches more than 255 ahead.</summary>
    public int LongJumpTrue { get; set; }

    /// <summary>1 when the false exit needs an extra <c>ja</c>.</summary>
    public int LongJumpFalse { get; set; }

    /// <summary>Index of the block's first instruction in the linear program.</summary>
    public int Offset { get; set; }

    /// <summary>Number of statements that are not deleted.</summary>
    public int LiveStatementCount
    {
        get
        {
            int count = 0;
            foreach (BlockStatement statement in CollectionsMarshal.AsSpan(Statements))
            {
                if (!statement.IsNop)
                    count++;
            }
            return count;
        }
    }

    /// <summary>Makes a used block new again, ending with a branch of <paramref name="code"/> and <paramref name="k"/> (see <see cref="BlockArena"/>).</summary>
    public void Reset(ushort code, uint k)
    {
        Statements.Clear();
        Branch.Code = code;
        Branch.K = k;
        Branch.JumpTrue = null;
        Branch.JumpFalse = null;
        True.Reset();
        False.Reset();
        Id = 0;
        Mark = 0;
        Level = 0;
        OperandValue = 0;
        Killed = 0;
        InUse = 0;
        OutUse = 0;
        LongJumpTrue = 0;
        LongJumpFalse = 0;
        Offset = 0;
    }

    /// <inheritdoc />
    public override string ToString() => $"block {Id} ({Statements.Count} stmts, branch {Branch})";
}
