using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// libpcap 1.10's optimizer (<c>bpf_optimize</c> followed by <c>icode_to_fcode</c>), reproduced so that
/// the result is instruction-for-instruction what <c>pcap_compile(..., optimize=1)</c> emits, and refuses
/// exactly the filters libpcap refuses. Input is libpcap's unoptimized program (<c>tcpdump -O -d</c>).
/// Like libpcap, a program containing <c>protochain</c> or <c>geneve</c> code is returned unoptimized.
/// </summary>
internal static class LibpcapOptimizer
{
    // Deep graphs (hundreds of or-ed hosts) recurse deeply in the DFS passes, as in libpcap.
    private const int LargeGraphInstructionCount = 2000;
    private const int LargeStackBytes = 64 * 1024 * 1024;

    /// <summary>Optimizes libpcap's unoptimized program <paramref name="unoptimized"/>.</summary>
    /// <exception cref="ArgumentException">The program is not a block-structured libpcap program.</exception>
    public static LibpcapOptimizationResult Optimize(ReadOnlySpan<BpfInstruction> unoptimized)
    {
        // libpcap turns its optimizer off for protochain and geneve, whose code jumps between statements.
        if (ProgramLifter.Lift(unoptimized) is not { } graph)
            return LibpcapOptimizationResult.NotOptimized(unoptimized.ToArray());
        if (unoptimized.Length < LargeGraphInstructionCount)
            return Optimize(graph);

        LibpcapOptimizationResult? result = null;
        Exception? failure = null;
        var worker = new Thread(() =>
        {
            try
            {
                result = Optimize(graph);
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, LargeStackBytes);
        worker.Start();
        worker.Join();
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return result!;
    }

    private static LibpcapOptimizationResult Optimize(ControlFlowGraph graph)
    {
        try
        {
            var state = new OptimizerState(graph);
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
