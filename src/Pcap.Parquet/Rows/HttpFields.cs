using System.Text;
using Pcap.Decode.Walk;

namespace Pcap.Parquet.Rows;

/// <summary>Fills the HTTP columns from a segment that starts a request (method, path, Host header) or a response (status).</summary>
internal static class HttpFields
{
    // tcpdump's print-http.c request methods.
    private static readonly string[] Methods = ["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT", "PATCH",
        "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "ORDERPATCH", "MKACTIVITY", "CHECKOUT", "MERGE", "REPORT",
        "UPDATE", "LABEL", "VERSION-CONTROL", "CHECKIN", "UNCHECKOUT", "MKWORKSPACE", "BASELINE-CONTROL", "MKREDIRECTREF",
        "UPDATEREDIRECTREF", "ACL", "SEARCH"];
    private static readonly byte[] HostHeader = "host:"u8.ToArray();
    private const int MaxHeaderBytes = 8192;

    /// <summary>Fills <paramref name="row"/> of <paramref name="rows"/> from the HTTP payload of <paramref name="layers"/>.</summary>
    public static void Fill(PacketRowGroup rows, int row, in PacketLayers layers)
    {
        var payload = layers.ApplicationPayload;
        if (payload.Length > MaxHeaderBytes)
            payload = payload[..MaxHeaderBytes];
        int lineEnd = payload.IndexOf((byte)'\n');
        var line = TrimEnd(lineEnd < 0 ? payload : payload[..lineEnd]);
        if (line.StartsWith("HTTP/"u8))
        {
            int space = line.IndexOf((byte)' ');
            if (space > 0 && line.Length >= space + 4 && IsDigits(line.Slice(space + 1, 3)) &&
                (line.Length == space + 4 || line[space + 4] == ' '))
                rows.HttpStatus[row] = (line[space + 1] - '0') * 100 + (line[space + 2] - '0') * 10 + (line[space + 3] - '0');
            return;
        }
        int methodEnd = line.IndexOf((byte)' ');
        if (methodEnd <= 0)
            return;
        string? method = Method(line[..methodEnd]);
        if (method is null)
            return;
        rows.HttpMethod[row] = method;
        var rest = line[(methodEnd + 1)..];
        int pathEnd = rest.IndexOf((byte)' ');
        var path = pathEnd < 0 ? rest : rest[..pathEnd];
        if (path.Length > 0)
            rows.HttpPath[row] = Encoding.Latin1.GetString(path);
        if (lineEnd >= 0)
            rows.HttpHost[row] = Host(payload[(lineEnd + 1)..]);
    }

    private static string? Method(ReadOnlySpan<byte> token)
    {
        foreach (var method in Methods)
        {
            if (token.Length == method.Length && Matches(token, method))
                return method;
        }
        return null;
    }

    private static bool Matches(ReadOnlySpan<byte> token, string method)
    {
        for (int i = 0; i < token.Length; i++)
        {
            if (token[i] != method[i])
                return false;
        }
        return true;
    }

    // The Host header's value among the header lines (up to the blank line that ends them).
    private static string? Host(ReadOnlySpan<byte> headers)
    {
        while (headers.Length > 0)
        {
            int end = headers.IndexOf((byte)'\n');
            var line = TrimEnd(end < 0 ? headers : headers[..end]);
            if (line.Length == 0)
                return null;
            if (line.Length > HostHeader.Length && Ascii.EqualsIgnoreCase(line[..HostHeader.Length], HostHeader))
                return Encoding.Latin1.GetString(line[HostHeader.Length..].Trim((byte)' ').Trim((byte)'\t'));
            if (end < 0)
                return null;
            headers = headers[(end + 1)..];
        }
        return null;
    }

    private static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;

    private static bool IsDigits(ReadOnlySpan<byte> text) => text.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
}
