namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    private void WriteTimestamp(ref LineWriter writer, long unixNanoseconds)
    {
        var style = _options.Timestamps;
        if (_state.FirstNanoseconds == long.MinValue)
            _state.FirstNanoseconds = unixNanoseconds;
        switch (style)
        {
            case TimestampStyle.None:
                break;
            case TimestampStyle.Epoch:
                WriteSecondsAndFraction(ref writer, unixNanoseconds);
                writer.Append(' ');
                break;
            case TimestampStyle.DeltaFromPrevious:
            case TimestampStyle.DeltaFromFirst:
                var origin = style == TimestampStyle.DeltaFromFirst
                    ? _state.FirstNanoseconds
                    : _state.PreviousNanoseconds == long.MinValue ? unixNanoseconds : _state.PreviousNanoseconds;
                WriteDelta(ref writer, unixNanoseconds - origin);
                writer.Append(' ');
                break;
            case TimestampStyle.DateAndTime:
                WriteDateTime(ref writer, unixNanoseconds, withDate: true);
                writer.Append(' ');
                break;
            default:
                WriteDateTime(ref writer, unixNanoseconds, withDate: false);
                writer.Append(' ');
                break;
        }
        _state.PreviousNanoseconds = unixNanoseconds;
    }

    private void WriteFraction(ref LineWriter writer, long nanoseconds)
    {
        writer.Append('.');
        if (_options.NanosecondPrecision)
            writer.AppendPadded((ulong)nanoseconds, 9);
        else
            writer.AppendPadded((ulong)(nanoseconds / 1000), 6);
    }

    private void WriteSecondsAndFraction(ref LineWriter writer, long unixNanoseconds)
    {
        var seconds = Math.DivRem(unixNanoseconds, 1_000_000_000L, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += 1_000_000_000L;
        }
        writer.AppendSigned(seconds);
        WriteFraction(ref writer, fraction);
    }

    private void WriteDelta(ref LineWriter writer, long deltaNanoseconds)
    {
        // tcpdump leaves a sign column: a space, or '-' when time went backwards.
        if (deltaNanoseconds < 0)
        {
            writer.Append('-');
            deltaNanoseconds = -deltaNanoseconds;
        }
        else
        {
            writer.Append(' ');
        }
        var seconds = deltaNanoseconds / 1_000_000_000L;
        var fraction = deltaNanoseconds % 1_000_000_000L;
        writer.AppendPadded((ulong)(seconds / 3600), 2);
        writer.Append(':');
        writer.AppendPadded((ulong)(seconds / 60 % 60), 2);
        writer.Append(':');
        writer.AppendPadded((ulong)(seconds % 60), 2);
        WriteFraction(ref writer, fraction);
    }

    private void WriteDateTime(ref LineWriter writer, long unixNanoseconds, bool withDate)
    {
        var seconds = Math.DivRem(unixNanoseconds, 1_000_000_000L, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += 1_000_000_000L;
        }
        var zone = _options.TimeZone ?? TimeZoneInfo.Local;
        var utc = DateTime.UnixEpoch.AddSeconds(Math.Clamp(seconds, -62135596800L + 86400, 253402300799L - 86400));
        var local = utc + zone.GetUtcOffset(utc);
        if (withDate)
        {
            writer.AppendPadded((ulong)local.Year, 4);
            writer.Append('-');
            writer.AppendPadded((ulong)local.Month, 2);
            writer.Append('-');
            writer.AppendPadded((ulong)local.Day, 2);
            writer.Append(' ');
        }
        writer.AppendPadded((ulong)local.Hour, 2);
        writer.Append(':');
        writer.AppendPadded((ulong)local.Minute, 2);
        writer.Append(':');
        writer.AppendPadded((ulong)local.Second, 2);
        WriteFraction(ref writer, fraction);
    }
}
