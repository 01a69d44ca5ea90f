namespace Pcap.Testing.Allocation;

/// <summary>
/// Measures what a stream of items allocates on the calling thread: bytes are read per window of items and the fewest
/// kept, so a per-item allocation shows in every window and the runtime's one-off allocations in one at most.
/// </summary>
public sealed class QuietestWindow
{
    private readonly int _warmUp;
    private long _windowStart;

    /// <summary>Windows of <paramref name="size"/> items, the first starting after <paramref name="warmUp"/> items.</summary>
    public QuietestWindow(int size, int warmUp = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmUp);
        Size = size;
        _warmUp = warmUp;
    }

    /// <summary>Items per window.</summary>
    public int Size { get; }

    /// <summary>Items counted so far.</summary>
    public long Items { get; private set; }

    /// <summary>Windows measured in full so far.</summary>
    public int Windows { get; private set; }

    /// <summary>Fewest bytes one whole window allocated; <see cref="long.MaxValue"/> until a window is complete.</summary>
    public long Bytes { get; private set; } = long.MaxValue;

    /// <summary>Counts one item; call it on the thread that handles the items, once per item.</summary>
    public void Count()
    {
        long items = ++Items;
        if (items < _warmUp || (items - _warmUp) % Size != 0)
            return;
        long now = GC.GetAllocatedBytesForCurrentThread();
        if (items > _warmUp)
        {
            Bytes = Math.Min(Bytes, now - _windowStart);
            Windows++;
        }
        _windowStart = now;
    }
}
