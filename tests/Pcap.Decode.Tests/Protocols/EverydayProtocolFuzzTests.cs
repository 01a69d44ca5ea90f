using Pcap.Decode.Tests.Golden;
using Pcap.Decode.Tests.Text;
using Pcap.Decode.Text;
using Pcap.Testing.Packets;

namespace Pcap.Decode.Tests.Protocols;

/// <summary>
/// Issue 12's generated frames, mutated and cut at random, never make the formatter throw and always print a line; printing
/// the generated corpus allocates nothing once warm.
/// </summary>
public sealed class EverydayProtocolFuzzTests
{
    private static readonly string[] FlagSets = ["-n", "-n -v", "-n -vv", "-n -e"];

    /// <summary>A million cases, issue 12's acceptance, in every run; PCAPCORE_FUZZ_CASES sets another count.</summary>
    [Fact]
    public void A_million_mutated_issue_12_frames_never_throw_and_always_print()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("PCAPCORE_FUZZ_CASES"), out var n) ? n : 1_000_000;
        var random = new Random(12_2026);
        var seeds = EverydayFrameFactory.LinkTypes.ToDictionary(l => l, l => EverydayProtocolCorpus.Build(l, 20, 99).Frames);
        var formatters = FlagSets.Select(f => new TcpdumpFormatter(TcpdumpOracle.OptionsFor(f.Split(' ')))).ToArray();
        var destination = new char[TcpdumpFormatter.MaximumLength(4096)];
        var scratch = new byte[4096];
        for (var i = 0; i < cases; i++)
        {
            var linkType = EverydayFrameFactory.LinkTypes[i % EverydayFrameFactory.LinkTypes.Length];
            var frames = seeds[linkType];
            var source = frames[random.Next(frames.Count)].Data;
            source.CopyTo(scratch, 0);
            var length = source.Length;
            length = FuzzedPacketFormatting.Mutate(random, scratch, length, 14, 70, 300);
            var wire = length + (random.Next(8) == 0 ? random.Next(0, 100) : 0);
            FuzzedPacketFormatting.AssertPrintsALine(formatters[i / 4 % formatters.Length], linkType, i, scratch.AsSpan(0, length), wire, destination);
        }
    }

    [Theory]
    [InlineData(1, "-n")]
    [InlineData(113, "-n -v")]
    [InlineData(276, "-n -vv")]
    [InlineData(101, "-n -e")]
    [InlineData(1, "-n -vv -e")]
    public void Printing_issue_12_frames_allocates_nothing(int linkType, string flags)
    {
        var frames = EverydayProtocolCorpus.Build(linkType, 40, 7).Frames;
        FuzzedPacketFormatting.AssertSteadyStateAllocatesNothing(new TcpdumpFormatter(TcpdumpOracle.OptionsFor(flags.Split(' '))), linkType, frames);
    }
}
