using System.Buffers.Binary;
using Pcap.Decode.Transport;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    internal void WriteTcp(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, in IpContext context)
    {
        if (bytes.Length < 4)
        {
            WriteIpAddress(ref writer, context.Source);
            writer.Append(" > ");
            WriteIpAddress(ref writer, context.Destination);
            writer.Append(':');
            WriteTruncated(ref writer, "tcp");
            return;
        }
        if (!TcpHeader.TryReadFixedPart(bytes, out var tcp, out _))
        {
            // tcpdump prints the ports as soon as they are captured, before the view's 20 bytes are.
            WriteEndpoints(ref writer, in context, BinaryPrimitives.ReadUInt16BigEndian(bytes), BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]), tcp: true);
            WriteTruncated(ref writer, "tcp");
            return;
        }
        var sourcePort = tcp.SourcePort;
        var destinationPort = tcp.DestinationPort;
        WriteEndpoints(ref writer, in context, sourcePort, destinationPort, tcp: true);
        var headerLength = tcp.HeaderLength;
        if (headerLength < 20)
        {
            writer.Append(" tcp ");
            writer.AppendDecimal(unchecked((uint)(length - headerLength)));
            writer.Append(" [bad hdr length ");
            writer.AppendDecimal((uint)headerLength);
            writer.Append(" - too short, < 20]");
            return;
        }
        var sequence = tcp.SequenceNumber;
        var acknowledgement = tcp.AcknowledgementNumber;
        var window = tcp.Window;
        var urgent = tcp.UrgentPointer;
        if (_options.Quiet)
        {
            writer.Append("tcp ");
            writer.AppendDecimal(unchecked((uint)(length - headerLength)));
            if (headerLength > length)
            {
                writer.Append(" [bad hdr length ");
                writer.AppendDecimal((uint)headerLength);
                WriteNote(ref writer, " - too long, > ", (uint)length);
            }
            return;
        }
        var flags = (byte)tcp.Flags;
        writer.Append("Flags [");
        WriteTcpFlags(ref writer, flags);
        writer.Append(']');
        var reverse = false;
        uint baseSequence = 0, baseAcknowledgement = 0;
        if ((flags & 0x10) != 0 && !_options.AbsoluteTcpSequence)
            _tcpSequences.Relate(context.Source, context.Destination, sourcePort, destinationPort, (flags & 0x02) != 0,
                ref sequence, ref acknowledgement, out reverse, out baseSequence, out baseAcknowledgement);
        if (headerLength > length)
        {
            writer.Append(" [bad hdr length ");
            writer.AppendDecimal((uint)headerLength);
            WriteNote(ref writer, " - too long, > ", (uint)length);
            return;
        }
        if (_options.Verbose > 0 && !context.Fragmented && bytes.Length >= length)
        {
            var stored = tcp.Checksum;
            var computed = Checksum.Compute(bytes[..length], PseudoHeaderSum(in context, 6, length));
            writer.Append(", cksum 0x");
            writer.AppendHex(stored, 4);
            if (computed != 0)
            {
                writer.Append(" (incorrect -> 0x");
                writer.AppendHex(Checksum.ShouldBe(stored, computed), 4);
                writer.Append(')');
            }
            else
            {
                writer.Append(" (correct)");
            }
        }
        var dataLength = length - headerLength;
        if (_options.Verbose > 1 || dataLength > 0 || (flags & 0x07) != 0)
        {
            writer.Append(", seq ");
            writer.AppendDecimal(sequence);
            if (dataLength > 0)
            {
                writer.Append(':');
                writer.AppendDecimal(unchecked(sequence + (uint)dataLength));
            }
        }
        if ((flags & 0x10) != 0)
        {
            writer.Append(", ack ");
            writer.AppendDecimal(acknowledgement);
        }
        writer.Append(", win ");
        writer.AppendDecimal(window);
        if ((flags & 0x20) != 0)
        {
            writer.Append(", urg ");
            writer.AppendDecimal(urgent);
        }
        // tcpdump names truncation after its current printer, which stays "mptcp" once an MPTCP option was decoded.
        var printer = "tcp";
        if (headerLength > 20 && !WriteTcpOptions(ref writer, bytes, headerLength, flags, payloadCaptured: bytes.Length >= length, reverse, baseSequence, baseAcknowledgement, ref printer))
            return;
        writer.Append(", length ");
        writer.AppendDecimal((uint)dataLength);
        if (dataLength > 0 && bytes.Length < headerLength)
        {
            // tcpdump needs the whole header captured before it looks at the payload.
            WriteHeaderNotCaptured(ref writer, bytes.Length, headerLength, printer);
            return;
        }
        if (dataLength > 0 && (flags & 0x04) != 0 && _options.Verbose > 0)
            WriteResetData(ref writer, bytes.Length > headerLength ? bytes[headerLength..] : default, dataLength);
        else if (dataLength > 0)
            WriteTcpApplication(ref writer, bytes[headerLength..], dataLength, sourcePort, destinationPort);
    }

    /// <summary>RFC 1122 lets a RST carry text; tcpdump <c>-v</c> shows up to 30 bytes of it.</summary>
    private static void WriteResetData(ref LineWriter writer, ReadOnlySpan<byte> captured, int length)
    {
        writer.Append(captured.Length >= length ? " [RST" : " [!RST");
        if (length > 30)
        {
            length = 30;
            writer.Append('+');
        }
        writer.Append(' ');
        WriteEscaped(ref writer, captured[..Math.Min(length, captured.Length)]);
        writer.Append(']');
    }

    /// <summary>tcpdump's safe printing of raw bytes: <c>M-</c> for the high bit, <c>^X</c> for control characters.</summary>
    private static void WriteEscaped(ref LineWriter writer, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            PrintableText.Append(ref writer, b);
    }

    private static void WriteTcpFlags(ref LineWriter writer, byte flags)
    {
        if (flags == 0)
        {
            writer.Append("none");
            return;
        }
        if ((flags & 0x01) != 0) writer.Append('F');
        if ((flags & 0x02) != 0) writer.Append('S');
        if ((flags & 0x04) != 0) writer.Append('R');
        if ((flags & 0x08) != 0) writer.Append('P');
        if ((flags & 0x10) != 0) writer.Append('.');
        if ((flags & 0x20) != 0) writer.Append('U');
        if ((flags & 0x40) != 0) writer.Append('E');
        if ((flags & 0x80) != 0) writer.Append('W');
    }

    /// <summary>The <c>, options [...]</c> list; false when tcpdump stopped the line inside it.</summary>
    private bool WriteTcpOptions(ref LineWriter writer, ReadOnlySpan<byte> bytes, int headerLength, byte flags, bool payloadCaptured, bool reverse, uint baseSequence, uint baseAcknowledgement, ref string printer)
    {
        writer.Append(", options [");
        var remaining = headerLength - 20;
        var offset = 20;
        var first = true;
        while (remaining > 0)
        {
            if (!first)
                writer.Append(',');
            if (offset >= bytes.Length)
                return TcpOptionsTruncated(ref writer, first, printer, abandoned: true);
            var kind = bytes[offset++];
            int optionLength;
            if (kind is 0 or 1)
            {
                optionLength = 1;
            }
            else
            {
                if (offset >= bytes.Length)
                    return TcpOptionsTruncated(ref writer, first, printer, abandoned: true);
                optionLength = bytes[offset++];
                if (optionLength < 2 || optionLength > remaining)
                    return TcpOptionsBad(ref writer, first);
                remaining--;
            }
            remaining--;
            var dataLength = 0;
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
            switch (kind)
            {
                case 0:
                case 1:
                case 4:
                    break;
                case 2:
                    dataLength = 2;
                    if (!TcpOptionFits(ref writer, first, printer, 2, remaining, bytes.Length - offset, out stop)) return stop;
                    writer.Append(' ');
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[offset..]));
                    break;
                case 3:
                    dataLength = 1;
                    if (!TcpOptionFits(ref writer, first, printer, 1, remaining, bytes.Length - offset, out stop)) return stop;
                    writer.Append(' ');
                    writer.AppendDecimal(bytes[offset]);
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
                        if (!TcpOptionFits(ref writer, first, printer, i + 4, remaining, bytes.Length - offset, out stop)) return stop;
                        var start = BinaryPrimitives.ReadUInt32BigEndian(bytes[(offset + i)..]);
                        if (!TcpOptionFits(ref writer, first, printer, i + 8, remaining, bytes.Length - offset, out stop)) return stop;
                        var end = BinaryPrimitives.ReadUInt32BigEndian(bytes[(offset + i + 4)..]);
                        var origin = reverse ? baseSequence : baseAcknowledgement;
                        writer.Append('{');
                        writer.AppendDecimal(unchecked(start - origin));
                        writer.Append(':');
                        writer.AppendDecimal(unchecked(end - origin));
                        writer.Append('}');
                    }
                    break;
                case 8:
                    dataLength = 8;
                    if (!TcpOptionFits(ref writer, first, printer, 8, remaining, bytes.Length - offset, out stop)) return stop;
                    writer.Append(" val ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(bytes[offset..]));
                    writer.Append(" ecr ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(bytes[(offset + 4)..]));
                    break;
                case 6:
                case 7:
                case 11:
                case 12:
                case 13:
                    dataLength = 4;
                    if (!TcpOptionFits(ref writer, first, printer, 4, remaining, bytes.Length - offset, out stop)) return stop;
                    writer.Append(' ');
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(bytes[offset..]));
                    break;
                case 28:
                    dataLength = 2;
                    if (!TcpOptionFits(ref writer, first, printer, 2, remaining, bytes.Length - offset, out stop)) return stop;
                    var timeout = BinaryPrimitives.ReadUInt16BigEndian(bytes[offset..]);
                    writer.Append(" 0x");
                    writer.AppendHex(timeout);
                    writer.Append(' ');
                    writer.AppendDecimal((timeout & 1) != 0 ? (uint)(timeout >> 1) * 60 : (uint)(timeout >> 1));
                    break;
                case 19:
                    dataLength = 16;
                    if (!TcpOptionFits(ref writer, first, printer, 16, remaining, bytes.Length - offset, out stop)) return stop;
                    // tcpdump (built with libcrypto) checks the signature only with -M's secret, which we never have.
                    writer.Append(payloadCaptured ? " shared secret not supplied with -M, can't check - " : " snaplen too short, can't check - ");
                    for (var i = 0; i < 16; i++)
                        writer.AppendHexByte(bytes[offset + i]);
                    break;
                case 20:
                    dataLength = 2;
                    if (!TcpOptionFits(ref writer, first, printer, 2, remaining, bytes.Length - offset, out stop)) return stop;
                    writer.Append(" cap ");
                    writer.AppendHexByte(bytes[offset]);
                    writer.Append(" id ");
                    writer.AppendDecimal(bytes[offset + 1]);
                    break;
                case 29:
                    dataLength = optionLength - 2;
                    if (dataLength < 2)
                    {
                        writer.Append(" (invalid)");
                        break;
                    }
                    if (!TcpOptionFits(ref writer, first, printer, 1, remaining, bytes.Length - offset, out stop)) return stop;
                    writer.Append(" keyid ");
                    writer.AppendDecimal(bytes[offset]);
                    if (!TcpOptionFits(ref writer, first, printer, 2, remaining, bytes.Length - offset, out stop)) return stop;
                    writer.Append(" rnextkeyid ");
                    writer.AppendDecimal(bytes[offset + 1]);
                    if (dataLength > 2)
                    {
                        writer.Append(" mac 0x");
                        for (var i = 2; i < dataLength; i++)
                        {
                            if (!TcpOptionFits(ref writer, first, printer, i + 1, remaining, bytes.Length - offset, out stop)) return stop;
                            writer.AppendHexByte(bytes[offset + i]);
                        }
                    }
                    break;
                case 30:
                    dataLength = optionLength - 2;
                    if (!TcpOptionFits(ref writer, first, printer, dataLength, remaining, bytes.Length - offset, out stop)) return stop;
                    printer = "mptcp";
                    if (!WriteMptcpOption(ref writer, bytes.Slice(offset - 2, optionLength), flags)) return TcpOptionsBad(ref writer, first);
                    break;
                case 34:
                    dataLength = optionLength - 2;
                    if (!TcpOptionFits(ref writer, first, printer, dataLength, remaining, bytes.Length - offset, out stop)) return stop;
                    writer.Append(' ');
                    WriteFastOpenCookie(ref writer, bytes.Slice(offset, dataLength));
                    break;
                case 254:
                    // RFC 6994 experiments: a 16-bit magic number, TCP Fast Open's (0xf989) with its cookie.
                    dataLength = optionLength - 2;
                    if (!TcpOptionFits(ref writer, first, printer, dataLength, remaining, bytes.Length - offset, out stop)) return stop;
                    if (dataLength < 2) return TcpOptionsBad(ref writer, first);
                    var magic = BinaryPrimitives.ReadUInt16BigEndian(bytes[offset..]);
                    writer.Append('-');
                    if (magic != 0xf989)
                    {
                        writer.AppendHex(magic, 4);
                        break;
                    }
                    writer.Append("tfo");
                    WriteFastOpenCookie(ref writer, bytes.Slice(offset + 2, dataLength - 2));
                    break;
                default:
                    writer.AppendDecimal(kind);
                    dataLength = optionLength - 2;
                    if (dataLength > 0)
                        writer.Append(" 0x");
                    for (var i = 0; i < dataLength; i++)
                    {
                        if (!TcpOptionFits(ref writer, first, printer, i + 1, remaining, bytes.Length - offset, out stop)) return stop;
                        writer.AppendHexByte(bytes[offset + i]);
                    }
                    break;
            }
            offset += dataLength;
            remaining -= dataLength;
            var expected = dataLength + (kind is 0 or 1 ? 1 : 2);
            if (expected != optionLength)
            {
                WriteNote(ref writer, "[len ", (uint)optionLength);
            }
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
    /// tcpdump's <c>LENCHECK</c>: <paramref name="needed"/> option bytes must lie inside the header (else "[bad opt]") and inside
    /// the capture (else a truncation); <paramref name="stop"/> is what the option printer then returns.
    /// </summary>
    private bool TcpOptionFits(ref LineWriter writer, bool first, string printer, int needed, int remaining, int available, out bool stop)
    {
        if (needed > remaining)
        {
            stop = TcpOptionsBad(ref writer, first);
            return false;
        }
        if (needed > available)
        {
            stop = TcpOptionsTruncated(ref writer, first, printer);
            return false;
        }
        stop = true;
        return true;
    }

    /// <summary>tcpdump closes the bracket after a bad option only once an option has been printed.</summary>
    private static bool TcpOptionsBad(ref LineWriter writer, bool first)
    {
        writer.Append("[bad opt]");
        if (!first)
            writer.Append(']');
        return false;
    }

    /// <summary>Option bytes missing: a length check prints tcpdump's leftover <c>&gt;</c>; a failed byte read long-jumps without it.</summary>
    private bool TcpOptionsTruncated(ref LineWriter writer, bool first, string printer, bool abandoned = false)
    {
        WriteTruncated(ref writer, printer, abandoned);
        if (!abandoned && !first)
            writer.Append('>');
        return false;
    }
}
