using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>TFTP as tcpdump 4.99's print-tftp.c prints it.</summary>
internal static class TftpPrinter
{
    /// <summary>Prints a TFTP packet of <paramref name="length"/> bytes (the UDP payload).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        writer.Append("TFTP, length ");
        writer.AppendDecimal((uint)length);
        if (length < 2)
        {
            state.WriteTruncated(ref writer, "tftp");
            return;
        }
        if (!TftpPacket.TryRead(bytes, out var tftp, out _))
        {
            state.WriteTruncated(ref writer, "tftp", abandoned: true);
            return;
        }
        var opcode = tftp.Opcode;
        writer.Append(", ");
        var name = opcode switch
        {
            TftpPacket.ReadRequest => "RRQ",
            TftpPacket.WriteRequest => "WRQ",
            TftpPacket.Data => "DATA",
            TftpPacket.Acknowledgment => "ACK",
            TftpPacket.Error => "ERROR",
            TftpPacket.OptionAcknowledgment => "OACK",
            _ => null,
        };
        if (name is null)
        {
            writer.Append("tftp-#");
            writer.AppendDecimal(opcode);
            return;
        }
        writer.Append(name);
        var body = tftp.Body;
        length -= 2;
        switch (opcode)
        {
            case TftpPacket.ReadRequest:
            case TftpPacket.WriteRequest:
                if (length == 0)
                    break;
                writer.Append(" \"");
                var used = WriteString(ref writer, body, length);
                writer.Append('"');
                if (used == 0)
                    break;
                body = body[used..];
                length -= used;
                if (length == 0)
                    break;
                writer.Append(' ');
                used = WriteString(ref writer, body, length);
                if (used == 0)
                    break;
                body = body[used..];
                length -= used;
                WriteOptions(ref writer, state, body, length);
                return;
            case TftpPacket.OptionAcknowledgment:
                WriteOptions(ref writer, state, body, length);
                return;
            case TftpPacket.Acknowledgment:
            case TftpPacket.Data:
                if (length < 2)
                    break;
                if (tftp.BlockOrErrorCode < 0)
                {
                    state.WriteTruncated(ref writer, "tftp", abandoned: true);
                    return;
                }
                writer.Append(" block ");
                writer.AppendDecimal((uint)tftp.BlockOrErrorCode);
                return;
            default:
                if (length < 2)
                    break;
                var code = tftp.BlockOrErrorCode;
                if (code < 0)
                {
                    state.WriteTruncated(ref writer, "tftp", abandoned: true);
                    return;
                }
                writer.Append(' ');
                WriteErrorCode(ref writer, code);
                length -= 2;
                if (length == 0)
                    break;
                writer.Append(" \"");
                used = WriteString(ref writer, body[2..], length);
                writer.Append('"');
                if (used == 0)
                    break;
                return;
        }
        state.WriteTruncated(ref writer, "tftp");
    }

    /// <summary>Options (and OACK's values): each string after a space unless it is empty.</summary>
    private static void WriteOptions(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> body, int length)
    {
        while (length != 0)
        {
            if (body.IsEmpty)
            {
                state.WriteTruncated(ref writer, "tftp", abandoned: true);
                return;
            }
            if (body[0] != 0)
                writer.Append(' ');
            var used = WriteString(ref writer, body, length);
            if (used == 0)
            {
                state.WriteTruncated(ref writer, "tftp");
                return;
            }
            body = body[used..];
            length -= used;
        }
    }

    /// <summary>tcpdump's nd_printztn: the string up to its NUL (bytes used, NUL included), or all it could see and 0 when unterminated.</summary>
    private static int WriteString(ref LineWriter writer, ReadOnlySpan<byte> bytes, int limit)
    {
        var used = TftpPacket.TerminatedLength(bytes, limit);
        var text = used == 0 ? bytes[..Math.Min(bytes.Length, Math.Max(limit, 0))] : bytes[..(used - 1)];
        foreach (var c in text)
            PrintableText.Append(ref writer, c);
        return used;
    }

    private static void WriteErrorCode(ref LineWriter writer, int code)
    {
        string? name = code switch
        {
            0 => "EUNDEF", 1 => "ENOTFOUND", 2 => "EACCESS", 3 => "ENOSPACE", 4 => "EBADOP", 5 => "EBADID", 6 => "EEXISTS", 7 => "ENOUSER",
            _ => null,
        };
        if (name is not null)
        {
            writer.Append(name);
            return;
        }
        writer.Append("tftp-err-#");
        writer.AppendDecimal((uint)code);
        writer.Append(" \"");
    }
}
