using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>
/// tcpdump 4.99's txtproto_print (util-print.c) for HTTP, FTP, SMTP, RTSP and SIP: the protocol name, then the first line, or
/// at <c>-v</c> the length and every text line.
/// </summary>
internal static class TextProtocolPrinter
{
    /// <summary>A protocol printed by txtproto_print: its name as printed, its request names (null: every message is text).</summary>
    internal sealed record Protocol(string Name, string Marker, string[]? Commands);

    /// <summary>HTTP, WebDAV included.</summary>
    public static readonly Protocol Http = new("HTTP", " [|http]",
    [
        "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL", "TRACE", "LABEL", "MERGE", "DELETE",
        "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT",
        "CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE",
        "RPC_CONNECT", "VERSION-CONTROL", "BASELINE-CONTROL",
    ]);

    /// <summary>RTSP.</summary>
    public static readonly Protocol Rtsp = new("RTSP", " [|rtsp]",
        ["DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY", "RECORD", "REDIRECT", "SETUP", "SET_PARAMETER", "TEARDOWN"]);

    /// <summary>SIP.</summary>
    public static readonly Protocol Sip = new("SIP", " [|sip]",
    [
        "ACK", "BYE", "CANCEL", "DO", "INFO", "INVITE", "MESSAGE", "NOTIFY", "OPTIONS", "PRACK", "QAUTH", "REFER", "REGISTER",
        "SPRACK", "SUBSCRIBE", "UPDATE", "PUBLISH",
    ]);

    /// <summary>FTP control connection.</summary>
    public static readonly Protocol Ftp = new("FTP", " [|ftp]", null);

    /// <summary>SMTP.</summary>
    public static readonly Protocol Smtp = new("SMTP", " [|smtp]", null);

    /// <summary>Prints a message of <paramref name="length"/> bytes; true when tcpdump long-jumps (after its truncation marker).</summary>
    public static bool Write(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, Protocol protocol, int verbose)
    {
        var printThis = protocol.Commands is null;
        if (!printThis)
        {
            var index = TextProtocolLine.FetchToken(bytes, 0, length, out var token);
            if (index != 0)
            {
                foreach (var command in protocol.Commands!)
                {
                    if (EqualsIgnoreCase(token, command))
                    {
                        printThis = true;
                        break;
                    }
                }
                // The response code is the second token ("HTTP/1.1 200 OK").
                index = TextProtocolLine.FetchToken(bytes, index, length, out token);
                if (index != 0 && token.Length == 3 && IsDigit(token[0]) && IsDigit(token[1]) && IsDigit(token[2]))
                    printThis = true;
            }
        }
        writer.Append(protocol.Name);
        if (!printThis)
            return false;
        if (verbose == 0)
            return WriteLine(ref writer, ": ", bytes, 0, length, protocol, out _);
        writer.Append(", length: ");
        writer.AppendDecimal((uint)length);
        for (var index = 0; index < length;)
        {
            if (WriteLine(ref writer, "\n\t", bytes, index, length, protocol, out var next))
                return true;
            if (next == 0)
                break;
            index = next;
        }
        return false;
    }

    /// <summary>tcpdump's print_txt_line; <paramref name="next"/> is the index after the line, 0 when printing stops. True on a long jump.</summary>
    private static bool WriteLine(ref LineWriter writer, string prefix, ReadOnlySpan<byte> bytes, int start, int length, Protocol protocol, out int next)
    {
        next = 0;
        var lineLength = -1;
        // tcpdump reads each byte up to the length without checking the capture first: past it, the packet stops.
        for (var index = start; index < length; index++)
        {
            if (index >= bytes.Length)
                return Jump(ref writer, protocol);
            var c = bytes[index];
            if (c == '\n')
            {
                lineLength = index - start;
                next = index + 1;
                break;
            }
            if (c == '\r')
            {
                if (index + 1 >= length)
                    return false;
                if (index + 1 >= bytes.Length)
                    return Jump(ref writer, protocol);
                if (bytes[index + 1] != '\n')
                    return false;
                lineLength = index - start;
                next = index + 2;
                break;
            }
            if ((c < 0x20 || c > 0x7e) && c != '\t')
                return false;
        }
        writer.Append(prefix);
        foreach (var b in bytes.Slice(start, lineLength < 0 ? length - start : lineLength))
            writer.Append((char)b);
        // All printable but no line ending: tcpdump marks it truncated and stops.
        if (lineLength < 0)
            writer.Append(protocol.Marker);
        return false;
    }

    private static bool Jump(ref LineWriter writer, Protocol protocol)
    {
        writer.Append(protocol.Marker);
        return true;
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> token, string command)
    {
        if (token.Length != command.Length)
            return false;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (c is >= (byte)'a' and <= (byte)'z')
                c -= 0x20;
            var d = command[i];
            if (d is >= 'a' and <= 'z')
                d = (char)(d - 0x20);
            if (c != d)
                return false;
        }
        return true;
    }
}
