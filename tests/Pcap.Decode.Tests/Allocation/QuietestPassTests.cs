using Pcap.Testing.Allocation;

namespace Pcap.Decode.Tests.Allocation;

/// <summary>The allocation meter the zero-allocation tests rely on sees an allocation made in every pass.</summary>
public sealed class QuietestPassTests
{
    [Fact]
    public void An_allocation_in_every_pass_is_counted()
    {
        object? kept = null;
        long allocated = QuietestPass.Bytes(3, () => kept = new byte[1000]);
        Assert.NotNull(kept);
        Assert.True(allocated >= 1000, $"only {allocated} bytes seen for a 1000-byte array per pass");
    }

    [Fact]
    public void An_allocation_in_one_pass_only_is_not_counted()
    {
        int pass = 0;
        object? kept = null;
        long allocated = QuietestPass.Bytes(3, () =>
        {
            if (pass++ == 1)
                kept = new byte[1000];
        });
        Assert.NotNull(kept);
        Assert.Equal(0, allocated);
    }
}
