using System.Diagnostics.CodeAnalysis;
using Pcap.Filter.Bpf;

namespace Pcap.Filter;

/// <summary>
/// Compiles pcap-filter expressions (<c>man pcap-filter</c>) into classic BPF programs with libpcap 1.10's semantics.
/// Thread-safe: compile from any number of threads at once.
/// </summary>
public static class FilterCompiler
{
    /// <summary>Compiles <paramref name="expression"/> for packets of <paramref name="linkType"/>.</summary>
    /// <exception cref="FilterException">The expression is malformed or libpcap would refuse it.</exception>
    public static BpfProgram Compile(string expression, LinkType linkType, FilterOptions? options = null) =>
        TryCompile(expression, linkType, out var program, out var error, options) ? program : throw error;

    /// <summary>Compiles <paramref name="expression"/>; returns false with the positioned error instead of throwing.</summary>
    public static bool TryCompile(string expression, LinkType linkType,
        [NotNullWhen(true)] out BpfProgram? program, [NotNullWhen(false)] out FilterException? error,
        FilterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        program = null;
        error = new FilterException("the filter compiler is not part of this build yet", expression, 0, expression.Length);
        return false;
    }
}
