using Pcap.Decode.Tests.Golden;
using Pcap.Decode.Text;

namespace Pcap.Decode.Tests.Text;

/// <summary>Once a capture's conversations are known, formatting allocates nothing per packet.</summary>
public sealed class FormatterAllocationTests
{
    [Theory]
    [InlineData(1, "-n")]
    [InlineData(1, "-n -e -v")]
    [InlineData(276, "-n -e")]
    [InlineData(113, "-n -X")]
    [InlineData(101, "-n -tttt -q")]
    [InlineData(101, "-n -v")]
    [InlineData(0, "-n -v -x")]
    [InlineData(108, "-e -XX")]
    public void Steady_state_formatting_allocates_nothing(int linkType, string flags)
    {
        var factory = new MixedPacketFactory(linkType, seed: 31, extended: true);
        var frames = Enumerable.Range(0, 2000).Select(_ => factory.Next()).ToArray();
        var formatter = new TcpdumpFormatter(TcpdumpOracle.OptionsFor(flags.Split(' ')));
        var destination = new char[TcpdumpFormatter.MaximumLength(65536)];
        var total = 0L;
        // The first pass learns the TCP conversations and reads the interface table; the second must not allocate.
        foreach (var (data, wire) in frames)
            formatter.TryFormat((LinkType)linkType, 1_700_000_000_000_000_000L, data, wire, destination, out _);
        // A per-packet allocation shows in every pass; the runtime's own one-off work (tiering, stubs) in at most one, so the
        // quietest of three passes must be exactly zero.
        var allocated = long.MaxValue;
        for (var pass = 0; pass < 3; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var (data, wire) in frames)
            {
                formatter.TryFormat((LinkType)linkType, 1_700_000_000_000_000_000L, data, wire, destination, out var written);
                total += written;
            }
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(total > 0);
        Assert.Equal(0, allocated);
    }
}
