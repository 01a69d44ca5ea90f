using Pcap.Testing.Allocation;

namespace Pcap.Decode.Tests.Allocation;

/// <summary>The per-window allocation meter the fanout tests rely on sees an allocation made for every item.</summary>
public sealed class QuietestWindowTests
{
    [Fact]
    public void An_allocation_per_item_shows_in_the_quietest_window()
    {
        var meter = new QuietestWindow(size: 50, warmUp: 10);
        object? kept = null;
        for (int i = 0; i < 200; i++)
        {
            kept = new byte[100];
            meter.Count();
        }
        Assert.NotNull(kept);
        Assert.Equal(3, meter.Windows);
        Assert.True(meter.Bytes >= 50 * 100, $"only {meter.Bytes} bytes seen for 50 items of 100 bytes each");
    }

    [Fact]
    public void An_allocation_in_one_window_only_is_not_counted()
    {
        var meter = new QuietestWindow(size: 50, warmUp: 10);
        object? kept = null;
        for (int i = 0; i < 200; i++)
        {
            if (i == 70)
                kept = new byte[1000];
            meter.Count();
        }
        Assert.NotNull(kept);
        Assert.Equal(200, meter.Items);
        Assert.Equal(0, meter.Bytes);
    }

    [Fact]
    public void No_window_is_complete_before_warm_up_and_one_window_have_passed()
    {
        var meter = new QuietestWindow(size: 50, warmUp: 10);
        for (int i = 0; i < 59; i++)
            meter.Count();
        Assert.Equal(0, meter.Windows);
        Assert.Equal(long.MaxValue, meter.Bytes);
    }
}
