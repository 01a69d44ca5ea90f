using Pcap.Filter;
using Pcap.Filter.Compilation;
using Pcap.Testing;
using Pcap.Testing.Packets;
using Xunit.Abstractions;

namespace Pcap.Conformance.Tests;

/// <summary>
/// protochain walks at most <see cref="CodeGenerator.ProtochainHeaderLimit"/> extension headers (libpcap loops without a
/// bound, which the kernel refuses). Up to the bound the answer is libpcap's; beyond it the primitive is false. The
/// conformance packets must stay within the bound, or the differential would compare something else.
/// </summary>
public sealed class ProtochainHeaderLimitTests(ITestOutputHelper output)
{
    private const int Limit = CodeGenerator.ProtochainHeaderLimit;
    private const uint Accept = 262144;

    [Fact]
    public void No_conformance_packet_has_a_header_chain_longer_than_the_limit()
    {
        // libpcap's program turns its loop once per extension or AH header it steps over: count the turns.
        int longest = 0;
        foreach (var linkType in ConformanceCorpus.LinkTypes)
        {
            var program = LibPcap.Compile("protochain 255", LibPcapLinkType.DataLinkTypeOf(linkType), out var error, optimize: false)
                          ?? throw new InvalidOperationException($"libpcap refused 'protochain 255' on {linkType}: {error}");
            Assert.True(BpfLoopGuard.HasBackwardJump(program), "libpcap's protochain program no longer loops; this test counts its turns");
            foreach (var packet in ConformanceCorpus.Packets(linkType))
            {
                if (BpfLoopGuard.Trace(program, packet.Data, packet.WireLength, out int turns) == BpfLoopGuard.Ending.Endless)
                    continue; // libpcap's answer is undefined there; the differential skips these packets
                longest = Math.Max(longest, turns);
                Assert.True(turns <= Limit, $"[{linkType}] {packet.Description}: libpcap's walk steps over {turns} headers, more than the limit {Limit}");
            }
        }
        output.WriteLine($"longest header chain libpcap walks in the conformance packets: {longest} (limit {Limit})");
        Assert.True(longest >= 2, $"the conformance packets exercise chains of at most {longest} headers");
    }

    [Fact]
    public void A_chain_as_long_as_the_limit_matches_like_libpcap()
    {
        var packet = Ipv6WithHopByHopChain(Limit, nextAfterChain: 6);
        Assert.Equal(Accept, RunLibpcap("ip6 protochain 6", packet));
        Assert.Equal(Accept, RunOurs("ip6 protochain 6", packet));
        Assert.Equal(RunLibpcap("ip6 protochain 17", packet), RunOurs("ip6 protochain 17", packet));
        Assert.Equal(RunLibpcap("protochain 6 and tcp", packet), RunOurs("protochain 6 and tcp", packet));
    }

    [Fact]
    public void A_chain_longer_than_the_limit_is_not_followed_so_protochain_is_false()
    {
        var packet = Ipv6WithHopByHopChain(Limit + 1, nextAfterChain: 6);
        // libpcap walks on and finds TCP; we stop after the limit, compare the header there (hop-by-hop) and say no.
        Assert.Equal(Accept, RunLibpcap("ip6 protochain 6", packet));
        Assert.Equal(0u, RunOurs("ip6 protochain 6", packet));
        Assert.Equal(Accept, RunOurs("not ip6 protochain 6", packet));
        // A header within reach is still found: the first one is hop-by-hop.
        Assert.Equal(Accept, RunOurs("ip6 protochain 0", packet));
    }

    private static uint RunLibpcap(string expression, byte[] packet)
    {
        var program = LibPcap.Compile(expression, LibPcapLinkType.DataLinkTypeOf(LinkType.Ethernet), out var error)
                      ?? throw new InvalidOperationException($"libpcap refused '{expression}': {error}");
        Assert.Equal(BpfLoopGuard.Ending.Returned, BpfLoopGuard.Trace(program, packet, (uint)packet.Length));
        return LibPcap.Filter(program, packet, (uint)packet.Length);
    }

    private static uint RunOurs(string expression, byte[] packet)
    {
        var program = FilterCompiler.Compile(expression, LinkType.Ethernet).Instructions.ToArray();
        Assert.False(BpfLoopGuard.HasBackwardJump(program));
        uint bpfFilter = LibPcap.Filter(program, packet, (uint)packet.Length);
        Assert.Equal(bpfFilter, OurInterpreter.Run(program, packet, (uint)packet.Length));
        return bpfFilter;
    }

    // Ethernet, IPv6, then `headers` hop-by-hop headers, then a TCP header (protocol nextAfterChain).
    private static byte[] Ipv6WithHopByHopChain(int headers, byte nextAfterChain)
    {
        var random = new Random(5);
        byte[] payload = new byte[20];
        payload[12] = 0x50;
        byte next = nextAfterChain;
        for (int i = 0; i < headers; i++)
        {
            payload = Ipv6Builder.ExtensionHeader(random, Ipv6Builder.HopByHop, next, payload);
            next = Ipv6Builder.HopByHop;
        }
        var ipv6 = new byte[40];
        ipv6[0] = 0x60;
        ipv6[4] = (byte)(payload.Length >> 8);
        ipv6[5] = (byte)payload.Length;
        ipv6[6] = next;
        ipv6[7] = 64;
        ipv6[23] = 1;
        ipv6[39] = 2;
        byte[] ethernet = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x86, 0xdd];
        return [.. ethernet, .. ipv6, .. payload];
    }
}
