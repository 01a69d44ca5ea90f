using System.Buffers.Binary;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    /// <summary>tcpdump's shortest header length for each mobility message type it decodes (0-7).</summary>
    private static readonly int[] MobilityMinimumLengths = [8, 16, 16, 24, 24, 12, 12, 24];

    private static readonly string[] MobilityTypeNames = ["BRR", "HoTI", "CoTI", "HoT", "CoT", "BU", "BA", "BE"];

    /// <summary>
    /// tcpdump's mobility_print (RFC 6275 mobility header, next header 135 or the old 62): the message, its fields, then its
    /// options under -v. tcpdump ends the IPv6 walk here whatever the header's own next-header says.
    /// </summary>
    private void WriteMobility(ref LineWriter writer, ReadOnlySpan<byte> header)
    {
        if (header.Length < 2)
        {
            WriteTruncated(ref writer, "mobility");
            return;
        }
        var headerLength = (header[1] + 1) << 3;
        if (header.Length < 3)
        {
            WriteTruncated(ref writer, "mobility", abandoned: true);
            return;
        }
        var type = header[2];
        if (type < MobilityMinimumLengths.Length && headerLength < MobilityMinimumLengths[type])
        {
            writer.Append("(header length ");
            writer.AppendDecimal((uint)headerLength);
            WriteNote(ref writer, " is too small for type ", type, ')');
            WriteTruncated(ref writer, "mobility");
            return;
        }
        writer.Append("mobility: ");
        if (type < MobilityTypeNames.Length)
        {
            writer.Append(MobilityTypeNames[type]);
        }
        else
        {
            writer.Append("type-#");
            writer.AppendDecimal(type);
        }
        var verbose = _options.Verbose > 0;
        int fieldsEnd;
        switch (type)
        {
            case 0:
                fieldsEnd = 8;
                break;
            case 1:
            case 2:
                if (verbose && !WriteMobilityCookie(ref writer, header, 8, type == 1 ? " Home Init Cookie=" : " Care-of Init Cookie="))
                    return;
                fieldsEnd = 16;
                break;
            case 3:
            case 4:
                if (header.Length < 8)
                {
                    WriteTruncated(ref writer, "mobility", abandoned: true);
                    return;
                }
                writer.Append(" nonce id=0x");
                writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(header[6..]));
                if (verbose && !WriteMobilityCookie(ref writer, header, 8, type == 3 ? " Home Init Cookie=" : " Care-of Init Cookie="))
                    return;
                if (verbose && !WriteMobilityCookie(ref writer, header, 16, type == 3 ? " Home Keygen Token=" : " Care-of Keygen Token="))
                    return;
                fieldsEnd = 24;
                break;
            case 5:
                if (header.Length < 8)
                {
                    WriteTruncated(ref writer, "mobility", abandoned: true);
                    return;
                }
                writer.Append(" seq#=");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(header[6..]));
                if (header.Length < 10)
                {
                    WriteTruncated(ref writer, "mobility");
                    return;
                }
                var bits = header[8] >> 4;
                if (bits != 0)
                {
                    writer.Append(' ');
                    if ((bits & 8) != 0) writer.Append('A');
                    if ((bits & 4) != 0) writer.Append('H');
                    if ((bits & 2) != 0) writer.Append('L');
                    if ((bits & 1) != 0) writer.Append('K');
                }
                if (!WriteMobilityLifetime(ref writer, header, 10))
                    return;
                fieldsEnd = 12;
                break;
            case 6:
                if (header.Length < 7)
                {
                    WriteTruncated(ref writer, "mobility", abandoned: true);
                    return;
                }
                writer.Append(" status=");
                writer.AppendDecimal(header[6]);
                if (header.Length < 8)
                {
                    WriteTruncated(ref writer, "mobility", abandoned: true);
                    return;
                }
                if ((header[7] & 0x80) != 0)
                    writer.Append(" K");
                if (header.Length < 10)
                {
                    WriteTruncated(ref writer, "mobility", abandoned: true);
                    return;
                }
                writer.Append(" seq#=");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(header[8..]));
                if (!WriteMobilityLifetime(ref writer, header, 10))
                    return;
                fieldsEnd = 12;
                break;
            case 7:
                if (header.Length < 7)
                {
                    WriteTruncated(ref writer, "mobility", abandoned: true);
                    return;
                }
                writer.Append(" status=");
                writer.AppendDecimal(header[6]);
                if (header.Length < 24)
                {
                    WriteTruncated(ref writer, "mobility", abandoned: true);
                    return;
                }
                writer.Append(" homeaddr ");
                WriteIpv6Address(ref writer, header.Slice(8, 16));
                fieldsEnd = 24;
                break;
            default:
                writer.Append(" len=");
                writer.AppendDecimal(header[1]);
                return;
        }
        if (verbose && !WriteMobilityOptions(ref writer, header, fieldsEnd, headerLength - fieldsEnd))
            WriteTruncated(ref writer, "mobility");
    }

    /// <summary>Two 32-bit words as <c>%08x:%08x</c>; false (packet abandoned) when they were not captured.</summary>
    private bool WriteMobilityCookie(ref LineWriter writer, ReadOnlySpan<byte> header, int at, string label)
    {
        if (header.Length < at + 8)
        {
            WriteTruncated(ref writer, "mobility", abandoned: true);
            return false;
        }
        writer.Append(label);
        writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(header[at..]), 8);
        writer.Append(':');
        writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(header[(at + 4)..]), 8);
        return true;
    }

    /// <summary>The lifetime field, in units of 4 seconds.</summary>
    private bool WriteMobilityLifetime(ref LineWriter writer, ReadOnlySpan<byte> header, int at)
    {
        if (header.Length < at + 2)
        {
            WriteTruncated(ref writer, "mobility", abandoned: true);
            return false;
        }
        writer.Append(" lifetime=");
        writer.AppendDecimal((uint)BinaryPrimitives.ReadUInt16BigEndian(header[at..]) << 2);
        return true;
    }

    /// <summary>
    /// tcpdump's mobility_opt_print over <paramref name="length"/> bytes from <paramref name="start"/>; false for its "trunc"
    /// (it also wants the byte after each option, so an option ending the captured data reads as truncated).
    /// </summary>
    private bool WriteMobilityOptions(ref LineWriter writer, ReadOnlySpan<byte> header, int start, int length)
    {
        int optionLength;
        for (var i = 0; i < length; i += optionLength)
        {
            var at = start + i;
            if (at >= header.Length)
            {
                _state.Abandoned = true;
                return false;
            }
            var kind = header[at];
            if (kind == 0)
            {
                optionLength = 1;
            }
            else if (i + 1 < length)
            {
                if (at + 1 >= header.Length)
                {
                    _state.Abandoned = true;
                    return false;
                }
                optionLength = header[at + 1] + 2;
            }
            else
            {
                return false;
            }
            if (i + optionLength > length || at + optionLength >= header.Length)
                return false;
            var left = length - i;
            switch (kind)
            {
                case 0:
                    writer.Append("(pad1)");
                    break;
                case 1:
                    writer.Append("(padn)");
                    break;
                case 2:
                    if (left < 4)
                    {
                        writer.Append("(refresh: trunc)");
                        return false;
                    }
                    writer.Append("(refresh: ");
                    writer.AppendDecimal((uint)BinaryPrimitives.ReadUInt16BigEndian(header[(at + 2)..]) << 2);
                    writer.Append(')');
                    break;
                case 3:
                    if (left < 18)
                    {
                        writer.Append("(altcoa: trunc)");
                        return false;
                    }
                    if (header.Length < at + 18)
                    {
                        _state.Abandoned = true;
                        return false;
                    }
                    writer.Append("(alt-CoA: ");
                    WriteIpv6Address(ref writer, header.Slice(at + 2, 16));
                    writer.Append(')');
                    break;
                case 4:
                    if (left < 6)
                    {
                        writer.Append("(ni: trunc)");
                        return false;
                    }
                    if (header.Length < at + 6)
                    {
                        _state.Abandoned = true;
                        return false;
                    }
                    writer.Append("(ni: ho=0x");
                    writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(header[(at + 2)..]), 4);
                    writer.Append(" co=0x");
                    writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(header[(at + 4)..]), 4);
                    writer.Append(')');
                    break;
                case 5:
                    if (left < 12)
                    {
                        writer.Append("(auth: trunc)");
                        return false;
                    }
                    writer.Append("(auth)");
                    break;
                default:
                    writer.Append("(type-0x");
                    writer.AppendHexByte(kind);
                    WriteNote(ref writer, ": len=", header[at + 1], ')');
                    break;
            }
        }
        return true;
    }
}
