using System.Diagnostics;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Loader;
using Pcap.Testing.Expressions;
using Pcap.Wire;
using static Pcap.Benchmarks.Filtering.SampleStatistics;

namespace Pcap.Benchmarks.Filtering;

/// <summary>
/// <c>--compile-pair BASE.dll NEW.dll [--link ethernet|sll2] [--every K] [--runs R] [--stage compile|parse]</c>: two builds of Pcap.Filter
/// loaded side by side in one process, each expression compiled by both in alternating order, so a change is measured
/// against its base under the same load at the same moment (two runs of <c>--compile-profile</c> minutes apart on the
/// shared machine differ by more than most single changes). Prints each build's median and the distribution of the
/// per-expression ratio new / base; the same file twice shows the method's own bias and spread. <c>--stage parse</c> times
/// the parser alone (<c>FilterParser.Parse</c>) on the expressions both builds compile.
/// </summary>
internal static class CompilePairCommand
{
    /// <summary>Runs the comparison; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        if (args.Length < 2 || !File.Exists(args[0]) || !File.Exists(args[1]))
            return Usage();
        var linkType = LinkType.Ethernet;
        int every = 1, runs = 21;
        bool parseOnly = false;
        for (int i = 2; i < args.Length; i += 2)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--link" when value is "ethernet": linkType = LinkType.Ethernet; break;
                case "--link" when value is "sll2": linkType = LinkType.LinuxSll2; break;
                case "--every" when int.TryParse(value, out int k) && k > 0: every = k; break;
                case "--runs" when int.TryParse(value, out int r) && r > 0: runs = r; break;
                case "--stage" when value is "compile" or "parse": parseOnly = value == "parse"; break;
                default: return Usage();
            }
        }
        var baseline = Load(args[0], linkType);
        var changed = Load(args[1], linkType);
        var corpus = ExpressionCorpus.All(5000, ExpressionCorpus.DefaultSeed);
        var accepted = new List<string>();
        for (int i = 0; i < corpus.Count; i += every)
        {
            if (Compiles(baseline, corpus[i]) && Compiles(changed, corpus[i]))
                accepted.Add(corpus[i]);
        }
        if (parseOnly)
        {
            baseline = LoadParser(args[0]);
            changed = LoadParser(args[1]);
        }
        // Two passes first, so the tiered JIT has optimized both builds' hot paths before anything is timed; the parser
        // alone takes a few milliseconds a pass, so it is warmed for three seconds at least.
        var warming = Stopwatch.StartNew();
        for (int pass = 0; pass < 2 || (parseOnly && warming.ElapsedMilliseconds < 3000); pass++)
        {
            foreach (string expression in accepted)
            {
                baseline(expression);
                changed(expression);
            }
        }
        var baseRuns = new double[runs];
        var newRuns = new double[runs];
        var baseMedians = new List<double>();
        var newMedians = new List<double>();
        var ratios = new List<double>();
        foreach (string expression in accepted)
        {
            for (int warm = 0; warm < 3; warm++)
            {
                baseline(expression);
                changed(expression);
            }
            for (int run = 0; run < runs; run++)
            {
                // Alternating which build goes first cancels what the first of a pair pays for the second.
                bool baseFirst = run % 2 == 0;
                long t0 = Stopwatch.GetTimestamp();
                (baseFirst ? baseline : changed)(expression);
                long t1 = Stopwatch.GetTimestamp();
                (baseFirst ? changed : baseline)(expression);
                long t2 = Stopwatch.GetTimestamp();
                (baseFirst ? baseRuns : newRuns)[run] = Microseconds(t1 - t0);
                (baseFirst ? newRuns : baseRuns)[run] = Microseconds(t2 - t1);
            }
            double baseMedian = Median(baseRuns), newMedian = Median(newRuns);
            baseMedians.Add(baseMedian);
            newMedians.Add(newMedian);
            ratios.Add(newMedian / baseMedian);
        }
        var sortedRatios = ratios.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(parseOnly ? "parse only, " : "")}{accepted.Count} expressions ({linkType}), {runs} alternating runs each: base median {Median(baseMedians):0.000} µs, new median {Median(newMedians):0.000} µs; new / base per expression: median {Quantile(sortedRatios, 0.5):0.0000}, q1 {Quantile(sortedRatios, 0.25):0.0000}, q3 {Quantile(sortedRatios, 0.75):0.0000}"));
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: --compile-pair BASE/Pcap.Filter.dll NEW/Pcap.Filter.dll [--link ethernet|sll2] [--every K] [--runs R] [--stage compile|parse]");
        return 2;
    }

    // FilterCompiler.Compile of the build at 'path', in a load context of its own (its dependencies come from this
    // process's, Pcap.Wire included, so both builds take the same LinkType), as a compiled delegate, not reflection.
    private static Func<string, object> Load(string path, LinkType linkType)
    {
        var assembly = new OneAssemblyContext(Path.GetFullPath(path)).LoadFromAssemblyPath(Path.GetFullPath(path));
        var compile = assembly.GetType("Pcap.Filter.FilterCompiler", throwOnError: true)!
            .GetMethod("Compile", BindingFlags.Public | BindingFlags.Static)!;
        var expression = Expression.Parameter(typeof(string));
        var call = Expression.Call(compile, expression, Expression.Constant(linkType),
            Expression.Constant(null, compile.GetParameters()[2].ParameterType));
        return Expression.Lambda<Func<string, object>>(Expression.Convert(call, typeof(object)), expression).Compile();
    }

    // The internal FilterParser.Parse of the build at 'path', in its own load context as Load does.
    private static Func<string, object> LoadParser(string path)
    {
        var assembly = new OneAssemblyContext(Path.GetFullPath(path)).LoadFromAssemblyPath(Path.GetFullPath(path));
        var parse = assembly.GetType("Pcap.Filter.Parsing.FilterParser", throwOnError: true)!
            .GetMethod("Parse", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(string)])!;
        var expression = Expression.Parameter(typeof(string));
        return Expression.Lambda<Func<string, object>>(Expression.Convert(Expression.Call(parse, expression), typeof(object)), expression).Compile();
    }

    private static bool Compiles(Func<string, object> compile, string expression)
    {
        try
        {
            compile(expression);
            return true;
        }
        catch (Exception e) when (e.GetType().Name == "FilterException")
        {
            return false;
        }
    }

    // Loads only the one assembly itself; everything it references resolves in the default context.
    private sealed class OneAssemblyContext(string path) : AssemblyLoadContext(Path.GetFileName(path), isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName assemblyName) => null;
    }
}
