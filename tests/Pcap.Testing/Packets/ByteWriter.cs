using System.Buffers.Binary;

namespace Pcap.Testing.Packets;

/// <summary>A growable big-endian byte buffer the builders write headers into.</summary>
public sealed class ByteWriter
{
    private byte[] _buffer = new byte[128];

    /// <summary>The number of bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes written so far.</summary>
    public Span<byte> Written => _buffer.AsSpan(0, Length);

    private Span<byte> Grow(int count)
    {
        if (Length + count > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }

    /// <summary>Appends one byte.</summary>
    public ByteWriter U8(int value)
    {
        Grow(1)[0] = (byte)value;
        return this;
    }

    /// <summary>Appends a big-endian 16-bit value.</summary>
    public ByteWriter U16(int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(Grow(2), (ushort)value);
        return this;
    }

    /// <summary>Appends a big-endian 32-bit value.</summary>
    public ByteWriter U32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Grow(4), value);
        return this;
    }

    /// <summary>Appends a little-endian 16-bit value (Ethernet loopback's fields).</summary>
    public ByteWriter U16LittleEndian(int value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Grow(2), (ushort)value);
        return this;
    }

    /// <summary>Appends a little-endian 32-bit value (host order of the NULL link type on x86).</summary>
    public ByteWriter U32LittleEndian(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Grow(4), value);
        return this;
    }

    /// <summary>Appends raw bytes.</summary>
    public ByteWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Grow(bytes.Length));
        return this;
    }

    /// <summary>Appends <paramref name="count"/> zero bytes.</summary>
    public ByteWriter Zeros(int count)
    {
        Grow(count).Clear();
        return this;
    }

    /// <summary>Appends <paramref name="count"/> random bytes.</summary>
    public ByteWriter RandomBytes(Random random, int count)
    {
        random.NextBytes(Grow(count));
        return this;
    }

    /// <summary>Overwrites a big-endian 16-bit value at <paramref name="offset"/> (length and checksum fields).</summary>
    public void PatchU16(int offset, int value) =>
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(offset, 2), (ushort)value);

    /// <summary>Overwrites a big-endian 32-bit value at <paramref name="offset"/>.</summary>
    public void PatchU32(int offset, uint value) =>
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(offset, 4), value);

    /// <summary>A copy of the bytes written.</summary>
    public byte[] ToArray() => Written.ToArray();
}
