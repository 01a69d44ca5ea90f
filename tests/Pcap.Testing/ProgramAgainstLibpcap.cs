using System.Collections.Concurrent;
using Pcap.Filter;
using Pcap.Filter.Bpf;
using Pcap.Testing.Packets;

namespace Pcap.Testing;

/// <summary>
/// The one rule for tests that compare our optimized program with libpcap's: it must be identical, or strictly shorter
/// (our passes after libpcap's optimizer), kernel-valid and returning what libpcap's returns on every test packet, run
/// by libpcap's bpf_filter, padded and unpadded; or, where the kernel refuses libpcap's program, a kernel-valid
/// replacement whose answers the conformance suite checks.
/// </summary>
public static class ProgramAgainstLibpcap
{
    /// <summary>How many generated packets per link type the equivalence check runs.</summary>
    public const int PacketCount = 1000;

    /// <summary>The packet seed of the equivalence check.</summary>
    public const int PacketSeed = 41;

    private const int PaddingLength = 2048;
    private static readonly ConcurrentDictionary<LinkType, GeneratedPacket[]> PacketsByLinkType = new();

    /// <summary>Null when <paramref name="ours"/> is acceptable against <paramref name="libpcap"/>; otherwise why not.</summary>
    public static string? Difference(ReadOnlySpan<BpfInstruction> ours, ReadOnlySpan<BpfInstruction> libpcap, LinkType linkType)
    {
        if (ours.SequenceEqual(libpcap) || IsKernelValidReplacement(ours, libpcap))
            return null;
        if (ours.Length >= libpcap.Length)
            return $"different from libpcap's program and not shorter ({ours.Length} instructions, libpcap {libpcap.Length})";
        if (!BpfValidator.TryValidate(ours, out var refusal))
            return $"shorter than libpcap's program but the kernel would refuse it: {refusal}";
        foreach (var packet in Packets(linkType))
        {
            uint expected = LibPcap.Filter(libpcap, packet.Data, packet.WireLength);
            uint actual = LibPcap.Filter(ours, packet.Data, packet.WireLength);
            if (expected != actual)
                return $"shorter than libpcap's program but returns {actual} where libpcap's returns {expected} on {packet}";
        }
        return null;
    }

    /// <summary>
    /// Where libpcap's program is one the kernel refuses (protochain's backward loop, geneve's unwritten scratch words,
    /// an unknown ancillary load), ours is a different, kernel-valid program on purpose.
    /// </summary>
    public static bool IsKernelValidReplacement(ReadOnlySpan<BpfInstruction> ours, ReadOnlySpan<BpfInstruction> libpcap) =>
        !BpfValidator.TryValidate(libpcap, out _) && BpfValidator.TryValidate(ours, out _);

    /// <summary>The check's packets for <paramref name="linkType"/>: generated ones, then the same padded with zeros.</summary>
    public static IReadOnlyList<GeneratedPacket> Packets(LinkType linkType) =>
        PacketsByLinkType.GetOrAdd(linkType, lt =>
        {
            var packets = PacketGenerator.Generate(lt, PacketCount, PacketSeed).ToArray();
            return [.. packets, .. packets.Select(p => p.Padded(PaddingLength))];
        });
}
