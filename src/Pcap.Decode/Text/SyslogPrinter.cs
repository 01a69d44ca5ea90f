using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>Syslog as tcpdump 4.99's print-syslog.c prints it: facility and severity, and at <c>-v</c> the message text.</summary>
internal static class SyslogPrinter
{
    /// <summary>How the printer ended.</summary>
    public enum Outcome
    {
        /// <summary>Done.</summary>
        Printed,
        /// <summary>The text printed at <c>-v</c>: at <c>-vv</c> tcpdump adds a hex dump of the message.</summary>
        PrintedText,
        /// <summary>tcpdump read past the capture: <c> [|syslog]</c> written, the packet stops.</summary>
        LongJump,
    }

    /// <summary>Prints a message of <paramref name="length"/> bytes.</summary>
    public static Outcome Write(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, int verbose)
    {
        if (!SyslogMessage.TryRead(bytes, out var message, out var error))
        {
            if (error.Kind == DecodeErrorKind.Truncated)
                return Jump(ref writer);
            writer.Append(" (invalid)");
            return Outcome.Printed;
        }
        if (verbose < 1)
        {
            writer.Append("SYSLOG ");
            WriteName(ref writer, FacilityName(message.Facility), message.Facility);
            writer.Append('.');
            WriteName(ref writer, SeverityName(message.Severity), message.Severity);
            writer.Append(", length: ");
            writer.AppendDecimal((uint)length);
            return Outcome.Printed;
        }
        writer.Append("SYSLOG, length: ");
        writer.AppendDecimal((uint)length);
        writer.Append("\n\tFacility ");
        WriteName(ref writer, FacilityName(message.Facility), message.Facility);
        writer.Append(" (");
        writer.AppendDecimal((uint)message.Facility);
        writer.Append("), Severity ");
        WriteName(ref writer, SeverityName(message.Severity), message.Severity);
        writer.Append(" (");
        writer.AppendDecimal((uint)message.Severity);
        writer.Append(")\n\tMsg: ");
        // tcpdump prints the text up to the length without looking at the capture first.
        for (var i = message.TextOffset; i < length; i++)
        {
            if (i >= bytes.Length)
                return Jump(ref writer);
            PrintableText.Append(ref writer, bytes[i]);
        }
        return Outcome.PrintedText;
    }

    private static Outcome Jump(ref LineWriter writer)
    {
        writer.Append(" [|syslog]");
        return Outcome.LongJump;
    }

    private static void WriteName(ref LineWriter writer, string? name, int value)
    {
        if (name is not null)
        {
            writer.Append(name);
            return;
        }
        writer.Append("unknown (");
        writer.AppendDecimal((uint)value);
        writer.Append(')');
    }

    private static string? SeverityName(int severity) => severity switch
    {
        0 => "emergency", 1 => "alert", 2 => "critical", 3 => "error", 4 => "warning", 5 => "notice", 6 => "info", 7 => "debug", _ => null,
    };

    private static string? FacilityName(int facility) => facility switch
    {
        0 => "kernel", 1 => "user", 2 => "mail", 3 => "daemon", 4 => "auth", 5 => "syslog", 6 => "lpr", 7 => "news", 8 => "uucp",
        9 => "cron", 10 => "authpriv", 11 => "ftp", 12 => "ntp", 13 => "security", 14 => "console", 15 => "cron", 16 => "local0",
        17 => "local1", 18 => "local2", 19 => "local3", 20 => "local4", 21 => "local5", 22 => "local6", 23 => "local7", _ => null,
    };
}
