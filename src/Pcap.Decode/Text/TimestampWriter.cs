namespace Pcap.Decode.Text;

/// <summary>
/// The time stamp at the start of each line, as tcpdump 4.99's util-print.c writes it for <c>-t</c> ... <c>-ttttt</c>.
/// </summary>
/// <remarks>
/// On libpcap's struct timeval the fraction is in the printing precision's units (microseconds, or nanoseconds with
/// --time-stamp-precision=nano) and is printed as it is, even when a corrupt file makes it a second or more; a time
/// whose low 32 bits of seconds have the top bit set, or that the C library cannot turn into a date, prints
/// "[Error converting time]".
/// </remarks>
internal static class TimestampWriter
{
    private const string TimeError = "[Error converting time]";

    /// <summary>Writes the time stamp and its trailing space (nothing with <c>-t</c>); -ttt and -ttttt advance the reference in <paramref name="state"/>.</summary>
    public static void Write(ref LineWriter writer, PrintState state, long seconds, long fractionNanoseconds)
    {
        var options = state.Options;
        // libpcap hands tcpdump the fraction in the precision it asked for: microseconds truncate the nanoseconds.
        long fraction = options.NanosecondPrecision ? fractionNanoseconds : fractionNanoseconds / 1000;
        switch (options.Timestamps)
        {
            case TimestampStyle.None:
                break;
            case TimestampStyle.Epoch:
                if (((uint)seconds & 0x8000_0000) != 0)
                {
                    writer.Append(TimeError);
                }
                else
                {
                    writer.AppendDecimal((uint)seconds);
                    WriteFraction(ref writer, options, fraction);
                }
                writer.Append(' ');
                break;
            case TimestampStyle.DeltaFromPrevious:
            case TimestampStyle.DeltaFromFirst:
                WriteDelta(ref writer, state, seconds, fraction);
                writer.Append(' ');
                break;
            case TimestampStyle.DateAndTime:
                WriteDateTime(ref writer, options, seconds, fraction, withDate: true, options.TimeZone ?? TimeZoneInfo.Local);
                writer.Append(' ');
                break;
            default:
                WriteDateTime(ref writer, options, seconds, fraction, withDate: false, options.TimeZone ?? TimeZoneInfo.Local);
                writer.Append(' ');
                break;
        }
    }

    private static void WriteFraction(ref LineWriter writer, FormatOptions options, long fraction)
    {
        writer.Append('.');
        writer.AppendPadded((uint)fraction, options.NanosecondPrecision ? 9 : 6);
    }

    // tcpdump keeps one reference time: unset while it is 0.0, the first packet's (-ttttt) or the previous one's (-ttt).
    private static void WriteDelta(ref LineWriter writer, PrintState state, long seconds, long fraction)
    {
        var options = state.Options;
        if (state.ReferenceSeconds == 0 && state.ReferenceFraction == 0)
            (state.ReferenceSeconds, state.ReferenceFraction) = (seconds, fraction);
        bool negative = seconds < state.ReferenceSeconds || (seconds == state.ReferenceSeconds && fraction < state.ReferenceFraction);
        long deltaSeconds = negative ? state.ReferenceSeconds - seconds : seconds - state.ReferenceSeconds;
        long deltaFraction = negative ? state.ReferenceFraction - fraction : fraction - state.ReferenceFraction;
        if (deltaFraction < 0)
        {
            deltaFraction += options.NanosecondPrecision ? 1_000_000_000L : 1_000_000L;
            deltaSeconds--;
        }
        writer.Append(negative ? '-' : ' ');
        WriteDateTime(ref writer, options, deltaSeconds, deltaFraction, withDate: false, TimeZoneInfo.Utc);
        if (options.Timestamps == TimestampStyle.DeltaFromPrevious)
            (state.ReferenceSeconds, state.ReferenceFraction) = (seconds, fraction);
    }

    private static void WriteDateTime(ref LineWriter writer, FormatOptions options, long seconds, long fraction, bool withDate, TimeZoneInfo zone)
    {
        // Beyond about 10^17 seconds no year fits struct tm's int, so glibc's localtime fails (and the sum below could wrap).
        if (((uint)seconds & 0x8000_0000) != 0 || seconds is > 100_000_000_000_000_000L or < -100_000_000_000_000_000L)
        {
            writer.Append(TimeError);
            return;
        }
        // The zone's offset at the nearest instant DateTime can hold; beyond its years 1 to 9999 the rules are the last known.
        var clamped = DateTime.UnixEpoch.AddSeconds(Math.Clamp(seconds, -62135596800L + 86400, 253402300799L - 86400));
        long local = seconds + (long)zone.GetUtcOffset(clamped).TotalSeconds;
        long days = Math.DivRem(local, 86400, out long secondOfDay);
        if (secondOfDay < 0)
            (days, secondOfDay) = (days - 1, secondOfDay + 86400);
        var (year, month, day) = CivilFromDays(days);
        // glibc's localtime fails when the year does not fit struct tm's int.
        if (year - 1900 is > int.MaxValue or < int.MinValue)
        {
            writer.Append(TimeError);
            return;
        }
        if (withDate)
        {
            writer.AppendSigned(year); // strftime's %Y: no padding, a sign before 1 BC
            writer.Append('-');
            writer.AppendPadded((ulong)month, 2);
            writer.Append('-');
            writer.AppendPadded((ulong)day, 2);
            writer.Append(' ');
        }
        writer.AppendPadded((ulong)(secondOfDay / 3600), 2);
        writer.Append(':');
        writer.AppendPadded((ulong)(secondOfDay / 60 % 60), 2);
        writer.Append(':');
        writer.AppendPadded((ulong)(secondOfDay % 60), 2);
        WriteFraction(ref writer, options, fraction);
    }

    // Proleptic Gregorian date of a day count from 1970-01-01, for any 64-bit count (Howard Hinnant's civil_from_days).
    private static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        days += 719468;
        long era = (days >= 0 ? days : days - 146096) / 146097;
        long dayOfEra = days - era * 146097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        int day = (int)(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        int month = (int)(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
    }
}
