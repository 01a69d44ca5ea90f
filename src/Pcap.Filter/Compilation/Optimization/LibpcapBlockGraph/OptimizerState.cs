using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Everything the passes share (libpcap's <c>opt_state_t</c>): the blocks numbered once in depth-first
/// order, the edges by id, the level lists, the value table and the "something changed" flags. The per-block
/// and per-edge analysis results live in flat slabs indexed by id, and one state per thread is reused from
/// compile to compile, so optimizing allocates almost nothing once the slabs are large enough.
/// Blocks that become unreachable keep their number; passes walk only what the root reaches.
/// </summary>
internal sealed class OptimizerState
{
    [ThreadStatic]
    private static OptimizerState? t_cached;

    private BasicBlock[] _blocks = new BasicBlock[64];
    private Edge[] _edges = new Edge[128];
    private BasicBlock[] _levelMembers = new BasicBlock[64];
    private int[] _levelStart = new int[66];
    private int[] _listed = new int[64];
    private int _listedCount;
    private int[] _levelCursor = new int[64];
    private uint[] _dominators = new uint[64];
    private uint[] _edgeDominators = new uint[128];
    private uint[] _exitValues = new uint[64 * BasicBlock.AtomCount];
    private int[] _internClasses = new int[64];
    // Incoming edges as lists of edge ids (libpcap's in_edges and next): ints, so rebuilding them stores no reference.
    private int[] _firstInEdge = new int[64];
    private int[] _nextInEdge = new int[128];
    // Jump targets as ids (-1 for none): comparing and storing ints, not references.
    private int[] _snapshotTrue = new int[64];
    private int[] _snapshotFalse = new int[64];
    private int _snapshotRoot;
    private BasicBlock[] _numbering = new BasicBlock[64];
    private readonly int[] _lastDefinition = new int[BasicBlock.AtomCount];
    private ControlFlowGraph _graph = null!;

    private OptimizerState()
    {
    }

    /// <summary>
    /// The calling thread's state, reset for <paramref name="graph"/>: numbers the blocks reachable from the root and
    /// sizes the bit sets (libpcap's <c>opt_init</c>). Valid until the thread optimizes another graph.
    /// </summary>
    public static OptimizerState For(ControlFlowGraph graph)
    {
        var state = t_cached ??= new OptimizerState();
        state.Reset(graph);
        return state;
    }

    /// <summary>The graph being optimized.</summary>
    public ControlFlowGraph Graph => _graph;

    /// <summary>Number of blocks (ids 0 to count - 1).</summary>
    public int BlockCount { get; private set; }

    /// <summary>Blocks by id.</summary>
    public ReadOnlySpan<BasicBlock> Blocks => _blocks.AsSpan(0, BlockCount);

    /// <summary>Edges by id.</summary>
    public ReadOnlySpan<Edge> Edges => _edges.AsSpan(0, 2 * BlockCount);

    /// <summary>The blocks of one level, in libpcap's level-list order (the block listed last comes first).</summary>
    public ReadOnlySpan<BasicBlock> Level(int level) =>
        _levelMembers.AsSpan(_levelStart[level], _levelStart[level + 1] - _levelStart[level]);

    /// <summary>Words in a block bit set.</summary>
    public int NodeWords { get; private set; }

    /// <summary>Words in an edge bit set.</summary>
    public int EdgeWords { get; private set; }

    /// <summary>Every block's dominator set, one after the other by id.</summary>
    public Span<uint> AllDominators => _dominators.AsSpan(0, BlockCount * NodeWords);

    /// <summary>Every edge's dominator set, one after the other by id.</summary>
    public Span<uint> AllEdgeDominators => _edgeDominators.AsSpan(0, 2 * BlockCount * EdgeWords);

    /// <summary>The value-numbering table.</summary>
    public ValueNumbering Values { get; } = new();

    /// <summary>False as soon as a pass changed anything; the loop runs until a pass leaves it true.</summary>
    public bool Done { get; set; }

    /// <summary>True when a pass changed something other than moving branches (libpcap's loop detection).</summary>
    public bool NonBranchMovementPerformed { get; set; }

    /// <summary>Whether the dominator sets match the jumps of the last <see cref="SnapshotJumps"/>.</summary>
    public bool DominatorsCurrent { get; set; }

    /// <summary>Scratch stack for the depth-first walks over numbered blocks.</summary>
    public IdStack Walk { get; } = new();

    /// <summary>Dead-store elimination's scratch: the index of each atom's last unread definition.</summary>
    public Span<int> LastDefinition => _lastDefinition;

    /// <summary>Block interning: the class of each block by id (-1 for none).</summary>
    public Span<int> InternClasses => _internClasses.AsSpan(0, BlockCount);

    /// <summary>Block interning: the classes of equal blocks.</summary>
    public BlockClasses Classes { get; } = new();

    /// <summary>Bit set of the blocks that dominate <paramref name="block"/>.</summary>
    public Span<uint> Dominators(BasicBlock block) => _dominators.AsSpan(block.Id * NodeWords, NodeWords);

    /// <summary>Bit set of the edges that dominate <paramref name="edge"/>.</summary>
    public Span<uint> Dominators(Edge edge) => _edgeDominators.AsSpan(edge.Id * EdgeWords, EdgeWords);

    /// <summary>The id of the first edge entering the block of id <paramref name="blockId"/>, or -1 for none.</summary>
    public int FirstInEdge(int blockId) => _firstInEdge[blockId];

    /// <summary>The id of the edge after <paramref name="edgeId"/> entering the same block, or -1 for none.</summary>
    public int NextInEdge(int edgeId) => _nextInEdge[edgeId];

    /// <summary>The id of the block edge <paramref name="edgeId"/> leaves.</summary>
    public int PredecessorOf(int edgeId) => edgeId < BlockCount ? edgeId : edgeId - BlockCount;

    /// <summary>Forgets every incoming edge (see <see cref="AddInEdge"/>).</summary>
    public void ClearInEdges() => _firstInEdge.AsSpan(0, BlockCount).Fill(-1);

    /// <summary>Puts <paramref name="edge"/> at the head of its successor's incoming edges.</summary>
    public void AddInEdge(Edge edge)
    {
        int successor = edge.Successor!.Id;
        _nextInEdge[edge.Id] = _firstInEdge[successor];
        _firstInEdge[successor] = edge.Id;
    }

    /// <summary>Value numbers of every atom on exit from the block of id <paramref name="blockId"/> (0 = unknown).</summary>
    public Span<uint> ExitValues(int blockId) => _exitValues.AsSpan(blockId * BasicBlock.AtomCount, BasicBlock.AtomCount);

    /// <summary>Value numbers of every atom on exit from <paramref name="block"/> (0 = unknown).</summary>
    public Span<uint> ExitValues(BasicBlock block) => _exitValues.AsSpan(block.Id * BasicBlock.AtomCount, BasicBlock.AtomCount);

    /// <summary>Starts new level lists (see <see cref="ListOnItsLevel"/>).</summary>
    public void ClearLevels() => _listedCount = 0;

    /// <summary>Lists <paramref name="block"/>, whose <see cref="BasicBlock.Level"/> is set, on its level.</summary>
    public void ListOnItsLevel(BasicBlock block) => _listed[_listedCount++] = block.Id;

    /// <summary>Groups the listed blocks by level up to <paramref name="maxLevel"/>, the last listed first in each level.</summary>
    public void GroupLevels(int maxLevel)
    {
        Span<int> start = _levelStart.AsSpan(0, maxLevel + 2);
        start.Clear();
        for (int i = 0; i < _listedCount; i++)
            start[_blocks[_listed[i]].Level + 1]++;
        for (int level = 1; level < start.Length; level++)
            start[level] += start[level - 1];
        // Each level filled from its end backwards in listing order, as libpcap pushes on the head of the list.
        Span<int> cursor = _levelCursor.AsSpan(0, maxLevel + 1);
        start[1..].CopyTo(cursor);
        for (int i = 0; i < _listedCount; i++)
        {
            BasicBlock block = _blocks[_listed[i]];
            _levelMembers[--cursor[block.Level]] = block;
        }
    }

    /// <summary>Remembers every block's jump targets and the root, for <see cref="JumpsMovedSinceLastSnapshot"/>.</summary>
    public void SnapshotJumps()
    {
        _snapshotRoot = _graph.Root.Id;
        for (int i = 0; i < BlockCount; i++)
        {
            _snapshotTrue[i] = _blocks[i].JumpTrue?.Id ?? -1;
            _snapshotFalse[i] = _blocks[i].JumpFalse?.Id ?? -1;
        }
    }

    /// <summary>True when the root or any jump target differs from the last snapshot (or there is none yet).</summary>
    public bool JumpsMovedSinceLastSnapshot()
    {
        if (_snapshotRoot != _graph.Root.Id)
            return true;
        for (int i = 0; i < BlockCount; i++)
        {
            if (_snapshotTrue[i] != (_blocks[i].JumpTrue?.Id ?? -1) || _snapshotFalse[i] != (_blocks[i].JumpFalse?.Id ?? -1))
                return true;
        }
        return false;
    }

    /// <summary>Records a change that is not just branch movement.</summary>
    public void NoteSimplification()
    {
        NonBranchMovementPerformed = true;
        Done = false;
    }

    /// <summary>Records a branch movement.</summary>
    public void NoteBranchMovement() => Done = false;

    private void Reset(ControlFlowGraph graph)
    {
        _graph = graph;
        Done = false;
        NonBranchMovementPerformed = false;
        int count = Number(graph);
        BlockCount = count;
        NodeWords = BitSet.WordsFor(count);
        EdgeWords = BitSet.WordsFor(2 * count);
        Grow(ref _edges, 2 * count);
        Grow(ref _levelMembers, count);
        Grow(ref _levelStart, count + 2);
        Grow(ref _listed, count);
        Grow(ref _levelCursor, count + 1);
        Grow(ref _internClasses, count);
        Grow(ref _firstInEdge, count);
        Grow(ref _nextInEdge, 2 * count);
        Grow(ref _snapshotTrue, count);
        Grow(ref _snapshotFalse, count);
        _snapshotRoot = -1;
        DominatorsCurrent = false;
        Grow(ref _dominators, count * NodeWords);
        Grow(ref _edgeDominators, 2 * count * EdgeWords);
        Grow(ref _exitValues, count * BasicBlock.AtomCount);
        for (int i = 0; i < count; i++)
        {
            BasicBlock block = _blocks[i];
            block.True.Id = i;
            block.False.Id = count + i;
            _edges[i] = block.True;
            _edges[count + i] = block.False;
        }
    }

    // Depth-first preorder, true branch first, without recursion: a block is numbered when first reached.
    private int Number(ControlFlowGraph graph)
    {
        BasicBlock[] pending = _numbering;
        int top = 0;
        graph.UnmarkAll();
        pending[top++] = graph.Root;
        int count = 0;
        while (top > 0)
        {
            BasicBlock block = pending[--top];
            if (graph.IsMarked(block))
                continue;
            graph.Mark(block);
            block.Id = count;
            if (count == _blocks.Length)
                Array.Resize(ref _blocks, 2 * count);
            _blocks[count++] = block;
            if (top + 2 > pending.Length)
                Array.Resize(ref pending, 2 * pending.Length);
            if (block.JumpFalse is { } onFalse)
                pending[top++] = onFalse;
            if (block.JumpTrue is { } onTrue)
                pending[top++] = onTrue;
        }
        _numbering = pending;
        return count;
    }

    private static void Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
            array = new T[Math.Max(length, 2 * array.Length)];
    }
}
