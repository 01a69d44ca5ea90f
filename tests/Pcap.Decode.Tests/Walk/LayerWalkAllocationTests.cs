using Pcap.Decode.Walk;
using Pcap.Testing.Allocation;
using Pcap.Testing.Packets;

namespace Pcap.Decode.Tests.Walk;

public sealed class LayerWalkAllocationTests
{
    [Fact]
    public void Walking_and_reading_every_layer_of_a_mixed_corpus_allocates_nothing()
    {
        var corpus = PacketGenerator.LinkTypes
            .SelectMany(linkType => PacketGenerator.GenerateForPrinting(linkType, 500, seed: 21).Select(p => (linkType, p.Data)))
            .Append((LinkType.Ethernet, WalkPackets.DnsQuery))
            .ToArray();
        var walker = new LayerWalker();
        int read = WalkAll(walker, corpus); // warm-up: JIT, statics
        long allocated = QuietestPass.Bytes(3, () => read += WalkAll(walker, corpus));
        Assert.True(read > corpus.Length, $"only {read} layers read over {corpus.Length} packets");
        Assert.Equal(0, allocated);
    }

    private static int WalkAll(LayerWalker walker, (LinkType LinkType, byte[] Data)[] corpus)
    {
        int read = 0;
        foreach (var (linkType, data) in corpus)
            read += LayerWalkTour.ReadAll(walker.Walk(linkType, data));
        return read;
    }
}
