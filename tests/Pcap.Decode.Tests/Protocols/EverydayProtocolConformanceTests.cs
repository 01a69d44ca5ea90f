using Pcap.Decode.Tests.Golden;
using Xunit.Abstractions;

namespace Pcap.Decode.Tests.Protocols;

/// <summary>
/// Issue 12's protocols (tunnels, routing, LAN control, well-known ports), generated valid, mutated, noise and truncated on
/// Ethernet, SLL, SLL2 and RAW, printed by tcpdump 4.99.3 and by the formatter at -n, -v, -vv and -e. Prints the identical
/// share per protocol and flag set (the gap report); the protocols in <see cref="Implemented"/> must be at 100%.
/// </summary>
public sealed class EverydayProtocolConformanceTests(ITestOutputHelper output)
{
    private const int PacketsPerProtocol = 400;

    private static readonly string[] FlagSets = ["-n", "-n -v", "-n -vv", "-n -e"];

    /// <summary>The protocols with a layer and printer: every line identical to tcpdump's.</summary>
    private static readonly IReadOnlySet<string> Implemented = Pcap.Testing.Packets.EverydayProtocolPayloads.Implemented;

    [Fact]
    public void Issue_12_protocols_print_as_tcpdump_prints_them()
    {
        var identical = new Dictionary<(string Protocol, string Flags), (int Same, int Total)>();
        var failures = new List<string>();
        var examples = new Dictionary<(string, string), string>();
        var prints = 0;
        foreach (var linkType in Pcap.Testing.Packets.EverydayFrameFactory.LinkTypes)
        {
            var (frames, protocols, damage) = Pcap.Testing.Packets.EverydayProtocolCorpus.Build(linkType, PacketsPerProtocol, 12);
            foreach (var flagText in FlagSets)
            {
                var flags = flagText.Split(' ');
                var differences = TimestampSplitOracle.Compare(linkType, frames, flags);
                var differing = differences.ToDictionary(d => d.Index);
                prints += frames.Count;
                for (var i = 0; i < frames.Count; i++)
                {
                    var differs = differing.TryGetValue(i, out var difference);
                    var key = (Pcap.Testing.Packets.EverydayProtocolPayloads.ChargedTo(protocols[i], differs ? difference!.Expected : null), flagText);
                    var (count, total) = identical.GetValueOrDefault(key);
                    identical[key] = (count + (differs ? 0 : 1), total + 1);
                    if (differs)
                        examples.TryAdd(key, $"{key.Item1} <- {protocols[i]} ({damage[i]}) link type {linkType} {flagText} {Convert.ToHexString(difference!.Data)}\n" +
                                     $"  tcpdump: {difference.Expected.Replace("\n", "\\n", StringComparison.Ordinal)}\n" +
                                     $"  ours:    {difference.Actual.Replace("\n", "\\n", StringComparison.Ordinal)}");
                    if (differs && Implemented.Contains(key.Item1) && failures.Count < 12)
                        failures.Add($"{key.Item1} <- {protocols[i]} ({damage[i]}) link type {linkType} {flagText} {Convert.ToHexString(difference!.Data)}\n" +
                                     $"  tcpdump: {difference.Expected.Replace("\n", "\\n", StringComparison.Ordinal)}\n" +
                                     $"  ours:    {difference.Actual.Replace("\n", "\\n", StringComparison.Ordinal)}");
                }
            }
        }
        var same = identical.Values.Sum(v => v.Same);
        output.WriteLine($"{prints} packet prints (link types 1, 113, 276, 101 x {FlagSets.Length} flag sets): {same} identical ({100.0 * same / prints:F2}%)");
        output.WriteLine($"{"protocol",-12} {string.Join(" ", FlagSets.Select(f => $"{f,14}"))}");
        foreach (var protocol in Pcap.Testing.Packets.EverydayProtocolPayloads.Protocols)
        {
            var cells = FlagSets.Select(f => identical.TryGetValue((protocol, f), out var c) ? $"{c.Same,5}/{c.Total,-4}{100.0 * c.Same / c.Total,4:F0}%" : "-");
            output.WriteLine($"{protocol + (Implemented.Contains(protocol) ? "*" : ""),-12} {string.Join(" ", cells.Select(c => $"{c,14}"))}");
        }
        // The first difference of each protocol and flag set names what is left to do.
        output.WriteLine("first difference per protocol and flag set:");
        foreach (var example in examples.Values)
            output.WriteLine(example);
        Assert.True(failures.Count == 0, "implemented protocols differ from tcpdump:\n" + string.Join("\n", failures));
    }
}
