using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.Optimization;
using Pcap.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Pcap.Filter.Tests.Optimization;

/// <summary>
/// End to end without libpcap in the pipeline: <see cref="FilterCompiler"/> without the passes that shorten past libpcap
/// (our code generator, then <see cref="LibpcapOptimizer"/>) must give libpcap's optimized program, or refuse exactly
/// when libpcap refuses, with libpcap's message; with its default options, the program it attaches must pass
/// <see cref="ProgramAgainstLibpcap"/> (identical, or strictly shorter, kernel-valid and equivalent on the test packets).
/// </summary>
public sealed class CompilerPlusOptimizerConformanceTests(ITestOutputHelper output)
{
    private const int CompositionsPerLinkType = 400;
    private const int Seed = 7_20261124;
    private static readonly FilterOptions ExactLibpcap = new() { ShortenPastLibpcap = false };

    [Fact]
    public void DefaultCompileEqualsLibpcapOptimizedProgram() =>
        Check(dlt =>
        {
            var accepted = OptimizerCorpus.Primitives
                .Where(p => !OptimizerCorpus.DisablesOptimizer(p) && LibPcap.Compile(p, dlt, out _, optimize: false) is not null)
                .ToList();
            return OptimizerCorpus.Primitives.Concat(OptimizerCorpus.Compositions(accepted, CompositionsPerLinkType, Seed + dlt));
        }, minimumCompared: 3000);

    private void Check(Func<int, IEnumerable<string>> expressionsFor, int minimumCompared)
    {
        int compared = 0, refused = 0, shortened = 0;
        var differences = new List<string>();
        foreach (int dlt in OptimizerCorpus.LinkTypes)
        {
            var linkType = dlt == 12 ? LinkType.Raw : (LinkType)dlt;
            foreach (string expression in expressionsFor(dlt))
            {
                BpfInstruction[]? expected = LibPcap.Compile(expression, dlt, out string? expectedError, optimize: true);
                bool compiled = FilterCompiler.TryCompile(expression, linkType, out BpfProgram? ours, out FilterException? error, ExactLibpcap);
                bool attachable = FilterCompiler.TryCompile(expression, linkType, out BpfProgram? attached, out _);
                if (expected is null && LibPcap.Compile(expression, dlt, out _, optimize: false) is null)
                    continue; // refused before optimization: the code generator's own conformance tests cover that
                compared++;
                if (expected is null)
                {
                    refused++;
                    if (compiled || error!.Message != expectedError)
                        differences.Add($"[{dlt}] {expression}: libpcap refused '{expectedError}', ours: {(compiled ? "accepted" : error!.Message)}");
                }
                else if (!compiled || (!expected.AsSpan().SequenceEqual(ours!.Instructions)
                                       && !ProgramAgainstLibpcap.IsKernelValidReplacement(ours.Instructions, expected)))
                {
                    differences.Add($"[{dlt}] {expression}: libpcap {expected.Length} instructions, ours " +
                                    (compiled ? $"{ours!.Length} instructions, different" : $"refused '{error!.Message}'"));
                }
                else if ((attachable ? ProgramAgainstLibpcap.Difference(attached!.Instructions, expected, linkType) : "refused") is { } problem)
                {
                    differences.Add($"[{dlt}] {expression}: the default (shortened) program: {problem}");
                }
                else if (attached!.Length < expected.Length)
                {
                    shortened++;
                }
            }
        }
        output.WriteLine($"{compared} (expression, link type) pairs compiled by FilterCompiler (code generator + LibpcapOptimizer); " +
                         $"{refused} refused by libpcap; {shortened} attached programs shorter than libpcap's; {differences.Count} differences");
        foreach (string difference in differences.Take(10))
            output.WriteLine(difference);
        Assert.True(differences.Count == 0, $"{differences.Count} differences; first:\n{string.Join("\n", differences.Take(5))}");
        Assert.True(compared > minimumCompared, $"only {compared} compared");
    }
}
