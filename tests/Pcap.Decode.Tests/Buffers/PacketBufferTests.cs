using Pcap.Decode.Buffers;
using Pcap.Testing.Allocation;

namespace Pcap.Decode.Tests.Buffers;

public class PacketBufferTests
{
    [Fact]
    public void Growing_keeps_the_requested_prefix_and_reuses_the_array_when_big_enough()
    {
        using var buffer = new PacketBuffer(64);
        var span = buffer.GetSpan(10);
        for (int i = 0; i < 10; i++)
            span[i] = (byte)(i + 1);
        buffer.EnsureCapacity(100_000, preserve: 10);
        Assert.True(buffer.Capacity >= 100_000);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, buffer.Span[..10].ToArray());

        int capacity = buffer.Capacity;
        long allocated = QuietestPass.Bytes(3, () =>
        {
            for (int i = 0; i < 1000; i++)
            {
                buffer.GetSpan(i * 50);
                buffer.EnsureCapacity(i * 90, i);
            }
        });
        Assert.Equal(0, allocated);
        Assert.Equal(capacity, buffer.Capacity);
    }

    [Fact]
    public void A_disposed_buffer_refuses_use()
    {
        var buffer = new PacketBuffer();
        buffer.Dispose();
        buffer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => buffer.GetSpan(1));
    }
}
