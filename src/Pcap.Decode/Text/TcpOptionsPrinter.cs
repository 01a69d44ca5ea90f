using System.Buffers.Binary;
using Pcap.Decode.Transport;

namespace Pcap.Decode.Text;

/// <summary>
/// The <c>, options [...]</c> list of a TCP header as tcpdump's <c>tcp_print</c> walks it: over the option bytes the header
/// length announces, telling a bad length from a cut-off capture.
/// </summary>
internal static class TcpOptionsPrinter
{
    /// <summary>Where relative SACK edges count from: the conversation's bases and which direction this segment goes.</summary>
    public readonly record struct SequenceBases(bool Reverse, uint Sequence, uint Acknowledgement);

    /// <summary>
    /// Prints the options of <paramref name="tcp"/> (its header length is over 20); false when tcpdump stopped the line inside them.
    /// <paramref name="printer"/> is the name truncation marks carry, "mptcp" once an MPTCP option was decoded.
    /// </summary>
    public static bool Print(ref LineWriter writer, PrintState state, TcpHeader tcp, bool payloadCaptured, SequenceBases bases, ref string printer)
    {
        writer.Append(", options [");
        // Not tcp.Options: a last option starting on the header's final byte has its length byte read from the payload.
        var options = tcp.Bytes[TcpHeader.MinimumLength..];
        var remaining = tcp.HeaderLength - TcpHeader.MinimumLength;
        var offset = 0;
        var first = true;
        while (remaining > 0)
        {
            if (!first)
                writer.Append(',');
            if (offset >= options.Length)
                return Truncated(ref writer, state, first, printer, abandoned: true);
            var kind = options[offset++];
            int optionLength;
            if (kind is 0 or 1)
            {
                optionLength = 1;
            }
            else
            {
                if (offset >= options.Length)
                    return Truncated(ref writer, state, first, printer, abandoned: true);
                optionLength = options[offset++];
                if (optionLength < 2 || optionLength > remaining)
                    return Bad(ref writer, first);
                remaining--;
            }
            remaining--;
            var dataLength = 0;
            var check = new LengthCheck(first, printer, remaining, options.Length - offset);
            bool stop;
            // tcpdump's tcp_option_values; any other kind prints as unknown-N.
            writer.Append(kind switch
            {
                0 => "eol",
                1 => "nop",
                2 => "mss",
                3 => "wscale",
                4 => "sackOK",
                5 => "sack",
                6 => "echo",
                7 => "echoreply",
                8 => "TS",
                11 => "cc",
                12 => "ccnew",
                13 => "",
                19 => "md5",
                20 => "scps",
                28 => "uto",
                29 => "tcp-ao",
                30 => "mptcp",
                34 => "tfo",
                254 => "exp",
                _ => "unknown-",
            });
            var data = options[offset..];
            switch (kind)
            {
                case 0:
                case 1:
                case 4:
                    break;
                case 2:
                    dataLength = 2;
                    if (!check.Fits(ref writer, state, 2, out stop)) return stop;
                    writer.Append(' ');
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(data));
                    break;
                case 3:
                    dataLength = 1;
                    if (!check.Fits(ref writer, state, 1, out stop)) return stop;
                    writer.Append(' ');
                    writer.AppendDecimal(data[0]);
                    break;
                case 5:
                    dataLength = optionLength - 2;
                    if (dataLength % 8 != 0)
                    {
                        writer.Append(" invalid sack");
                        break;
                    }
                    writer.Append(' ');
                    writer.AppendDecimal((uint)(dataLength / 8));
                    writer.Append(' ');
                    for (var i = 0; i < dataLength; i += 8)
                    {
                        if (!check.Fits(ref writer, state, i + 4, out stop)) return stop;
                        var start = BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
                        if (!check.Fits(ref writer, state, i + 8, out stop)) return stop;
                        var end = BinaryPrimitives.ReadUInt32BigEndian(data[(i + 4)..]);
                        var origin = bases.Reverse ? bases.Sequence : bases.Acknowledgement;
                        writer.Append('{');
                        writer.AppendDecimal(unchecked(start - origin));
                        writer.Append(':');
                        writer.AppendDecimal(unchecked(end - origin));
                        writer.Append('}');
                    }
                    break;
                case 8:
                    dataLength = 8;
                    if (!check.Fits(ref writer, state, 8, out stop)) return stop;
                    writer.Append(" val ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(data));
                    writer.Append(" ecr ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
                    break;
                case 6:
                case 7:
                case 11:
                case 12:
                case 13:
                    dataLength = 4;
                    if (!check.Fits(ref writer, state, 4, out stop)) return stop;
                    writer.Append(' ');
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(data));
                    break;
                case 28:
                    dataLength = 2;
                    if (!check.Fits(ref writer, state, 2, out stop)) return stop;
                    var timeout = BinaryPrimitives.ReadUInt16BigEndian(data);
                    writer.Append(" 0x");
                    writer.AppendHex(timeout);
                    writer.Append(' ');
                    writer.AppendDecimal((timeout & 1) != 0 ? (uint)(timeout >> 1) * 60 : (uint)(timeout >> 1));
                    break;
                case 19:
                    dataLength = 16;
                    if (!check.Fits(ref writer, state, 16, out stop)) return stop;
                    // tcpdump (built with libcrypto) checks the signature only with -M's secret, which we never have.
                    writer.Append(payloadCaptured ? " shared secret not supplied with -M, can't check - " : " snaplen too short, can't check - ");
                    foreach (var b in data[..16])
                        writer.AppendHexByte(b);
                    break;
                case 20:
                    dataLength = 2;
                    if (!check.Fits(ref writer, state, 2, out stop)) return stop;
                    writer.Append(" cap ");
                    writer.AppendHexByte(data[0]);
                    writer.Append(" id ");
                    writer.AppendDecimal(data[1]);
                    break;
                case 29:
                    dataLength = optionLength - 2;
                    if (dataLength < 2)
                    {
                        writer.Append(" (invalid)");
                        break;
                    }
                    if (!check.Fits(ref writer, state, 1, out stop)) return stop;
                    writer.Append(" keyid ");
                    writer.AppendDecimal(data[0]);
                    if (!check.Fits(ref writer, state, 2, out stop)) return stop;
                    writer.Append(" rnextkeyid ");
                    writer.AppendDecimal(data[1]);
                    if (dataLength > 2)
                    {
                        writer.Append(" mac 0x");
                        if (!check.FitsAsHex(ref writer, state, data, 2, dataLength, out stop)) return stop;
                    }
                    break;
                case 30:
                    dataLength = optionLength - 2;
                    if (!check.Fits(ref writer, state, dataLength, out stop)) return stop;
                    printer = "mptcp";
                    if (!MptcpPrinter.Print(ref writer, state, options.Slice(offset - 2, optionLength), tcp.Flags)) return Bad(ref writer, first);
                    break;
                case 34:
                    dataLength = optionLength - 2;
                    if (!check.Fits(ref writer, state, dataLength, out stop)) return stop;
                    writer.Append(' ');
                    WriteFastOpenCookie(ref writer, data[..dataLength]);
                    break;
                case 254:
                    // RFC 6994 experiments: a 16-bit magic number, TCP Fast Open's (0xf989) with its cookie.
                    dataLength = optionLength - 2;
                    if (!check.Fits(ref writer, state, dataLength, out stop)) return stop;
                    if (dataLength < 2) return Bad(ref writer, first);
                    var magic = BinaryPrimitives.ReadUInt16BigEndian(data);
                    writer.Append('-');
                    if (magic != 0xf989)
                    {
                        writer.AppendHex(magic, 4);
                        break;
                    }
                    writer.Append("tfo");
                    WriteFastOpenCookie(ref writer, data[2..dataLength]);
                    break;
                default:
                    writer.AppendDecimal(kind);
                    dataLength = optionLength - 2;
                    if (dataLength > 0)
                        writer.Append(" 0x");
                    if (!check.FitsAsHex(ref writer, state, data, 0, dataLength, out stop)) return stop;
                    break;
            }
            offset += dataLength;
            remaining -= dataLength;
            var expected = dataLength + (kind is 0 or 1 ? 1 : 2);
            if (expected != optionLength)
                writer.AppendNote("[len ", (uint)optionLength);
            first = false;
            if (kind == 0)
                break;
        }
        writer.Append(']');
        return true;
    }

    /// <summary>tcpdump's print_tcp_fastopen_option: a cookie request, a cookie, or (invalid) for a length RFC 7413 forbids.</summary>
    private static void WriteFastOpenCookie(ref LineWriter writer, ReadOnlySpan<byte> cookie)
    {
        if (cookie.Length == 0)
        {
            writer.Append(" cookiereq");
        }
        else if (cookie.Length % 2 != 0 || cookie.Length < 4 || cookie.Length > 16)
        {
            writer.Append(" (invalid)");
        }
        else
        {
            writer.Append(" cookie ");
            foreach (var b in cookie)
                writer.AppendHexByte(b);
        }
    }

    /// <summary>
    /// tcpdump's <c>LENCHECK</c> for one option: a number of its data bytes must lie inside the header (else "[bad opt]") and
    /// inside the capture (else a truncation); when not, the option printer returns what <c>stop</c> says.
    /// </summary>
    private readonly struct LengthCheck(bool first, string printer, int remaining, int available)
    {
        public bool Fits(ref LineWriter writer, PrintState state, int needed, out bool stop)
        {
            if (needed > remaining)
            {
                stop = Bad(ref writer, first);
                return false;
            }
            if (needed > available)
            {
                stop = Truncated(ref writer, state, first, printer);
                return false;
            }
            stop = true;
            return true;
        }

        /// <summary>The data bytes from <paramref name="start"/> up to <paramref name="end"/> in hex, each checked before it is read.</summary>
        public bool FitsAsHex(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, int start, int end, out bool stop)
        {
            stop = true;
            for (var i = start; i < end; i++)
            {
                if (!Fits(ref writer, state, i + 1, out stop))
                    return false;
                writer.AppendHexByte(data[i]);
            }
            return true;
        }
    }

    /// <summary>tcpdump closes the bracket after a bad option only once an option has been printed.</summary>
    private static bool Bad(ref LineWriter writer, bool first)
    {
        writer.Append("[bad opt]");
        if (!first)
            writer.Append(']');
        return false;
    }

    /// <summary>Option bytes missing: a length check prints tcpdump's leftover <c>&gt;</c>; a failed byte read long-jumps without it.</summary>
    private static bool Truncated(ref LineWriter writer, PrintState state, bool first, string printer, bool abandoned = false)
    {
        state.WriteTruncated(ref writer, printer, abandoned);
        if (!abandoned && !first)
            writer.Append('>');
        return false;
    }
}
