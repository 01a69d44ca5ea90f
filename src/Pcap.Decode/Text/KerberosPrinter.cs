using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>Kerberos as tcpdump 4.99's print-krb.c prints it: version 4 headers in full, version 5 only as <c> v5</c>.</summary>
internal static class KerberosPrinter
{
    /// <summary>Prints the message in <paramref name="bytes"/> (the captured UDP payload; tcpdump does not bound it by the UDP length).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes)
    {
        if (!KerberosPacket.TryRead(bytes, out var krb, out _))
        {
            state.WriteTruncated(ref writer, "krb");
            return;
        }
        switch (krb.Version)
        {
            case 1:
            case 2:
            case 3:
                writer.Append(" v");
                writer.AppendDecimal(krb.Version);
                break;
            case 4:
                writer.Append(" v4");
                PrintVersion4(ref writer, state, krb);
                break;
            case 106:
            case 107:
                // tcpdump leaves version 5's ASN.1 undecoded.
                writer.Append(" v5");
                break;
        }
    }

    private static void PrintVersion4(ref LineWriter writer, PrintState state, KerberosPacket krb)
    {
        if (!krb.HasType)
        {
            state.WriteTruncated(ref writer, "krb", abandoned: true);
            return;
        }
        var type = krb.MessageType;
        writer.Append(krb.IsLittleEndian ? " le " : " be ");
        WriteName(ref writer, TypeName(type), type);
        writer.Append(": ");
        var bytes = krb.Bytes;
        var offset = 2;
        switch (type)
        {
            case KerberosPacket.KdcRequest:
                if (!WriteNames(ref writer, state, krb, ref offset))
                    return;
                offset += 4; // the client's time
                if (offset >= bytes.Length)
                {
                    state.WriteTruncated(ref writer, "krb", abandoned: true);
                    return;
                }
                writer.Append(' ');
                writer.AppendDecimal(bytes[offset] * 5u);
                writer.Append("min ");
                offset++;
                if (!WriteString(ref writer, krb, ref offset))
                    break;
                writer.Append('.');
                if (!WriteString(ref writer, krb, ref offset))
                    break;
                return;
            case KerberosPacket.ApplicationRequest:
                if (offset >= bytes.Length)
                {
                    state.WriteTruncated(ref writer, "krb", abandoned: true);
                    return;
                }
                writer.Append('v');
                writer.AppendDecimal(bytes[offset]);
                writer.Append(' ');
                offset++;
                if (!WriteString(ref writer, krb, ref offset))
                    break;
                for (var i = 0; i < 2; i++, offset++)
                {
                    if (offset >= bytes.Length)
                    {
                        state.WriteTruncated(ref writer, "krb", abandoned: true);
                        return;
                    }
                    writer.Append(" (");
                    writer.AppendDecimal(bytes[offset]);
                    writer.Append(')');
                }
                return;
            case KerberosPacket.KdcReply:
                if (!WriteNames(ref writer, state, krb, ref offset))
                    return;
                offset += 10; // time stamp, ticket count, expiry and key version
                var length = krb.ReadUInt16(offset);
                if (length < 0)
                {
                    state.WriteTruncated(ref writer, "krb", abandoned: true);
                    return;
                }
                writer.Append(" (");
                writer.AppendDecimal((uint)length);
                writer.Append(')');
                return;
            case KerberosPacket.ErrorReply:
                if (!WriteNames(ref writer, state, krb, ref offset))
                    return;
                offset += 4; // time stamp
                var code = krb.ReadUInt16(offset);
                if (code < 0)
                {
                    state.WriteTruncated(ref writer, "krb", abandoned: true);
                    return;
                }
                writer.Append(' ');
                WriteName(ref writer, ErrorName(code), code);
                writer.Append(' ');
                offset += 4;
                if (!WriteString(ref writer, krb, ref offset))
                    break;
                return;
            default:
                writer.Append("(unknown)");
                return;
        }
        state.WriteTruncated(ref writer, "krb");
    }

    /// <summary>tcpdump's krb4_print_hdr: name.instance@realm after the two header bytes; false (marked) when cut off.</summary>
    private static bool WriteNames(ref LineWriter writer, PrintState state, KerberosPacket krb, ref int offset)
    {
        if (WriteString(ref writer, krb, ref offset))
        {
            writer.Append('.');
            if (WriteString(ref writer, krb, ref offset))
            {
                writer.Append('@');
                if (WriteString(ref writer, krb, ref offset))
                    return true;
            }
        }
        state.WriteTruncated(ref writer, "krb");
        return false;
    }

    /// <summary>tcpdump's c_print: the string up to its NUL; false when no NUL was captured (what was captured is still printed).</summary>
    private static bool WriteString(ref LineWriter writer, KerberosPacket krb, ref int offset)
    {
        var used = krb.TerminatedLength(offset);
        var bytes = krb.Bytes;
        var text = used == 0 ? (offset < bytes.Length ? bytes[offset..] : default) : bytes.Slice(offset, used - 1);
        foreach (var c in text)
            PrintableText.Append(ref writer, c);
        if (used == 0)
            return false;
        offset += used;
        return true;
    }

    /// <summary>tcpdump's tok2str with no default format: the name, or <c>#</c> and the number.</summary>
    private static void WriteName(ref LineWriter writer, string? name, int value)
    {
        if (name is not null)
        {
            writer.Append(name);
            return;
        }
        writer.Append('#');
        writer.AppendDecimal((uint)value);
    }

    private static string? TypeName(byte type) => type switch
    {
        KerberosPacket.KdcRequest => "KDC_REQUEST",
        KerberosPacket.KdcReply => "KDC_REPLY",
        KerberosPacket.ApplicationRequest => "APPL_REQUEST",
        KerberosPacket.ApplicationRequestMutual => "APPL_REQUEST_MUTUAL",
        KerberosPacket.ErrorReply => "ERR_REPLY",
        6 << 1 => "PRIVATE",
        7 << 1 => "SAFE",
        8 << 1 => "APPL_ERR",
        63 << 1 => "DIE",
        _ => null,
    };

    private static string? ErrorName(int code) => code switch
    {
        0 => "OK",
        1 => "NAME_EXP",
        2 => "SERVICE_EXP",
        3 => "AUTH_EXP",
        4 => "PKT_VER",
        5 => "NAME_MAST_KEY_VER",
        6 => "SERV_MAST_KEY_VER",
        7 => "BYTE_ORDER",
        8 => "PRINCIPAL_UNKNOWN",
        9 => "PRINCIPAL_NOT_UNIQUE",
        10 => "NULL_KEY",
        _ => null,
    };
}
