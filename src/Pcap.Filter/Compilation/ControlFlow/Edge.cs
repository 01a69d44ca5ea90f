namespace Pcap.Filter.Compilation.ControlFlow;

/// <summary>
/// One outgoing edge of a block (libpcap's <c>struct edge</c>): the true or false exit of the block's
/// final jump. Jump threading retargets edges; edge dominators are sets of edge ids.
/// </summary>
internal sealed class Edge
{
    /// <summary>Creates the edge leaving <paramref name="predecessor"/>.</summary>
    public Edge(BasicBlock predecessor) => Predecessor = predecessor;

    /// <summary>Edge number: the block id for the true edge, block count + block id for the false edge.</summary>
    public int Id { get; set; }

    /// <summary>The jump code for a true edge, its negation for a false edge (set when the block is optimized).</summary>
    public int Code { get; set; }

    /// <summary>The block this edge leaves.</summary>
    public BasicBlock Predecessor { get; }

    /// <summary>The block this edge enters; null for the exits of a return block.</summary>
    public BasicBlock? Successor { get; set; }

    /// <summary>Forgets everything but the predecessor (see <see cref="BlockArena"/>).</summary>
    public void Reset()
    {
        Id = 0;
        Code = 0;
        Successor = null;
    }
}
