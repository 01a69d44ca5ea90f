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

    /// <summary>Nanoseconds for <paramref name="units"/> ticks of 10^-n or 2^-n seconds, plus an offset in seconds.</summary>
    public static long ToNanoseconds(ulong units, byte resolution, long offsetSeconds)
    {
        ulong nanoseconds;
        if ((resolution & 0x80) == 0)
        {
            nanoseconds = resolution <= 9
                ? units * PowersOfTen[9 - resolution]
                : units / PowersOfTen[resolution - 9];
        }
        else
        {
            nanoseconds = (ulong)(((UInt128)units * 1_000_000_000UL) >> (resolution & 0x7F));
        }
        return (long)nanoseconds + offsetSeconds * 1_000_000_000L;
    }

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
