using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Pcap.Decode.Tests.Golden;

/// <summary>
/// Issue 16's core-protocol differences, fuzzed: seeded frames from <see cref="CoreProtocolFrameFactory"/> (a quarter of
/// them mutated) printed by tcpdump and by the formatter must be identical. A mutation can turn a header into a protocol
/// outside this corpus (OSPF, PIM, ICMPv6 node information, ...); those are counted, not compared. Runs 3,000 frames by
/// default; PCAPCORE_CORE_FUZZ_FRAMES=40000 runs the acceptance corpus, PCAPCORE_CORE_FUZZ_SEED another stream, and
/// PCAPCORE_CORE_FUZZ_DUMP=file lists every difference.
/// </summary>
public sealed partial class CoreProtocolFuzzTests(ITestOutputHelper output)
{
    private static readonly int[] LinkTypes = [1, 101, 0, 108];

    /// <summary>tcpdump's text for printers outside the core protocols (documented gaps of the formatter).</summary>
    private static readonly string[] OutOfScopeMarkers =
    [
        "OSPF", "[|ospf", "EGPv", "[|llc]", "AH(", "[|ah]", "RSVP", "PIMv", "VRRPv", "CARP", "[Ethernet requires IPv6]", "mobile:", "[|mobile]", "sctp", "egp", "igrp", "EIGRP",
        "GREv", "[|gre]", "IGMP", "igmp", "DCCP", "dccp", "PGM", "IPComp", "ESP(", "[|esp]", "SSAP", "DSAP", "node information", "who-are-you", "RPL",
        "mobile router", "router renumbering", "802.3, length", "LLC, ", "haad", "ICMP6, multicast router", "ICMP6, certification path", "ICMP6, mobile prefix",
    ];

    /// <summary>True when tcpdump decoded an Ethernet frame inside IP (next header 143): a MAC address pair past the link header's.</summary>
    private static bool CarriesEthernet(string expected, bool linkHeaderPrinted) =>
        MacAddressPair().Count(expected) > (linkHeaderPrinted ? 1 : 0);

    /// <summary>IP protocols tcpdump hands to printers outside this corpus (IGMP, DCCP, EGP, IGRP, RSVP, GRE, ESP, AH, Mobile IP, EIGRP, OSPF, PIM, IPComp, VRRP, PGM, SCTP, Ethernet).</summary>
    private static readonly HashSet<int> OtherPrinterProtocols = [2, 8, 9, 33, 46, 47, 50, 51, 55, 88, 89, 103, 108, 112, 113, 132, 143];

    /// <summary>True when we printed a protocol number tcpdump decodes with a printer outside this corpus.</summary>
    private static bool LeftToAnotherPrinter(string actual) =>
        ProtocolNumber().Matches(actual).Any(m => OtherPrinterProtocols.Contains(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));

    [GeneratedRegex(@" ip-proto-(\d+) ")]
    private static partial Regex ProtocolNumber();

    [GeneratedRegex(@"[0-9a-f]{2}(:[0-9a-f]{2}){5} > [0-9a-f]{2}(:[0-9a-f]{2}){5}, ")]
    private static partial Regex MacAddressPair();

    [Theory]
    [InlineData("-n -v")]
    [InlineData("-n -vv")]
    [InlineData("-n -e -v")]
    [InlineData("-n")]
    public void Fuzzed_core_protocol_frames_print_as_tcpdump_prints_them(string flagText)
    {
        var frames = int.TryParse(Environment.GetEnvironmentVariable("PCAPCORE_CORE_FUZZ_FRAMES"), CultureInfo.InvariantCulture, out var wanted) ? wanted : 3000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PCAPCORE_CORE_FUZZ_SEED"), CultureInfo.InvariantCulture, out var chosen) ? chosen : 16_000;
        var dump = Environment.GetEnvironmentVariable("PCAPCORE_CORE_FUZZ_DUMP");
        var generated = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var flags = flagText.Split(' ');
        var failures = new List<string>();
        var perFamily = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        var outOfScope = 0;
        foreach (var linkType in LinkTypes)
        {
            var factory = new CoreProtocolFrameFactory(linkType, seed + linkType);
            var batch = new List<(byte[] Data, int WireLength)>();
            var families = new List<string>();
            for (var i = 0; i < frames / LinkTypes.Length; i++)
            {
                batch.Add(factory.Next());
                families.Add(factory.Family);
                foreach (var word in new[] { "mobility", "nh59", "tcp opts", "ip opts", "icmp6", "arp", "ip6 ext", "mutated", "short" })
                {
                    if (factory.Family.Contains(word, StringComparison.Ordinal))
                        generated[word] = generated.GetValueOrDefault(word) + 1;
                }
            }
            total += batch.Count;
            var inScope = new List<TcpdumpOracle.Difference>();
            foreach (var difference in TcpdumpOracle.Compare(linkType, batch, flags))
            {
                if (OutOfScopeMarkers.Any(m => difference.Expected.Contains(m, StringComparison.Ordinal)) ||
                    CarriesEthernet(difference.Expected, linkType == 1 && flags.Contains("-e")) || LeftToAnotherPrinter(difference.Actual))
                {
                    outOfScope++;
                    continue;
                }
                inScope.Add(difference);
                var family = difference.Index >= 0 ? families[difference.Index] : "count";
                perFamily[family] = perFamily.GetValueOrDefault(family) + 1;
                if (dump is not null)
                    File.AppendAllText(dump, $"{linkType} {flagText} [{family}] {Convert.ToHexString(difference.Data)}\n  tcpdump: {difference.Expected}\n  ours:    {difference.Actual}\n");
            }
            if (inScope.Count > 0)
                failures.Add(TcpdumpOracle.Describe(inScope, linkType, flags));
        }
        output.WriteLine($"'{flagText}': {total} frames, {perFamily.Values.Sum()} differ, {outOfScope} more differ in protocols outside the corpus");
        output.WriteLine("  generated: " + string.Join(", ", generated.Select(p => $"{p.Key} {p.Value}")));
        foreach (var (family, count) in perFamily.OrderByDescending(p => p.Value))
            output.WriteLine($"  {family,-40} {count}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
