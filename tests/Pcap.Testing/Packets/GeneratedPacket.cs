namespace Pcap.Testing.Packets;

/// <summary>
/// One generated frame: the captured bytes, the length it had on the wire (larger than
/// <see cref="Data"/> when the capture was truncated) and a short human description for failure reports.
/// </summary>
public sealed record GeneratedPacket(byte[] Data, uint WireLength, string Description)
{
    /// <summary>The captured bytes as lowercase hex, for failure messages.</summary>
    public string Hex => Convert.ToHexStringLower(Data);

    /// <inheritdoc />
    public override string ToString() => $"{Description} (caplen {Data.Length}, len {WireLength}) {Hex}";
}
