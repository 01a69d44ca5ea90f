using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>PPPoE discovery and session packets as tcpdump 4.99's print-pppoe.c prints them: the code and tags, or the PPP frame.</summary>
internal static class PppoePrinter
{
    // tcpdump copies at most 79 bytes of a tag's value into its text buffer.
    private const int MaxTagText = 79;
    private const string UpperHex = "0123456789ABCDEF";

    /// <summary>Prints a packet of <paramref name="length"/> bytes (an EtherType 0x8863 or 0x8864 payload).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (length < PppoeHeader.Length)
        {
            writer.Append(" (length ");
            writer.AppendDecimal((uint)length);
            writer.Append(" < 6) (invalid)");
            return;
        }
        length -= PppoeHeader.Length;
        if (!PppoeHeader.TryRead(bytes, out var pppoe, out _))
        {
            Truncated(ref writer, state);
            return;
        }
        if (pppoe.Version != 1)
        {
            writer.Append(" [ver ");
            writer.AppendDecimal((uint)pppoe.Version);
            writer.Append(']');
        }
        if (pppoe.Type != 1)
        {
            writer.Append(" [type ");
            writer.AppendDecimal((uint)pppoe.Type);
            writer.Append(']');
        }
        writer.Append("PPPoE ");
        var code = pppoe.Code;
        var codeName = CodeName(code);
        if (codeName is null)
        {
            writer.Append("PAD-");
            writer.AppendHex(code);
        }
        else
        {
            writer.Append(codeName);
        }
        int payloadLength = pppoe.PayloadLength;
        // RFC 2516: a PADI, with its headers, must fit in 1484 bytes.
        if (code == PppoeHeader.Padi && payloadLength > 1484 - PppoeHeader.Length)
        {
            writer.Append(" [len ");
            writer.AppendDecimal((uint)payloadLength);
            writer.Append("!]");
        }
        if (payloadLength > length)
        {
            writer.Append(" [len ");
            writer.AppendDecimal((uint)payloadLength);
            writer.Append(" > ");
            writer.AppendDecimal((uint)length);
            writer.Append("!]");
            payloadLength = length;
        }
        if (pppoe.SessionId != 0)
        {
            writer.Append(" [ses 0x");
            writer.AppendHex(pppoe.SessionId);
            writer.Append(']');
        }
        if (code == PppoeHeader.SessionData)
        {
            writer.Append(' ');
            PppPrinter.Print(ref writer, state, pppoe.Payload, payloadLength);
            return;
        }
        PrintTags(ref writer, state, pppoe, payloadLength);
    }

    /// <summary>The tags up to End-Of-List or the payload length; a tag header or value not captured ends the packet.</summary>
    private static void PrintTags(ref LineWriter writer, PrintState state, PppoeHeader pppoe, int payloadLength)
    {
        var payload = pppoe.Payload;
        var at = 0;
        ushort type = 0xffff;
        while (type != PppoeHeader.EndOfList && at < payloadLength)
        {
            if (!pppoe.TryReadTag(at, out type, out var tagLength))
            {
                Truncated(ref writer, state);
                return;
            }
            at += PppoeHeader.TagHeaderLength;
            // tcpdump checks the whole value before writing any of the tag.
            if (payload.Length - at < tagLength)
            {
                Truncated(ref writer, state);
                return;
            }
            writer.Append(" [");
            WriteTagName(ref writer, type);
            if (tagLength != 0)
                WriteTagValue(ref writer, payload.Slice(at, tagLength));
            writer.Append(']');
            at += tagLength;
        }
    }

    private static void WriteTagName(ref LineWriter writer, ushort type)
    {
        var name = TagName(type);
        if (name is null)
        {
            writer.Append("TAG-0x");
            writer.AppendHex(type);
        }
        else
        {
            writer.Append(name);
        }
    }

    /// <summary>The value as text when most of its first 79 bytes are printable, else all of it in upper-case hex.</summary>
    private static void WriteTagValue(ref LineWriter writer, ReadOnlySpan<byte> value)
    {
        var shown = value[..Math.Min(value.Length, MaxTagText)];
        var printable = 0;
        foreach (var b in shown)
        {
            if (IsPrintable(b))
                printable++;
        }
        if (printable > shown.Length - printable)
        {
            writer.Append(" \"");
            foreach (var b in shown)
                writer.Append(IsPrintable(b) ? (char)b : '.');
            writer.Append('"');
            return;
        }
        writer.Append(" 0x");
        foreach (var b in value)
        {
            writer.Append(UpperHex[b >> 4]);
            writer.Append(UpperHex[b & 0xf]);
        }
    }

    private static bool IsPrintable(byte b) => b is >= 0x20 and < 0x7f;

    /// <summary>tcpdump's pppoecode2str; the session code 0 prints as an empty name.</summary>
    private static string? CodeName(byte code) => code switch
    {
        PppoeHeader.Padi => "PADI",
        PppoeHeader.Pado => "PADO",
        PppoeHeader.Padr => "PADR",
        PppoeHeader.Pads => "PADS",
        PppoeHeader.Padt => "PADT",
        PppoeHeader.SessionData => "",
        _ => null,
    };

    /// <summary>tcpdump's pppoetag2str.</summary>
    private static string? TagName(ushort type) => type switch
    {
        PppoeHeader.EndOfList => "EOL",
        0x0101 => "Service-Name",
        0x0102 => "AC-Name",
        0x0103 => "Host-Uniq",
        0x0104 => "AC-Cookie",
        0x0105 => "Vendor-Specific",
        0x0110 => "Relay-Session-ID",
        0x0120 => "PPP-Max-Payload",
        0x0201 => "Service-Name-Error",
        0x0202 => "AC-System-Error",
        0x0203 => "Generic-Error",
        _ => null,
    };

    private static void Truncated(ref LineWriter writer, PrintState state) => state.WriteTruncated(ref writer, "pppoe", abandoned: true);
}
