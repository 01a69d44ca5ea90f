using System.Buffers.Binary;
using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>EAP as tcpdump 4.99's print-eap.c (eap_print) prints it inside a RADIUS EAP-Message attribute.</summary>
internal static class EapPrinter
{
    /// <summary>
    /// Prints the EAP packet at the start of <paramref name="bytes"/> (all that was captured from there) that its carrier says is
    /// <paramref name="length"/> bytes; <paramref name="protocol"/> names the carrier in truncation marks. False when tcpdump
    /// gives up on the packet (a read past the capture).
    /// </summary>
    public static bool Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, string protocol)
    {
        if (!EapPacket.TryRead(bytes, out var eap, out _))
        {
            state.WriteTruncated(ref writer, protocol, abandoned: true);
            return false;
        }
        int eapLength = eap.Length;
        if (eapLength != length)
        {
            // Probably a fragment: RADIUS may split a message over attributes without repeating the header.
            writer.Append("EAP fragment?");
            return true;
        }
        writer.Append(eap.Code switch { 1 => "Request", 2 => "Response", 3 => "Success", 4 => "Failure", _ => "unknown" });
        writer.Append(" (");
        writer.AppendDecimal(eap.Code);
        writer.Append("), id ");
        writer.AppendDecimal(eap.Identifier);
        writer.Append(", len ");
        writer.AppendDecimal((uint)eapLength);
        if (eapLength < EapPacket.HeaderLength)
        {
            writer.Append(" (too short for EAP header)");
            return true;
        }
        if (bytes.Length < eapLength)
        {
            state.WriteTruncated(ref writer, protocol);
            return true;
        }
        if (eap.Code is not (EapPacket.Request or EapPacket.Response))
            return true;
        if (eapLength < 5)
        {
            writer.Append(" (too short for EAP request/response)");
            return true;
        }
        var data = eap.Bytes[..eapLength];
        var type = data[4];
        writer.Append("\n\t\t Type ");
        writer.Append(TypeName(type) ?? "unknown");
        writer.Append(" (");
        writer.AppendDecimal(type);
        writer.Append(')');
        switch (type)
        {
            case 1: // Identity: the text is optional
                if (eapLength > 5)
                {
                    writer.Append(", Identity: ");
                    WriteText(ref writer, data[5..]);
                }
                break;
            case 2:
                if (eapLength < 6)
                {
                    writer.Append(" (too short for EAP Notification request/response)");
                    break;
                }
                writer.Append(", Notification: ");
                WriteText(ref writer, data[5..]);
                break;
            case 3: // Legacy Nak: the types the peer wants instead
                if (eapLength < 6)
                {
                    writer.Append(" (too short for EAP Legacy NAK request/response)");
                    break;
                }
                for (var i = 5; i < eapLength; i++)
                {
                    if (i > 5)
                        writer.Append(',');
                    writer.Append(' ');
                    writer.Append(TypeName(data[i]) ?? "unknown");
                    writer.Append(" (");
                    writer.AppendDecimal(data[i]);
                    writer.Append(')');
                }
                break;
            case 13:
            case 21:
            case 43:
                WriteTlsFlags(ref writer, data, type);
                break;
            case 18:
            case 23:
                if (eapLength < 6)
                {
                    writer.Append(" (too short for EAP SIM/AKA request/response)");
                    break;
                }
                writer.Append(" subtype [");
                writer.Append(SubtypeName(data[5]) ?? "unknown");
                writer.Append("] 0x");
                writer.AppendHexByte(data[5]);
                break;
        }
        return true;
    }

    /// <summary>TLS, TTLS and FAST: version (TTLS, FAST), flags, and the message length when the L bit says one follows.</summary>
    private static void WriteTlsFlags(ref LineWriter writer, ReadOnlySpan<byte> data, byte type)
    {
        var name = type == 43 ? "FAST" : "TLS/TTLS";
        if (data.Length < 6)
        {
            writer.Append(" (too short for EAP ");
            writer.Append(name);
            writer.Append(" request/response)");
            return;
        }
        var flags = data[5];
        if (type != 13)
        {
            writer.Append(type == 43 ? " FASTv" : " TTLSv");
            writer.AppendDecimal(flags & 7u);
        }
        writer.Append(" flags [");
        var first = true;
        BitNames.Append(ref writer, flags, 0x80, "L bit", ref first);
        BitNames.Append(ref writer, flags, 0x40, "More fragments bit", ref first);
        BitNames.Append(ref writer, flags, 0x20, "Start bit", ref first);
        if (first)
            writer.Append("none");
        writer.Append("] 0x");
        writer.AppendHexByte(flags);
        if ((flags & 0x80) == 0)
            return;
        if (data.Length < 10)
        {
            writer.Append(" (too short for EAP ");
            writer.Append(name);
            writer.Append(" request/response with length)");
            return;
        }
        writer.Append(", len ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(data[6..]));
    }

    /// <summary>tcpdump's nd_printjnp: the text up to a NUL.</summary>
    private static void WriteText(ref LineWriter writer, ReadOnlySpan<byte> text)
    {
        foreach (var c in text)
        {
            if (c == 0)
                return;
            PrintableText.Append(ref writer, c);
        }
    }

    private static string? TypeName(byte type) => type switch
    {
        0 => "No proposed",
        1 => "Identity",
        2 => "Notification",
        3 => "Nak",
        4 => "MD5-challenge",
        5 => "OTP",
        6 => "GTC",
        13 => "TLS",
        18 => "SIM",
        21 => "TTLS",
        23 => "AKA",
        43 => "FAST",
        254 => "Expanded types",
        255 => "Experimental",
        _ => null,
    };

    private static string? SubtypeName(byte subtype) => subtype switch
    {
        1 => "Challenge",
        2 => "Auth reject",
        4 => "Sync failure",
        5 => "Identity",
        10 => "Start",
        11 => "Challenge",
        12 => "Notification",
        13 => "Reauth",
        14 => "Client error",
        _ => null,
    };
}
