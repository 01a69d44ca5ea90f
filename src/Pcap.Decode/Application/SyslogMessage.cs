namespace Pcap.Decode.Application;

/// <summary>A BSD syslog message (RFC 3164/5424) over UDP: the <c>&lt;PRI&gt;</c> prefix with its facility and severity, then the text.</summary>
public readonly ref struct SyslogMessage
{
    /// <summary>The UDP port of syslog.</summary>
    public const ushort Port = 514;
    /// <summary>Most priority digits read, as tcpdump reads them.</summary>
    public const int MaxPriorityDigits = 3;

    private readonly ReadOnlySpan<byte> _bytes;

    private SyslogMessage(ReadOnlySpan<byte> bytes, int priority, int textOffset)
    {
        _bytes = bytes;
        Priority = priority;
        TextOffset = textOffset;
    }

    /// <summary>Reads <c>&lt;digits&gt;</c> at the start of <paramref name="bytes"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out SyslogMessage message, out DecodeError error)
    {
        message = default;
        if (bytes.Length < 1 || bytes[0] != '<')
        {
            error = bytes.Length < 1 ? DecodeError.Truncated("syslog", 1, 0) : DecodeError.Invalid("syslog", '<', bytes[0]);
            return false;
        }
        var offset = 1;
        var priority = 0;
        while (offset <= MaxPriorityDigits && offset < bytes.Length && bytes[offset] is >= (byte)'0' and <= (byte)'9')
            priority = priority * 10 + bytes[offset++] - '0';
        if (offset >= bytes.Length || bytes[offset] != '>')
        {
            error = offset >= bytes.Length ? DecodeError.Truncated("syslog", offset + 1, bytes.Length) : DecodeError.Invalid("syslog", '>', bytes[offset]);
            return false;
        }
        message = new SyslogMessage(bytes, priority, offset + 1);
        error = default;
        return true;
    }

    /// <summary>The priority value between the angle brackets.</summary>
    public int Priority { get; }
    /// <summary>Facility (priority bits 3 to 9, as tcpdump masks them).</summary>
    public int Facility => (Priority & 0x03f8) >> 3;
    /// <summary>Severity (priority bits 0 to 2).</summary>
    public int Severity => Priority & 7;
    /// <summary>Where the text starts, after the <c>&gt;</c>.</summary>
    public int TextOffset { get; }
    /// <summary>The captured text.</summary>
    public ReadOnlySpan<byte> Text => _bytes[TextOffset..];
}
