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

    [Fact]
    public void RandomProgramsAreOptimizedOrRefusedNeverCrash()
    {
        ushort[] codes =
        [
            0x00, 0x01, 0x20, 0x28, 0x30, 0x40, 0x48, 0x50, 0x60, 0x61, 0x80, 0xb1, 0x02, 0x03, 0x04, 0x14, 0x24, 0x34, 0x44,
            0x54, 0x64, 0x74, 0x84, 0x94, 0xa4, 0x0c, 0x1c, 0x2c, 0x3c, 0x4c, 0x5c, 0x6c, 0x7c, 0x9c, 0xac, 0x07, 0x87,
            0x15, 0x25, 0x35, 0x45, 0x1d, 0x2d, 0x3d, 0x4d, 0x05, 0x06, 0x16, 0x55,
        ];
        var random = new Random(4242);
        int optimized = 0, refused = 0;
        for (int n = 0; n < 20_000; n++)
        {
            int length = random.Next(1, 40);
            var program = new BpfInstruction[length];
            for (int i = 0; i < length - 1; i++)
            {
                ushort code = codes[random.Next(codes.Length)];
                uint k = random.Next(3) switch { 0 => (uint)random.Next(20), 1 => (uint)random.Next(), _ => 0 };
                program[i] = new BpfInstruction(code, (byte)random.Next(length - i), (byte)random.Next(length - i), k);
            }
            program[^1] = BpfInstruction.Statement(BpfOpcodes.Ret | BpfOpcodes.K, (uint)random.Next(2));
            try
            {
                LibpcapOptimizationResult result = LibpcapOptimizer.Optimize(program);
                Assert.True(result.Program is not null || result.Error is not null);
                optimized++;
            }
            catch (ArgumentException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                refused++;
            }
        }
        output.WriteLine($"20000 random programs: {optimized} optimized or refused with libpcap's message, {refused} rejected as malformed");
    }
}
