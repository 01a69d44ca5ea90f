using System.Diagnostics;
using System.Text;
using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.Optimization;
using Pcap.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Pcap.Filter.Tests.Optimization;

/// <summary>
/// Differential test of <see cref="LibpcapOptimizer"/> against libpcap itself: for each expression and
/// link type, our optimizer run on libpcap's unoptimized program must give libpcap's optimized program
/// instruction for instruction, and refuse exactly what libpcap refuses, with libpcap's message.
/// </summary>
public sealed class LibpcapOptimizerConformanceTests(ITestOutputHelper output)
{
    private const int CompositionsPerLinkType = 2500;
    private const int Seed = 20261124;

    [Fact]
    public void OptimizesLikeLibpcapOnTheCorpus()
    {
        int compared = 0, refusedByBoth = 0, invalid = 0, notOptimized = 0;
        var differences = new List<string>();
        foreach (int linkType in OptimizerCorpus.LinkTypes)
        {
            // Primitives this link type accepts (asked of libpcap itself); compositions are built from those.
            var accepted = new List<string>();
            foreach (string primitive in OptimizerCorpus.Primitives)
            {
                if (LibPcap.Compile(primitive, linkType, out _, optimize: false) is not null)
                    accepted.Add(primitive);
            }
            var expressions = OptimizerCorpus.Primitives.Concat(
                OptimizerCorpus.Compositions(accepted, CompositionsPerLinkType, Seed + linkType));
            foreach (string expression in expressions)
            {
                string? difference = Compare(expression, linkType, out bool wasInvalid, out bool refused, out bool optimized);
                if (wasInvalid)
                {
                    invalid++;
                    continue;
                }
                compared++;
                if (refused)
                    refusedByBoth++;
                if (!optimized)
                    notOptimized++;
                if (difference is not null)
                    differences.Add(difference);
            }
        }

        output.WriteLine($"compared {compared} (expression, link type) pairs: {compared - refusedByBoth} identical programs expected, " +
                         $"{refusedByBoth} refused by libpcap, {notOptimized} left unoptimized (protochain/geneve); " +
                         $"{invalid} hand-written primitives invalid for their link type; {differences.Count} differences");
        foreach (string difference in differences.Take(5))
            output.WriteLine(difference);
        Assert.True(differences.Count == 0,
            $"{differences.Count} of {compared} differ from libpcap; first:\n{string.Join("\n", differences.Take(3))}");
        Assert.True(compared > 15_000, $"only {compared} cases were compared");
    }

    [Theory]
    [InlineData(200)]
    [InlineData(500)]
    public void LargeHostDisjunctionMatchesLibpcap(int hostCount)
    {
        string expression = string.Join(" or ", Enumerable.Range(0, hostCount).Select(i => $"host 10.{i / 250}.{i % 250}.1"));
        var unoptimized = LibPcap.Compile(expression, 1, out string? error, optimize: false)
            ?? throw new InvalidOperationException($"libpcap refused the unoptimized compile: {error}");

        var ours = Stopwatch.StartNew();
        LibpcapOptimizationResult result = LibpcapOptimizer.Optimize(unoptimized);
        ours.Stop();
        var theirs = Stopwatch.StartNew();
        BpfInstruction[]? expected = LibPcap.Compile(expression, 1, out string? expectedError, optimize: true);
        theirs.Stop();

        // Measured, not asserted: libpcap's time includes parsing and code generation.
        output.WriteLine($"{hostCount} hosts: ours {ours.ElapsedMilliseconds} ms (optimizer only), " +
                         $"libpcap {theirs.ElapsedMilliseconds} ms (full pcap_compile); {expected?.Length} instructions");
        Assert.Null(expectedError);
        Assert.Null(result.Error);
        Assert.Equal(expected, result.Program);
    }

    // Null when ours equals libpcap's; otherwise a readable account of the first difference.
    private static string? Compare(string expression, int linkType, out bool invalid, out bool refused, out bool optimized)
    {
        refused = false;
        optimized = true;
        BpfInstruction[]? unoptimized = LibPcap.Compile(expression, linkType, out string? unoptimizedError, optimize: false);
        BpfInstruction[]? expected = LibPcap.Compile(expression, linkType, out string? expectedError, optimize: true);
        invalid = unoptimized is null;
        if (invalid)
        {
            return expected is null ? null
                : $"[{linkType}] {expression}: unoptimized refused ({unoptimizedError}) but optimized accepted";
        }

        LibpcapOptimizationResult result;
        try
        {
            result = LibpcapOptimizer.Optimize(unoptimized!);
            optimized = result.Optimized;
        }
        catch (Exception e)
        {
            return $"[{linkType}] {expression}: our optimizer threw {e.GetType().Name}: {e.Message}";
        }

        if (expected is null)
        {
            refused = true;
            return result.Error == expectedError ? null
                : $"[{linkType}] {expression}: libpcap refused with '{expectedError}', ours gave " +
                  (result.Error is null ? $"{result.Program!.Length} instructions" : $"'{result.Error}'");
        }
        if (result.Program is null)
            return $"[{linkType}] {expression}: libpcap accepted ({expected.Length} instructions), ours refused with '{result.Error}'";
        if (expected.AsSpan().SequenceEqual(result.Program))
            return null;
        return $"[{linkType}] {expression}:\n{SideBySide(expected, result.Program, unoptimized!)}";
    }

    private static string SideBySide(BpfInstruction[] expected, BpfInstruction[] actual, BpfInstruction[] unoptimized)
    {
        var text = new StringBuilder();
        text.AppendLine($"  libpcap ({expected.Length})                     | ours ({actual.Length})");
        for (int i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            string left = i < expected.Length ? expected[i].ToString() : "";
            string right = i < actual.Length ? actual[i].ToString() : "";
            text.AppendLine($"  {(left == right ? ' ' : '*')}{i,3} {left,-34} | {right}");
        }
        text.AppendLine($"  unoptimized ({unoptimized.Length}): {string.Join(" ", unoptimized.Select(x => x.ToString()))}");
        return text.ToString();
    }
}
