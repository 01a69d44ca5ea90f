using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>
/// The fixed part of an ISO 8473 CLNP header (NLPID 0x81): length indicator, version, lifetime, type and flags, segment
/// length and checksum. The addresses, segmentation part and options follow within <see cref="LengthIndicator"/> bytes.
/// </summary>
public readonly ref struct ClnpHeader
{
    /// <summary>Bytes in the fixed part.</summary>
    public const int FixedLength = 9;
    /// <summary>The network layer protocol identifier of CLNP.</summary>
    public const byte Nlpid = 0x81;

    private readonly ReadOnlySpan<byte> _bytes;

    private ClnpHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the fixed part at the start of <paramref name="bytes"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out ClnpHeader header, out DecodeError error)
    {
        if (bytes.Length < FixedLength)
        {
            header = default;
            error = DecodeError.Truncated("clnp", FixedLength, bytes.Length);
            return false;
        }
        header = new ClnpHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>The header length in bytes (fixed part, addresses, segmentation part, options).</summary>
    public byte LengthIndicator => _bytes[1];
    /// <summary>The protocol version (1).</summary>
    public byte Version => _bytes[2];
    /// <summary>The remaining lifetime in units of 500 ms.</summary>
    public byte Lifetime => _bytes[3];
    /// <summary>The PDU type (1 error report, 28 data, 29 MD, 30 echo request, 31 echo response).</summary>
    public int PduType => _bytes[4] & 0x1f;
    /// <summary>The flags: 0x80 segmentation permitted, 0x40 more segments, 0x20 error report requested.</summary>
    public int Flags => _bytes[4] & 0xe0;
    /// <summary>True when the segmentation part (data unit id, offset, total length) follows the addresses.</summary>
    public bool HasSegmentationPart => (_bytes[4] & 0x80) != 0;
    /// <summary>The segment length: header and data of this PDU.</summary>
    public ushort SegmentLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes[5..]);
    /// <summary>The header checksum (0: not computed).</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[7..]);
    /// <summary>The captured PDU from its first byte.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
}
