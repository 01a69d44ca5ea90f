using System.Buffers.Binary;

namespace Pcap.Decode.Files;

/// <summary>Reads and writes integers in the byte order a capture file (or pcapng section) declared.</summary>
internal readonly struct ByteOrder(bool bigEndian)
{
    /// <summary>True when the file's integers are big-endian.</summary>
    public bool IsBigEndian { get; } = bigEndian;

    public ushort UInt16(ReadOnlySpan<byte> span) =>
        IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);

    public uint UInt32(ReadOnlySpan<byte> span) =>
        IsBigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);

    public ulong UInt64(ReadOnlySpan<byte> span) =>
        IsBigEndian ? BinaryPrimitives.ReadUInt64BigEndian(span) : BinaryPrimitives.ReadUInt64LittleEndian(span);

    public void Write(Span<byte> span, ushort value)
    {
        if (IsBigEndian) BinaryPrimitives.WriteUInt16BigEndian(span, value);
        else BinaryPrimitives.WriteUInt16LittleEndian(span, value);
    }

    public void Write(Span<byte> span, uint value)
    {
        if (IsBigEndian) BinaryPrimitives.WriteUInt32BigEndian(span, value);
        else BinaryPrimitives.WriteUInt32LittleEndian(span, value);
    }

    public void Write(Span<byte> span, ulong value)
    {
        if (IsBigEndian) BinaryPrimitives.WriteUInt64BigEndian(span, value);
        else BinaryPrimitives.WriteUInt64LittleEndian(span, value);
    }
}
