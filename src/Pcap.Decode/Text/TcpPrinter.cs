using Pcap.Decode.Transport;

namespace Pcap.Decode.Text;

/// <summary>
/// TCP as tcpdump's <c>print-tcp.c</c> prints it, from the <see cref="TcpHeader"/> view (lax for cut-off headers): ports,
/// flags, relative sequence numbers, checksum verdict, window, options, then the application printer chosen by port.
/// </summary>
internal static class TcpPrinter
{
    /// <summary>Prints the segment in <paramref name="bytes"/>; <paramref name="length"/> is what the IP layer says it spans.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, in IpContext context)
    {
        if (!TcpHeader.TryReadPorts(bytes, out var tcp, out _))
        {
            state.WriteIpAddress(ref writer, context.Source);
            writer.Append(" > ");
            state.WriteIpAddress(ref writer, context.Destination);
            writer.Append(':');
            state.WriteTruncated(ref writer, "tcp");
            return;
        }
        var sourcePort = tcp.SourcePort;
        var destinationPort = tcp.DestinationPort;
        // tcpdump prints the ports as soon as they are captured, before the fixed 20 bytes are.
        Endpoints.Write(ref writer, state, in context, sourcePort, destinationPort, tcp: true);
        if (!tcp.HasFixedPart)
        {
            state.WriteTruncated(ref writer, "tcp");
            return;
        }
        var headerLength = tcp.HeaderLength;
        if (headerLength < TcpHeader.MinimumLength)
        {
            writer.Append(" tcp ");
            writer.AppendDecimal(unchecked((uint)(length - headerLength)));
            writer.Append(" [bad hdr length ");
            writer.AppendDecimal((uint)headerLength);
            writer.Append(" - too short, < 20]");
            return;
        }
        var options = state.Options;
        if (options.Quiet)
        {
            writer.Append("tcp ");
            writer.AppendDecimal(unchecked((uint)(length - headerLength)));
            if (headerLength > length)
                WriteTooLong(ref writer, headerLength, length);
            return;
        }
        var flags = tcp.Flags;
        writer.Append("Flags [");
        WriteFlags(ref writer, flags);
        writer.Append(']');
        var sequence = tcp.SequenceNumber;
        var acknowledgement = tcp.AcknowledgementNumber;
        var bases = default(TcpOptionsPrinter.SequenceBases);
        if ((flags & TcpFlags.Ack) != 0 && !options.AbsoluteTcpSequence)
        {
            state.TcpSequences.Relate(context.Source, context.Destination, sourcePort, destinationPort, (flags & TcpFlags.Syn) != 0,
                ref sequence, ref acknowledgement, out var reverse, out var baseSequence, out var baseAcknowledgement);
            bases = new(reverse, baseSequence, baseAcknowledgement);
        }
        if (headerLength > length)
        {
            WriteTooLong(ref writer, headerLength, length);
            return;
        }
        if (options.Verbose > 0 && !options.SkipChecksums && !context.Fragmented && bytes.Length >= length)
            WriteChecksum(ref writer, tcp, bytes[..length], in context);
        var dataLength = length - headerLength;
        if (options.Verbose > 1 || dataLength > 0 || (flags & (TcpFlags.Fin | TcpFlags.Syn | TcpFlags.Rst)) != 0)
        {
            writer.Append(", seq ");
            writer.AppendDecimal(sequence);
            if (dataLength > 0)
            {
                writer.Append(':');
                writer.AppendDecimal(unchecked(sequence + (uint)dataLength));
            }
        }
        if ((flags & TcpFlags.Ack) != 0)
        {
            writer.Append(", ack ");
            writer.AppendDecimal(acknowledgement);
        }
        writer.Append(", win ");
        writer.AppendDecimal(tcp.Window);
        if ((flags & TcpFlags.Urg) != 0)
        {
            writer.Append(", urg ");
            writer.AppendDecimal(tcp.UrgentPointer);
        }
        // tcpdump names truncation after its current printer, which stays "mptcp" once an MPTCP option was decoded.
        var printer = "tcp";
        if (headerLength > TcpHeader.MinimumLength
            && !TcpOptionsPrinter.Print(ref writer, state, tcp, payloadCaptured: bytes.Length >= length, bases, ref printer))
            return;
        writer.Append(", length ");
        writer.AppendDecimal((uint)dataLength);
        if (dataLength <= 0)
            return;
        if (!tcp.IsComplete)
        {
            // tcpdump needs the whole header captured before it looks at the payload.
            state.WriteHeaderNotCaptured(ref writer, bytes.Length, headerLength, printer);
            return;
        }
        if ((flags & TcpFlags.Rst) != 0 && options.Verbose > 0)
            WriteResetData(ref writer, tcp.Payload, dataLength);
        else
            ApplicationPrinter.PrintTcp(ref writer, state, tcp.Payload, dataLength, sourcePort, destinationPort);
    }

    private static void WriteTooLong(ref LineWriter writer, int headerLength, int length)
    {
        writer.Append(" [bad hdr length ");
        writer.AppendDecimal((uint)headerLength);
        writer.AppendNote(" - too long, > ", (uint)length, ']');
    }

    /// <summary><c>, cksum 0x1234 (correct)</c> or <c>(incorrect -&gt; 0x5678)</c> over the whole captured segment.</summary>
    private static void WriteChecksum(ref LineWriter writer, TcpHeader tcp, ReadOnlySpan<byte> segment, in IpContext context)
    {
        var stored = tcp.Checksum;
        var computed = Checksum.Compute(segment, Endpoints.PseudoHeaderSum(in context, 6, segment.Length));
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
        // tcpdump's safe printing of raw bytes: M- for the high bit, ^X for control characters.
        foreach (var b in captured[..Math.Min(length, captured.Length)])
            PrintableText.Append(ref writer, b);
        writer.Append(']');
    }

    private static void WriteFlags(ref LineWriter writer, TcpFlags flags)
    {
        if (flags == TcpFlags.None)
        {
            writer.Append("none");
            return;
        }
        if ((flags & TcpFlags.Fin) != 0) writer.Append('F');
        if ((flags & TcpFlags.Syn) != 0) writer.Append('S');
        if ((flags & TcpFlags.Rst) != 0) writer.Append('R');
        if ((flags & TcpFlags.Psh) != 0) writer.Append('P');
        if ((flags & TcpFlags.Ack) != 0) writer.Append('.');
        if ((flags & TcpFlags.Urg) != 0) writer.Append('U');
        if ((flags & TcpFlags.Ece) != 0) writer.Append('E');
        if ((flags & TcpFlags.Cwr) != 0) writer.Append('W');
    }
}
