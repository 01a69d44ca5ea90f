using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.ControlFlow;
using Pcap.Filter.Compilation.Optimization;
using Pcap.Filter.Compilation;
using Pcap.Filter.Parsing;
using Pcap.Testing.Allocation;
using Pcap.Testing.Expressions;
using Pcap.Testing.Packets;
using Xunit.Abstractions;
using Xunit;

namespace Pcap.Filter.Tests.Optimization;

/// <summary>
/// The optimizer takes the code generator's graph directly instead of the laid-out program lifted back (libpcap's
/// view). Both routes must give the same optimized program or the same refusal, on every link type, and building
/// the graph must not allocate per compile once the thread's arena is warm.
/// </summary>
public sealed class BlockGraphBuilderTests(ITestOutputHelper output)
{
    private const int CorpusSize = 1500;

    [Fact]
    public void DirectGraphOptimizesExactlyLikeTheLiftedProgram()
    {
        int compared = 0, notOptimized = 0;
        var differences = new List<string>();
        foreach (string expression in ExpressionCorpus.All(CorpusSize, ExpressionCorpus.DefaultSeed))
        {
            foreach (LinkType linkType in PacketGenerator.LinkTypes)
            {
                if (!TryGenerate(expression, linkType, out CodeBlock? root))
                    continue;
                // Built twice: each optimization rewrites its graph in place, and a build reuses the previous one's blocks.
                var direct = LibpcapOptimizer.Optimize(BlockGraphBuilder.Build(root, out _, out bool jumps), jumps);
                var lifted = LibpcapOptimizer.Optimize(ProgramLinearizer.Linearize(BlockGraphBuilder.Build(root, out _, out _)));
                compared++;
                notOptimized += lifted.Optimized ? 0 : 1;
                bool same = direct.Error == lifted.Error && direct.Optimized == lifted.Optimized
                    && (direct.Program ?? []).AsSpan().SequenceEqual(lifted.Program ?? []);
                if (!same)
                    differences.Add($"[{linkType}] {expression}: direct {Describe(direct)}, lifted {Describe(lifted)}");
            }
        }
        output.WriteLine($"{compared} (expression, link type) graphs optimized both ways, {notOptimized} left unoptimized; " +
                         $"{differences.Count} differences");
        foreach (string difference in differences.Take(10))
            output.WriteLine(difference);
        Assert.Empty(differences);
        Assert.True(compared > 5000, $"only {compared} graphs compared");
    }

    [Fact]
    public void BuildingAGraphDoesNotAllocatePerBlockOnceWarm()
    {
        Assert.True(TryGenerate("(tcp port 80 or tcp port 443 or udp port 53) and not src net 10.0.0.0/8", LinkType.Ethernet, out CodeBlock? root));
        BlockGraphBuilder.Build(root, out int length, out _);
        long allocated = QuietestPass.Bytes(3, () => BlockGraphBuilder.Build(root, out _, out _));
        output.WriteLine($"{length} instructions: {allocated} bytes on the quietest warm build");
        // The graph object itself only; a block with its edges and statement list alone takes more than this.
        Assert.True(allocated <= 128, $"building a warm graph allocated {allocated} bytes");
    }

    private static bool TryGenerate(string expression, LinkType linkType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CodeBlock? root)
    {
        root = null;
        try
        {
            var generator = new CodeGenerator(linkType, 262144, false);
            root = generator.Generate(FilterParser.Parse(expression));
            return true;
        }
        catch (FilterSyntaxException)
        {
            return false;
        }
    }

    private static string Describe(LibpcapOptimizationResult result) =>
        result.Program is { } program ? $"{program.Length} instructions{(result.Optimized ? "" : " (unoptimized)")}" : $"'{result.Error}'";
}
