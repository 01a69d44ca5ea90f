using Pcap.Filter;
using Pcap.Filter.Bpf;
using Pcap.Testing;
using Pcap.Testing.Packets;
using Xunit.Abstractions;

namespace Pcap.Conformance.Tests;

/// <summary>
/// The passes that shorten libpcap's optimized program, on their own: for every corpus program they shorten, on every
/// link type, libpcap's program, ours before shortening and ours after give the same return value on every conformance
/// packet, padded (no load runs off the end) and unpadded (truncated packets, where a dropped load would show), run
/// by libpcap's bpf_filter and the shortened one by PcapCore's interpreter too.
/// </summary>
public sealed class ShortenedProgramDifferentialTests(ITestOutputHelper output)
{
    private static readonly FilterOptions Unshortened = new() { ShortenPastLibpcap = false };

    [Fact]
    public void Shortened_unshortened_and_libpcap_programs_agree_on_every_conformance_packet()
    {
        var differences = new List<string>();
        int total = 0;
        foreach (var linkType in ConformanceCorpus.LinkTypes)
        {
            IReadOnlyList<GeneratedPacket>[] packetSets = [ConformanceCorpus.Packets(linkType), ConformanceCorpus.PaddedPackets(linkType)];
            int shortened = 0;
            foreach (string expression in ConformanceCorpus.Expressions)
            {
                if (!FilterCompiler.TryCompile(expression, linkType, out var shorter, out _)
                    || !FilterCompiler.TryCompile(expression, linkType, out var unshortened, out _, Unshortened)
                    || shorter.Length >= unshortened.Length)
                    continue;
                var libpcap = LibPcap.Compile(expression, LibPcapLinkType.DataLinkTypeOf(linkType), out _);
                Assert.True(libpcap is not null, $"{linkType} '{expression}': libpcap refuses what we compile");
                shortened++;
                if (Difference(expression, linkType, packetSets, libpcap, unshortened.Instructions.ToArray(), shorter.Instructions.ToArray()) is { } difference
                    && differences.Count < 20)
                    differences.Add(difference);
            }
            output.WriteLine($"{linkType}: {shortened} shortened programs checked on {packetSets.Sum(p => p.Count)} packets");
            total += shortened;
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.True(total > 1000, $"only {total} programs were shortened; the differential proves little");
    }

    private static string? Difference(string expression, LinkType linkType, IReadOnlyList<GeneratedPacket>[] packetSets,
        BpfInstruction[] libpcap, BpfInstruction[] unshortened, BpfInstruction[] shorter)
    {
        // Where the kernel refuses libpcap's program its answer may be undefined (scratch words read unwritten).
        bool libpcapDefined = BpfValidator.TryValidate(libpcap, out _);
        foreach (var packets in packetSets)
            foreach (var packet in packets)
            {
                uint expected = LibPcap.Filter(unshortened, packet.Data, packet.WireLength);
                uint fromLibpcap = libpcapDefined ? LibPcap.Filter(libpcap, packet.Data, packet.WireLength) : expected;
                uint actual = LibPcap.Filter(shorter, packet.Data, packet.WireLength);
                uint interpreted = BpfInterpreter.Run(shorter, packet.Data, packet.WireLength);
                if (actual != expected || fromLibpcap != expected || interpreted != expected)
                    return $"{linkType} '{expression}': libpcap {fromLibpcap}, unshortened {expected}, shortened {actual} " +
                           $"(interpreter {interpreted}) on {packet}\nshortened:\n{BpfDisassembler.Format(shorter, BpfDumpFormat.Assembly)}";
            }
        return null;
    }
}
