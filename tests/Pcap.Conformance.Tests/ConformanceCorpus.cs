using System.Collections.Concurrent;
using Pcap.Filter;
using Pcap.Testing.Expressions;
using Pcap.Testing.Packets;

namespace Pcap.Conformance.Tests;

/// <summary>The fixed-seed expressions and packets every conformance test shares, built once per test run.</summary>
internal static class ConformanceCorpus
{
    /// <summary>How many expressions the suite runs (the issue asks for at least 5,000).</summary>
    public const int ExpressionCount = 5000;

    /// <summary>How many packets per link type (the issue asks for at least 3,000).</summary>
    public const int PacketsPerLinkType = 3000;

    /// <summary>The packet seed; with <see cref="ExpressionCorpus.DefaultSeed"/> it pins the whole suite.</summary>
    public const int PacketSeed = 3;

    private static readonly Lazy<IReadOnlyList<string>> AllExpressions = new(() => ExpressionCorpus.All(ExpressionCount, ExpressionCorpus.DefaultSeed));
    private static readonly ConcurrentDictionary<LinkType, GeneratedPacket[]> PacketsByLinkType = new();

    public static IReadOnlyList<LinkType> LinkTypes => PacketGenerator.LinkTypes;

    public static IReadOnlyList<string> Expressions => AllExpressions.Value;

    /// <summary>
    /// The same packets followed by 2,048 zero bytes (and that much longer on the wire), so that no load of the
    /// corpus runs off the end: libpcap's optimizer removes loads whose value cannot matter, which changes the
    /// answer on truncated packets (an unoptimized program fails the load and returns 0, the optimized one does not).
    /// </summary>
    public static IReadOnlyList<GeneratedPacket> PaddedPackets(LinkType linkType) =>
        PaddedByLinkType.GetOrAdd(linkType, lt => Packets(lt)
            .Select(p => p.Padded(PaddingLength))
            .ToArray());

    private const int PaddingLength = 2048;
    private static readonly ConcurrentDictionary<LinkType, GeneratedPacket[]> PaddedByLinkType = new();

    public static IReadOnlyList<GeneratedPacket> Packets(LinkType linkType) =>
        PacketsByLinkType.GetOrAdd(linkType, lt => PacketGenerator.Generate(lt, PacketsPerLinkType, PacketSeed).ToArray());
}
