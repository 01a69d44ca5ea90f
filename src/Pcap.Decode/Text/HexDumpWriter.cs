namespace Pcap.Decode.Text;

/// <summary>tcpdump's hex and ASCII dumps (util-print.c's hex_print, hex_and_ascii_print, ascii_print) for -x, -X, -A and the undecoded payloads.</summary>
internal static class HexDumpWriter
{
    /// <summary>
    /// The dump that <c>-x</c>, <c>-xx</c>, <c>-X</c>, <c>-XX</c> or <c>-A</c> add after the line: from past the link header
    /// (<paramref name="linkHeaderLength"/> bytes), or the whole packet at the doubled levels.
    /// </summary>
    public static void WritePacketDump(ref LineWriter writer, FormatOptions options, ReadOnlySpan<byte> packet, int linkHeaderLength)
    {
        var withAscii = options.HexAscii > 0;
        var level = withAscii ? options.HexAscii : options.Hex;
        if (level == 0)
        {
            // tcpdump prints -A only past the link header: nothing when the packet ends inside it.
            if (options.Ascii > 1 || (options.Ascii == 1 && packet.Length > linkHeaderLength))
                WriteAscii(ref writer, options.Ascii > 1 ? packet : packet.Length > linkHeaderLength ? packet[linkHeaderLength..] : default);
            return;
        }
        var bytes = level > 1 ? packet : packet.Length > linkHeaderLength ? packet[linkHeaderLength..] : default;
        if (withAscii)
            WriteHexAndAscii(ref writer, bytes);
        else
            WriteHexOnly(ref writer, bytes);
    }

    /// <summary>
    /// tcpdump's <c>-A</c>: a newline, then each byte as itself when printable, a tab, a space or a newline, else '.';
    /// a carriage return is a '.' only when more than one byte follows and the next is not a newline (tcpdump's ascii_print).
    /// </summary>
    private static void WriteAscii(ref LineWriter writer, ReadOnlySpan<byte> bytes)
    {
        writer.Append('\n');
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == '\r')
            {
                if (bytes.Length - (i + 1) > 1 && bytes[i + 1] != '\n')
                    writer.Append('.');
            }
            else
            {
                writer.Append(b is (> 0x20 and < 0x7f) or (byte)'\t' or (byte)' ' or (byte)'\n' ? (char)b : '.');
            }
        }
    }

    /// <summary>tcpdump's fallback for link payloads it cannot decode: a hex and ASCII dump, left out when -q, -x or -X already say enough.</summary>
    public static void WriteDefault(ref LineWriter writer, FormatOptions options, ReadOnlySpan<byte> bytes)
    {
        if (options.Quiet || options.Hex > 0 || options.HexAscii > 0)
            return;
        WriteHexAndAscii(ref writer, bytes);
    }

    /// <summary>tcpdump's <c>-X</c> layout: offset, eight groups of four hex digits padded to 40 columns, two spaces, printable ASCII.</summary>
    public static void WriteHexAndAscii(ref LineWriter writer, ReadOnlySpan<byte> bytes, string indent = "\n\t")
    {
        for (var offset = 0; offset < bytes.Length; offset += 16)
        {
            var line = bytes.Slice(offset, Math.Min(16, bytes.Length - offset));
            writer.Append(indent);
            writer.Append("0x");
            writer.AppendHex((uint)offset, 4);
            writer.Append(": ");
            var columns = 0;
            for (var i = 0; i < line.Length; i += 2)
            {
                writer.Append(' ');
                writer.AppendHexByte(line[i]);
                columns += 3;
                if (i + 1 < line.Length)
                {
                    writer.AppendHexByte(line[i + 1]);
                    columns += 2;
                }
            }
            for (; columns < 40; columns++)
                writer.Append(' ');
            writer.Append("  ");
            foreach (var b in line)
                writer.Append(b is > 0x20 and < 0x7f ? (char)b : '.');
        }
    }

    /// <summary>tcpdump's <c>-x</c> layout: offset then groups of four hex digits, eight groups a line.</summary>
    public static void WriteHexOnly(ref LineWriter writer, ReadOnlySpan<byte> bytes, string indent = "\n\t")
    {
        for (var i = 0; i < bytes.Length; i += 2)
        {
            if (i % 16 == 0)
            {
                writer.Append(indent);
                writer.Append("0x");
                writer.AppendHex((uint)i, 4);
                writer.Append(": ");
            }
            writer.Append(' ');
            writer.AppendHexByte(bytes[i]);
            if (i + 1 < bytes.Length)
                writer.AppendHexByte(bytes[i + 1]);
        }
    }
}
