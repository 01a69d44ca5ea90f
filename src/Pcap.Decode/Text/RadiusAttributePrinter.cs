using System.Buffers.Binary;
using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>
/// The values of RADIUS attributes as tcpdump 4.99's print-radius.c prints them: by the attribute's type, as text, a number
/// (named where the RFCs name the values), an address or prefix, a vendor's sub-attributes, a time, or the few formats of
/// their own (ARAP, Error-Cause, location).
/// </summary>
internal static class RadiusAttributePrinter
{
    private enum ValueFormat : byte
    {
        None, Text, Number, Vendor, Address, Address6, Prefix6, HomeLinkPrefix, OperatorName, LocationInformation, LocationData,
        PolicyRules, Time, FeatureVector, Strange,
    }

    /// <summary>tcpdump's name of attribute <paramref name="type"/>.</summary>
    public static string Name(byte type) => type != 0 && type < Names.Length ? Names[type]! : "Unknown";

    /// <summary>
    /// Prints the value of attribute <paramref name="type"/>: <paramref name="length"/> bytes by its length field, from the
    /// start of <paramref name="bytes"/> (all that was captured after the attribute header). False when tcpdump gives up on
    /// the packet there (a read past the capture); a value cut off where tcpdump checks first is marked and printing goes on.
    /// </summary>
    public static bool Print(ref LineWriter writer, PrintState state, byte type, ReadOnlySpan<byte> bytes, int length)
    {
        if (type >= Formats.Length)
            return true;
        switch (Formats[type])
        {
            case ValueFormat.Text: return WriteText(ref writer, state, type, bytes, length);
            case ValueFormat.Number: return WriteNumber(ref writer, state, type, bytes, length);
            case ValueFormat.Vendor: return WriteVendor(ref writer, state, bytes, length);
            case ValueFormat.Address: return WriteAddress(ref writer, state, type, bytes, length);
            case ValueFormat.Address6: return WriteAddress6(ref writer, state, bytes, length);
            case ValueFormat.Prefix6: WritePrefix6(ref writer, state, bytes, length); return true;
            case ValueFormat.HomeLinkPrefix: WriteHomeLinkPrefix(ref writer, state, bytes, length); return true;
            case ValueFormat.OperatorName: WriteOperatorName(ref writer, state, bytes, length); return true;
            case ValueFormat.LocationInformation: WriteLocationInformation(ref writer, state, bytes, length); return true;
            case ValueFormat.LocationData: WriteLocationData(ref writer, state, bytes, length); return true;
            case ValueFormat.PolicyRules: WritePolicyRules(ref writer, state, bytes, length); return true;
            case ValueFormat.Time: return WriteTime(ref writer, state, bytes, length);
            case ValueFormat.FeatureVector: return WriteFeatureVector(ref writer, state, bytes, length);
            case ValueFormat.Strange: return WriteStrange(ref writer, state, type, bytes, length);
            default: return true;
        }
    }

    /// <summary>tcpdump's GET_ macros: false, with the packet given up, when <paramref name="count"/> bytes were not captured.</summary>
    private static bool Captured(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int count)
    {
        if (bytes.Length >= count)
            return true;
        state.WriteTruncated(ref writer, "radius", abandoned: true);
        return false;
    }

    /// <summary>tcpdump's ND_TCHECK_LEN before a value: the mark and true (printing goes on) when the value was not all captured.</summary>
    private static bool CutOff(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (bytes.Length >= length)
            return false;
        state.WriteTruncated(ref writer, "radius");
        return true;
    }

    private static void WriteLengthError(ref LineWriter writer, int length, string expected)
    {
        writer.Append("ERROR: length ");
        writer.AppendDecimal((uint)length);
        writer.Append(expected);
    }

    private static void WriteTag(ref LineWriter writer, byte tag)
    {
        if (tag == 0)
        {
            writer.Append("Tag[Unused] ");
            return;
        }
        writer.Append("Tag[");
        writer.AppendDecimal(tag);
        writer.Append("] ");
    }

    /// <summary>RFC 4675's tagged/untagged octet: its name and hex.</summary>
    private static void WriteVlanTag(ref LineWriter writer, byte tag)
    {
        writer.Append(tag switch { 0x31 => "Tagged", 0x32 => "Untagged", _ => "Unknown tag" });
        writer.Append(" (0x");
        writer.AppendHexByte(tag);
        writer.Append(") ");
    }

    /// <summary>Bytes as ASCII with '.' for the unprintable, stopping at a NUL.</summary>
    private static void WriteAscii(ref LineWriter writer, ReadOnlySpan<byte> bytes, bool stopAtNul)
    {
        foreach (var b in bytes)
        {
            if (stopAtNul && b == 0)
                return;
            writer.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
        }
    }

    private static bool WriteText(ref LineWriter writer, PrintState state, byte type, ReadOnlySpan<byte> bytes, int length)
    {
        if (CutOff(ref writer, state, bytes, length))
            return true;
        var value = bytes[..length];
        switch (type)
        {
            case 69: // Tunnel-Password: tag and salt before the text
                if (length < 3)
                {
                    state.WriteTruncated(ref writer, "radius");
                    return true;
                }
                if (value[0] is > 0 and <= 0x1f)
                    WriteTag(ref writer, value[0]);
                else
                    writer.Append("Tag[Unused] ");
                writer.Append("Salt ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(value[1..]));
                writer.Append(' ');
                value = value[3..];
                break;
            case 66:
            case 67:
            case 81:
            case 82:
            case 90:
            case 91:
                // The tunnel attributes of RFC 2868 start with a tag when their first octet is one.
                if (value[0] <= 0x1f)
                {
                    WriteTag(ref writer, value[0]);
                    value = value[1..];
                }
                break;
            case 58: // Egress-VLAN-Name
                WriteVlanTag(ref writer, value[0]);
                value = value[1..];
                break;
            case 79: // EAP-Message
                return EapPrinter.Print(ref writer, state, bytes, length, "radius");
        }
        WriteAscii(ref writer, value, stopAtNul: true);
        return true;
    }

    /// <summary>Vendor-Specific: the vendor (by tcpdump's SMI table), then each sub-attribute as text.</summary>
    private static bool WriteVendor(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (length < 4)
        {
            state.WriteTruncated(ref writer, "radius");
            return true;
        }
        if (!Captured(ref writer, state, bytes, 4))
            return false;
        var vendor = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        writer.Append("Vendor: ");
        writer.Append(SmiNames.Find(vendor) ?? "Unknown");
        writer.Append(" (");
        writer.AppendDecimal(vendor);
        writer.Append(')');
        var offset = 4;
        length -= 4;
        while (length >= 2)
        {
            if (!Captured(ref writer, state, bytes, offset + 2))
                return false;
            var vendorType = bytes[offset];
            int vendorLength = bytes[offset + 1];
            if (vendorLength < 2 || vendorLength > length)
            {
                writer.Append("\n\t    Vendor Attribute: ");
                writer.AppendDecimal(vendorType);
                writer.Append(", Length: ");
                writer.AppendDecimal((uint)vendorLength);
                writer.Append(vendorLength < 2 ? " (bogus, must be >= 2)" : " (bogus, goes past end of vendor-specific attribute)");
                return true;
            }
            offset += 2;
            vendorLength -= 2;
            length -= 2;
            if (CutOff(ref writer, state, bytes[offset..], vendorLength))
                return true;
            writer.Append("\n\t    Vendor Attribute: ");
            writer.AppendDecimal(vendorType);
            writer.Append(", Length: ");
            writer.AppendDecimal((uint)vendorLength);
            writer.Append(", Value: ");
            WriteAscii(ref writer, bytes.Slice(offset, vendorLength), stopAtNul: false);
            offset += vendorLength;
            length -= vendorLength;
        }
        return true;
    }

    /// <summary>A 32-bit number: named when the attribute has named values, a duration for the timers, else decimal.</summary>
    private static bool WriteNumber(ref LineWriter writer, PrintState state, byte type, ReadOnlySpan<byte> bytes, int length)
    {
        if (length != 4)
        {
            WriteLengthError(ref writer, length, " != 4");
            return true;
        }
        uint value;
        if (ValueNames[type] is { } names)
        {
            if (type is 64 or 65) // Tunnel-Type and Tunnel-Medium-Type: a tag, then 24 bits
            {
                if (!Captured(ref writer, state, bytes, 1))
                    return false;
                WriteTag(ref writer, bytes[0]);
                if (!Captured(ref writer, state, bytes, 4))
                    return false;
                value = (uint)(bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
            }
            else
            {
                if (!Captured(ref writer, state, bytes, 4))
                    return false;
                value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            }
            // A table that starts with null names values from 1.
            var first = names[0] is null ? 1u : 0u;
            if (value >= first && value < names.Length)
            {
                writer.Append(names[value]!);
            }
            else
            {
                writer.Append('#');
                writer.AppendDecimal(value);
            }
            return true;
        }
        if (type is 83 or 56) // Tunnel-Preference (a tag) and Egress-VLANID (RFC 4675's octet) before 24 bits
        {
            if (!Captured(ref writer, state, bytes, 1))
                return false;
            if (type == 83)
                WriteTag(ref writer, bytes[0]);
            else
                WriteVlanTag(ref writer, bytes[0]);
            if (!Captured(ref writer, state, bytes, 4))
                return false;
            writer.AppendDecimal((uint)(bytes[1] << 16 | bytes[2] << 8 | bytes[3]));
            return true;
        }
        if (!Captured(ref writer, state, bytes, 4))
            return false;
        value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        switch (type)
        {
            case 23 when value == 0xfffffffe: // Framed-IPX-Network
                writer.Append("NAS Select");
                break;
            case 27: // Session-Timeout, Idle-Timeout, Acct-Delay-Time, Acct-Session-Time, Acct-Interim-Interval
            case 28:
            case 41:
            case 46:
            case 85:
                WriteDuration(ref writer, value);
                break;
            case 37 when value == 0: // Framed-AppleTalk-Link
                writer.Append("Unnumbered");
                break;
            case 38 when value == 0: // Framed-AppleTalk-Network
                writer.Append("NAS assigned");
                break;
            default:
                writer.AppendDecimal(value);
                break;
        }
        return true;
    }

    /// <summary>Seconds as tcpdump writes a timer: <c>NN secs</c>, <c>MM:SS min</c> or <c>HH:MM:SS hours</c>.</summary>
    private static void WriteDuration(ref LineWriter writer, uint seconds)
    {
        if (seconds < 60)
        {
            writer.AppendPadded(seconds, 2);
            writer.Append(" secs");
            return;
        }
        if (seconds < 3600)
        {
            writer.AppendPadded(seconds / 60, 2);
            writer.Append(':');
            writer.AppendPadded(seconds % 60, 2);
            writer.Append(" min");
            return;
        }
        writer.AppendPadded(seconds / 3600, 2);
        writer.Append(':');
        writer.AppendPadded(seconds % 3600 / 60, 2);
        writer.Append(':');
        writer.AppendPadded(seconds % 60, 2);
        writer.Append(" hours");
    }

    private static bool WriteAddress(ref LineWriter writer, PrintState state, byte type, ReadOnlySpan<byte> bytes, int length)
    {
        if (length != 4)
        {
            WriteLengthError(ref writer, length, " != 4");
            return true;
        }
        if (!Captured(ref writer, state, bytes, 4))
            return false;
        var value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        // Framed-IP-Address and Login-IP-Host name two special addresses.
        if (type is 8 or 14 && value == 0xffffffff)
            writer.Append("User Selected");
        else if (type is 8 or 14 && value == 0xfffffffe)
            writer.Append("NAS Select");
        else
            state.WriteIpAddress(ref writer, bytes[..4]);
        return true;
    }

    private static bool WriteAddress6(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (length != 16)
        {
            WriteLengthError(ref writer, length, " != 16");
            return true;
        }
        if (!Captured(ref writer, state, bytes, 16))
            return false;
        state.WriteIpAddress(ref writer, bytes[..16]);
        return true;
    }

    /// <summary>An IPv6 prefix: reserved octet, prefix length, then as many address octets as sent.</summary>
    private static void WritePrefix6(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (length is < 2 or > 18)
        {
            WriteLengthError(ref writer, length, " not in range (2..18)");
            return;
        }
        if (CutOff(ref writer, state, bytes, length))
            return;
        var prefix = bytes[1];
        if (prefix > 128)
        {
            WriteNetmaskError(ref writer, prefix);
            return;
        }
        Span<byte> address = stackalloc byte[16];
        address.Clear();
        bytes[2..length].CopyTo(address);
        state.WriteIpAddress(ref writer, address);
        writer.Append('/');
        writer.AppendDecimal(prefix);
        if (prefix > 8 * (length - 2))
            writer.Append(" (inconsistent prefix length)");
    }

    private static void WriteNetmaskError(ref LineWriter writer, byte prefix)
    {
        writer.Append("ERROR: netmask ");
        writer.AppendDecimal(prefix);
        writer.Append(" not in range (0..128)");
    }

    private static void WriteHomeLinkPrefix(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (length != 17)
        {
            WriteLengthError(ref writer, length, " != 17");
            return;
        }
        if (CutOff(ref writer, state, bytes, length))
            return;
        if (bytes[0] > 128)
        {
            WriteNetmaskError(ref writer, bytes[0]);
            return;
        }
        state.WriteIpAddress(ref writer, bytes[1..17]);
        writer.Append('/');
        writer.AppendDecimal(bytes[0]);
    }

    /// <summary>tcpdump's nd_printn: every byte as fn_print_char shows it.</summary>
    private static void WritePrintable(ref LineWriter writer, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            PrintableText.Append(ref writer, b);
    }

    private static void WriteOperatorName(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (CutOff(ref writer, state, bytes, length))
            return;
        if (length < 2)
        {
            WriteLengthError(ref writer, length, " < 2");
            return;
        }
        writer.Append('[');
        var space = bytes[0];
        switch (space)
        {
            case 0x30: writer.Append("TADIG"); break;
            case 0x31: writer.Append("REALM"); break;
            case 0x32: writer.Append("E212"); break;
            case 0x33: writer.Append("ICC"); break;
            default:
                writer.Append("unknown namespace ");
                writer.AppendDecimal(space);
                break;
        }
        writer.Append("] ");
        WritePrintable(ref writer, bytes[1..length]);
    }

    private static void WriteLocationInformation(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (CutOff(ref writer, state, bytes, length))
            return;
        if (length < 21)
        {
            WriteLengthError(ref writer, length, " < 21");
            return;
        }
        writer.Append("index ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes));
        writer.Append(", code ");
        WriteNamedOrUnknown(ref writer, bytes[2] switch { 0 => "Civic", 1 => "Geospatial", _ => null }, bytes[2]);
        writer.Append(", entity ");
        WriteNamedOrUnknown(ref writer, bytes[3] switch { 0 => "User", 1 => "RADIUS", _ => null }, bytes[3]);
        writer.Append(", sighting time ");
        NtpPrinter.WriteTimestamp(ref writer, BinaryPrimitives.ReadUInt64BigEndian(bytes[4..]));
        writer.Append(", time to live ");
        NtpPrinter.WriteTimestamp(ref writer, BinaryPrimitives.ReadUInt64BigEndian(bytes[12..]));
        writer.Append(", method \"");
        WritePrintable(ref writer, bytes[20..length]);
        writer.Append('"');
    }

    private static void WriteNamedOrUnknown(ref LineWriter writer, string? name, byte value)
    {
        if (name is not null)
        {
            writer.Append(name);
            return;
        }
        writer.Append("Unknown (");
        writer.AppendDecimal(value);
        writer.Append(')');
    }

    private static void WriteLocationData(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (CutOff(ref writer, state, bytes, length))
            return;
        if (length < 3)
        {
            WriteLengthError(ref writer, length, " < 3");
            return;
        }
        writer.Append("index ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes));
        writer.Append(", location");
        HexDumpWriter.WriteHexAndAscii(ref writer, bytes[2..length], "\n\t    ");
    }

    private static void WritePolicyRules(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (CutOff(ref writer, state, bytes, length))
            return;
        if (length < 10)
        {
            WriteLengthError(ref writer, length, " < 10");
            return;
        }
        var flags = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        writer.Append("flags [");
        if (flags == 0)
            writer.Append("none");
        var first = true;
        for (var bit = 0; bit < 16; bit++)
            BitNames.Append(ref writer, flags, 1u << bit, bit == 15 ? "Retransmission Allowed" : PolicyBitNames[bit], ref first);
        writer.Append("], retention expires ");
        NtpPrinter.WriteTimestamp(ref writer, BinaryPrimitives.ReadUInt64BigEndian(bytes[2..]));
        if (length > 10)
        {
            writer.Append(", note well \"");
            WritePrintable(ref writer, bytes[10..length]);
            writer.Append('"');
        }
    }

    private static readonly string[] PolicyBitNames =
        ["MBZ-15", "MBZ-14", "MBZ-13", "MBZ-12", "MBZ-11", "MBZ-10", "MBZ-9", "MBZ-8", "MBZ-7", "MBZ-6", "MBZ-5", "MBZ-4", "MBZ-3", "MBZ-2", "MBZ-1"];

    /// <summary>Event-Timestamp: seconds since 1970 as ctime(3) writes them, in local time.</summary>
    private static bool WriteTime(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (length != 4)
        {
            WriteLengthError(ref writer, length, " != 4");
            return true;
        }
        if (!Captured(ref writer, state, bytes, 4))
            return false;
        var time = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32BigEndian(bytes)).ToLocalTime();
        writer.Append(DayNames[(int)time.DayOfWeek]);
        writer.Append(' ');
        writer.Append(MonthNames[time.Month - 1]);
        writer.Append(time.Day < 10 ? "  " : " ");
        writer.AppendDecimal((uint)time.Day);
        writer.Append(' ');
        writer.AppendPadded((uint)time.Hour, 2);
        writer.Append(':');
        writer.AppendPadded((uint)time.Minute, 2);
        writer.Append(':');
        writer.AppendPadded((uint)time.Second, 2);
        writer.Append(' ');
        writer.AppendDecimal((uint)time.Year);
        return true;
    }

    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>MIP6-Feature-Vector: the names of the capability bits set, unknown bits left out.</summary>
    private static bool WriteFeatureVector(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (length != 8)
        {
            WriteLengthError(ref writer, length, " != 8");
            return true;
        }
        writer.Append('[');
        if (!Captured(ref writer, state, bytes, 8))
            return false;
        var value = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var first = true;
        foreach (var (bit, name) in FeatureBits)
        {
            if ((value & bit) == 0)
                continue;
            if (!first)
                writer.Append(", ");
            writer.Append(name);
            first = false;
        }
        writer.Append(']');
        return true;
    }

    private static readonly (ulong Bit, string Name)[] FeatureBits =
    [
        (0x0000000000000001, "MIP6_INTEGRATED"), (0x0000000000000002, "LOCAL_HOME_AGENT_ASSIGNMENT"),
        (0x0000010000000000, "PMIP6_SUPPORTED"), (0x0000020000000000, "IP4_HOA_SUPPORTED"),
        (0x0000040000000000, "LOCAL_MAG_ROUTING_SUPPORTED"), (0x0000080000000000, "ASSIGN_LOCAL_IP"),
        (0x0000100000000000, "MIP4_SUPPORTED"), (0x0000200000000000, "OPTIMIZED_IDLE_MODE_MOBILITY"),
        (0x0000400000000000, "GTPv2_SUPPORTED"), (0x0000800000000000, "IP4_TRANSPORT_SUPPORTED"),
        (0x0001000000000000, "IP4_HOA_ONLY_SUPPORTED"), (0x0002000000000000, "INTER_MAG_ROUTING_SUPPORTED"),
    ];

    /// <summary>tcpdump's PRINT_HEX: captured bytes in upper-case hex; false (given up) at the first byte not captured.</summary>
    private static bool WriteUpperHex(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            if (!Captured(ref writer, state, bytes, i + 1))
                return false;
            writer.Append("0123456789ABCDEF"[bytes[i] >> 4]);
            writer.Append("0123456789ABCDEF"[bytes[i] & 0xf]);
        }
        return true;
    }

    /// <summary>tcpdump's print_attr_strange: the ARAP attributes and Error-Cause.</summary>
    private static bool WriteStrange(ref LineWriter writer, PrintState state, byte type, ReadOnlySpan<byte> bytes, int length)
    {
        switch (type)
        {
            case 70: // ARAP-Password
                if (length != 16)
                {
                    WriteLengthError(ref writer, length, " != 16");
                    return true;
                }
                writer.Append("User_challenge (");
                if (!WriteUpperHex(ref writer, state, bytes, 0, 8))
                    return false;
                writer.Append(") User_resp(");
                if (!WriteUpperHex(ref writer, state, bytes, 8, 8))
                    return false;
                writer.Append(')');
                return true;
            case 71: // ARAP-Features
                if (length != 14)
                {
                    WriteLengthError(ref writer, length, " != 14");
                    return true;
                }
                if (!Captured(ref writer, state, bytes, 1))
                    return false;
                writer.Append(bytes[0] != 0 ? "User can change password" : "User cannot change password");
                if (!Captured(ref writer, state, bytes, 2))
                    return false;
                writer.Append(", Min password length: ");
                writer.AppendDecimal(bytes[1]);
                writer.Append(", created at: ");
                if (!WriteUpperHex(ref writer, state, bytes, 2, 4))
                    return false;
                writer.Append(", expires in: ");
                if (!WriteUpperHex(ref writer, state, bytes, 6, 4))
                    return false;
                writer.Append(", Current Time: ");
                return WriteUpperHex(ref writer, state, bytes, 10, 4);
            case 84: // ARAP-Challenge-Response
                if (length < 8)
                {
                    WriteLengthError(ref writer, length, " != 8");
                    return true;
                }
                return WriteUpperHex(ref writer, state, bytes, 0, 8);
            default: // Error-Cause
                if (length != 4)
                {
                    writer.Append("Error: length ");
                    writer.AppendDecimal((uint)length);
                    writer.Append(" != 4");
                    return true;
                }
                if (!Captured(ref writer, state, bytes, 4))
                    return false;
                var cause = BinaryPrimitives.ReadUInt32BigEndian(bytes);
                writer.Append("Error cause ");
                writer.AppendDecimal(cause);
                writer.Append(": ");
                if (ErrorCauseName(cause) is { } name)
                {
                    writer.Append(name);
                }
                else
                {
                    writer.Append("Error-Cause ");
                    writer.AppendDecimal(cause);
                    writer.Append(" not known");
                }
                return true;
        }
    }

    private static string? ErrorCauseName(uint cause) => cause switch
    {
        201 => "Residual Session Context Removed",
        202 => "Invalid EAP Packet (Ignored)",
        401 => "Unsupported Attribute",
        402 => "Missing Attribute",
        403 => "NAS Identification Mismatch",
        404 => "Invalid Request",
        405 => "Unsupported Service",
        406 => "Unsupported Extension",
        407 => "Invalid Attribute Value",
        501 => "Administratively Prohibited",
        502 => "Request Not Routable (Proxy)",
        503 => "Session Context Not Found",
        504 => "Session Context Not Removable",
        505 => "Other Proxy Processing Error",
        506 => "Resources Unavailable",
        507 => "Request Initiated",
        508 => "Multiple Session Selection Unsupported",
        509 => "Location Info Required",
        _ => null,
    };

    private static readonly string?[] ServType =
    [
        null, "Login", "Framed", "Callback Login", "Callback Framed", "Outbound", "Administrative", "NAS Prompt",
        "Authenticate Only", "Callback NAS Prompt", "Call Check", "Callback Administrative", "Voice", "Fax",
        "Modem Relay", "IAPP-Register", "IAPP-AP-Check", "Authorize Only", "Framed-Management",
        "Additional-Authorization",
    ];

    private static readonly string?[] FrmProto =
    [
        null, "PPP", "SLIP", "ARAP", "Gandalf proprietary", "Xylogics IPX/SLIP", "X.75 Synchronous",
        "GPRS PDP Context",
    ];

    private static readonly string?[] FrmRouting =
    [
        "None", "Send", "Listen", "Send&Listen",
    ];

    private static readonly string?[] FrmComp =
    [
        "None", "VJ TCP/IP", "IPX", "Stac-LZS",
    ];

    private static readonly string?[] LoginServ =
    [
        "Telnet", "Rlogin", "TCP Clear", "PortMaster(proprietary)", "LAT", "X.25-PAD", "X.25-T3POS", "Unassigned",
        "TCP Clear Quiet",
    ];

    private static readonly string?[] TermAction =
    [
        "Default", "RADIUS-Request",
    ];

    private static readonly string?[] IngressFilters =
    [
        null, "Enabled", "Disabled",
    ];

    private static readonly string?[] NasPortType =
    [
        "Async", "Sync", "ISDN Sync", "ISDN Async V.120", "ISDN Async V.110", "Virtual", "PIAFS", "HDLC Clear Channel",
        "X.25", "X.75", "G.3 Fax", "SDSL", "ADSL-CAP", "ADSL-DMT", "ISDN-DSL", "Ethernet", "xDSL", "Cable",
        "Wireless - Other", "Wireless - IEEE 802.11", "Token-Ring", "FDDI", "Wireless - CDMA200", "Wireless - UMTS",
        "Wireless - 1X-EV", "IAPP", "FTTP", "Wireless - IEEE 802.16", "Wireless - IEEE 802.20",
        "Wireless - IEEE 802.22", "PPPoA", "PPPoEoA", "PPPoEoE", "PPPoEoVLAN", "PPPoEoQinQ", "xPON", "Wireless - XGP",
        "WiMAX Pre-Release 8 IWK Function", "WIMAX-WIFI-IWK", "WIMAX-SFF", "WIMAX-HA-LMA", "WIMAX-DHCP", "WIMAX-LBS",
        "WIMAX-WVS",
    ];

    private static readonly string?[] AcctStatus =
    [
        null, "Start", "Stop", "Interim-Update", "Unassigned", "Unassigned", "Unassigned", "Accounting-On",
        "Accounting-Off", "Tunnel-Start", "Tunnel-Stop", "Tunnel-Reject", "Tunnel-Link-Start", "Tunnel-Link-Stop",
        "Tunnel-Link-Reject", "Failed",
    ];

    private static readonly string?[] AcctAuth =
    [
        null, "RADIUS", "Local", "Remote", "Diameter",
    ];

    private static readonly string?[] AcctTerm =
    [
        null, "User Request", "Lost Carrier", "Lost Service", "Idle Timeout", "Session Timeout", "Admin Reset",
        "Admin Reboot", "Port Error", "NAS Error", "NAS Request", "NAS Reboot", "Port Unneeded", "Port Preempted",
        "Port Suspended", "Service Unavailable", "Callback", "User Error", "Host Request", "Supplicant Restart",
        "Reauthentication Failure", "Port Reinitialized", "Port Administratively Disabled", "Lost Power",
    ];

    private static readonly string?[] TunnelType =
    [
        null, "PPTP", "L2F", "L2TP", "ATMP", "VTP", "AH", "IP-IP", "MIN-IP-IP", "ESP", "GRE", "DVS",
        "IP-in-IP Tunneling", "VLAN",
    ];

    private static readonly string?[] TunnelMedium =
    [
        null, "IPv4", "IPv6", "NSAP", "HDLC", "BBN 1822", "802", "E.163", "E.164", "F.69", "X.121", "IPX", "Appletalk",
        "Decnet IV", "Banyan Vines", "E.164 with NSAP subaddress",
    ];

    private static readonly string?[] ArapZone =
    [
        null, "Only access to dfl zone", "Use zone filter inc.", "Not used", "Use zone filter exc.",
    ];

    private static readonly string?[] Prompt =
    [
        "No Echo", "Echo",
    ];

    /// <summary>tcpdump's attr_type names, by attribute type (0 and 130 on are "Unknown").</summary>
    private static readonly string?[] Names =
    [
        null, "User-Name", "User-Password", "CHAP-Password", "NAS-IP-Address", "NAS-Port", "Service-Type",
        "Framed-Protocol", "Framed-IP-Address", "Framed-IP-Netmask", "Framed-Routing", "Filter-Id", "Framed-MTU",
        "Framed-Compression", "Login-IP-Host", "Login-Service", "Login-TCP-Port", "Unassigned", "Reply-Message",
        "Callback-Number", "Callback-Id", "Unassigned", "Framed-Route", "Framed-IPX-Network", "State", "Class",
        "Vendor-Specific", "Session-Timeout", "Idle-Timeout", "Termination-Action", "Called-Station-Id",
        "Calling-Station-Id", "NAS-Identifier", "Proxy-State", "Login-LAT-Service", "Login-LAT-Node",
        "Login-LAT-Group", "Framed-AppleTalk-Link", "Framed-AppleTalk-Network", "Framed-AppleTalk-Zone",
        "Acct-Status-Type", "Acct-Delay-Time", "Acct-Input-Octets", "Acct-Output-Octets", "Acct-Session-Id",
        "Acct-Authentic", "Acct-Session-Time", "Acct-Input-Packets", "Acct-Output-Packets", "Acct-Terminate-Cause",
        "Acct-Multi-Session-Id", "Acct-Link-Count", "Acct-Input-Gigawords", "Acct-Output-Gigawords", "Unassigned",
        "Event-Timestamp", "Egress-VLANID", "Ingress-Filters", "Egress-VLAN-Name", "User-Priority-Table",
        "CHAP-Challenge", "NAS-Port-Type", "Port-Limit", "Login-LAT-Port", "Tunnel-Type", "Tunnel-Medium-Type",
        "Tunnel-Client-Endpoint", "Tunnel-Server-Endpoint", "Acct-Tunnel-Connection", "Tunnel-Password",
        "ARAP-Password", "ARAP-Features", "ARAP-Zone-Access", "ARAP-Security", "ARAP-Security-Data", "Password-Retry",
        "Prompt", "Connect-Info", "Configuration-Token", "EAP-Message", "Message-Authenticator",
        "Tunnel-Private-Group-ID", "Tunnel-Assignment-ID", "Tunnel-Preference", "ARAP-Challenge-Response",
        "Acct-Interim-Interval", "Acct-Tunnel-Packets-Lost", "NAS-Port-Id", "Framed-Pool", "CUI",
        "Tunnel-Client-Auth-ID", "Tunnel-Server-Auth-ID", "NAS-Filter-Rule", "Unassigned", "Originating-Line-Info",
        "NAS-IPv6-Address", "Framed-Interface-ID", "Framed-IPv6-Prefix", "Login-IPv6-Host", "Framed-IPv6-Route",
        "Framed-IPv6-Pool", "Error-Cause", "EAP-Key-Name", "Digest-Response", "Digest-Realm", "Digest-Nonce",
        "Digest-Response-Auth", "Digest-Nextnonce", "Digest-Method", "Digest-URI", "Digest-Qop", "Digest-Algorithm",
        "Digest-Entity-Body-Hash", "Digest-CNonce", "Digest-Nonce-Count", "Digest-Username", "Digest-Opaque",
        "Digest-Auth-Param", "Digest-AKA-Auts", "Digest-Domain", "Digest-Stale", "Digest-HA1", "SIP-AOR",
        "Delegated-IPv6-Prefix", "MIP6-Feature-Vector", "MIP6-Home-Link-Prefix", "Operator-Name",
        "Location-Information", "Location-Data", "Basic-Location-Policy-Rules",
    ];

    /// <summary>How tcpdump prints each attribute's value, by type.</summary>
    private static readonly ValueFormat[] Formats =
    [
        ValueFormat.None, ValueFormat.Text, ValueFormat.None, ValueFormat.None, ValueFormat.Address,
        ValueFormat.Number, ValueFormat.Number, ValueFormat.Number, ValueFormat.Address, ValueFormat.Address,
        ValueFormat.Number, ValueFormat.Text, ValueFormat.Number, ValueFormat.Number, ValueFormat.Address,
        ValueFormat.Number, ValueFormat.Number, ValueFormat.None, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text,
        ValueFormat.None, ValueFormat.Text, ValueFormat.Number, ValueFormat.Text, ValueFormat.Text, ValueFormat.Vendor,
        ValueFormat.Number, ValueFormat.Number, ValueFormat.Number, ValueFormat.Text, ValueFormat.Text,
        ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Number,
        ValueFormat.Number, ValueFormat.Text, ValueFormat.Number, ValueFormat.Number, ValueFormat.Number,
        ValueFormat.Number, ValueFormat.Text, ValueFormat.Number, ValueFormat.Number, ValueFormat.Number,
        ValueFormat.Number, ValueFormat.Number, ValueFormat.Text, ValueFormat.Number, ValueFormat.Number,
        ValueFormat.Number, ValueFormat.None, ValueFormat.Time, ValueFormat.Number, ValueFormat.Number,
        ValueFormat.Text, ValueFormat.None, ValueFormat.Text, ValueFormat.Number, ValueFormat.Number, ValueFormat.Text,
        ValueFormat.Number, ValueFormat.Number, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text,
        ValueFormat.Strange, ValueFormat.Strange, ValueFormat.Number, ValueFormat.Text, ValueFormat.Text,
        ValueFormat.Number, ValueFormat.Number, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text,
        ValueFormat.Text, ValueFormat.Text, ValueFormat.Number, ValueFormat.Strange, ValueFormat.Number,
        ValueFormat.Number, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text,
        ValueFormat.Text, ValueFormat.None, ValueFormat.None, ValueFormat.Address6, ValueFormat.None,
        ValueFormat.Prefix6, ValueFormat.Address6, ValueFormat.Text, ValueFormat.Text, ValueFormat.Strange,
        ValueFormat.None, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text,
        ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text,
        ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Text,
        ValueFormat.Text, ValueFormat.Text, ValueFormat.Text, ValueFormat.Prefix6, ValueFormat.FeatureVector,
        ValueFormat.HomeLinkPrefix, ValueFormat.OperatorName, ValueFormat.LocationInformation,
        ValueFormat.LocationData, ValueFormat.PolicyRules,
    ];

    /// <summary>The named values of the numeric attributes that have them, by type.</summary>
    private static readonly string?[]?[] ValueNames =
    [
        null, null, null, null, null, null, ServType, FrmProto, null, null, FrmRouting, null, null, FrmComp, null,
        LoginServ, null, null, null, null, null, null, null, null, null, null, null, null, null, TermAction, null,
        null, null, null, null, null, null, null, null, null, AcctStatus, null, null, null, null, AcctAuth, null, null,
        null, AcctTerm, null, null, null, null, null, null, null, IngressFilters, null, null, null, NasPortType, null,
        null, TunnelType, TunnelMedium, null, null, null, null, null, null, ArapZone, null, null, null, Prompt, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
    ];
}
