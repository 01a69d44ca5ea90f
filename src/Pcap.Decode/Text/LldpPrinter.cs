using System.Buffers.Binary;
using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>
/// LLDP as tcpdump 4.99's print-lldp.c prints it: the length and system name, and with <c>-v</c> every TLV by name with its
/// subtype, addresses, capabilities and organisation-specific contents (<see cref="LldpOrganizationPrinter"/>); with
/// <c>-vv</c>, or for a TLV it cannot decode, the TLV's bytes in hex.
/// </summary>
internal static class LldpPrinter
{
    /// <summary>Prints the data unit in <paramref name="bytes"/> (<paramref name="length"/> bytes after the link header).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var verbose = state.Options.Verbose;
        writer.Append("LLDP, length ");
        writer.AppendDecimal((uint)length);
        var packet = LldpPacket.Wrap(bytes);
        var remaining = length;
        var at = 0;
        while (remaining >= LldpPacket.TlvHeaderLength)
        {
            if (packet.Captured < at + LldpPacket.TlvHeaderLength)
            {
                Truncated(ref writer, state);
                return;
            }
            var type = packet.TlvType(at);
            var tlvLength = packet.TlvLength(at);
            var value = packet.TlvValue(at);
            remaining -= LldpPacket.TlvHeaderLength;
            at += LldpPacket.TlvHeaderLength;
            if (verbose > 0)
            {
                writer.Append("\n\t");
                writer.Append(TlvName(type));
                writer.Append(" TLV (");
                writer.AppendDecimal((uint)type);
                writer.Append("), length ");
                writer.AppendDecimal((uint)tlvLength);
            }
            // tcpdump stops at the End TLV and at any TLV of length 0 (its guard against an endless loop).
            if (type == LldpPacket.EndTlv || tlvLength == 0)
                break;
            if (value.Length < tlvLength || remaining < tlvLength)
            {
                Truncated(ref writer, state);
                return;
            }
            if (!PrintTlv(ref writer, state, type, value, out var hexdump))
            {
                Truncated(ref writer, state);
                return;
            }
            if (verbose > 1 || (verbose > 0 && hexdump))
                HexDumpWriter.WriteHexOnly(ref writer, value, "\n\t  ");
            remaining -= tlvLength;
            at += tlvLength;
        }
    }

    /// <summary>One TLV's contents; false where tcpdump gives up with its truncation mark (a value too short for its kind).</summary>
    private static bool PrintTlv(ref LineWriter writer, PrintState state, int type, ReadOnlySpan<byte> value, out bool hexdump)
    {
        hexdump = false;
        var verbose = state.Options.Verbose > 0;
        switch (type)
        {
            case 1 or 2:
                if (!verbose)
                    return true;
                if (value.Length < 2)
                    return false;
                return PrintId(ref writer, state, type == 1, value, ref hexdump);
            case 3:
                if (!verbose)
                    return true;
                if (value.Length < 2)
                    return false;
                writer.Append(": TTL ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(value));
                writer.Append('s');
                return true;
            case 4 or 5 or 6:
                // Port and system description need -v; tcpdump prints the system name without it, as CDP's device id.
                if (verbose || type == 5)
                {
                    writer.Append(type == 6 ? "\n\t  " : ": ");
                    AppendText(ref writer, value);
                }
                return true;
            case 7:
                if (!verbose)
                    return true;
                if (value.Length < 4)
                    return false;
                WriteCapabilities(ref writer, "\n\t  System  Capabilities [", BinaryPrimitives.ReadUInt16BigEndian(value));
                WriteCapabilities(ref writer, "\n\t  Enabled Capabilities [", BinaryPrimitives.ReadUInt16BigEndian(value[2..]));
                return true;
            case 8:
                return !verbose || PrintManagementAddress(ref writer, state, value);
            case LldpPacket.OrganizationSpecificTlv:
                if (!verbose)
                    return true;
                if (value.Length < 3)
                    return false;
                var oui = value[0] << 16 | value[1] << 8 | value[2];
                writer.Append(": OUI ");
                writer.Append(OuiNames.Find(oui) ?? "Unknown");
                writer.Append(" (0x");
                writer.AppendHex((uint)oui, 6);
                writer.Append(')');
                hexdump = LldpOrganizationPrinter.Print(ref writer, oui, value);
                return true;
            default:
                hexdump = true;
                return true;
        }
    }

    // The chassis ID (1) and port ID (2) TLVs: a subtype, then an address, a name or bytes.
    private static bool PrintId(ref LineWriter writer, PrintState state, bool chassis, ReadOnlySpan<byte> value, ref bool hexdump)
    {
        var subtype = value[0];
        writer.Append("\n\t  Subtype ");
        writer.Append((chassis ? ChassisSubtypeName(subtype) : PortSubtypeName(subtype)) ?? "Unknown");
        writer.Append(" (");
        writer.AppendDecimal(subtype);
        writer.Append("): ");
        // The two TLVs number their subtypes differently: MAC is 4 and network address 5 for a chassis, 3 and 4 for a port.
        var kind = chassis ? subtype switch { 4 => 'm', 5 => 'n', >= 1 and <= 7 => 't', _ => '?' }
                           : subtype switch { 3 => 'm', 4 => 'n', >= 1 and <= 7 => 't', _ => '?' };
        switch (kind)
        {
            case 'm':
                if (value.Length < 7)
                    return false;
                state.WriteMac(ref writer, value.Slice(1, 6));
                return true;
            case 'n':
                return WriteNetworkAddress(ref writer, state, value[1..]);
            case 't':
                AppendText(ref writer, value[1..]);
                return true;
            default:
                hexdump = true;
                return true;
        }
    }

    // "AFI IPv4 (1): 10.0.0.1"; false when the address is shorter than its family's.
    private static bool WriteNetworkAddress(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> address)
    {
        var needed = AddressLength(address);
        if (needed < 0)
            return false;
        var family = address[0];
        writer.Append("AFI ");
        writer.Append(AddressFamilyName(family) ?? "Unknown");
        writer.Append(" (");
        writer.AppendDecimal(family);
        if (needed == 0)
        {
            writer.Append("), no AF printer !");
            return true;
        }
        writer.Append("): ");
        if (family == 6)
            state.WriteMac(ref writer, address.Slice(1, 6));
        else
            state.WriteIpAddress(ref writer, address.Slice(1, needed));
        return true;
    }

    // The bytes the family's address takes after the family byte (0: a family tcpdump has no printer for), -1 when they are missing.
    private static int AddressLength(ReadOnlySpan<byte> address)
    {
        if (address.IsEmpty)
            return -1;
        var needed = address[0] switch { 1 => 4, 2 => 16, 6 => 6, _ => 0 };
        return address.Length - 1 < needed ? -1 : needed;
    }

    private static bool PrintManagementAddress(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return false;
        var addressLength = value[0];
        var rest = value[1..];
        if (rest.Length < addressLength)
            return false;
        // tcpdump checks the address before it prints the line that introduces it.
        var address = rest[..addressLength];
        if (AddressLength(address) < 0)
            return false;
        writer.Append("\n\t  Management Address length ");
        writer.AppendDecimal(addressLength);
        writer.Append(", ");
        WriteNetworkAddress(ref writer, state, address);
        rest = rest[addressLength..];
        if (rest.Length < 5)
            return false;
        var numbering = rest[0];
        writer.Append("\n\t  ");
        writer.Append(numbering switch { 2 => "Interface Index", 3 => "System Port Number", _ => "Unknown" });
        writer.Append(" Interface Numbering (");
        writer.AppendDecimal(numbering);
        writer.Append("): ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(rest[1..]));
        rest = rest[5..];
        if (!rest.IsEmpty)
        {
            var oidLength = rest[0];
            if (rest.Length < 1 + oidLength)
                return false;
            if (oidLength != 0)
            {
                writer.Append("\n\t  OID length ");
                writer.AppendDecimal(oidLength);
                AppendText(ref writer, rest.Slice(1, oidLength));
            }
        }
        return true;
    }

    private static void WriteCapabilities(ref LineWriter writer, string label, ushort capabilities)
    {
        writer.Append(label);
        var first = true;
        BitNames.Append(ref writer, capabilities, 1 << 0, "Other", ref first);
        BitNames.Append(ref writer, capabilities, 1 << 1, "Repeater", ref first);
        BitNames.Append(ref writer, capabilities, 1 << 2, "Bridge", ref first);
        BitNames.Append(ref writer, capabilities, 1 << 3, "WLAN AP", ref first);
        BitNames.Append(ref writer, capabilities, 1 << 4, "Router", ref first);
        BitNames.Append(ref writer, capabilities, 1 << 5, "Telephone", ref first);
        BitNames.Append(ref writer, capabilities, 1 << 6, "Docsis", ref first);
        BitNames.Append(ref writer, capabilities, 1 << 7, "Station Only", ref first);
        if (first)
            writer.Append("none");
        writer.Append("] (0x");
        writer.AppendHex(capabilities, 4);
        writer.Append(')');
    }

    /// <summary>tcpdump's nd_printjnp: the bytes as text up to the first NUL.</summary>
    internal static void AppendText(ref LineWriter writer, ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b == 0)
                break;
            PrintableText.Append(ref writer, b);
        }
    }

    private static string TlvName(int type) => type switch
    {
        0 => "End", 1 => "Chassis ID", 2 => "Port ID", 3 => "Time to Live", 4 => "Port Description", 5 => "System Name",
        6 => "System Description", 7 => "System Capabilities", 8 => "Management Address", 127 => "Organization specific",
        _ => "Unknown",
    };

    private static string? ChassisSubtypeName(int subtype) => subtype switch
    {
        1 => "Chassis component", 2 => "Interface alias", 3 => "Port component", 4 => "MAC address", 5 => "Network address",
        6 => "Interface name", 7 => "Local", _ => null,
    };

    private static string? PortSubtypeName(int subtype) => subtype switch
    {
        1 => "Interface alias", 2 => "Port component", 3 => "MAC address", 4 => "Network Address", 5 => "Interface Name",
        6 => "Agent circuit ID", 7 => "Local", _ => null,
    };

    /// <summary>tcpdump's af_values: address family numbers by name.</summary>
    private static string? AddressFamilyName(int family) => family switch
    {
        0 => "Reserved", 1 => "IPv4", 2 => "IPv6", 3 => "NSAP", 4 => "HDLC", 5 => "BBN 1822", 6 => "802", 7 => "E.163",
        8 => "E.164", 9 => "F.69", 10 => "X.121", 11 => "Novell IPX", 12 => "Appletalk", 13 => "Decnet IV", 14 => "Banyan Vines",
        15 => "E.164 with NSAP subaddress", 196 => "Layer-2 VPN", 25 => "VPLS", _ => null,
    };

    private static void Truncated(ref LineWriter writer, PrintState state) => state.WriteTruncated(ref writer, "lldp");
}
