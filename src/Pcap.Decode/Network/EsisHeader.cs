using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>
/// The fixed part of an ISO 9542 ES-IS header (NLPID 0x82): length indicator, version, type, holding time and checksum.
/// The addresses of the ESH, ISH or redirect and the options follow within <see cref="LengthIndicator"/> bytes.
/// </summary>
public readonly ref struct EsisHeader
{
    /// <summary>Bytes in the fixed part.</summary>
    public const int FixedLength = 9;
    /// <summary>The network layer protocol identifier of ES-IS.</summary>
    public const byte Nlpid = 0x82;

    private readonly ReadOnlySpan<byte> _bytes;

    private EsisHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the fixed part at the start of <paramref name="bytes"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out EsisHeader header, out DecodeError error)
    {
        if (bytes.Length < FixedLength)
        {
            header = default;
            error = DecodeError.Truncated("esis", FixedLength, bytes.Length);
            return false;
        }
        header = new EsisHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>The network layer protocol identifier byte.</summary>
    public byte NlpidField => _bytes[0];
    /// <summary>The header length in bytes (fixed part, addresses, options).</summary>
    public byte LengthIndicator => _bytes[1];
    /// <summary>The protocol version (1).</summary>
    public byte Version => _bytes[2];
    /// <summary>The PDU type (2 ESH, 4 ISH, 6 redirect).</summary>
    public int PduType => _bytes[4] & 0x1f;
    /// <summary>The holding time in seconds.</summary>
    public ushort HoldingTime => BinaryPrimitives.ReadUInt16BigEndian(_bytes[5..]);
    /// <summary>The header checksum (0: not computed).</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[7..]);
    /// <summary>The captured PDU from its first byte.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
}
