namespace Pcap.Testing.Packets;

/// <summary>
/// One generated frame: the captured bytes, the length it had on the wire (larger than
/// <see cref="Data"/> when the capture was truncated) and a short human description for failure reports.
/// </summary>
public sealed record GeneratedPacket(byte[] Data, uint WireLength, string Description)
{
    /// <summary>The captured bytes as lowercase hex, for failure messages.</summary>
    public string Hex => Convert.ToHexStringLower(Data);

    /// <summary>
    /// The same packet followed by <paramref name="bytes"/> zero bytes, and that much longer on the wire: loads past the
    /// original end then succeed, so an optimizer that removes a load whose value cannot matter is not caught out.
    /// </summary>
    public GeneratedPacket Padded(int bytes) =>
        this with { Data = [.. Data, .. new byte[bytes]], WireLength = WireLength + (uint)bytes, Description = Description + " [+padding]" };

    /// <inheritdoc />
    public override string ToString() => $"{Description} (caplen {Data.Length}, len {WireLength}) {Hex}";
}
