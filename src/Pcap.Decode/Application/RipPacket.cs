using System.Buffers.Binary;

namespace Pcap.Decode.Application;

/// <summary>
/// A RIP packet (RFC 1058 version 1, RFC 2453 version 2; UDP port 520): command, version, then 20-byte entries (address
/// family, route tag, address, mask, next hop, metric), the first possibly an authentication entry (family 0xffff).
/// </summary>
public readonly ref struct RipPacket
{
    /// <summary>The UDP port of RIP.</summary>
    public const ushort Port = 520;
    /// <summary>Bytes in the header (command, version, two zero bytes).</summary>
    public const int HeaderLength = 4;
    /// <summary>Bytes in one route entry.</summary>
    public const int EntryLength = 20;
    /// <summary>The address family of an authentication entry.</summary>
    public const ushort AuthenticationFamily = 0xffff;

    private readonly ReadOnlySpan<byte> _bytes;

    private RipPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header at the start of <paramref name="bytes"/> (a UDP payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out RipPacket packet, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("rip", HeaderLength, bytes.Length);
            return false;
        }
        packet = new RipPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>1 request, 2 response (3-6: trace and poll commands).</summary>
    public byte Command => _bytes[0];
    /// <summary>The version (1 or 2).</summary>
    public byte Version => _bytes[1];
    /// <summary>The whole captured packet, header included.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
    /// <summary>The captured entries after the header.</summary>
    public ReadOnlySpan<byte> Entries => _bytes[HeaderLength..];

    /// <summary>An entry's address family (its first two bytes).</summary>
    public static ushort Family(ReadOnlySpan<byte> entry) => BinaryPrimitives.ReadUInt16BigEndian(entry);
    /// <summary>An entry's route tag, or an authentication entry's type (bytes 2-3).</summary>
    public static ushort Tag(ReadOnlySpan<byte> entry) => BinaryPrimitives.ReadUInt16BigEndian(entry[2..]);
    /// <summary>An entry's address (bytes 4-7).</summary>
    public static ReadOnlySpan<byte> Address(ReadOnlySpan<byte> entry) => entry.Slice(4, 4);
    /// <summary>A version 2 entry's subnet mask (bytes 8-11; zero in version 1).</summary>
    public static uint Mask(ReadOnlySpan<byte> entry) => BinaryPrimitives.ReadUInt32BigEndian(entry[8..]);
    /// <summary>A version 2 entry's next hop (bytes 12-15; zero in version 1).</summary>
    public static ReadOnlySpan<byte> NextHop(ReadOnlySpan<byte> entry) => entry.Slice(12, 4);
    /// <summary>An entry's metric (bytes 16-19).</summary>
    public static uint Metric(ReadOnlySpan<byte> entry) => BinaryPrimitives.ReadUInt32BigEndian(entry[16..]);
}
