using Pcap.Decode.Tests.Application;
using Pcap.Decode.Tests.Golden;
using Pcap.Decode.Tests.Walk;
using Pcap.Decode.Text;
using Pcap.Decode.Walk;

namespace Pcap.Decode.Tests.Text;

/// <summary>
/// Random bytes and damaged real-looking frames (the core protocols, and on Ethernet, SLL, SLL2, RAW and NULL the
/// application protocols too) never make the layer walk or the formatter throw, every walked layer reads, and every
/// packet prints a line. The full million runs in CI: 26 s on the shared 2-core machine under load.
/// </summary>
public sealed class FormatterFuzzTests
{
    private static readonly int[] LinkTypes = [1, 113, 276, 101, 228, 229, 0, 108];

    private static readonly FormatOptions[] OptionSets =
    [
        new() { TimeZone = TimeZoneInfo.Utc },
        new() { LinkHeader = true, Verbose = 2, TimeZone = TimeZoneInfo.Utc },
        new() { Quiet = true, HexAscii = 2, Timestamps = TimestampStyle.DeltaFromPrevious, TimeZone = TimeZoneInfo.Utc },
        new() { Verbose = 1, Hex = 1, Timestamps = TimestampStyle.DateAndTime, NanosecondPrecision = true, TimeZone = TimeZoneInfo.Utc },
    ];

    [Fact]
    public void A_million_random_and_damaged_packets_never_throw_and_always_print()
    {
        const int Cases = 1_000_000;
        var random = new Random(20261124);
        var seeds = LinkTypes.ToDictionary(l => l, l =>
        {
            var factory = new MixedPacketFactory(l, seed: 77 + l, extended: true);
            return Enumerable.Range(0, 400).Select(_ => factory.Next().Data).Concat(ApplicationSeeds(l, 400)).ToArray();
        });
        var walker = new LayerWalker();
        var formatters = LinkTypes.SelectMany(_ => OptionSets).Select(o => new TcpdumpFormatter(o)).ToArray();
        var destination = new char[TcpdumpFormatter.MaximumLength(4096)];
        var scratch = new byte[4096];
        for (var i = 0; i < Cases; i++)
        {
            var linkIndex = i % LinkTypes.Length;
            var linkType = LinkTypes[linkIndex];
            ReadOnlySpan<byte> packet;
            switch (random.Next(4))
            {
                case 0:
                    var length = random.Next(0, 160);
                    random.NextBytes(scratch.AsSpan(0, length));
                    packet = scratch.AsSpan(0, length);
                    break;
                case 1:
                    var source = seeds[linkType][random.Next(seeds[linkType].Length)];
                    packet = source.AsSpan(0, random.Next(source.Length + 1));
                    break;
                default:
                    var valid = seeds[linkType][random.Next(seeds[linkType].Length)];
                    valid.CopyTo(scratch, 0);
                    for (var flips = random.Next(1, 4); flips > 0 && valid.Length > 0; flips--)
                        scratch[random.Next(valid.Length)] ^= (byte)(1 << random.Next(8));
                    packet = scratch.AsSpan(0, valid.Length);
                    break;
            }
            var formatter = formatters[linkIndex * OptionSets.Length + i / LinkTypes.Length % OptionSets.Length];
            var wire = packet.Length + (random.Next(8) == 0 ? random.Next(0, 100) : 0);
            FuzzedPacketWalking.AssertWalks(walker, linkType, i, packet);
            FuzzedPacketFormatting.AssertPrintsALine(formatter, linkType, i, packet, wire, destination);
        }
    }

    // Application frames (DNS, DHCP, NTP, HTTP, VXLAN, ...) for the link types their factory frames, NULL framing them as RAW IP behind a family word.
    private static IEnumerable<byte[]> ApplicationSeeds(int linkType, int count)
    {
        if (linkType is not (1 or 113 or 276 or 101 or 0))
            return [];
        var random = new Random(1100 + linkType);
        var payloads = new ApplicationPayloads(random);
        var factory = new ApplicationFrameFactory(linkType == 0 ? 101 : linkType, random);
        return Enumerable.Range(0, count).Select(i =>
        {
            var frame = factory.Wrap(payloads.Next(ApplicationPayloads.Protocols[i % ApplicationPayloads.Protocols.Length])).Data;
            // BSD NULL: the address family in host (little-endian) order, 2 for IPv4 and 24 for IPv6.
            return linkType == 0 ? [(byte)(frame.Length > 0 && frame[0] >> 4 == 6 ? 24 : 2), 0, 0, 0, .. frame] : frame;
        });
    }
}
