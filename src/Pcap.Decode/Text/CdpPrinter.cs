using System.Buffers.Binary;
using System.Globalization;
using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>
/// CDP as tcpdump 4.99's print-cdp.c prints it: version, TTL and the device id (the other TLVs in hex) without <c>-v</c>;
/// with <c>-v</c> the checksum and every TLV by name and value. A field past the capture ends the line with <c> [|cdp]</c>.
/// </summary>
internal static class CdpPrinter
{
    /// <summary>Prints the packet in <paramref name="bytes"/> (<paramref name="length"/> bytes after the SNAP header).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var verbose = state.Options.Verbose > 0;
        var packet = CdpPacket.Wrap(bytes);
        var originalLength = length;
        if (length < CdpPacket.HeaderLength)
        {
            writer.Append(" (packet length ");
            writer.AppendDecimal((uint)length);
            writer.Append(" < 4)");
            Invalid(ref writer, state, packet, 0, length);
            return;
        }
        if (packet.Captured < 2)
        {
            Truncated(ref writer, state);
            return;
        }
        writer.Append("CDPv");
        writer.AppendDecimal(packet.Version);
        writer.Append(", ttl: ");
        writer.AppendDecimal(packet.TimeToLive);
        writer.Append('s');
        if (packet.Captured < CdpPacket.HeaderLength)
        {
            Truncated(ref writer, state);
            return;
        }
        if (verbose)
        {
            writer.Append(", checksum: 0x");
            writer.AppendHex(packet.Checksum, 4);
            writer.Append(" (unverified), length ");
            writer.AppendDecimal((uint)originalLength);
        }
        var at = CdpPacket.HeaderLength;
        length -= CdpPacket.HeaderLength;
        while (length > 0)
        {
            if (length < CdpPacket.TlvHeaderLength)
            {
                writer.Append(" (remaining packet length ");
                writer.AppendDecimal((uint)length);
                writer.Append(" < 4)");
                Invalid(ref writer, state, packet, at, length);
                return;
            }
            if (packet.Captured < at + CdpPacket.TlvHeaderLength)
            {
                Truncated(ref writer, state);
                return;
            }
            var type = packet.TlvType(at);
            var tlvLength = (int)packet.TlvLength(at);
            var known = type <= MaxKnownType;
            var name = (known ? TlvName(type) : null) ?? "unknown field type";
            if (tlvLength < CdpPacket.TlvHeaderLength)
            {
                if (verbose)
                {
                    WriteTlvHeading(ref writer, name, type, "), TLV length: ", tlvLength);
                    writer.Append(" (too short)");
                }
                else
                {
                    writer.Append(", ");
                    writer.Append(name);
                    writer.Append(" TLV length ");
                    writer.AppendDecimal((uint)tlvLength);
                    writer.Append(" too short");
                }
                Invalid(ref writer, state, packet, at, length);
                return;
            }
            if (tlvLength > length)
            {
                writer.Append(" (TLV length ");
                writer.AppendDecimal((uint)tlvLength);
                writer.Append(" > ");
                writer.AppendDecimal((uint)length);
                writer.Append(')');
                Invalid(ref writer, state, packet, at, length);
                return;
            }
            at += CdpPacket.TlvHeaderLength;
            length -= CdpPacket.TlvHeaderLength;
            var valueLength = tlvLength - CdpPacket.TlvHeaderLength;
            if (!verbose && type == CdpPacket.DeviceIdTlv)
            {
                writer.Append(", Device-ID ");
            }
            else if (verbose)
            {
                WriteTlvHeading(ref writer, name, type, "), value length: ", valueLength);
                writer.Append(": ");
            }
            var value = packet.Slice(at, valueLength);
            var covered = false;
            if (known)
            {
                var (minimum, maximum) = LengthLimits(type);
                if ((minimum > 0 && valueLength < minimum) || (maximum > 0 && valueLength > maximum))
                {
                    writer.Append(" (malformed TLV)");
                }
                else if (verbose || type == CdpPacket.DeviceIdTlv)
                {
                    if (!PrintValue(ref writer, state, type, value, valueLength))
                    {
                        Truncated(ref writer, state);
                        return;
                    }
                    covered = true;
                }
            }
            if (!covered)
            {
                if (value.Length < valueLength)
                {
                    Truncated(ref writer, state);
                    return;
                }
                HexDumpWriter.WriteHexOnly(ref writer, value, "\n\t  ");
            }
            at += valueLength;
            length -= valueLength;
        }
        if (!verbose)
        {
            writer.Append(", length ");
            writer.AppendDecimal((uint)originalLength);
        }
    }

    /// <summary>A known TLV's value (captured bytes in <paramref name="value"/>, <paramref name="length"/> on the wire); false when it runs past the capture.</summary>
    private static bool PrintValue(ref LineWriter writer, PrintState state, int type, ReadOnlySpan<byte> value, int length)
    {
        switch (type)
        {
            case 0x01 or 0x03 or 0x06 or 0x09 or 0x14:
                writer.Append('\'');
                if (!AppendChars(ref writer, value, length))
                    return false;
                writer.Append('\'');
                return true;
            case 0x02 or 0x16:
                return CdpAddressPrinter.Print(ref writer, state, value, length);
            case 0x04:
                if (value.Length < 4)
                    return false;
                var capabilities = BinaryPrimitives.ReadUInt32BigEndian(value);
                writer.Append("(0x");
                writer.AppendHex(capabilities, 8);
                writer.Append("): ");
                var first = true;
                for (var i = 0; i < CapabilityNames.Length; i++)
                    BitNames.Append(ref writer, capabilities, 1u << i, CapabilityNames[i], ref first);
                if (first)
                    writer.Append("none");
                return true;
            case 0x05:
                writer.Append("\n\t  ");
                for (var i = 0; i < length; i++)
                {
                    if (i >= value.Length)
                        return false;
                    if (value[i] == '\n')
                        writer.Append("\n\t  ");
                    else
                        PrintableText.Append(ref writer, value[i]);
                }
                return true;
            case 0x07:
                return CdpAddressPrinter.PrintPrefixes(ref writer, value, length);
            case 0x0a:
                if (value.Length < 2)
                    return false;
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(value));
                return true;
            case 0x0b:
                if (value.IsEmpty)
                    return false;
                writer.Append(value[0] != 0 ? "full" : "half");
                return true;
            case 0x0e or 0x0f:
                if (length == 2)
                {
                    if (value.Length < 2)
                        return false;
                    writer.Append("unknown 0x");
                    writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(value), 4);
                    return true;
                }
                if (value.Length < 3)
                    return false;
                writer.Append("app ");
                writer.AppendDecimal(value[0]);
                writer.Append(", vlan ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(value[1..]));
                return true;
            case 0x10:
                if (value.Length < length)
                    return false;
                var milliwatts = length switch { 1 => value[0], 2 => BinaryPrimitives.ReadUInt16BigEndian(value), 3 => value[0] << 16 | value[1] << 8 | value[2], _ => 0 };
                Span<char> text = stackalloc char[24];
                (milliwatts / 1000.0).TryFormat(text, out var written, "F2", CultureInfo.InvariantCulture);
                writer.Append(text[..written]);
                writer.Append('W');
                return true;
            case 0x11:
                if (value.Length < 4)
                    return false;
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(value));
                writer.Append(" bytes");
                return true;
            case 0x12 or 0x13:
                if (value.IsEmpty)
                    return false;
                writer.Append("0x");
                writer.AppendHex(value[0], 2);
                return true;
            case 0x17:
                if (value.IsEmpty)
                    return false;
                writer.Append("0x");
                writer.AppendHex(value[0], 2);
                if (length > 1)
                {
                    writer.Append('/');
                    return AppendChars(ref writer, value[1..], length - 1);
                }
                return true;
            default:
                // Types tcpdump names but has no printer for: it checks the bytes were captured and prints nothing.
                return value.Length >= length;
        }
    }

    // "\n\tName (0x01), value length: 5 bytes" (PLURAL_SUFFIX: no s for one byte).
    private static void WriteTlvHeading(ref LineWriter writer, string name, int type, string what, int count)
    {
        writer.Append("\n\t");
        writer.Append(name);
        writer.Append(" (0x");
        writer.AppendHex((uint)type, 2);
        writer.Append(what);
        writer.AppendDecimal((uint)count);
        writer.Append(count == 1 ? " byte" : " bytes");
    }

    /// <summary>tcpdump's nd_printn: <paramref name="length"/> bytes as text; false when the capture ends first.</summary>
    internal static bool AppendChars(ref LineWriter writer, ReadOnlySpan<byte> value, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (i >= value.Length)
                return false;
            PrintableText.Append(ref writer, value[i]);
        }
        return true;
    }

    // tcpdump's nd_print_invalid, then its check that the rest the length claims was captured.
    private static void Invalid(ref LineWriter writer, PrintState state, CdpPacket packet, int at, int length)
    {
        writer.Append(" (invalid)");
        if (packet.Captured < at + length)
            Truncated(ref writer, state);
    }

    private static void Truncated(ref LineWriter writer, PrintState state) => state.WriteTruncated(ref writer, "cdp", abandoned: true);

    private const int MaxKnownType = 0x17;

    private static readonly string[] CapabilityNames =
        ["Router", "Transparent Bridge", "Source Route Bridge", "L2 Switch", "L3 capable", "IGMP snooping", "L1 capable"];

    private static string? TlvName(int type) => type switch
    {
        0x01 => "Device-ID", 0x02 => "Address", 0x03 => "Port-ID", 0x04 => "Capability", 0x05 => "Version String", 0x06 => "Platform",
        0x07 => "Prefixes", 0x08 => "Protocol-Hello option", 0x09 => "VTP Management Domain", 0x0a => "Native VLAN ID", 0x0b => "Duplex",
        0x0e => "ATA-186 VoIP VLAN assignment", 0x0f => "ATA-186 VoIP VLAN request", 0x10 => "power consumption", 0x11 => "MTU",
        0x12 => "AVVID trust bitmap", 0x13 => "AVVID untrusted ports CoS", 0x14 => "System Name", 0x15 => "System Object ID (not decoded)",
        0x16 => "Management Addresses", 0x17 => "Physical Location", _ => null,
    };

    // tcpdump's minimum and maximum value lengths per TLV type (0: no limit).
    private static (int Minimum, int Maximum) LengthLimits(int type) => type switch
    {
        0x04 => (4, 4), 0x0a => (2, 2), 0x0b => (1, 1), 0x0e => (3, 3), 0x0f => (2, 3), 0x10 => (1, 3), 0x11 => (4, 4),
        0x12 or 0x13 => (1, 1), 0x16 => (4, 0), 0x17 => (1, 0), _ => (0, 0),
    };
}
