namespace Pcap.Decode.Text;

// tcpdump 4.99's util-print.c on libpcap's struct timeval: the fraction is in the printing precision's units
// (microseconds, or nanoseconds with --time-stamp-precision=nano) and is printed as it is, even when a corrupt file
// makes it a second or more; a time whose low 32 bits of seconds have the top bit set, or that the C library cannot
// turn into a date, prints "[Error converting time]".
public sealed partial class TcpdumpFormatter
{
    private const string TimeError = "[Error converting time]";

    private void WriteTimestamp(ref LineWriter writer, long seconds, long fractionNanoseconds)
    {
        // libpcap hands tcpdump the fraction in the precision it asked for: microseconds truncate the nanoseconds.
        long fraction = _options.NanosecondPrecision ? fractionNanoseconds : fractionNanoseconds / 1000;
        switch (_options.Timestamps)
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
                    WriteFraction(ref writer, fraction);
                }
                writer.Append(' ');
                break;
            case TimestampStyle.DeltaFromPrevious:
            case TimestampStyle.DeltaFromFirst:
                WriteDelta(ref writer, seconds, fraction);
                writer.Append(' ');
                break;
            case TimestampStyle.DateAndTime:
                WriteDateTime(ref writer, seconds, fraction, withDate: true, _options.TimeZone ?? TimeZoneInfo.Local);
                writer.Append(' ');
                break;
            default:
                WriteDateTime(ref writer, seconds, fraction, withDate: false, _options.TimeZone ?? TimeZoneInfo.Local);
                writer.Append(' ');
                break;
        }
    }

    private void WriteFraction(ref LineWriter writer, long fraction)
    {
        writer.Append('.');
        writer.AppendPadded((uint)fraction, _options.NanosecondPrecision ? 9 : 6);
    }

    // tcpdump keeps one reference time: unset while it is 0.0, the first packet's (-ttttt) or the previous one's (-ttt).
    private void WriteDelta(ref LineWriter writer, long seconds, long fraction)
    {
        if (_state.ReferenceSeconds == 0 && _state.ReferenceFraction == 0)
            (_state.ReferenceSeconds, _state.ReferenceFraction) = (seconds, fraction);
        bool negative = seconds < _state.ReferenceSeconds || (seconds == _state.ReferenceSeconds && fraction < _state.ReferenceFraction);
        long deltaSeconds = negative ? _state.ReferenceSeconds - seconds : seconds - _state.ReferenceSeconds;
        long deltaFraction = negative ? _state.ReferenceFraction - fraction : fraction - _state.ReferenceFraction;
        if (deltaFraction < 0)
        {
            deltaFraction += _options.NanosecondPrecision ? 1_000_000_000L : 1_000_000L;
            deltaSeconds--;
        }
        writer.Append(negative ? '-' : ' ');
        WriteDateTime(ref writer, deltaSeconds, deltaFraction, withDate: false, TimeZoneInfo.Utc);
        if (_options.Timestamps == TimestampStyle.DeltaFromPrevious)
            (_state.ReferenceSeconds, _state.ReferenceFraction) = (seconds, fraction);
    }

    private void WriteDateTime(ref LineWriter writer, long seconds, long fraction, bool withDate, TimeZoneInfo zone)
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
        WriteFraction(ref writer, fraction);
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
