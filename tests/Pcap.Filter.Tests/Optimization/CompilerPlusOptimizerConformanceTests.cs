using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.Optimization;
using Pcap.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Pcap.Filter.Tests.Optimization;

/// <summary>
/// End to end without libpcap in the pipeline: our code generator's unoptimized program, run through
/// <see cref="LibpcapOptimizer"/>, must equal libpcap's optimized program (or be refused with its message).
/// </summary>
public sealed class CompilerPlusOptimizerConformanceTests(ITestOutputHelper output)
{
    private const int CompositionsPerLinkType = 400;
    private const int Seed = 7_20261124;

    [Fact]
    public void OurUnoptimizedCodeThroughOurOptimizerEqualsLibpcapOptimized()
    {
        int compared = 0, refused = 0;
        var differences = new List<string>();
        foreach (int dlt in OptimizerCorpus.LinkTypes)
        {
            var linkType = dlt == 12 ? LinkType.Raw : (LinkType)dlt;
            var accepted = OptimizerCorpus.Primitives
                .Where(p => !OptimizerCorpus.DisablesOptimizer(p) && LibPcap.Compile(p, dlt, out _, optimize: false) is not null)
                .ToList();
            foreach (string expression in OptimizerCorpus.Primitives.Concat(OptimizerCorpus.Compositions(accepted, CompositionsPerLinkType, Seed + dlt)))
            {
                if (!FilterCompiler.TryCompile(expression, linkType, out BpfProgram? ours, out _, new FilterOptions { Optimize = false }))
                    continue;
                BpfInstruction[]? expected = LibPcap.Compile(expression, dlt, out string? expectedError, optimize: true);
                LibpcapOptimizationResult result = LibpcapOptimizer.Optimize(ours.Instructions);
                compared++;
                if (expected is null)
                {
                    refused++;
                    if (result.Error != expectedError)
                        differences.Add($"[{dlt}] {expression}: libpcap refused '{expectedError}', ours: {result.Error ?? "accepted"}");
                }
                else if (result.Program is null || !expected.AsSpan().SequenceEqual(result.Program))
                {
                    differences.Add($"[{dlt}] {expression}: libpcap {expected.Length} instructions, ours " +
                                    (result.Program is null ? $"refused '{result.Error}'" : $"{result.Program.Length} instructions, different"));
                }
            }
        }
        output.WriteLine($"{compared} (expression, link type) pairs compiled by our code generator and optimized; " +
                         $"{refused} refused by libpcap; {differences.Count} differences");
        foreach (string difference in differences.Take(10))
            output.WriteLine(difference);
        Assert.True(differences.Count == 0, $"{differences.Count} differences; first:\n{string.Join("\n", differences.Take(5))}");
        Assert.True(compared > 3000, $"only {compared} compared");
    }
}
