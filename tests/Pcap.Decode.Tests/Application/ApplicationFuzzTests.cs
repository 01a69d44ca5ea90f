using Pcap.Decode.Tests.Text;
using Pcap.Decode.Tests.Walk;
using Pcap.Decode.Text;
using Pcap.Decode.Walk;
using Pcap.Testing.Allocation;
using Pcap.Wire;

namespace Pcap.Decode.Tests.Application;

/// <summary>
/// Random bytes and damaged application frames never make the formatter throw, every packet prints a line, and printing
/// them allocates nothing once warm.
/// </summary>
public sealed class ApplicationFuzzTests
{
    private static readonly int[] LinkTypes = [1, 113, 276, 101];

    private static readonly FormatOptions[] OptionSets =
    [
        new() { TimeZone = TimeZoneInfo.Utc },
        new() { Verbose = 1, TimeZone = TimeZoneInfo.Utc },
        new() { LinkHeader = true, Verbose = 2, TimeZone = TimeZoneInfo.Utc },
        new() { Verbose = 3, HexAscii = 1, TimeZone = TimeZoneInfo.Utc },
    ];

    private static byte[][] Seeds(int linkType, int count)
    {
        var random = new Random(900 + linkType);
        var payloads = new ApplicationPayloads(random);
        var factory = new ApplicationFrameFactory(linkType, random);
        return Enumerable.Range(0, count)
            .Select(i => factory.Wrap(payloads.Next(ApplicationPayloads.Protocols[i % ApplicationPayloads.Protocols.Length])).Data).ToArray();
    }

    /// <summary>200,000 cases here; set PCAPCORE_FUZZ_CASES=1000000 for the full run.</summary>
    [Fact]
    public void Random_and_damaged_application_packets_never_throw_and_always_print()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("PCAPCORE_FUZZ_CASES"), out var n) ? n : 200_000;
        var random = new Random(20261203);
        var seeds = LinkTypes.ToDictionary(l => l, l => Seeds(l, 600));
        var formatters = LinkTypes.SelectMany(_ => OptionSets).Select(o => new TcpdumpFormatter(o)).ToArray();
        var destination = new char[TcpdumpFormatter.MaximumLength(4096)];
        var scratch = new byte[4096];
        var walker = new LayerWalker();
        for (var i = 0; i < cases; i++)
        {
            var linkIndex = i % LinkTypes.Length;
            var linkType = LinkTypes[linkIndex];
            var source = seeds[linkType][random.Next(600)];
            source.CopyTo(scratch, 0);
            var length = source.Length;
            length = FuzzedPacketFormatting.Mutate(random, scratch, length, 20, 80, 200);
            var packet = scratch.AsSpan(0, length);
            var formatter = formatters[linkIndex * OptionSets.Length + i / LinkTypes.Length % OptionSets.Length];
            var wire = packet.Length + (random.Next(8) == 0 ? random.Next(0, 100) : 0);
            FuzzedPacketWalking.AssertWalks(walker, linkType, i, packet);
            FuzzedPacketFormatting.AssertPrintsALine(formatter, linkType, i, packet, wire, destination);
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(113, 1)]
    [InlineData(276, 2)]
    [InlineData(101, 3)]
    public void Printing_application_packets_allocates_nothing(int linkType, int optionSet)
    {
        var frames = Seeds(linkType, 2000);
        var formatter = new TcpdumpFormatter(OptionSets[optionSet]);
        var destination = new char[TcpdumpFormatter.MaximumLength(65536)];
        foreach (var frame in frames)
            formatter.TryFormat((LinkType)linkType, 1_700_000_000_000_000_000L, frame, frame.Length, destination, out _);
        var total = 0L;
        var allocated = QuietestPass.Bytes(3, () =>
        {
            foreach (var frame in frames)
            {
                formatter.TryFormat((LinkType)linkType, 1_700_000_000_000_000_000L, frame, frame.Length, destination, out var written);
                total += written;
            }
        });
        Assert.True(total > 0);
        Assert.Equal(0, allocated);
    }

    /// <summary>VXLAN frames nested hundreds deep print without exhausting the stack (tcpdump recurses without a limit).</summary>
    [Fact]
    public void Deeply_nested_vxlan_prints_a_line()
    {
        byte[] frame = [0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0x08, 0x06, 0, 1, 8, 0, 6, 4, 0, 1];
        for (var i = 0; i < 1000; i++)
        {
            var udp = new Pcap.Testing.Packets.ByteWriter().U16(40000).U16(4789).U16(16 + frame.Length).U16(0)
                .U8(0x08).U8(0).U16(0).U8(0).U16(i).U8(0).Bytes(frame);
            var ip = new Pcap.Testing.Packets.ByteWriter().U8(0x45).U8(0).U16(20 + udp.Length).U16(0).U16(0).U8(64).U8(17).U16(0)
                .Bytes([10, 0, 0, 1]).Bytes([10, 0, 0, 2]).Bytes(udp.Written);
            frame = Pcap.Testing.Packets.EthernetFrameBuilder.Build([2, 0, 0, 0, 0, 3], [2, 0, 0, 0, 0, 4], 0x0800, ip.Written, pad: false);
        }
        var formatter = new TcpdumpFormatter(new FormatOptions { TimeZone = TimeZoneInfo.Utc });
        var text = formatter.Format((LinkType)1, 0, frame, frame.Length).ToString();
        Assert.Contains("VXLAN, flags [I] (0x08), vni 999\n", text, StringComparison.Ordinal);
        Assert.EndsWith(" [|vxlan]", text, StringComparison.Ordinal);
    }
}
