using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>
/// A spanning tree BPDU (IEEE 802.1D/w/s/aq, carried in LLC with SAP 0x42): protocol version and BPDU type, the flags, root
/// and bridge identifiers, port, timers in 1/256 s, and for MSTP/SPB the version 3 (MST configuration and MSTI records) and
/// version 4 parts. Fields sit at fixed offsets; read one only when <see cref="Captured"/> reaches past it.
/// </summary>
public readonly ref struct StpBpdu
{
    /// <summary>Bytes in a configuration or RST BPDU (the RST one ends with the version 1 length byte).</summary>
    public const int RapidLength = 36;
    /// <summary>The smallest MSTP BPDU (no MSTI records).</summary>
    public const int MstpMinimumLength = 102;
    /// <summary>Offset of the version 3 length.</summary>
    public const int Version3LengthOffset = 36;
    /// <summary>Offset of the MST configuration name (32 bytes).</summary>
    public const int ConfigurationNameOffset = 39;
    /// <summary>Offset of the first MSTI record (16 bytes each).</summary>
    public const int MstiOffset = 102;
    /// <summary>Bytes in one MSTI record.</summary>
    public const int MstiLength = 16;

    private readonly ReadOnlySpan<byte> _bytes;

    private StpBpdu(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Lax read: wraps whatever was captured (possibly nothing); check <see cref="Captured"/> before each field.</summary>
    public static StpBpdu Wrap(ReadOnlySpan<byte> bytes) => new(bytes);

    /// <summary>Reads a BPDU whose fixed part (36 bytes, or 4 for a topology change notification) was captured.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out StpBpdu bpdu, out DecodeError error)
    {
        var needed = bytes.Length >= 4 && bytes[3] == 0x80 ? 4 : RapidLength - 1;
        if (bytes.Length < needed)
        {
            bpdu = default;
            error = DecodeError.Truncated("stp", needed, bytes.Length);
            return false;
        }
        bpdu = new StpBpdu(bytes);
        error = default;
        return true;
    }

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The protocol identifier (0 for every spanning tree version).</summary>
    public ushort ProtocolId => BinaryPrimitives.ReadUInt16BigEndian(_bytes);
    /// <summary>0 STP, 2 RSTP, 3 MSTP, 4 SPB.</summary>
    public byte ProtocolVersion => _bytes[2];
    /// <summary>0x00 configuration, 0x02 RST/MST, 0x80 topology change notification.</summary>
    public byte BpduType => _bytes[3];
    /// <summary>The (CIST) flags.</summary>
    public byte Flags => _bytes[4];
    /// <summary>The (CIST) root identifier: priority and MAC address.</summary>
    public ReadOnlySpan<byte> RootId => _bytes.Slice(5, 8);
    /// <summary>The (CIST external) root path cost.</summary>
    public uint RootPathCost => BinaryPrimitives.ReadUInt32BigEndian(_bytes[13..]);
    /// <summary>The bridge (CIST regional root) identifier.</summary>
    public ReadOnlySpan<byte> BridgeId => _bytes.Slice(17, 8);
    /// <summary>The port identifier.</summary>
    public ushort PortId => BinaryPrimitives.ReadUInt16BigEndian(_bytes[25..]);
    /// <summary>Message age, max age, hello time, forward delay (index 0-3), in 1/256 s.</summary>
    public ushort Timer(int index) => BinaryPrimitives.ReadUInt16BigEndian(_bytes[(27 + 2 * index)..]);
    /// <summary>The version 1 length (0 in RST and MST BPDUs).</summary>
    public byte Version1Length => _bytes[35];
    /// <summary>A 16-bit field at <paramref name="offset"/> of the MSTP/SPB part.</summary>
    public ushort Word16At(int offset) => BinaryPrimitives.ReadUInt16BigEndian(_bytes[offset..]);
    /// <summary>A 32-bit field at <paramref name="offset"/> of the MSTP/SPB part.</summary>
    public uint Word32At(int offset) => BinaryPrimitives.ReadUInt32BigEndian(_bytes[offset..]);
    /// <summary>The byte at <paramref name="offset"/>.</summary>
    public byte ByteAt(int offset) => _bytes[offset];
    /// <summary>The captured bytes from <paramref name="offset"/> on.</summary>
    public ReadOnlySpan<byte> From(int offset) => _bytes[Math.Min(offset, _bytes.Length)..];
}
