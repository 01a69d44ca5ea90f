using Pcap.Decode.Tests.Golden;
using Pcap.Decode.Text;

namespace Pcap.Decode.Tests.Text;

/// <summary>Random bytes and damaged real-looking frames never make the formatter throw, and every packet prints a line.</summary>
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
            return Enumerable.Range(0, 400).Select(_ => factory.Next().Data).ToArray();
        });
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
                    var source = seeds[linkType][random.Next(400)];
                    packet = source.AsSpan(0, random.Next(source.Length + 1));
                    break;
                default:
                    var valid = seeds[linkType][random.Next(400)];
                    valid.CopyTo(scratch, 0);
                    for (var flips = random.Next(1, 4); flips > 0 && valid.Length > 0; flips--)
                        scratch[random.Next(valid.Length)] ^= (byte)(1 << random.Next(8));
                    packet = scratch.AsSpan(0, valid.Length);
                    break;
            }
            var formatter = formatters[linkIndex * OptionSets.Length + i / LinkTypes.Length % OptionSets.Length];
            var wire = packet.Length + (random.Next(8) == 0 ? random.Next(0, 100) : 0);
            FuzzedPacketFormatting.AssertPrintsALine(formatter, linkType, i, packet, wire, destination);
        }
    }
}
