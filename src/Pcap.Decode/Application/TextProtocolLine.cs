namespace Pcap.Decode.Application;

/// <summary>
/// The first line of a text protocol message (HTTP, FTP, SMTP, RTSP, SIP): its first two space-separated tokens and where
/// the line ends, read as tcpdump's txtproto_print reads them (tokens are printable ASCII, lines end in LF or CR LF).
/// </summary>
public readonly ref struct TextProtocolLine
{
    /// <summary>Longest token tcpdump accepts.</summary>
    public const int MaxTokenLength = 127;

    private TextProtocolLine(ReadOnlySpan<byte> bytes, int lineLength)
    {
        Bytes = bytes;
        LineLength = lineLength;
    }

    /// <summary>The captured message.</summary>
    public ReadOnlySpan<byte> Bytes { get; }
    /// <summary>Bytes in the first line, without its line ending.</summary>
    public int LineLength { get; }
    /// <summary>The first line without its line ending.</summary>
    public ReadOnlySpan<byte> Line => Bytes[..LineLength];

    /// <summary>Reads the first line of the first <paramref name="length"/> bytes: printable ASCII or tabs up to LF or CR LF.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, int length, out TextProtocolLine line, out DecodeError error)
    {
        var end = FindLineEnd(bytes, 0, Math.Min(length, bytes.Length), out var lineLength);
        if (end <= 0)
        {
            line = default;
            error = DecodeError.Truncated("text", lineLength + 1, Math.Min(length, bytes.Length));
            return false;
        }
        line = new TextProtocolLine(bytes, lineLength);
        error = default;
        return true;
    }

    /// <summary>
    /// tcpdump's fetch_token: the token at <paramref name="start"/> (up to a space, tab, CR or LF) and the index after the
    /// spaces that follow it; 0 when there is no token, it holds a byte that is not printable ASCII, or it is too long.
    /// </summary>
    public static int FetchToken(ReadOnlySpan<byte> bytes, int start, int length, out ReadOnlySpan<byte> token)
    {
        token = default;
        var index = start;
        for (; index < length; index++)
        {
            if (index >= bytes.Length)
                return 0;
            var c = bytes[index];
            if (c >= 0x80)
                return 0;
            if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                break;
            if (c < 0x20 || c > 0x7e || index - start + 1 > MaxTokenLength)
                return 0;
        }
        if (index == start)
            return 0;
        token = bytes[start..index];
        for (; index < length && index < bytes.Length; index++)
        {
            var c = bytes[index];
            if (c is (byte)'\r' or (byte)'\n' || c < 0x20 || c > 0x7e || c != ' ')
                break;
        }
        return index;
    }

    /// <summary>
    /// The index after the line ending of the line at <paramref name="start"/>; 0 when the line holds a byte that is neither
    /// printable ASCII nor a tab, or a CR not followed by LF, and -1 when the bytes end first. <paramref name="lineLength"/>
    /// is the printable part found.
    /// </summary>
    public static int FindLineEnd(ReadOnlySpan<byte> bytes, int start, int length, out int lineLength)
    {
        for (var index = start; index < length; index++)
        {
            var c = bytes[index];
            lineLength = index - start;
            if (c == '\n')
                return index + 1;
            if (c == '\r')
                return index + 1 < length && bytes[index + 1] == '\n' ? index + 2 : 0;
            if ((c < 0x20 || c > 0x7e) && c != '\t')
                return 0;
        }
        lineLength = length - start;
        return -1;
    }
}
