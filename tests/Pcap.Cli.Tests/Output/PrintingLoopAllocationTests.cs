using Pcap.Cli.Output;
using Pcap.Decode.Files;
using Pcap.Decode.Tests.Golden;
using Pcap.Testing.Allocation;

namespace Pcap.Cli.Tests.Output;

/// <summary>The steady-state read-decode-print loop of <c>pcapcore -r</c> allocates nothing per packet.</summary>
public sealed class PrintingLoopAllocationTests
{
    private const int WarmPasses = 2;
    private const int MeasuredPasses = 4;

    [Theory]
    [InlineData(1)]
    [InlineData(276)]
    public void Read_decode_print_allocates_nothing_per_packet(int linkType)
    {
        var factory = new MixedPacketFactory(linkType, seed: 4242);
        var frames = Enumerable.Range(0, 3000).Select(_ => factory.Next()).ToArray();
        var file = new MemoryStream();
        using (var writer = new PcapWriter(file, (LinkType)linkType, 262144, leaveOpen: true))
            for (var pass = 0; pass < WarmPasses + MeasuredPasses; pass++)
                foreach (var (data, wire) in frames)
                    writer.WritePacket(1_700_000_000_000_000_000L, data, (uint)wire);
        file.Position = 0;

        using var reader = CaptureReader.Open(file, leaveOpen: true);
        using var sink = new PrintingSink(Stream.Null, new Pcap.Decode.Text.FormatOptions { TimeZone = TimeZoneInfo.Utc }, lineBuffered: false);
        // The warm passes learn TCP conversations, size the buffers and give the runtime time to tier the loop's methods.
        for (var i = 0; i < WarmPasses * frames.Length && reader.TryReadPacket(out var packet); i++)
            sink.Write(packet);
        var count = 0;
        var allocated = QuietestPass.Bytes(MeasuredPasses, () =>
        {
            for (var i = 0; i < frames.Length && reader.TryReadPacket(out var packet); i++)
            {
                sink.Write(packet);
                count++;
            }
        });
        Assert.Equal(MeasuredPasses * frames.Length, count);
        Assert.True(allocated < 1024, $"{allocated} bytes allocated over {frames.Length} packets in the quietest pass");
    }
}
