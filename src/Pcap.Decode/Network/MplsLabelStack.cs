using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>
/// An MPLS label stack (RFC 3032; EtherTypes 0x8847 and 0x8848): 4-byte entries of label, traffic class, bottom-of-stack bit
/// and TTL, up to the entry with the bottom bit, then the labelled packet.
/// </summary>
public readonly ref struct MplsLabelStack
{
    /// <summary>Bytes in one label stack entry.</summary>
    public const int EntryLength = 4;

    private readonly ReadOnlySpan<byte> _bytes;

    private MplsLabelStack(ReadOnlySpan<byte> bytes, int depth)
    {
        _bytes = bytes;
        Depth = depth;
    }

    /// <summary>Reads the stack at the start of <paramref name="bytes"/>; fails when its bottom entry was not captured.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out MplsLabelStack stack, out DecodeError error)
    {
        for (var depth = 1; depth * EntryLength <= bytes.Length; depth++)
        {
            if (IsBottom(EntryAt(bytes, depth - 1)))
            {
                stack = new MplsLabelStack(bytes, depth);
                error = default;
                return true;
            }
        }
        stack = default;
        error = DecodeError.Truncated("mpls", bytes.Length / EntryLength * EntryLength + EntryLength, bytes.Length);
        return false;
    }

    /// <summary>The entry at <paramref name="index"/> of a captured stack (raw 32 bits); the caller checks the bytes are there.</summary>
    public static uint EntryAt(ReadOnlySpan<byte> bytes, int index) => BinaryPrimitives.ReadUInt32BigEndian(bytes[(index * EntryLength)..]);

    /// <summary>The 20-bit label of an entry.</summary>
    public static int Label(uint entry) => (int)(entry >> 12);
    /// <summary>The 3-bit traffic class of an entry.</summary>
    public static int TrafficClass(uint entry) => (int)(entry >> 9 & 7);
    /// <summary>Whether an entry is the bottom of the stack.</summary>
    public static bool IsBottom(uint entry) => (entry & 0x100) != 0;
    /// <summary>The TTL of an entry.</summary>
    public static int Ttl(uint entry) => (int)(entry & 0xff);

    /// <summary>Entries in the stack, bottom included.</summary>
    public int Depth { get; }
    /// <summary>The entry at <paramref name="index"/> (0: top).</summary>
    public uint this[int index] => EntryAt(_bytes, index);
    /// <summary>The captured labelled packet after the bottom entry.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[(Depth * EntryLength)..];
}
