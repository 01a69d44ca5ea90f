using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// What <see cref="LibpcapOptimizer"/> produced: the optimized program, or libpcap's reason for refusing
/// the filter ("expression rejects all packets", or an optimizer error such as "division by zero").
/// </summary>
internal sealed class LibpcapOptimizationResult
{
    /// <summary>libpcap's message when the optimized filter can match nothing.</summary>
    public const string RejectsAllPacketsMessage = "expression rejects all packets";

    private LibpcapOptimizationResult(BpfInstruction[]? program, string? error, bool rejectsAllPackets, bool optimized = true)
    {
        Optimized = optimized;
        Program = program;
        Error = error;
        RejectsAllPackets = rejectsAllPackets;
    }

    /// <summary>The optimized program, or null when the filter was refused.</summary>
    public BpfInstruction[]? Program { get; }

    /// <summary>libpcap's error text when the filter was refused, otherwise null.</summary>
    public string? Error { get; }

    /// <summary>True when the optimizer proved that the filter accepts no packet (libpcap then refuses it).</summary>
    public bool RejectsAllPackets { get; }

    /// <summary>
    /// False when the program was returned as given because libpcap does not optimize it
    /// (it contains <c>protochain</c> or <c>geneve</c> code, which jumps between statements).
    /// </summary>
    public bool Optimized { get; }

    /// <summary>True when a program was produced.</summary>
    public bool Succeeded => Program is not null;

    internal static LibpcapOptimizationResult Success(BpfInstruction[] program) => new(program, null, false);

    internal static LibpcapOptimizationResult NotOptimized(BpfInstruction[] program) => new(program, null, false, optimized: false);

    internal static LibpcapOptimizationResult Failure(string error) => new(null, error, false);

    internal static LibpcapOptimizationResult RejectsAll() => new(null, RejectsAllPacketsMessage, true);
}
