using System.Globalization;
using Pcap.Testing;

namespace Pcap.Benchmarks.Reporting;

/// <summary>
/// <c>--report RESULTS_DIR OUTPUT.md [--mode M] [--command C] [--whole-process HYPERFINE.json] [--packets N] [--seed S]
/// [--identical TEXT] [--timer TEXT] [--compile-profile PROFILE.md --compile-profile-json PROFILE.json]</c>: summarises
/// BenchmarkDotNet's JSON reports, the whole-process timing and the corpus compile profile into markdown.
/// </summary>
internal static class ReportCommand
{
    public static int Run(string[] args)
    {
        if (args.Length < 2 || (args.Length - 2) % 2 != 0)
        {
            Console.Error.WriteLine("usage: --report RESULTS_DIR OUTPUT.md [--mode M] [--command C] [--whole-process FILE.json] [--packets N] [--seed S] [--identical TEXT] [--timer TEXT] [--compile-profile FILE.md --compile-profile-json FILE.json]");
            return 2;
        }
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 2; i < args.Length; i += 2)
            options[args[i]] = args[i + 1];
        string? Option(string name) => options.TryGetValue(name, out var value) ? value : null;
        int? Number(string name) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

        var (results, host) = BenchmarkResult.ReadAll(args[0]);
        if (results.Count == 0)
        {
            Console.Error.WriteLine($"--report: no BenchmarkDotNet JSON reports with results under {args[0]} (run with --exporters json)");
            return 1;
        }
        var wholeProcess = Option("--whole-process") is { } path && File.Exists(path) ? WholeProcessResult.ReadAll(path) : [];
        var profile = Option("--compile-profile-json") is { } json && File.Exists(json) ? CompileProfileSummary.ReadAll(json) : [];
        var profileMarkdown = Option("--compile-profile") is { } markdown && File.Exists(markdown) ? File.ReadAllText(markdown) : null;
        var tcpdump = ExternalTool.Run("tcpdump", ["--version"]);
        var context = new ReportContext(Option("--mode") ?? "?", Option("--command") ?? "benchmarks/run.sh", LibPcap.Version,
            tcpdump.StandardOutput.Split('\n')[0].Trim(), Number("--packets"), Number("--seed"), Option("--identical"), Option("--timer"),
            profile, profileMarkdown);
        string kept = KeptSection.From(args[1]);
        File.WriteAllText(args[1], MarkdownReport.Build(results, host, wholeProcess, context) + kept);
        Console.WriteLine($"wrote {args[1]}: {results.Count} benchmark cases, {wholeProcess.Count} whole-process commands");
        return 0;
    }
}
