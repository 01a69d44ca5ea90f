namespace Pcap.Decode.Files;

/// <summary>Converts between pcapng timestamp units (set by <c>if_tsresol</c>) and nanoseconds since the Unix epoch.</summary>
internal static class PcapNgTimestamp
{
    private static readonly ulong[] PowersOfTen =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
        10_000_000_000_000_000_000,
    ];

    /// <summary>True when a 64-bit unit count at this resolution can be converted (libpcap refuses finer ones too).</summary>
    public static bool IsSupported(byte resolution) =>
        (resolution & 0x80) == 0 ? resolution <= 19 : (resolution & 0x7F) <= 63;

    /// <summary>
    /// Seconds and a fraction in nanoseconds for <paramref name="units"/> ticks, as libpcap 1.10 splits them: seconds
    /// are units / ticks-per-second plus the offset in unsigned 64-bit arithmetic, read back as a signed time_t.
    /// </summary>
    public static (long Seconds, long FractionNanoseconds) Split(ulong units, byte resolution, long offsetSeconds)
    {
        int exponent = resolution & 0x7F;
        ulong perSecond = TicksPerSecond(resolution);
        ulong seconds = unchecked(units / perSecond + (ulong)offsetSeconds);
        ulong fraction = units % perSecond;
        ulong nanoseconds = (resolution & 0x80) == 0
            ? exponent <= 9 ? fraction * PowersOfTen[9 - exponent] : fraction / PowersOfTen[exponent - 9]
            : (ulong)((UInt128)fraction * 1_000_000_000UL >> exponent);
        return (unchecked((long)seconds), (long)nanoseconds);
    }

    /// <summary>Ticks per second at the given <c>if_tsresol</c>: 10^n, or 2^n with the high bit set.</summary>
    public static ulong TicksPerSecond(byte resolution) =>
        (resolution & 0x80) == 0 ? PowersOfTen[resolution] : 1UL << (resolution & 0x7F);

    /// <summary>Ticks of the given resolution for a time in nanoseconds, rounding down.</summary>
    public static ulong FromNanoseconds(long nanoseconds, byte resolution)
    {
        ulong value = (ulong)nanoseconds;
        if ((resolution & 0x80) == 0)
        {
            return resolution <= 9
                ? value / PowersOfTen[9 - resolution]
                : value * PowersOfTen[resolution - 9];
        }
        return (ulong)(((UInt128)value << (resolution & 0x7F)) / 1_000_000_000UL);
    }
}
