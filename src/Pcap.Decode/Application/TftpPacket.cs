using System.Buffers.Binary;

namespace Pcap.Decode.Application;

/// <summary>
/// A TFTP packet (RFC 1350, options RFC 2347; UDP port 69): the opcode, then for requests the file name, mode and options as
/// NUL-terminated strings, for DATA and ACK the block number, for ERROR the code and message, for OACK the options.
/// </summary>
public readonly ref struct TftpPacket
{
    /// <summary>The UDP port of TFTP.</summary>
    public const ushort Port = 69;
    /// <summary>Read request.</summary>
    public const ushort ReadRequest = 1;
    /// <summary>Write request.</summary>
    public const ushort WriteRequest = 2;
    /// <summary>Data block.</summary>
    public const ushort Data = 3;
    /// <summary>Acknowledgment.</summary>
    public const ushort Acknowledgment = 4;
    /// <summary>Error.</summary>
    public const ushort Error = 5;
    /// <summary>Option acknowledgment.</summary>
    public const ushort OptionAcknowledgment = 6;

    private readonly ReadOnlySpan<byte> _bytes;

    private TftpPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the opcode at the start of <paramref name="bytes"/> (a UDP payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out TftpPacket packet, out DecodeError error)
    {
        if (bytes.Length < 2)
        {
            packet = default;
            error = DecodeError.Truncated("tftp", 2, bytes.Length);
            return false;
        }
        packet = new TftpPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>The opcode.</summary>
    public ushort Opcode => BinaryPrimitives.ReadUInt16BigEndian(_bytes);
    /// <summary>The captured bytes after the opcode (strings, block number or error code).</summary>
    public ReadOnlySpan<byte> Body => _bytes[2..];
    /// <summary>The block number of DATA and ACK, or the error code of ERROR, when captured; else -1.</summary>
    public int BlockOrErrorCode => _bytes.Length >= 4 ? BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]) : -1;

    /// <summary>
    /// The length of the NUL-terminated string at the start of <paramref name="bytes"/>, terminator included, looking at most at
    /// <paramref name="limit"/> bytes; 0 when no terminator lies within them.
    /// </summary>
    public static int TerminatedLength(ReadOnlySpan<byte> bytes, int limit)
    {
        var end = bytes[..Math.Min(bytes.Length, Math.Max(limit, 0))].IndexOf((byte)0);
        return end < 0 ? 0 : end + 1;
    }
}
