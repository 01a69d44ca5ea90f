using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>PPP's authentication protocols as tcpdump 4.99's handle_pap and handle_chap (print-ppp.c) print them.</summary>
internal static class PppAuthenticationPrinter
{
    /// <summary>A PAP packet (RFC 1334) of <paramref name="length"/> bytes: the code and identifier, the peer and password or the message.</summary>
    public static void PrintPap(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var packet = PppControlPacket.ReadPartial(bytes);
        if (!TryWriteStart(ref writer, state, packet, length, pap: true))
            return;
        int encoded = packet.Length;
        if (encoded > length)
        {
            writer.Append(", length ");
            writer.AppendDecimal((uint)encoded);
            writer.Append(" > packet size");
            return;
        }
        length = encoded;
        if (length < PppControlPacket.HeaderLength)
        {
            writer.Append(", length ");
            writer.AppendDecimal((uint)length);
            writer.Append(" < PAP header length");
            return;
        }
        var at = PppControlPacket.HeaderLength;
        switch (packet.Code)
        {
            case 1:
                // Authenticate-Request: at least 6 bytes, a peer id and a password, each behind its length byte.
                if (encoded < 6)
                {
                    writer.Append("[|pap]");
                    return;
                }
                if (!WriteCountedText(ref writer, state, packet, ref at, length, ", Peer ") ||
                    !WriteCountedText(ref writer, state, packet, ref at, length, ", Name "))
                    return;
                break;
            case 2:
            case 3:
                // Authenticate-Ack and -Nak: at least 5 bytes, a message behind its length byte.
                if (encoded < 5)
                {
                    writer.Append("[|pap]");
                    return;
                }
                WriteCountedText(ref writer, state, packet, ref at, length, ", Msg ");
                break;
        }
    }

    /// <summary>A CHAP packet (RFC 1994) of <paramref name="length"/> bytes: the code and identifier, the value and name or the message.</summary>
    public static void PrintChap(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var packet = PppControlPacket.ReadPartial(bytes);
        if (!TryWriteStart(ref writer, state, packet, length, pap: false))
            return;
        int encoded = packet.Length;
        var at = PppControlPacket.HeaderLength;
        switch (packet.Code)
        {
            case 1:
            case 2:
                // Challenge and Response: the value in hex behind its length byte, then the name up to the encoded length.
                if (length - at < 1)
                    return;
                if (!packet.Has(at, 1))
                {
                    PppPrinter.Abandon(ref writer, state);
                    return;
                }
                int valueSize = packet.U8(at++);
                if (length - at < valueSize)
                    return;
                writer.Append(", Value ");
                for (var i = 0; i < valueSize; i++, at++)
                {
                    if (!packet.Has(at, 1))
                    {
                        PppPrinter.Abandon(ref writer, state);
                        return;
                    }
                    writer.AppendHexByte(packet.U8(at));
                }
                writer.Append(", Name ");
                WriteText(ref writer, state, packet, at, encoded - at);
                break;
            case 3:
            case 4:
                // Success and Failure: a message up to the encoded length.
                writer.Append(", Msg ");
                WriteText(ref writer, state, packet, at, encoded - at);
                break;
        }
    }

    /// <summary>
    /// The common start: tcpdump's marks for fewer than 4 bytes, then <c>PAP, Auth-Req (0x01), id N</c>; false when nothing
    /// more is to be printed (the length field not captured abandons the packet).
    /// </summary>
    private static bool TryWriteStart(ref LineWriter writer, PrintState state, PppControlPacket packet, int length, bool pap)
    {
        var protocol = pap ? "pap" : "chap";
        if (length < 1)
        {
            writer.Append("[|");
            writer.Append(protocol);
            writer.Append(']');
            return false;
        }
        if (!packet.Has(0, 1))
        {
            PppPrinter.Abandon(ref writer, state);
            return false;
        }
        if (length < PppControlPacket.HeaderLength)
        {
            writer.Append("[|");
            writer.Append(protocol);
            writer.Append(" 0x");
            writer.AppendHex(packet.Code, 2);
            writer.Append(']');
            return false;
        }
        writer.Append(pap ? "PAP, " : "CHAP, ");
        writer.Append((pap ? PapCodeName(packet.Code) : ChapCodeName(packet.Code)) ?? "unknown");
        writer.Append(" (0x");
        writer.AppendHex(packet.Code, 2);
        writer.Append(')');
        if (!packet.Has(1, 1))
        {
            PppPrinter.Abandon(ref writer, state);
            return false;
        }
        writer.Append(", id ");
        writer.AppendDecimal(packet.Identifier);
        if (!packet.Has(2, 2))
        {
            PppPrinter.Abandon(ref writer, state);
            return false;
        }
        return true;
    }

    /// <summary>A length byte and that many characters, when <paramref name="length"/> holds them; false to stop printing.</summary>
    private static bool WriteCountedText(ref LineWriter writer, PrintState state, PppControlPacket packet, ref int at, int length, string label)
    {
        if (length - at < 1)
            return false;
        if (!packet.Has(at, 1))
        {
            PppPrinter.Abandon(ref writer, state);
            return false;
        }
        int count = packet.U8(at++);
        if (length - at < count)
            return false;
        writer.Append(label);
        if (!WriteText(ref writer, state, packet, at, count))
            return false;
        at += count;
        return true;
    }

    /// <summary>
    /// <paramref name="count"/> characters as tcpdump's fn_print_char writes them; a negative count is tcpdump's unsigned
    /// wrap-around, which reads on to the end of the capture. False when the capture ends first (the packet is abandoned).
    /// </summary>
    private static bool WriteText(ref LineWriter writer, PrintState state, PppControlPacket packet, int at, int count)
    {
        var text = packet.From(at);
        var captured = at <= packet.Captured ? text.Length : 0;
        if (count >= 0 && count <= captured)
        {
            foreach (var b in text[..count])
                PrintableText.Append(ref writer, b);
            return true;
        }
        foreach (var b in text)
            PrintableText.Append(ref writer, b);
        PppPrinter.Abandon(ref writer, state);
        return false;
    }

    private static string? PapCodeName(byte code) => code switch { 1 => "Auth-Req", 2 => "Auth-ACK", 3 => "Auth-NACK", _ => null };

    private static string? ChapCodeName(byte code) => code switch { 1 => "Challenge", 2 => "Response", 3 => "Success", 4 => "Fail", _ => null };
}
