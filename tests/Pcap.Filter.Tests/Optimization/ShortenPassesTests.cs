using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.Optimization;
using Pcap.Testing;
using Xunit;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Tests.Optimization;

/// <summary>
/// The passes that shorten libpcap's optimized programs, one situation each: every result is kernel-valid and returns
/// what the original returns under libpcap's bpf_filter on the generated Ethernet packets (padded and unpadded) and on
/// every prefix of a real frame (truncated packets, where a wrongly dropped load would show).
/// </summary>
public sealed class ShortenPassesTests
{
    private static BpfInstruction S(ushort code, uint k = 0) => BpfInstruction.Statement(code, k);

    private static BpfInstruction J(ushort code, uint k, byte jt, byte jf) => BpfInstruction.Jump(code, k, jt, jf);

    private static readonly BpfInstruction Accept = S(Ret | K, 262144), Reject = S(Ret | K, 0);

    private static BpfInstruction[] ShortenedEquivalently(BpfInstruction[] program)
    {
        Assert.True(BpfValidator.TryValidate(program, out var invalid), $"test program: {invalid}");
        var shorter = ShortenPasses.Shorten(program);
        Assert.True(BpfValidator.TryValidate(shorter, out var refusal), $"shortened program: {refusal}");
        Assert.True(shorter.Length <= program.Length);
        var packets = ProgramAgainstLibpcap.Packets(LinkType.Ethernet);
        var frame = packets.First(p => p.Data.Length >= 80 && p.Data[12] == 0x08 && p.Data[13] == 0x00).Data;
        var runs = packets.Select(p => (p.Data, p.WireLength))
            .Concat(Enumerable.Range(0, 81).Select(n => (frame[..n], (uint)n)));
        foreach (var (data, wireLength) in runs)
            Assert.Equal(LibPcap.Filter(program, data, wireLength), LibPcap.Filter(shorter, data, wireLength));
        return shorter;
    }

    [Fact]
    public void A_range_from_an_earlier_jump_decides_a_later_one()
    {
        // A > 100 implies A > 50: the second test goes.
        var shorter = ShortenedEquivalently(
        [
            S(Ld | B | Abs, 23), J(Jmp | Jgt | K, 100, 0, 2), J(Jmp | Jgt | K, 50, 0, 1), Accept, Reject,
        ]);
        Assert.True(shorter.Length < 5);
    }

    [Fact]
    public void A_byte_load_decides_a_comparison_with_300_and_the_load_before_ret_0_goes()
    {
        var shorter = ShortenedEquivalently([S(Ld | B | Abs, 23), J(Jmp | Jgt | K, 300, 0, 1), Accept, Reject]);
        Assert.True(shorter.Length < 4);
    }

    [Fact]
    public void A_reload_of_a_tested_value_and_its_repeated_test_go()
    {
        var shorter = ShortenedEquivalently(
        [
            S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 0, 5), S(Ld | W | Abs, 26), J(Jmp | Jeq | K, 0x0a000001, 0, 3),
            S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 0, 1), Accept, Reject,
        ]);
        Assert.True(shorter.Length < 8);
    }

    [Fact]
    public void Equality_decides_jset()
    {
        var shorter = ShortenedEquivalently([S(Ld | B | Abs, 23), J(Jmp | Jeq | K, 6, 0, 2), J(Jmp | Jset | K, 4, 0, 1), Accept, Reject]);
        Assert.True(shorter.Length < 5);
    }

    [Fact]
    public void A_dead_load_that_may_run_off_the_packet_stays()
    {
        // On a packet shorter than 102 bytes the load fails and the program returns 0: dropping it would accept.
        var program = new[] { S(Ld | H | Abs, 100), S(Ld | Imm, 1), S(Ret | RetA) };
        Assert.Equal(program.Length, ShortenedEquivalently(program).Length);
    }

    [Fact]
    public void A_dead_load_within_bytes_already_loaded_goes()
    {
        // ld [26] succeeded, so ldh [12] cannot fail; its value is never used.
        var shorter = ShortenedEquivalently([S(Ld | W | Abs, 26), S(Ld | H | Abs, 12), S(Ld | Imm, 7), S(Ret | RetA)]);
        Assert.True(shorter.Length < 4);
    }

    [Fact]
    public void A_store_read_back_at_once_goes_with_the_read()
    {
        var shorter = ShortenedEquivalently(
        [
            S(Ld | W | Abs, 26), S(St, 0), S(Ld | Mem, 0), J(Jmp | Jeq | K, 1, 0, 1), Accept, Reject,
        ]);
        Assert.True(shorter.Length < 6);
    }

    [Fact]
    public void Identical_tails_are_laid_out_once()
    {
        var shorter = ShortenedEquivalently(
        [
            S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 0, 2), S(Ld | B | Abs, 40), J(Jmp | Jeq | K, 7, 3, 4),
            J(Jmp | Jeq | K, 0x86dd, 0, 3), S(Ld | B | Abs, 40), J(Jmp | Jeq | K, 7, 0, 1), Accept, Reject,
        ]);
        Assert.True(shorter.Length < 9);
    }

    [Fact]
    public void A_constant_against_x_is_decided_by_xs_range()
    {
        // (pim[22] & 0xbe) == 52168 can never hold: libpcap keeps the test (found on the conformance corpus).
        var shorter = ShortenedEquivalently(
        [
            S(Ld | B | Abs, 40), S(Alu | And | K, 0xbe), S(Misc | Tax), S(Ld | Imm, 0xcbc8), J(Jmp | Jeq | BpfOpcodes.X, 0, 0, 1), Accept, Reject,
        ]);
        Assert.True(shorter.Length < 7);
    }

    [Fact]
    public void A_reload_that_recomputes_the_value_a_already_holds_is_jumped_over()
    {
        // libpcap's RAW 'ip or ip6': after 'ldb [0]; and #0xf0; jeq #0x60' fails, it loads and masks the same byte again.
        var shorter = ShortenedEquivalently(
        [
            S(Ld | B | Abs, 0), S(Alu | And | K, 0xf0), J(Jmp | Jeq | K, 0x60, 3, 0),
            S(Ld | B | Abs, 0), S(Alu | And | K, 0xf0), J(Jmp | Jeq | K, 0x40, 0, 1), Accept, Reject,
        ]);
        Assert.True(shorter.Length < 8);
    }

    [Fact]
    public void A_reload_and_test_decided_by_earlier_tests_are_jumped_over_when_a_is_not_read_after()
    {
        // [12] is 0x800 on the path through the ifindex test; the repeated 'ldh [12]; jeq #0x800' goes on that path.
        var shorter = ShortenedEquivalently(
        [
            S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 0, 7), S(Ld | W | Abs, 26), J(Jmp | Jeq | K, 0x0a000001, 0, 5),
            S(Ld | W | Abs, 30), J(Jmp | Jeq | K, 7, 0, 3), S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 0, 1), Accept, Reject,
        ]);
        Assert.True(shorter.Length < 10);
    }

    [Fact]
    public void A_reload_whose_value_is_read_after_the_decided_jump_stays()
    {
        // ret a reads the reloaded value: jumping over the reload would return [30] instead of [12].
        var program = new[]
        {
            S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 0, 4), S(Ld | W | Abs, 30), J(Jmp | Jeq | K, 7, 0, 2),
            S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 0, 1), S(Ret | RetA), Reject,
        };
        var shorter = ShortenedEquivalently(program);
        Assert.Equal(2, shorter.Count(i => i == S(Ld | H | Abs, 12)));
    }

    [Fact]
    public void A_jump_further_than_255_goes_through_a_ja_trampoline()
    {
        // 300 loads between the test and its false target: the shortened layout needs a trampoline, as libpcap's does.
        const int Loads = 300;
        var program = new List<BpfInstruction> { S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 1, 0), S(Jmp | Ja, Loads + 3), S(Ld | H | Abs, 12) };
        program.AddRange(Enumerable.Range(0, Loads).Select(i => S(Ld | B | Abs, (uint)(14 + i))));
        program.AddRange([S(Ld | Imm, 1), S(Ret | RetA), Reject]);
        var shorter = ShortenedEquivalently([.. program]);
        Assert.True(shorter.Length < program.Count);
        Assert.Contains(shorter, i => i.Code == (Jmp | Ja));
    }

    [Fact]
    public void A_jump_and_a_ja_keep_their_targets_when_nothing_can_be_shortened()
    {
        BpfInstruction[] program = [S(Ld | H | Abs, 12), J(Jmp | Jeq | K, 0x800, 0, 1), Accept, Reject];
        Assert.Equal(program, ShortenPasses.Shorten(program));
    }

    [Theory]
    [InlineData("(host localhost and vrrp[pim[11:4]:4] >= 0x3c and geneve and ip6) and (ip[0xfa:1] != 0xae and less 200 or !icmp6[icmp6type] != icmp6-echo)")]
    [InlineData("((udp portrange 6081-15612 and net 10.0.0 or tcp[ether[8]:2] >= (037 / 15)) && tcp port 3306 && geneve and icmp && ip proto 43)")]
    [InlineData("not (dst host 192.168.1.1 or 127.0.0.1) or tcp src and dst port 8080 || (llc i && 0xfb & 3 == pim[16:1])")]
    [InlineData("less 200 and (1 % 13) < 1 and !(ip[tcp[12:1]:4] == 1)")]
    public void Corpus_programs_with_large_savings_are_shorter_and_agree_with_libpcaps(string expression)
    {
        // The largest savings on the conformance corpus: contradictions libpcap's optimizer does not see.
        var libpcap = LibPcap.Compile(expression, LibPcapLinkType.DataLinkTypeOf(LinkType.Ethernet), out string? error);
        Assert.True(libpcap is not null, error);
        var ours = FilterCompiler.Compile(expression, LinkType.Ethernet);
        Assert.True(ours.Length < libpcap.Length, $"{ours.Length} instructions, libpcap {libpcap.Length}");
        Assert.Null(ProgramAgainstLibpcap.Difference(ours.Instructions, libpcap, LinkType.Ethernet));
    }
}
