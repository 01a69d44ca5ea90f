using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>
/// An IS-IS PDU (ISO 10589, NLPID 0x83): the 8-byte common header and the fixed part of each PDU type (LAN and
/// point-to-point hellos, LSPs, complete and partial sequence number PDUs); the TLVs follow <see cref="FixedLength"/>.
/// Fields of the type-specific part may be read only when <see cref="Captured"/> reaches past them.
/// </summary>
public readonly ref struct IsisHeader
{
    /// <summary>Bytes in the common header.</summary>
    public const int CommonLength = 8;
    /// <summary>The network layer protocol identifier of IS-IS.</summary>
    public const byte Nlpid = 0x83;
    /// <summary>Bytes after the common header in a LAN hello.</summary>
    public const int LanHelloLength = 19;
    /// <summary>Bytes after the common header in a point-to-point hello.</summary>
    public const int PointToPointHelloLength = 12;
    /// <summary>Bytes after the common header in an LSP.</summary>
    public const int LspLength = 19;
    /// <summary>Bytes after the common header in a CSNP.</summary>
    public const int CsnpLength = 25;
    /// <summary>Bytes after the common header in a PSNP.</summary>
    public const int PsnpLength = 9;

    private readonly ReadOnlySpan<byte> _bytes;

    private IsisHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the common header at the start of <paramref name="bytes"/> (lax: the type-specific part may be cut off).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out IsisHeader header, out DecodeError error)
    {
        if (bytes.Length < CommonLength)
        {
            header = default;
            error = DecodeError.Truncated("isis", CommonLength, bytes.Length);
            return false;
        }
        header = new IsisHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>How many bytes were captured from the NLPID on.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The captured PDU from its NLPID.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
    /// <summary>The length of the common header and the type-specific fixed part.</summary>
    public byte FixedLength => _bytes[1];
    /// <summary>The protocol version (1).</summary>
    public byte Version => _bytes[2];
    /// <summary>The system ID length field (0 means 6).</summary>
    public byte IdLength => _bytes[3];
    /// <summary>The PDU type byte (15/16 LAN hello, 17 point-to-point hello, 18/20 LSP, 24/25 CSNP, 26/27 PSNP).</summary>
    public byte PduType => _bytes[4];
    /// <summary>The PDU format version (1).</summary>
    public byte PduVersion => _bytes[5];
    /// <summary>The maximum area addresses field (0 means 3).</summary>
    public byte MaxAreas => _bytes[7];

    /// <summary>True for the LAN hellos of level 1 and 2.</summary>
    public bool IsLanHello => PduType is 15 or 16;
    /// <summary>True for the LSPs of level 1 and 2.</summary>
    public bool IsLsp => PduType is 18 or 20;
    /// <summary>True for the CSNPs of level 1 and 2.</summary>
    public bool IsCsnp => PduType is 24 or 25;
    /// <summary>True for the PSNPs of level 1 and 2.</summary>
    public bool IsPsnp => PduType is 26 or 27;

    /// <summary>A hello's circuit type (1 level 1, 2 level 2, 3 both).</summary>
    public byte HelloCircuitType => _bytes[8];
    /// <summary>A hello's source system ID (6 bytes).</summary>
    public ReadOnlySpan<byte> HelloSourceId => _bytes.Slice(9, 6);
    /// <summary>A hello's holding time in seconds.</summary>
    public ushort HelloHoldingTime => BinaryPrimitives.ReadUInt16BigEndian(_bytes[15..]);
    /// <summary>The PDU length field of any PDU type.</summary>
    public ushort PduLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes[(PduType is 15 or 16 or 17 ? 17 : 8)..]);
    /// <summary>A LAN hello's priority byte (7 bits of priority).</summary>
    public byte LanHelloPriority => _bytes[19];
    /// <summary>A LAN hello's LAN ID (system ID and pseudonode, 7 bytes).</summary>
    public ReadOnlySpan<byte> LanHelloLanId => _bytes.Slice(20, 7);
    /// <summary>A point-to-point hello's local circuit ID.</summary>
    public byte PointToPointCircuitId => _bytes[19];
    /// <summary>An LSP's remaining lifetime in seconds.</summary>
    public ushort LspRemainingLifetime => BinaryPrimitives.ReadUInt16BigEndian(_bytes[10..]);
    /// <summary>An LSP's ID (system ID, pseudonode, fragment: 8 bytes).</summary>
    public ReadOnlySpan<byte> LspId => _bytes.Slice(12, 8);
    /// <summary>An LSP's sequence number.</summary>
    public uint LspSequenceNumber => BinaryPrimitives.ReadUInt32BigEndian(_bytes[20..]);
    /// <summary>An LSP's checksum (covering the PDU from the LSP ID on).</summary>
    public ushort LspChecksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[24..]);
    /// <summary>An LSP's type block: partition repair, attached bits, overload, IS type.</summary>
    public byte LspTypeBlock => _bytes[26];
    /// <summary>The bytes an LSP's checksum covers, from the LSP ID on (as captured).</summary>
    public ReadOnlySpan<byte> LspChecksummed => _bytes[12..];
    /// <summary>A CSNP's or PSNP's source ID (system ID and circuit, 7 bytes).</summary>
    public ReadOnlySpan<byte> SnpSourceId => _bytes.Slice(10, 7);
    /// <summary>A CSNP's first LSP ID.</summary>
    public ReadOnlySpan<byte> CsnpStartLspId => _bytes.Slice(17, 8);
    /// <summary>A CSNP's last LSP ID.</summary>
    public ReadOnlySpan<byte> CsnpEndLspId => _bytes.Slice(25, 8);
}
