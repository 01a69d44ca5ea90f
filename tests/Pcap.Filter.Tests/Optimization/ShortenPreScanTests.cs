using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.Optimization;
using Pcap.Testing.Expressions;
using Xunit;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Tests.Optimization;

/// <summary>
/// The scan that lets the shortening passes skip a program: it may say "run the passes" when they then find nothing,
/// never "nothing to find" when they would find something (that would change the compiled program).
/// </summary>
public sealed class ShortenPreScanTests
{
    private static BpfInstruction S(ushort code, uint k = 0) => BpfInstruction.Statement(code, k);

    private static BpfInstruction J(ushort code, uint k, byte jt, byte jf) => BpfInstruction.Jump(code, k, jt, jf);

    private static readonly BpfInstruction Accept = S(Ret | K, 262144), Reject = S(Ret | K, 0);

    private static readonly FilterOptions LibpcapsProgram = new() { ShortenPastLibpcap = false };

    [Theory]
    [InlineData(1u)]
    [InlineData(276u)]
    [InlineData(113u)]
    public void Whatever_the_scan_lets_the_passes_skip_they_would_leave_as_it_is(uint linkType)
    {
        int programs = 0, skipped = 0;
        foreach (string expression in ExpressionCorpus.All(1500))
        {
            if (!FilterCompiler.TryCompile(expression, new LinkType(linkType), out var compiled, out _, LibpcapsProgram))
                continue;
            var program = compiled.Instructions.ToArray();
            programs++;
            var finding = ShortenPreScan.Scan(program);
            if (finding == ShortenPreScan.Finding.Anything)
                continue;
            skipped++;
            var graph = ShortenGraph.From(program);
            if (graph is null)
                continue;
            ShortenKnownOutcomes.Run(graph, ShortenValues.ForThisThread());
            ShortenDeadStores.Run(graph);
            Assert.False(graph.Changed, $"the passes change the program of '{expression}', the scan said {finding}");
            var everyPass = ShortenPasses.RunPasses(program, BpfProgram.MaxInstructions, ShortenPreScan.Finding.Anything);
            Assert.True(everyPass.AsSpan().SequenceEqual(ShortenPasses.Shorten(program)),
                $"the passes shorten the program of '{expression}' to {everyPass.Length}, the scan said {finding}");
        }
        // The scan is only worth having if it spares the passes most of the programs they leave unchanged.
        Assert.True(skipped * 3 > programs, $"the scan let the passes skip {skipped} of {programs} programs");
    }

    [Fact]
    public void A_chain_of_equality_tests_on_one_load_needs_nothing()
    {
        BpfInstruction[] program =
        [
            S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x86dd, 2, 0), J(Jmp | Jeq | K, 0x800, 1, 0), J(Jmp | Jgt | K, 0x5dc, 0, 1),
            Accept, Reject,
        ];
        Assert.Equal(ShortenPreScan.Finding.Nothing, ShortenPreScan.Scan(program));
    }

    [Fact]
    public void A_port_range_needs_nothing()
    {
        BpfInstruction[] program =
        [
            S(Ld | H | Abs, 54), J(Jmp | Jge | K, 0x1bb, 0, 2), J(Jmp | Jgt | K, 0x204, 1, 0), Accept, Reject,
        ];
        Assert.Equal(ShortenPreScan.Finding.Nothing, ShortenPreScan.Scan(program));
    }

    [Fact]
    public void Twin_tests_after_different_loads_need_nothing()
    {
        // Each jeq #80 has its twin's targets but is entered from its own load: merging costs a ja for each.
        BpfInstruction[] program =
        [
            S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 0, 2), S(Ld | H | Abs, 36), J(Jmp | Jeq | K, 80, 3, 2),
            S(Ld | H | Abs, 56), J(Jmp | Jeq | K, 80, 1, 0), Reject, Accept,
        ];
        Assert.Equal(ShortenPreScan.Finding.Nothing, ShortenPreScan.Scan(program));
        Assert.Equal(program, ShortenPasses.RunPasses(program, BpfProgram.MaxInstructions, ShortenPreScan.Finding.Anything));
    }

    [Fact]
    public void A_load_no_path_reads_that_may_fail_needs_nothing()
    {
        // Past the end of a short packet it returns 0: dead-store removal keeps it.
        BpfInstruction[] program = [S(Ld | H | Abs, 12), S(Ld | W | Abs, 8), J(Jmp | Jeq | K, 1, 0, 1), Accept, Reject];
        Assert.Equal(ShortenPreScan.Finding.Nothing, ShortenPreScan.Scan(program));
        Assert.Equal(program, ShortenPasses.RunPasses(program, BpfProgram.MaxInstructions, ShortenPreScan.Finding.Anything));
    }

    [Fact]
    public void A_reload_on_a_path_that_never_tested_it_needs_nothing()
    {
        // The short packets' path loads the type again: nothing is known about it there.
        BpfInstruction[] program =
        [
            S(Ld | Len), J(Jmp | Jge | K, 100, 0, 2), S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 2, 3),
            S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x806, 0, 1), Accept, Reject,
        ];
        Assert.Equal(ShortenPreScan.Finding.Nothing, ShortenPreScan.Scan(program));
        Assert.Equal(program, ShortenPasses.RunPasses(program, BpfProgram.MaxInstructions, ShortenPreScan.Finding.Anything));
    }

    [Fact]
    public void Two_identical_returns_are_left_to_tail_merging()
    {
        BpfInstruction[] program = [S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 0, 1), Reject, Reject];
        Assert.Equal(ShortenPreScan.Finding.TwinTails, ShortenPreScan.Scan(program));
    }

    public static TheoryData<string, BpfInstruction[]> ProgramsThePassesShorten => new()
    {
        { "a reload of the value in A", [S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 0, 3), S(Ld | H | Abs, 12), J(Jmp | Jgt | K, 5, 0, 1), Accept, Reject] },
        { "a reload whose earlier test decides the next", [S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 0, 4), S(Ld | W | Abs, 26), J(Jmp | Jeq | K, 1, 0, 2), S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 1, 0), Reject, Accept] },
        { "a test a byte load decides", [S(Ld | B | Abs, 23), J(Jmp | Jgt | K, 300, 0, 1), Accept, Reject] },
        { "a test the true edge of an equality decides", [S(Ld | B | Abs, 23), J(Jmp | Jeq | K, 6, 0, 2), J(Jmp | Jeq | K, 17, 0, 1), Accept, Reject] },
        { "a test an earlier range decides", [S(Ld | B | Abs, 23), J(Jmp | Jgt | K, 100, 0, 2), J(Jmp | Jgt | K, 50, 0, 1), Accept, Reject] },
        { "a load no path reads, within bytes loaded before", [S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 0, 4), S(Ld | B | Abs, 13), S(Ld | B | Abs, 23), J(Jmp | Jeq | K, 6, 0, 1), Accept, Reject] },
        { "a load before ret #0", [S(Ld | B | Abs, 23), J(Jmp | Jeq | K, 6, 0, 1), Accept, S(Ld | W | Abs, 26), Reject] },
        { "a jump with one target", [S(Ld | B | Abs, 23), J(Jmp | Jeq | K, 6, 0, 0), Accept] },
        { "a test of A before any load", [J(Jmp | Jeq | K, 0, 0, 1), Accept, Reject] },
        { "an operation on a tested value", [S(Ld | B | Abs, 23), J(Jmp | Jeq | K, 6, 0, 2), S(Alu | And | K, 0xf), J(Jmp | Jeq | K, 6, 0, 1), Accept, Reject] },
        { "a store", [S(Ld | B | Abs, 23), S(St, 0), S(Ldx | Mem, 0), J(Jmp | Jeq | X, 0, 0, 1), Accept, Reject] },
        { "a ja", [S(Ld | B | Abs, 23), J(Jmp | Jeq | K, 6, 0, 1), S(Jmp | Ja, 1), Reject, Accept] },
    };

    [Theory]
    [MemberData(nameof(ProgramsThePassesShorten))]
    public void A_program_with_a_candidate_is_left_to_the_passes(string situation, BpfInstruction[] program)
    {
        Assert.True(ShortenPreScan.Scan(program) == ShortenPreScan.Finding.Anything, situation);
    }
}
