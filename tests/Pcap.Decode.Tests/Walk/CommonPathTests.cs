using Pcap.Decode.Walk;
using Pcap.Testing.Packets;

namespace Pcap.Decode.Tests.Walk;

/// <summary>
/// The walk's shortcut for Ethernet/IPv4/TCP or UDP (state in locals, layer list built on first use) must find exactly
/// what the layer-by-layer walk finds: the same layers, datagram ends, error and application, on generated frames, every
/// truncation of them and seeded byte mutations of their headers.
/// </summary>
public sealed class CommonPathTests
{
    private readonly LayerWalker _walker = new();
    private readonly LayerWalker _layerByLayer = new();

    [Fact]
    public void The_shortcut_finds_what_the_layer_by_layer_walk_finds()
    {
        var random = new Random(11);
        int shortcuts = 0;
        int cases = 0;
        foreach (var generated in PacketGenerator.Generate(LinkType.Ethernet, 1500, seed: 17))
        {
            var frame = generated.Data;
            for (int length = 0; length <= frame.Length; length += length < 80 ? 1 : 37)
                shortcuts += AssertSame(frame.AsSpan(0, length), generated.Description, ref cases);
            for (int i = 0; i < 8 && frame.Length > 12; i++)
            {
                var mutated = (byte[])frame.Clone();
                // Mutate the Ethernet type, the IPv4 header and the transport header, where the shortcut decides.
                int at = random.Next(12, Math.Min(mutated.Length, 80));
                mutated[at] = random.Next(3) switch { 0 => (byte)random.Next(256), 1 => 0, _ => (byte)(mutated[at] ^ 1 << random.Next(8)) };
                shortcuts += AssertSame(mutated, generated.Description + $" mutated at {at}", ref cases);
            }
        }
        // The comparison means something only if the shortcut was taken often, and left often.
        Assert.InRange(shortcuts, 1000, cases - 1000);
    }

    private int AssertSame(ReadOnlySpan<byte> frame, string description, ref int cases)
    {
        cases++;
        var expected = _layerByLayer.WalkLayerByLayer(LinkType.Ethernet, frame);
        var actual = _walker.Walk(LinkType.Ethernet, frame);
        int tookShortcut = actual.TookCommonPath ? 1 : 0;
        string where = $"{description}, {frame.Length} bytes {Convert.ToHexString(frame)}";
        // The typed reads first: they must not need the layer list.
        foreach (var kind in Enum.GetValues<LayerKind>())
            Assert.True(expected.Contains(kind) == actual.Contains(kind), $"{where}: Contains({kind})");
        Assert.Equal(ViewBytes(expected), ViewBytes(actual));
        Assert.True(expected.ApplicationPayload.SequenceEqual(actual.ApplicationPayload), $"{where}: application payload");
        Assert.Equal(expected.Application, actual.Application);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(expected.Layers.SequenceEqual(actual.Layers), $"{where}: layers {string.Join(", ", expected.Layers.ToArray())} vs {string.Join(", ", actual.Layers.ToArray())}");
        for (int i = 0; i < expected.Count; i++)
            Assert.True(expected.BytesOf(i).SequenceEqual(actual.BytesOf(i)), $"{where}: BytesOf({i})");
        // The shortcut chooses the application on first use: whichever reader asks first must get the same answer.
        for (int reader = 0; reader < 8; reader++)
        {
            var again = _walker.Walk(LinkType.Ethernet, frame);
            string first = reader switch
            {
                0 => Convert.ToHexString(again.ApplicationPayload),
                1 => again.TryGetDns(out var dns) ? Convert.ToHexString(dns.Bytes) : "no dns",
                2 => again.Application.ToString(),
                3 => again.Count.ToString(),
                4 => string.Join(", ", again.Layers.ToArray()),
                5 => again.Contains(LayerKind.Application).ToString(),
                6 => again.TryGet(LayerKind.Application, out var application) ? application.ToString() : "none",
                _ => again.Last.ToString(),
            };
            string wanted = reader switch
            {
                0 => Convert.ToHexString(expected.ApplicationPayload),
                1 => expected.TryGetDns(out var dns) ? Convert.ToHexString(dns.Bytes) : "no dns",
                2 => expected.Application.ToString(),
                3 => expected.Count.ToString(),
                4 => string.Join(", ", expected.Layers.ToArray()),
                5 => expected.Contains(LayerKind.Application).ToString(),
                6 => expected.TryGet(LayerKind.Application, out var application) ? application.ToString() : "none",
                _ => expected.Last.ToString(),
            };
            Assert.True(wanted == first, $"{where}: reader {reader} first: {first}, expected {wanted}");
            Assert.True(expected.Layers.SequenceEqual(again.Layers), $"{where}: layers after reader {reader}");
            Assert.Equal(expected.Application, again.Application);
        }
        return tookShortcut;
    }

    // The bytes each typed view of the common stack sees, as text.
    private static string ViewBytes(PacketLayers layers)
    {
        var text = new System.Text.StringBuilder();
        if (layers.TryGetEthernet(out var ethernet))
            text.Append("ether ").Append(Convert.ToHexString(ethernet.Payload));
        if (layers.TryGetIpv4(out var ip))
            text.Append(" ip ").Append(Convert.ToHexString(ip.HeaderBytes)).Append(' ').Append(Convert.ToHexString(ip.Payload));
        if (layers.TryGetTcp(out var tcp))
            text.Append(" tcp ").Append(Convert.ToHexString(tcp.Bytes));
        if (layers.TryGetUdp(out var udp))
            text.Append(" udp ").Append(Convert.ToHexString(udp.Payload));
        if (layers.TryGetDns(out var dns))
            text.Append(" dns ").Append(Convert.ToHexString(dns.Bytes));
        return text.ToString();
    }
}
