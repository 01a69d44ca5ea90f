namespace Pcap.Filter.Compilation.ControlFlow;

/// <summary>
/// The blocks and statements of the calling thread's last <see cref="BlockGraphBuilder"/> graph, handed out again
/// for the next one instead of being allocated anew. A graph built from it is valid until the thread builds the next.
/// Only the first <see cref="KeptBlocks"/> blocks and <see cref="KeptStatements"/> statements are kept, so one huge
/// filter does not pin its graph in memory for the thread's lifetime.
/// </summary>
internal sealed class BlockArena
{
    private const int KeptBlocks = 4096;
    private const int KeptStatements = 4 * KeptBlocks;

    [ThreadStatic]
    private static BlockArena? t_arena;

    private readonly List<BasicBlock> _blocks = [];
    private readonly List<BlockStatement> _statements = [];
    private int _blocksUsed;
    private int _statementsUsed;

    /// <summary>The calling thread's arena, with everything it holds free again.</summary>
    public static BlockArena Rewind()
    {
        var arena = t_arena ??= new BlockArena();
        arena._blocksUsed = 0;
        arena._statementsUsed = 0;
        return arena;
    }

    /// <summary>A block ending with a branch of <paramref name="code"/> and <paramref name="k"/>, with no statements or successors.</summary>
    public BasicBlock Block(ushort code, uint k)
    {
        if (_blocksUsed == _blocks.Count)
        {
            var fresh = new BasicBlock([], new BlockStatement(code, k));
            if (_blocks.Count < KeptBlocks)
            {
                _blocks.Add(fresh);
                _blocksUsed++;
            }
            return fresh;
        }
        BasicBlock block = _blocks[_blocksUsed++];
        block.Reset(code, k);
        return block;
    }

    /// <summary>A statement of <paramref name="code"/> and <paramref name="k"/> that jumps nowhere.</summary>
    public BlockStatement Statement(ushort code, uint k)
    {
        if (_statementsUsed == _statements.Count)
        {
            var fresh = new BlockStatement(code, k);
            if (_statements.Count < KeptStatements)
            {
                _statements.Add(fresh);
                _statementsUsed++;
            }
            return fresh;
        }
        BlockStatement statement = _statements[_statementsUsed++];
        statement.Code = code;
        statement.K = k;
        statement.JumpTrue = null;
        statement.JumpFalse = null;
        return statement;
    }
}
