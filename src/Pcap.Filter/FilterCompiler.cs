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
            // libpcap's code first: it decides every refusal (a divisor or shift count is checked only where the code
            // starts with the constant) and, within the optimizer's reach, is what the optimizer folds.
            var generator = NewGenerator(linkType, options, groupSets: options.Optimize, foldConstants: false);
            var root = generator.Generate(tree);
            if (generator.Sets.Count > 0)
                return TryCompileSets(tree!, linkType, options, root, generator.Sets, expression, out program, out error);
            // One walk counts and builds a program within the budget; a longer one is refused or handled below in linear time.
            var graph = BlockGraphBuilder.Build(root, budget, out int length, out bool jumpsBetweenStatements);
            int unfolded = length;
            BpfInstruction[]? instructions = null;
            if (graph is null)
            {
                length = unfolded = BlockGraphBuilder.UnoptimizedLength(root);
                if (options.Optimize && generator.HasConstantArithmetic)
                {
                    // Past the optimizer's reach: constants folded as they are generated, as the optimizer would fold them.
                    // A refusal only folding exposes keeps libpcap's code, as libpcap never sees that constant.
                    var folding = NewGenerator(linkType, options, groupSets: options.Optimize, foldConstants: true);
                    var folded = folding.Generate(tree);
                    if (!folding.FoldingExposedRefusal)
                    {
                        // Folded code that groups into sets takes the sets' path, as it always did.
                        if (folding.Sets.Count > 0)
                            return TryCompileSets(tree!, linkType, options, folded, folding.Sets, expression, out program, out error);
                        root = folded;
                        length = BlockGraphBuilder.UnoptimizedLength(root);
                    }
                }
                if (length <= budget)
                    graph = BlockGraphBuilder.Build(root, out _, out jumpsBetweenStatements);
                else if (length <= options.MaxInstructions)
                {
                    // Past the exact optimizer's reach but allowed in user space: the program as generated, shortened below.
                    instructions = ProgramLinearizer.Linearize(BlockGraphBuilder.Build(root, out _, out _));
                }
            }
            if (graph is not null)
            {
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
            // Every path above leaves a fresh array (the layout's or the shortening passes'), so it is not copied again.
            program = BpfProgram.Owning(instructions);
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
        MembershipLowering.Run(root, sets, options.PrefilterWidenBits);
        bool accepts = false;
        foreach (var block in BlockOrder.Topological(root))
            accepts |= block.JumpTrue is null && block.K != 0;
        BpfInstruction[]? best = accepts ? ProgramLinearizer.Linearize(BlockGraphBuilder.Build(root, out _, out _)) : null;

        // Each member of a set compares its own value in each of the set's value blocks, so the exact code is at least
        // that long: past the budget it is not generated at all (it was the larger half of a 100,000-host compile).
        long exactAtLeast = 0;
        foreach (var set in sets)
            exactAtLeast += (long)set.Values.Length * set.ValueBlocks.Count;
        // A prefilter's sets are widened on purpose: libpcap's exact program is not one.
        CodeBlock? exactRoot = exactAtLeast <= ExactBudget && options.PrefilterWidenBits == 0
            ? NewGenerator(linkType, options, groupSets: false, foldConstants: false).Generate(tree)
            : null;
        if (exactRoot is not null && BlockGraphBuilder.Build(exactRoot, ExactBudget, out _, out bool jumpsBetweenStatements) is { } exactGraph)
        {
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
        program = BpfProgram.Owning(best);
        return true;
    }

    private static FilterException TooLong(int length, FilterOptions options, string expression) =>
        new(options.MaxInstructions == BpfProgram.MaxInstructions
                ? $"the expression needs {length} instructions, more than the {BpfProgram.MaxInstructions} a BPF program may have"
                : $"the expression needs {length} instructions, more than the {options.MaxInstructions} allowed",
            expression, 0, expression.Length) { IsTooLong = true };

    /// <summary>
    /// Compiles for a live socket. The whole program goes to the kernel when it fits <paramref name="kernelOptions"/>;
    /// otherwise, as libpcap falls back to filtering in user space, the kernel gets the narrowest prefilter that fits
    /// (each set of values compared on fewer of its top bits, then on none, then a program that accepts everything)
    /// and the whole program, compiled with <paramref name="userSpaceOptions"/>, runs on what the prefilter accepts.
    /// </summary>
    /// <exception cref="FilterException">The expression does not compile, or is refused for a reason other than its length.</exception>
    public static FilterPlacement CompileForKernel(string expression, LinkType linkType, FilterOptions kernelOptions,
        FilterOptions userSpaceOptions)
    {
        ArgumentNullException.ThrowIfNull(kernelOptions);
        ArgumentNullException.ThrowIfNull(userSpaceOptions);
        if (TryCompile(expression, linkType, out var whole, out var kernelError, kernelOptions))
            return new FilterPlacement(whole, null, "the whole filter");
        if (!kernelError.IsTooLong)
            throw kernelError;
        var userSpace = Compile(expression, linkType, userSpaceOptions);
        string refusal = kernelError.Message;
        foreach (int bits in PrefilterWidenings)
        {
            if (TryCompile(expression, linkType, out var prefilter, out var error, kernelOptions with { PrefilterWidenBits = bits }))
                return new FilterPlacement(prefilter, userSpace, bits < 32
                    ? $"each set of values compared on its top {32 - bits} bits"
                    : "each set of values dropped, the tests around it kept");
            // The same refusal again: the expression holds no set to widen.
            if (!error.IsTooLong || error.Message == refusal)
                break;
        }
        var acceptAll = new BpfProgram([BpfInstruction.Statement(BpfOpcodes.Ret | BpfOpcodes.K, (uint)kernelOptions.SnapLength)]);
        return new FilterPlacement(acceptAll, userSpace, "accepts every packet (no narrower prefilter fits)");
    }

    // Low bits of each set value a prefilter ignores, tried in turn: the first program that fits is the narrowest.
    private static readonly int[] PrefilterWidenings = [8, 16, 24, 32];
}
