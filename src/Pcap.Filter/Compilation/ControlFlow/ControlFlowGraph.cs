namespace Pcap.Filter.Compilation.ControlFlow;

/// <summary>
/// The filter as a DAG of <see cref="BasicBlock"/>s with a root, plus the visit marks that the
/// traversals share (libpcap's <c>struct icode</c>): unmarking everything is one counter increment.
/// </summary>
internal sealed class ControlFlowGraph
{
    private int _currentMark = 1;

    /// <summary>Creates a graph rooted at <paramref name="root"/>.</summary>
    public ControlFlowGraph(BasicBlock root) => Root = root;

    /// <summary>The entry block.</summary>
    public BasicBlock Root { get; set; }

    /// <summary>Forgets every visit mark.</summary>
    public void UnmarkAll() => _currentMark++;

    /// <summary>True when <paramref name="block"/> was visited since the last <see cref="UnmarkAll"/>.</summary>
    public bool IsMarked(BasicBlock block) => block.Mark == _currentMark;

    /// <summary>Marks <paramref name="block"/> as visited.</summary>
    public void Mark(BasicBlock block) => block.Mark = _currentMark;
}
