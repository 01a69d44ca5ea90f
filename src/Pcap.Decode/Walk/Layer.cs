namespace Pcap.Decode.Walk;

/// <summary>One layer of a walked packet: what it is, where its header starts and how long the header is.</summary>
/// <param name="Kind">The protocol of the layer.</param>
/// <param name="Offset">Where the layer starts in the packet.</param>
/// <param name="Length">
/// Bytes of the layer's own header (for <see cref="LayerKind.Application"/>, of the whole application payload); the
/// next layer starts at <c>Offset + Length</c>.
/// </param>
public readonly record struct Layer(LayerKind Kind, int Offset, int Length)
{
    /// <summary>Where the next layer starts.</summary>
    public int End => Offset + Length;
}
