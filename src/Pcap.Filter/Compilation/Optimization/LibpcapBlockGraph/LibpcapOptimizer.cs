using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// libpcap 1.10's optimizer (<c>bpf_optimize</c> followed by <c>icode_to_fcode</c>), reproduced so that
/// the result is instruction-for-instruction what <c>pcap_compile(..., optimize=1)</c> emits, and refuses
/// exactly the filters libpcap refuses. Input is libpcap's unoptimized program (<c>tcpdump -O -d</c>), or the code
/// generator's graph of the same blocks straight from <see cref="BlockGraphBuilder"/>, which skips laying it out and
/// lifting it back. Like libpcap, a program containing <c>protochain</c> or <c>geneve</c> code is returned unoptimized.
/// </summary>
internal static class LibpcapOptimizer
{
    /// <summary>Optimizes libpcap's unoptimized program <paramref name="unoptimized"/>.</summary>
    /// <exception cref="ArgumentException">The program is not a block-structured libpcap program.</exception>
    public static LibpcapOptimizationResult Optimize(ReadOnlySpan<BpfInstruction> unoptimized) =>
        // libpcap turns its optimizer off for protochain and geneve, whose code jumps between statements.
        ProgramLifter.Lift(unoptimized) is { } graph ? Optimize(graph) : LibpcapOptimizationResult.NotOptimized(unoptimized.ToArray());

    /// <summary>
    /// Optimizes the code generator's graph built by <see cref="BlockGraphBuilder"/>. When its statements jump
    /// (<paramref name="jumpsBetweenStatements"/>), it is laid out and lifted back, so the optimizer sees it as libpcap does.
    /// </summary>
    public static LibpcapOptimizationResult Optimize(ControlFlowGraph graph, bool jumpsBetweenStatements) =>
        jumpsBetweenStatements ? Optimize(ProgramLinearizer.Linearize(graph)) : Optimize(graph);

    private static LibpcapOptimizationResult Optimize(ControlFlowGraph graph)
    {
        try
        {
            var state = OptimizerState.For(graph);
            OptimizationLoop.Run(state, alterStatements: false);
            OptimizationLoop.Run(state, alterStatements: true);
            BlockInterning.Run(state);
            RootSimplification.Run(graph);
        }
        catch (OptimizerFailure e)
        {
            return LibpcapOptimizationResult.Failure(e.Message);
        }

        BlockStatement rootBranch = graph.Root.Branch;
        if (rootBranch.Code == (BpfOpcodes.Ret | BpfOpcodes.K) && rootBranch.K == 0)
            return LibpcapOptimizationResult.RejectsAll();
        try
        {
            return LibpcapOptimizationResult.Success(ProgramLinearizer.Linearize(graph));
        }
        catch (OptimizerFailure e) // the layout's own refusals (libpcap's conv_error)
        {
            return LibpcapOptimizationResult.Failure(e.Message);
        }
    }
}
