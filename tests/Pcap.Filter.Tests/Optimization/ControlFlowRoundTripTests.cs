using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.ControlFlow;
using Pcap.Filter.Compilation.Optimization;
using Pcap.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Pcap.Filter.Tests.Optimization;

/// <summary>
/// The lifter and linearizer on their own: lifting libpcap's unoptimized program and laying it out again
/// without optimizing must give back libpcap's unoptimized program, which shows the lifted graph has
/// libpcap's blocks, edges and layout order (including <c>ja</c> stubs for long reaches).
/// </summary>
public sealed class ControlFlowRoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public void LiftThenLinearizeGivesBackLibpcapsUnoptimizedProgram()
    {
        int checkedPrograms = 0;
        var expressions = OptimizerCorpus.Primitives.Where(p => !OptimizerCorpus.DisablesOptimizer(p))
            .Append(string.Join(" or ", Enumerable.Range(1, 200).Select(i => $"host 10.0.{i / 100}.{i % 100}")));
        foreach (int linkType in OptimizerCorpus.LinkTypes)
        {
            foreach (string expression in expressions)
            {
                BpfInstruction[]? unoptimized = LibPcap.Compile(expression, linkType, out _, optimize: false);
                if (unoptimized is null)
                    continue;
                ControlFlowGraph graph = ProgramLifter.Lift(unoptimized)
                    ?? throw new InvalidOperationException($"[{linkType}] {expression}: not liftable");
                BpfInstruction[] relaid = ProgramLinearizer.Linearize(graph);
                Assert.True(unoptimized.AsSpan().SequenceEqual(relaid), $"[{linkType}] {expression}: layout differs");
                checkedPrograms++;
            }
        }
        output.WriteLine($"{checkedPrograms} unoptimized programs round-tripped");
        Assert.True(checkedPrograms > 1000);
    }

    [Fact]
    public void ProtochainAndGeneveAreLeftUnoptimizedAsLibpcapDoes()
    {
        foreach (string expression in new[] { "ip protochain 6", "geneve", "tcp and ip6 protochain 17" })
        {
            BpfInstruction[] unoptimized = LibPcap.Compile(expression, 1, out string? error, optimize: false)
                ?? throw new InvalidOperationException($"libpcap refused '{expression}': {error}");
            BpfInstruction[] expected = LibPcap.Compile(expression, 1, out error, optimize: true)
                ?? throw new InvalidOperationException($"libpcap refused '{expression}': {error}");
            LibpcapOptimizationResult result = LibpcapOptimizer.Optimize(unoptimized);
            Assert.False(result.Optimized);
            Assert.Equal(expected, result.Program);
        }
    }

    [Fact]
    public void MalformedProgramsAreRefusedWithAReason()
    {
        var empty = Assert.Throws<ArgumentException>(() => LibpcapOptimizer.Optimize([]));
        Assert.Contains("empty", empty.Message);
        BpfInstruction[] noReturn = [BpfInstruction.Statement(BpfOpcodes.Ld | BpfOpcodes.Abs | BpfOpcodes.H, 12)];
        var unterminated = Assert.Throws<ArgumentException>(() => LibpcapOptimizer.Optimize(noReturn));
        Assert.Contains("do not end with a jump or return", unterminated.Message);
    }
}
