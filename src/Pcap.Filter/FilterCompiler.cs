using System.Diagnostics.CodeAnalysis;
using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation;
using Pcap.Filter.Parsing;

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
        options ??= FilterOptions.Default;
        program = null;
        error = null;
        if (options.SnapLength <= 0)
        {
            error = new FilterException("snaplen of 0 rejects all packets", expression, 0, expression.Length);
            return false;
        }
        try
        {
            var tree = FilterParser.Parse(expression);
            var root = new CodeGenerator(linkType, options.SnapLength).Generate(tree);
            var instructions = Linearizer.Linearize(root);
            if (instructions.Length > BpfProgram.MaxInstructions)
            {
                error = new FilterException(
                    $"the program has {instructions.Length} instructions, more than the {BpfProgram.MaxInstructions} BPF allows",
                    expression, 0, expression.Length);
                return false;
            }
            // The optimizer (libpcap's optimize.c) is wired in separately; until then the unoptimized program is returned.
            program = new BpfProgram(instructions);
            return true;
        }
        catch (FilterSyntaxException e)
        {
            int position = Math.Clamp(e.Position, 0, expression.Length);
            int length = Math.Clamp(Math.Max(e.Length, expression.Length > position ? 1 : 0), 0, expression.Length - position);
            error = new FilterException(e.Message, expression, position, length);
            return false;
        }
    }
}
