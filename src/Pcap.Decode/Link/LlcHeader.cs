using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>An 802.2 LLC header (DSAP, SSAP, control) as carried in 802.3 frames, with the SNAP extension when DSAP=SSAP=0xAA.</summary>
public readonly ref struct LlcHeader
{
    private readonly ReadOnlySpan<byte> _bytes;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal LlcHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>
    /// Reads the LLC header's first three bytes (lax: an information or supervisory frame's second control byte may be
    /// missing, as tcpdump prints the SAPs before it; see <see cref="HasControlField"/>).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out LlcHeader header, out DecodeError error)
    {
        if (bytes.Length < 3)
        {
            header = default;
            error = DecodeError.Truncated("llc", 3, bytes.Length);
            return false;
        }
        header = new LlcHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>Destination service access point (with the individual/group bit).</summary>
    public byte Dsap => _bytes[0];
    /// <summary>Source service access point (with the command/response bit).</summary>
    public byte Ssap => _bytes[1];
    /// <summary>The first control byte.</summary>
    public byte Control => _bytes[2];
    /// <summary>True for an unnumbered frame (one control byte); information and supervisory frames have two.</summary>
    public bool IsUnnumbered => (Control & 3) == 3;
    /// <summary>Bytes in the header: 3 for an unnumbered frame, 4 for an information or supervisory frame.</summary>
    public int HeaderLength => IsUnnumbered ? 3 : 4;
    /// <summary>True when the whole control field (<see cref="HeaderLength"/> bytes of header) was captured.</summary>
    public bool HasControlField => _bytes.Length >= HeaderLength;
    /// <summary>The control field: the byte of an unnumbered frame, else both bytes, first byte low (meaningful when <see cref="HasControlField"/>).</summary>
    public int ControlField => IsUnnumbered ? Control : BinaryPrimitives.ReadUInt16LittleEndian(_bytes[2..]);
    /// <summary>The destination SAP without the individual/group bit.</summary>
    public byte DestinationSap => (byte)(Dsap & 0xfe);
    /// <summary>The source SAP without the command/response bit.</summary>
    public byte SourceSap => (byte)(Ssap & 0xfe);
    /// <summary>True when the DSAP's individual/group bit marks a group address.</summary>
    public bool IsGroup => (Dsap & 1) != 0;
    /// <summary>True when the SSAP's command/response bit marks a response.</summary>
    public bool IsResponse => (Ssap & 1) != 0;
    /// <summary>
    /// True when both SAPs are 0xAA once their group and response bits are masked (as tcpdump's print-llc.c masks them) and
    /// the control byte is unnumbered information: a <see cref="SnapHeader"/> follows.
    /// </summary>
    public bool IsSnap => IsUnnumberedInformation(0xaa);
    /// <summary>True when both SAPs, group and response bits masked, are <paramref name="sap"/> and the control byte is unnumbered information (0x03).</summary>
    public bool IsUnnumberedInformation(byte sap) => DestinationSap == sap && SourceSap == sap && Control == 0x03;
    /// <summary>The bytes after the three-byte header.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[3..];
}
