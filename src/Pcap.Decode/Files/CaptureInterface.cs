namespace Pcap.Decode.Files;

/// <summary>A pcapng Interface Description Block: where a section's packets were captured and how their timestamps count.</summary>
/// <param name="LinkType">The link type of the interface.</param>
/// <param name="SnapLength">The snapshot length; 0 means no limit.</param>
/// <param name="Name">The <c>if_name</c> option, or null when absent.</param>
/// <param name="TimestampResolution">
/// The raw <c>if_tsresol</c> byte: high bit clear means 10^-n seconds per unit, high bit set means 2^-n; default 6 (microseconds).
/// </param>
/// <param name="TimestampOffsetSeconds">The <c>if_tsoffset</c> option, seconds added to every timestamp (default 0).</param>
public sealed record CaptureInterface(LinkType LinkType, uint SnapLength, string? Name, byte TimestampResolution, long TimestampOffsetSeconds)
{
    /// <summary>The resolution pcapng assumes when an interface has no <c>if_tsresol</c> option: microseconds.</summary>
    public const byte MicrosecondResolution = 6;

    /// <summary>The <c>if_tsresol</c> value for nanoseconds.</summary>
    public const byte NanosecondResolution = 9;
}
