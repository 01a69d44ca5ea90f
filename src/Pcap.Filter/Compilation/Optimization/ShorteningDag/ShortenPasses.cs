using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Shortens libpcap's optimized program without changing what it returns on any packet (truncated ones included):
/// known-outcome threading, dead-store removal and cross-jumping over a DAG of the final instructions. The result is
/// kept only when it is shorter and valid for the kernel; otherwise the program comes back unchanged.
/// </summary>
internal static class ShortenPasses
{
    /// <summary>
    /// The program to attach: <paramref name="program"/> shortened when <paramref name="options"/> optimize and allow it.
    /// </summary>
    public static BpfInstruction[] Apply(BpfInstruction[] program, FilterOptions options) =>
        options.Optimize && options.ShortenPastLibpcap ? Shorten(program, options.MaxInstructions) : program;

    /// <summary>
    /// The shortest program the passes find, never longer than <paramref name="program"/>; a candidate must validate
    /// with up to <paramref name="maxInstructions"/> instructions (the kernel's limit unless it runs in user space).
    /// </summary>
    public static BpfInstruction[] Shorten(BpfInstruction[] program, int maxInstructions = BpfProgram.MaxInstructions) =>
        // Most programs come back as they are: a scan of the instructions proves it without building anything.
        RunPasses(program, maxInstructions, ShortenPreScan.Scan(program));

    /// <summary>
    /// The passes that <paramref name="finding"/> leaves anything to find for (<see cref="ShortenPreScan.Finding.Anything"/>:
    /// all of them, whatever the scan would say).
    /// </summary>
    internal static BpfInstruction[] RunPasses(BpfInstruction[] program, int maxInstructions, ShortenPreScan.Finding finding)
    {
        if (finding == ShortenPreScan.Finding.Nothing)
            return program;
        var graph = ShortenGraph.From(program);
        if (graph is null)
            return program;
        var best = program;
        if (finding == ShortenPreScan.Finding.Anything)
        {
            ShortenKnownOutcomes.Run(graph, ShortenValues.ForThisThread());
            ShortenDeadStores.Run(graph);
            if (graph.Changed)
                best = Better(program, graph.Emit(program.Length), maxInstructions);
        }
        // Cross-jumping can cost a ja per merged tail: each way is kept only when the whole program got shorter.
        var twins = ShortenTailMerging.FindTwins(graph);
        if (twins is null)
            return best;
        var eager = graph.Clone();
        ShortenTailMerging.Merge(graph, twins, eager: false);
        best = Better(best, graph.Emit(best.Length), maxInstructions);
        ShortenTailMerging.Merge(eager, twins, eager: true);
        return Better(best, eager.Emit(best.Length), maxInstructions);
    }

    private static BpfInstruction[] Better(BpfInstruction[] best, BpfInstruction[]? candidate, int maxInstructions) =>
        candidate is not null && candidate.Length < best.Length && BpfValidator.TryValidate(candidate, maxInstructions, out _) ? candidate : best;
}
