namespace Pcap.Decode.Link;

/// <summary>An 802.2 LLC header (DSAP, SSAP, control) as carried in 802.3 frames, with the SNAP extension when DSAP=SSAP=0xAA.</summary>
public readonly ref struct LlcHeader
{
    private readonly ReadOnlySpan<byte> _bytes;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal LlcHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the three-byte LLC header.</summary>
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
    /// <summary>True for DSAP=SSAP=0xAA with an unnumbered-information control byte: a <see cref="SnapHeader"/> follows.</summary>
    public bool IsSnap => Dsap == 0xAA && Ssap == 0xAA && Control == 0x03;
    /// <summary>The bytes after the three-byte header.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[3..];
}
