using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation;
using Pcap.Filter.Compilation.ControlFlow;
using Pcap.Filter.Compilation.Optimization;
using Pcap.Filter.Parsing;

namespace Pcap.Filter;

/// <summary>
/// Compiles pcap-filter expressions (<c>man pcap-filter</c>) into classic BPF programs with libpcap 1.10's semantics.
/// Thread-safe: compile from any number of threads at once.
/// </summary>
public static class FilterCompiler
{
    // The most unoptimized instructions handed to the optimizer; beyond this, compile time and memory grow too fast.
    private const int UnoptimizedBudget = 4 * BpfProgram.MaxInstructions;
    // Sets: the exact optimizer still runs up to this unoptimized length (about 60 hosts). It never runs on tree
    // programs: libpcap's optimizer mishandles their scratch-word dispatch (found by the set differential test).
    private const int ExactBudget = 2000;

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
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxInstructions, 1, nameof(options));
        program = null;
        error = null;
        if (options.SnapLength <= 0)
        {
            error = new FilterException("snaplen of 0 rejects all packets", expression, 0, expression.Length);
            return false;
        }
        if (!Nesting.NeedsDeepStack(expression))
            return TryCompileOnThisStack(expression, linkType, options, out program, out error);
        // The parser and code generator recurse per level of nesting: a deeply nested expression gets a larger stack.
        (bool Ok, BpfProgram? Program, FilterException? Error) outcome = default;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                bool ok = TryCompileOnThisStack(expression, linkType, options, out var p, out var e);
                outcome = (ok, p, e);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, Nesting.DeepStackBytes) { Name = "pcap-filter deep compile" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        program = outcome.Program;
        error = outcome.Error;
        return outcome.Ok;
    }

    // The one place the options reach the code generator; only set grouping and constant folding vary per attempt.
    private static CodeGenerator NewGenerator(LinkType linkType, FilterOptions options, bool groupSets, bool foldConstants) =>
        new(linkType, options.SnapLength, options.LinuxVlanAncillaryLoads)
        {
            GroupSets = groupSets,
            FoldConstants = foldConstants,
            ReadingSavefile = options.ReadingSavefile,
            Netmask = options.Netmask,
        };

    private static bool TryCompileOnThisStack(string expression, LinkType linkType, FilterOptions options,
        [NotNullWhen(true)] out BpfProgram? program, [NotNullWhen(false)] out FilterException? error)
    {
        program = null;
        error = null;
        try
        {
            var tree = FilterParser.Parse(expression);
            // Checked before laying the program out: beyond this the exact optimizer's time and memory grow too fast.
            // The optimizer usually shrinks a long program a lot (200 hosts: 5,938 -> 960), so it gets a larger budget.
            int budget = options.Optimize ? UnoptimizedBudget : options.MaxInstructions;
            // Constants are folded as they are generated in case the program is too long for the optimizer without it.
            var generator = NewGenerator(linkType, options, groupSets: options.Optimize, foldConstants: options.Optimize);
            CodeBlock? root;
            try
            {
                root = generator.Generate(tree);
            }
            catch (FilterSyntaxException) when (generator.FoldedStatements > 0)
            {
                // libpcap checks a shift count or divisor only when its code starts with the constant: folding can
                // expose one it never sees. The unfolded code below decides, as libpcap does.
                root = null;
            }
            // Counted before anything is built: a program too long to optimize or lay out is refused in linear time.
            int length = root is null ? 0 : BlockGraphBuilder.UnoptimizedLength(root);
            int unfolded = length + generator.FoldedStatements;
            if (generator.FoldedStatements > 0 && (root is null || unfolded <= budget || generator.Sets.Count > 0))
            {
                // Within the optimizer's reach without folding: libpcap's code, which its optimizer folds.
                generator = NewGenerator(linkType, options, groupSets: options.Optimize, foldConstants: false);
                root = generator.Generate(tree);
                length = unfolded = BlockGraphBuilder.UnoptimizedLength(root);
            }
            Debug.Assert(root is not null, "a failed folded generation is always generated again");
            if (generator.Sets.Count > 0)
                return TryCompileSets(tree!, linkType, options, root, generator.Sets, expression, out program, out error);
            BpfInstruction[]? instructions = null;
            if (length > budget && length <= options.MaxInstructions)
            {
                // Past the exact optimizer's reach but allowed in user space: the program as generated, shortened below.
                instructions = ProgramLinearizer.Linearize(BlockGraphBuilder.Build(root, out _, out _));
            }
            else if (length <= budget)
            {
                var graph = BlockGraphBuilder.Build(root, out _, out bool jumpsBetweenStatements);
                if (!options.Optimize)
                    instructions = ProgramLinearizer.Linearize(graph);
                else
                {
                    // libpcap's optimizer, reproduced; it also decides "expression rejects all packets".
                    var optimized = LibpcapOptimizer.Optimize(graph, jumpsBetweenStatements);
                    if (optimized.Program is null)
                    {
                        error = new FilterException(optimized.Error!, expression, 0, expression.Length);
                        return false;
                    }
                    instructions = optimized.Program;
                }
            }
            // Shortened before the length check: the passes can bring a program libpcap could not attach under the limit.
            if (instructions is not null)
                instructions = ShortenPasses.Apply(UnknownAncillaryLoads.MovePastThePacket(instructions), options);
            if (instructions is null || instructions.Length > options.MaxInstructions)
            {
                error = TooLong(instructions?.Length ?? unfolded, options, expression);
                return false;
            }
            program = new BpfProgram(instructions);
            return true;
        }
        catch (FilterSyntaxException e)
        {
            int position = Math.Clamp(e.Position, 0, expression.Length);
            int length = Math.Clamp(Math.Max(e.Length, expression.Length > position ? 1 : 0), 0, expression.Length - position);
            error = new FilterException(e.Message, expression, position, length, e.IsGrammarError);
            return false;
        }
    }

    // Large sets bypass libpcap's quadratic optimizer: known-outcome threading and membership trees, linear in the
    // set size. While the exact pipeline is still cheap it runs too: it decides "rejects all packets" as libpcap does,
    // and the shorter program wins, so a set never compiles longer than libpcap would compile it.
    private static bool TryCompileSets(FilterNode tree, LinkType linkType, FilterOptions options, CodeBlock root,
        IReadOnlyList<ValueSet> sets, string expression,
        [NotNullWhen(true)] out BpfProgram? program, [NotNullWhen(false)] out FilterException? error)
    {
        program = null;
        error = null;
        KnownOutcomeThreading.Run(root);
        MembershipLowering.Run(root, sets);
        bool accepts = false;
        foreach (var block in BlockOrder.Topological(root))
            accepts |= block.JumpTrue is null && block.K != 0;
        BpfInstruction[]? best = accepts ? ProgramLinearizer.Linearize(BlockGraphBuilder.Build(root, out _, out _)) : null;

        var exactRoot = NewGenerator(linkType, options, groupSets: false, foldConstants: false).Generate(tree);
        if (BlockGraphBuilder.UnoptimizedLength(exactRoot) <= ExactBudget)
        {
            var exactGraph = BlockGraphBuilder.Build(exactRoot, out _, out bool jumpsBetweenStatements);
            var exact = LibpcapOptimizer.Optimize(exactGraph, jumpsBetweenStatements);
            if (exact.Program is null)
            {
                error = new FilterException(exact.Error!, expression, 0, expression.Length);
                return false;
            }
            if (best is null || exact.Program.Length <= best.Length)
                best = exact.Program;
        }
        if (best is null)
        {
            error = new FilterException(LibpcapOptimizationResult.RejectsAllPacketsMessage, expression, 0, expression.Length);
            return false;
        }
        best = ShortenPasses.Apply(UnknownAncillaryLoads.MovePastThePacket(best), options);
        if (best.Length > options.MaxInstructions)
        {
            error = TooLong(best.Length, options, expression);
            return false;
        }
        program = new BpfProgram(best);
        return true;
    }

    private static FilterException TooLong(int length, FilterOptions options, string expression) =>
        new(options.MaxInstructions == BpfProgram.MaxInstructions
                ? $"the expression needs {length} instructions, more than the {BpfProgram.MaxInstructions} a BPF program may have"
                : $"the expression needs {length} instructions, more than the {options.MaxInstructions} allowed",
            expression, 0, expression.Length);
}
