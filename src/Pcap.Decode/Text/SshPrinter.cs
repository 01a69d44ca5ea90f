namespace Pcap.Decode.Text;

/// <summary>The SSH identification line as tcpdump 4.99's print-ssh.c prints it: <c>: SSH: SSH-2.0-...</c>, or nothing.</summary>
internal static class SshPrinter
{
    /// <summary>
    /// Prints the line of a segment of <paramref name="length"/> bytes; returns true when tcpdump reads past the capture
    /// (its long jump) after writing <c> [|ssh]</c>.
    /// </summary>
    public static bool Write(ref LineWriter writer, ReadOnlySpan<byte> payload, int length)
    {
        // tcpdump reads the four bytes of "SSH-" and then every byte up to the line end without checking the length first.
        for (var i = 0; i < 4; i++)
        {
            if (i >= payload.Length)
                return Truncated(ref writer);
            if (payload[i] != (byte)"SSH-"[i])
                return false;
        }
        for (var i = 4; i < length; i++)
        {
            if (i >= payload.Length)
                return Truncated(ref writer);
            var c = payload[i];
            if (c == '\r')
            {
                if (i + 1 >= length)
                    return false;
                if (i + 1 >= payload.Length)
                    return Truncated(ref writer);
                if (payload[i + 1] != '\n')
                    return false;
            }
            else if (c != '\n' && (c < 0x20 || c > 0x7e))
            {
                return false;
            }
            if (c is (byte)'\n' or (byte)'\r')
            {
                writer.Append(": SSH: ");
                foreach (var b in payload[..i])
                    writer.Append((char)b);
                return false;
            }
        }
        return false;
    }

    private static bool Truncated(ref LineWriter writer)
    {
        writer.Append(" [|ssh]");
        return true;
    }
}
