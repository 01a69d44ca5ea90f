namespace Pcap.Decode.Application;

/// <summary>
/// The SSH identification string (RFC 4253 section 4.2), <c>SSH-protoversion-softwareversion</c>, ended by CR LF (or a bare
/// LF, as tcpdump accepts), found at the start of a TCP payload.
/// </summary>
public readonly ref struct SshIdentification
{
    /// <summary>The TCP port of SSH.</summary>
    public const ushort Port = 22;

    private SshIdentification(ReadOnlySpan<byte> line) => Line = line;

    /// <summary>The identification line without its line ending.</summary>
    public ReadOnlySpan<byte> Line { get; }

    /// <summary>
    /// Reads the line from the first <paramref name="length"/> bytes of <paramref name="bytes"/>: it must start with
    /// <c>SSH-</c>, hold only printable ASCII and end with a line ending inside the segment.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, int length, out SshIdentification identification, out DecodeError error)
    {
        identification = default;
        if (length > bytes.Length)
            length = bytes.Length;
        if (length < 4 || !bytes.StartsWith("SSH-"u8))
        {
            error = DecodeError.Invalid("ssh", 'S', bytes.Length > 0 ? bytes[0] : -1);
            return false;
        }
        for (var i = 4; i < length; i++)
        {
            var c = bytes[i];
            if (c == '\n' || (c == '\r' && i + 1 < length && bytes[i + 1] == '\n'))
            {
                identification = new SshIdentification(bytes[..i]);
                error = default;
                return true;
            }
            if (c < 0x20 || c > 0x7e)
                break;
        }
        error = DecodeError.Truncated("ssh", length + 1, length);
        return false;
    }
}
