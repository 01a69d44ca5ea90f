using Pcap.Filter.Bpf;
using Pcap.Filter.Tests.Optimization;
using Pcap.Testing;
using Xunit;

namespace Pcap.Filter.Tests.Compilation;

/// <summary>
/// <c>ip broadcast</c> depends on the netmask given to <c>pcap_compile</c>: refused when it is unknown, else a test of the
/// destination's host part. Against libpcap for each netmask, link type and optimizer setting (tcpdump passes 0, so
/// <c>pcapcore -r f 'ip broadcast'</c> was refused where tcpdump filters).
/// </summary>
public sealed class IpBroadcastNetmaskTests
{
    private static readonly string[] Expressions =
        ["ip broadcast", "not ip broadcast", "ip broadcast and udp", "ip broadcast or ip multicast", "tcp or ip broadcast"];

    private static readonly uint?[] Netmasks = [null, 0, 0xffffff00, 0xffff0000, 0xff000000, 0xfffffffc, 0xffffffff - 1];

    [Fact]
    public void Programs_and_refusals_equal_libpcaps_for_each_netmask()
    {
        var differences = new List<string>();
        int compared = 0;
        foreach (int dlt in OptimizerCorpus.LinkTypes)
        {
            var linkType = dlt == 12 ? LinkType.Raw : (LinkType)dlt;
            foreach (string expression in Expressions)
            foreach (uint? netmask in Netmasks)
            foreach (bool optimize in new[] { true, false })
            {
                var expected = LibPcap.Compile(expression, dlt, out string? expectedError, optimize: optimize, netmask: netmask ?? LibPcap.NetmaskUnknown);
                var options = new FilterOptions { Optimize = optimize, Netmask = netmask, ShortenPastLibpcap = false };
                bool compiled = FilterCompiler.TryCompile(expression, linkType, out BpfProgram? ours, out FilterException? error, options);
                compared++;
                string label = $"[{dlt}] '{expression}' netmask {(netmask is { } m ? $"0x{m:x8}" : "unknown")} optimize={optimize}";
                if (expected is null)
                {
                    if (compiled || error!.LibpcapMessage != expectedError)
                        differences.Add($"{label}: libpcap refused '{expectedError}', ours {(compiled ? "accepted" : $"'{error!.LibpcapMessage}'")}");
                }
                else if (!compiled)
                    differences.Add($"{label}: libpcap compiled, ours refused '{error!.Message}'");
                else if (!expected.AsSpan().SequenceEqual(ours!.Instructions))
                    differences.Add($"{label}: programs differ ({expected.Length} vs {ours.Length} instructions)");
            }
        }
        Assert.True(compared >= 100, $"only {compared} compared");
        Assert.True(differences.Count == 0, $"{differences.Count} differences:\n{string.Join("\n", differences.Take(10))}");
    }
}
