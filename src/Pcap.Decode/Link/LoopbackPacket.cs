using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>
/// An Ethernet configuration testing protocol frame (EtherType 0x9000, the "loopback" of Ethernet 2.0): a little-endian skip
/// count, the bytes it skips, then the message it points at: a function (reply or forward data) and that function's fields.
/// Fields sit after a variable skip; read one only when <see cref="Captured"/> reaches past it.
/// </summary>
public readonly ref struct LoopbackPacket
{
    /// <summary>The EtherType that carries the protocol.</summary>
    public const ushort EtherTypeNumber = 0x9000;
    /// <summary>The function of a reply message: a receipt number, then data.</summary>
    public const ushort Reply = 1;
    /// <summary>The function of a forward-data message: the address to forward to, then the rest of the frame.</summary>
    public const ushort ForwardData = 2;

    private readonly ReadOnlySpan<byte> _bytes;

    private LoopbackPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Lax read: wraps whatever was captured (possibly nothing); check <see cref="Captured"/> before each field.</summary>
    public static LoopbackPacket Wrap(ReadOnlySpan<byte> bytes) => new(bytes);

    /// <summary>Reads a frame whose skip count and first message's function were captured.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out LoopbackPacket packet, out DecodeError error)
    {
        packet = new LoopbackPacket(bytes);
        var needed = bytes.Length < 2 ? 2 : packet.MessageOffset + 2;
        if (bytes.Length < needed)
        {
            packet = default;
            error = DecodeError.Truncated("loopback", needed, bytes.Length);
            return false;
        }
        error = default;
        return true;
    }

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>How many bytes after the skip count to skip to reach the message (a multiple of 8 on the wire).</summary>
    public ushort SkipCount => BinaryPrimitives.ReadUInt16LittleEndian(_bytes);
    /// <summary>Where the message starts: after the skip count and the bytes it skips.</summary>
    public int MessageOffset => 2 + SkipCount;
    /// <summary>The message's function (<see cref="Reply"/>, <see cref="ForwardData"/>), little-endian.</summary>
    public ushort Function => BinaryPrimitives.ReadUInt16LittleEndian(_bytes[MessageOffset..]);
    /// <summary>A reply's receipt number, little-endian.</summary>
    public ushort ReceiptNumber => BinaryPrimitives.ReadUInt16LittleEndian(_bytes[(MessageOffset + 2)..]);
    /// <summary>A forward-data message's forwarding address.</summary>
    public ReadOnlySpan<byte> ForwardingAddress => _bytes.Slice(MessageOffset + 2, 6);
}
