namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// A stack of block ids with a step each, for the optimizer's depth-first walks: ints instead of block references,
/// so pushing writes no reference (no GC write barrier) and the array is reused from walk to walk.
/// </summary>
internal sealed class IdStack
{
    private int[] _items = new int[64];
    private int _count;

    /// <summary>Empties the stack.</summary>
    public void Clear() => _count = 0;

    /// <summary>Pushes block <paramref name="id"/> at walk step <paramref name="step"/> (0 to 3).</summary>
    public void Push(int id, int step)
    {
        if (_count == _items.Length)
            Array.Resize(ref _items, 2 * _count);
        _items[_count++] = id << 2 | step;
    }

    /// <summary>Pops the top entry, or returns false when the stack is empty.</summary>
    public bool TryPop(out int id, out int step)
    {
        if (_count == 0)
        {
            id = step = 0;
            return false;
        }
        int item = _items[--_count];
        id = item >> 2;
        step = item & 3;
        return true;
    }
}
