using System.Buffers;

namespace Pcap.Decode.Buffers;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/> and reused for every packet a reader
/// delivers, so steady-state reading allocates nothing. Not thread-safe; one per reader.
/// </summary>
internal sealed class PacketBuffer : IDisposable
{
    private byte[] _array;

    /// <summary>Rents a buffer of at least <paramref name="initialCapacity"/> bytes.</summary>
    /// <param name="initialCapacity">Bytes to rent up front; 64 KiB covers almost every packet.</param>
    public PacketBuffer(int initialCapacity = 65536)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
    }

    /// <summary>The current capacity in bytes.</summary>
    public int Capacity => _array.Length;

    /// <summary>
    /// A writable span of exactly <paramref name="length"/> bytes at the start of the buffer, growing it (and
    /// discarding the old contents) when it is too small.
    /// </summary>
    /// <param name="length">The number of bytes needed; callers check it against their own limit first.</param>
    public Span<byte> GetSpan(int length)
    {
        ObjectDisposedException.ThrowIf(_array.Length == 0, this);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length > _array.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(length, _array.Length * 2));
            ArrayPool<byte>.Shared.Return(_array);
            _array = bigger;
        }
        return _array.AsSpan(0, length);
    }

    /// <summary>The whole rented array as a span, for readers that fill it incrementally.</summary>
    public Span<byte> Span => _array;

    /// <summary>Grows the buffer to at least <paramref name="capacity"/> bytes, keeping its first <paramref name="preserve"/> bytes.</summary>
    /// <param name="capacity">The capacity needed.</param>
    /// <param name="preserve">How many leading bytes to copy into the new array when it grows.</param>
    public void EnsureCapacity(int capacity, int preserve)
    {
        ObjectDisposedException.ThrowIf(_array.Length == 0, this);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (capacity <= _array.Length)
            return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, (int)Math.Min(Array.MaxLength, _array.Length * 2L)));
        _array.AsSpan(0, Math.Min(preserve, _array.Length)).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }

    /// <summary>Returns the array to the pool; the buffer cannot be used afterwards.</summary>
    public void Dispose()
    {
        if (_array.Length == 0)
            return;
        ArrayPool<byte>.Shared.Return(_array);
        _array = [];
    }
}
