using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Everything the passes share (libpcap's <c>opt_state_t</c>): the blocks numbered once in depth-first
/// order, the edges by id, the level lists, the value table and the "something changed" flags.
/// Blocks that become unreachable keep their number; passes walk only what the root reaches.
/// </summary>
internal sealed class OptimizerState
{
    /// <summary>Numbers the blocks reachable from the graph's root and sizes the bit sets (libpcap's <c>opt_init</c>).</summary>
    public OptimizerState(ControlFlowGraph graph)
    {
        Graph = graph;
        var blocks = new List<BasicBlock>();
        graph.UnmarkAll();
        Number(graph, graph.Root, blocks);
        Blocks = blocks.ToArray();
        int count = Blocks.Length;
        Edges = new Edge[2 * count];
        Levels = new BasicBlock?[count];
        NodeWords = BitSet.WordsFor(count);
        EdgeWords = BitSet.WordsFor(2 * count);
        for (int i = 0; i < count; i++)
        {
            BasicBlock block = Blocks[i];
            block.Dominators = new uint[NodeWords];
            block.Closure = new uint[NodeWords];
            block.True.Dominators = new uint[EdgeWords];
            block.False.Dominators = new uint[EdgeWords];
            block.True.Id = i;
            block.False.Id = count + i;
            Edges[i] = block.True;
            Edges[count + i] = block.False;
        }
    }

    /// <summary>The graph being optimized.</summary>
    public ControlFlowGraph Graph { get; }

    /// <summary>Blocks by id.</summary>
    public BasicBlock[] Blocks { get; }

    /// <summary>Edges by id.</summary>
    public Edge[] Edges { get; }

    /// <summary>Head of each level's block list (linked through <see cref="BasicBlock.Link"/>).</summary>
    public BasicBlock?[] Levels { get; }

    /// <summary>Words in a block bit set.</summary>
    public int NodeWords { get; }

    /// <summary>Words in an edge bit set.</summary>
    public int EdgeWords { get; }

    /// <summary>The value-numbering table.</summary>
    public ValueNumbering Values { get; } = new();

    /// <summary>False as soon as a pass changed anything; the loop runs until a pass leaves it true.</summary>
    public bool Done { get; set; }

    /// <summary>True when a pass changed something other than moving branches (libpcap's loop detection).</summary>
    public bool NonBranchMovementPerformed { get; set; }

    /// <summary>Scratch table for dead-store elimination (the last definition of each atom), reused for every block.</summary>
    public BlockStatement?[] LastDefinitionScratch { get; } = new BlockStatement?[Atoms.Count];

    /// <summary>Records a change that is not just branch movement.</summary>
    public void NoteSimplification()
    {
        NonBranchMovementPerformed = true;
        Done = false;
    }

    /// <summary>Records a branch movement.</summary>
    public void NoteBranchMovement() => Done = false;

    // Depth-first preorder, true branch first, without recursion: a branch's block is numbered when first reached.
    private static void Number(ControlFlowGraph graph, BasicBlock root, List<BasicBlock> blocks)
    {
        var pending = new Stack<BasicBlock>();
        pending.Push(root);
        while (pending.TryPop(out var block))
        {
            if (graph.IsMarked(block))
                continue;
            graph.Mark(block);
            block.Id = blocks.Count;
            blocks.Add(block);
            if (block.JumpFalse is { } onFalse)
                pending.Push(onFalse);
            if (block.JumpTrue is { } onTrue)
                pending.Push(onTrue);
        }
    }
}
