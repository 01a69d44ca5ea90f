using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pcap.Benchmarks.Reporting;
using Pcap.Filter;
using Pcap.Filter.Compilation;
using Pcap.Filter.Compilation.ControlFlow;
using Pcap.Filter.Compilation.Optimization;
using Pcap.Filter.Parsing;
using Pcap.Testing;
using Pcap.Testing.Expressions;
using static Pcap.Benchmarks.Filtering.SampleStatistics;

namespace Pcap.Benchmarks.Filtering;

/// <summary>
/// <c>--compile-profile [--link ethernet|sll2|both] [--corpus N] [--every K] [--runs R] [--json FILE]</c>: issue 13's figure of merit per
/// expression, which BenchmarkDotNet cannot give for a thousand expressions in one run. For every K-th expression of the
/// corpus that both compilers accept, after warm-up, R interleaved repetitions of: <c>FilterCompiler.TryCompile</c>,
/// libpcap's <c>pcap_compile</c> alone (on one <c>pcap_open_dead</c> handle, freed each time), and the stages of one compile
/// timed one after another, and per run the whole compile less those stages (what the facade around them costs; the sum
/// of the stage medians is not the median of the whole). Prints the median of each per expression, then their distribution over the corpus
/// (markdown); <c>--json</c> also writes each link type's ratio distribution for <c>--report</c>'s summary.
/// </summary>
internal static class CompileProfileCommand
{
    // FilterCompiler's budget for the exact optimizer (beyond it the stages differ and are not split here).
    private const int UnoptimizedBudget = 4 * Pcap.Filter.Bpf.BpfProgram.MaxInstructions;

    private static readonly string[] StageNames = ["parse", "generate", "build graph", "optimize + lay out", "shorten",
        "rest of the compile (whole - stages, same run)"];

    /// <summary>Runs the profile; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        string link = "both";
        string? json = null;
        int corpusSize = 5000, every = 1, runs = 21;
        for (int i = 0; i < args.Length; i += 2)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--link" when value is "ethernet" or "sll2" or "both": link = value; break;
                case "--corpus" when int.TryParse(value, out int n) && n > 0: corpusSize = n; break;
                case "--every" when int.TryParse(value, out int k) && k > 0: every = k; break;
                case "--runs" when int.TryParse(value, out int r) && r > 0: runs = r; break;
                case "--json" when value is not null: json = value; break;
                default:
                    Console.Error.WriteLine("usage: --compile-profile [--link ethernet|sll2|both] [--corpus N] [--every K] [--runs R] [--json FILE]");
                    return 2;
            }
        }
        var corpus = ExpressionCorpus.All(corpusSize, ExpressionCorpus.DefaultSeed);
        Console.WriteLine("# Compile profile");
        Console.WriteLine();
        Console.WriteLine($"Started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC at a load average of {LoadAverage()}.");
        Console.WriteLine($"Corpus: `ExpressionCorpus.All({corpusSize})`, every {every}. expression both compilers accept; two warm-up passes over the sample, then per expression the median of {runs} interleaved runs after 3 warm-up runs.");
        var summaries = new List<CompileProfileSummary>();
        if (link is "ethernet" or "both")
            summaries.Add(Profile(corpus, LinkType.Ethernet, every, runs));
        if (link is "sll2" or "both")
            summaries.Add(Profile(corpus, LinkType.LinuxSll2, every, runs));
        if (json is not null)
            CompileProfileSummary.WriteAll(json, summaries);
        return 0;
    }

    private static CompileProfileSummary Profile(IReadOnlyList<string> corpus, LinkType linkType, int every, int runs)
    {
        using var libpcap = LibPcap.OpenDead(LibPcapLinkType.DataLinkTypeOf(linkType));
        var samples = new List<Sample>();
        var ours = new double[runs];
        var theirs = new double[runs];
        var stages = new double[StageNames.Length][];
        for (int s = 0; s < stages.Length; s++)
            stages[s] = new double[runs];
        var accepted = new List<string>();
        for (int index = 0; index < corpus.Count; index += every)
        {
            if (libpcap.CompileAndFree(corpus[index]) >= 0 && FilterCompiler.TryCompile(corpus[index], linkType, out _, out _))
                accepted.Add(corpus[index]);
        }
        // Two passes over the whole sample first, so the tiered JIT has compiled every path's hot methods at full
        // optimization before anything is timed (the first expressions would otherwise pay for it).
        for (int pass = 0; pass < 2; pass++)
        {
            foreach (string expression in accepted)
            {
                FilterCompiler.TryCompile(expression, linkType, out _, out _);
                TimeStages(expression, linkType, stages, 0);
            }
            Thread.Sleep(500);
        }
        foreach (string expression in accepted)
        {
            bool staged = true;
            for (int warm = 0; warm < 3; warm++)
            {
                FilterCompiler.TryCompile(expression, linkType, out _, out _);
                libpcap.CompileAndFree(expression);
                staged = TimeStages(expression, linkType, stages, 0);
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            FilterCompiler.TryCompile(expression, linkType, out _, out _);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            for (int run = 0; run < runs; run++)
            {
                long start = Stopwatch.GetTimestamp();
                FilterCompiler.TryCompile(expression, linkType, out _, out _);
                long middle = Stopwatch.GetTimestamp();
                libpcap.CompileAndFree(expression);
                long end = Stopwatch.GetTimestamp();
                ours[run] = Microseconds(middle - start);
                theirs[run] = Microseconds(end - middle);
                if (staged)
                {
                    TimeStages(expression, linkType, stages, run);
                    double rest = ours[run];
                    for (int s = 0; s < StageNames.Length - 1; s++)
                        rest -= stages[s][run];
                    stages[^1][run] = rest;
                }
            }
            samples.Add(new Sample(expression, Median(ours), Median(theirs), allocated,
                staged ? stages.Select(Median).ToArray() : null));
        }
        var ratios = samples.Select(s => s.Libpcap / s.Ours).Order().ToArray();
        Print(linkType, samples, ratios);
        return new CompileProfileSummary(linkType.ToString(), samples.Count, runs, Quantile(ratios, 0.5), Quantile(ratios, 0.25),
            Quantile(ratios, 0.75), Median(samples.Select(s => s.Libpcap)), Median(samples.Select(s => s.Ours)));
    }

    // One compile split as FilterCompiler runs it for a program without sets, within the exact optimizer's budget.
    private static bool TimeStages(string expression, LinkType linkType, double[][] stages, int run)
    {
        long t0 = Stopwatch.GetTimestamp();
        var tree = FilterParser.Parse(expression);
        long t1 = Stopwatch.GetTimestamp();
        var generator = new CodeGenerator(linkType, FilterOptions.Default.SnapLength) { GroupSets = true };
        var root = generator.Generate(tree);
        long t2 = Stopwatch.GetTimestamp();
        // As FilterCompiler does: one walk counts the unoptimized length and builds the graph within the budget.
        if (generator.Sets.Count > 0 || BlockGraphBuilder.Build(root, UnoptimizedBudget, out _, out bool jumpsBetweenStatements) is not { } graph)
            return false;
        long t3 = Stopwatch.GetTimestamp();
        var optimized = LibpcapOptimizer.Optimize(graph, jumpsBetweenStatements);
        long t4 = Stopwatch.GetTimestamp();
        if (optimized.Program is null)
            return false;
        ShortenPasses.Apply(UnknownAncillaryLoads.MovePastThePacket(optimized.Program), FilterOptions.Default);
        long t5 = Stopwatch.GetTimestamp();
        stages[0][run] = Microseconds(t1 - t0);
        stages[1][run] = Microseconds(t2 - t1);
        stages[2][run] = Microseconds(t3 - t2);
        stages[3][run] = Microseconds(t4 - t3);
        stages[4][run] = Microseconds(t5 - t4);
        return true;
    }

    // ratios: each sample's pcap_compile / ours, sorted.
    private static void Print(LinkType linkType, List<Sample> samples, double[] ratios)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n## {linkType}: {samples.Count} expressions\n");
        text.AppendLine("| per expression | median | q1 | q3 | mean |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        Row(text, "`pcap_compile` µs", samples.Select(s => s.Libpcap));
        Row(text, "`FilterCompiler.TryCompile` µs", samples.Select(s => s.Ours));
        Row(text, "**ratio `pcap_compile` / ours**", ratios);
        Row(text, "ours, bytes allocated", samples.Select(s => (double)s.Allocated));
        var staged = samples.Where(s => s.Stages is not null).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"\nStages, on the {staged.Count} expressions without sets (µs):\n");
        text.AppendLine("| stage | median | q1 | q3 | mean |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        for (int s = 0; s < StageNames.Length; s++)
            Row(text, StageNames[s], staged.Select(x => x.Stages![s]));
        text.AppendLine("\nThe ten lowest ratios:\n");
        text.AppendLine("| ratio | pcap_compile µs | ours µs | expression |");
        text.AppendLine("|---:|---:|---:|---|");
        foreach (var worst in samples.OrderBy(s => s.Libpcap / s.Ours).Take(10))
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {worst.Libpcap / worst.Ours:0.000} | {worst.Libpcap:0.00} | {worst.Ours:0.00} | `{worst.Expression.Replace("|", "\\|", StringComparison.Ordinal)}` |");
        Console.Write(text.ToString());
    }

    private static void Row(StringBuilder text, string name, IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {Quantile(sorted, 0.5):0.000} | {Quantile(sorted, 0.25):0.000} | {Quantile(sorted, 0.75):0.000} | {sorted.Average():0.000} |");
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private sealed record Sample(string Expression, double Ours, double Libpcap, long Allocated, double[]? Stages);
}
