using System.Buffers.Binary;
using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>BOOTP/DHCP as tcpdump 4.99's print-bootp.c prints it: the summary, and at <c>-v</c> the header fields and every option.</summary>
internal static class DhcpPrinter
{
    /// <summary>Prints a message of <paramref name="length"/> bytes; true when tcpdump long-jumps (after <c> [|bootp]</c>).</summary>
    public static bool Write(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, int verbose, HostNames? names)
    {
        if (!DhcpMessage.TryRead(bytes, out var dhcp, out _))
            return Jump(ref writer);
        var operation = dhcp.Operation;
        writer.Append("BOOTP/DHCP, ");
        if (operation is 1 or 2)
        {
            writer.Append(operation == 1 ? "Request" : "Reply");
        }
        else
        {
            writer.Append("unknown (0x");
            writer.AppendHexByte(operation);
            writer.Append(')');
        }
        if (dhcp.Captured < 3)
            return Jump(ref writer);
        var ethernet = dhcp.HardwareType == 1 && dhcp.HardwareLength == 6;
        if (ethernet && operation == 1)
        {
            if (dhcp.Captured < 34)
                return Jump(ref writer);
            writer.Append(" from ");
            writer.AppendLinkAddress(dhcp.ClientHardwareAddress);
        }
        writer.Append(", length ");
        writer.AppendDecimal((uint)length);
        if (verbose == 0)
            return false;
        if (dhcp.Captured < 10)
            return Truncated(ref writer);
        if (dhcp.HardwareType != 1)
            WriteField(ref writer, ", htype ", dhcp.HardwareType);
        if (dhcp.HardwareType != 1 || dhcp.HardwareLength != 6)
            WriteField(ref writer, ", hlen ", dhcp.HardwareLength);
        if (dhcp.Hops != 0)
            WriteField(ref writer, ", hops ", dhcp.Hops);
        if (dhcp.TransactionId != 0)
        {
            writer.Append(", xid 0x");
            writer.AppendHex(dhcp.TransactionId);
        }
        if (dhcp.Seconds != 0)
            WriteField(ref writer, ", secs ", dhcp.Seconds);
        if (dhcp.Captured < 12)
            return Jump(ref writer);
        writer.Append((dhcp.Flags & 0x8000) != 0 ? ", Flags [Broadcast]" : ", Flags [none]");
        if (verbose > 1)
        {
            writer.Append(" (0x");
            writer.AppendHex(dhcp.Flags, 4);
            writer.Append(')');
        }
        ReadOnlySpan<string> labels = ["\n\t  Client-IP ", "\n\t  Your-IP ", "\n\t  Server-IP ", "\n\t  Gateway-IP "];
        for (var i = 0; i < 4; i++)
        {
            if (dhcp.Captured < 16 + 4 * i)
                return Jump(ref writer);
            var address = dhcp.Address(12 + 4 * i);
            if (BinaryPrimitives.ReadUInt32BigEndian(address) == 0)
                continue;
            writer.Append(labels[i]);
            AddressText.AppendIpv4(ref writer, address, names);
        }
        if (ethernet)
        {
            if (dhcp.Captured < 34)
                return Jump(ref writer);
            writer.Append("\n\t  Client-Ethernet-Address ");
            writer.AppendLinkAddress(dhcp.ClientHardwareAddress);
        }
        if (!WriteName(ref writer, bytes, DhcpMessage.ServerNameOffset, 64, "\n\t  sname \"", out var jumped))
            return jumped;
        if (!WriteName(ref writer, bytes, DhcpMessage.FileOffset, 128, "\n\t  file \"", out jumped))
            return jumped;
        if (dhcp.Captured < DhcpMessage.VendorOffset + 4)
            return Truncated(ref writer);
        var vendor = BinaryPrimitives.ReadUInt32BigEndian(bytes[DhcpMessage.VendorOffset..]);
        if (vendor == DhcpMessage.MagicCookie)
            return WriteOptions(ref writer, bytes, verbose, names);
        else if (vendor == 0x434d5500)
            WriteCmu(ref writer, bytes, names);
        else if (vendor != 0)
        {
            writer.Append("\n\t  Vendor-#0x");
            writer.AppendHex(vendor);
        }
        return false;
    }

    /// <summary>sname or file: printed when its first byte is set, up to its NUL; false when tcpdump stops there.</summary>
    private static bool WriteName(ref LineWriter writer, ReadOnlySpan<byte> bytes, int offset, int size, string label, out bool jumped)
    {
        jumped = false;
        if (bytes.Length <= offset)
        {
            jumped = Jump(ref writer);
            return false;
        }
        if (bytes[offset] == 0)
            return true;
        writer.Append(label);
        for (var i = offset; ; i++)
        {
            if (i == offset + size || i >= bytes.Length)
            {
                writer.Append('"');
                Truncated(ref writer);
                return false;
            }
            if (bytes[i] == 0)
                break;
            PrintableText.Append(ref writer, bytes[i]);
        }
        writer.Append('"');
        return true;
    }

    /// <summary>tcpdump's rfc1048_print: the magic cookie, then each option by its print format; true on a long jump.</summary>
    private static bool WriteOptions(ref LineWriter writer, ReadOnlySpan<byte> bytes, int verbose, HostNames? names)
    {
        writer.Append("\n\t  Vendor-rfc1048 Extensions\n\t    Magic Cookie 0x");
        writer.AppendHex(DhcpMessage.MagicCookie, 8);
        var at = DhcpMessage.VendorOffset + 4;
        while (at < bytes.Length)
        {
            int tag = bytes[at++];
            if (tag == 0 && verbose < 3)
                continue;
            if (tag == 255 && verbose < 3)
                return false;
            var entry = TagName(tag) ?? "?Unknown";
            var format = entry[0];
            var name = entry.AsSpan(1);
            var length = 0;
            if (tag is not (0 or 255))
            {
                if (at >= bytes.Length)
                    return Jump(ref writer);
                length = bytes[at++];
            }
            writer.Append("\n\t    ");
            writer.Append(name);
            writer.Append(" (");
            writer.AppendDecimal((uint)tag);
            writer.Append("), length ");
            writer.AppendDecimal((uint)length);
            if (length > 0)
                writer.Append(": ");
            if (tag == 0)
            {
                var count = 1u;
                while (at < bytes.Length && bytes[at] == 0)
                {
                    at++;
                    count++;
                }
                if (count > 1)
                {
                    writer.Append(", occurs ");
                    writer.AppendDecimal(count);
                }
            }
            if (at + length > bytes.Length)
                return Truncated(ref writer);
            var value = bytes.Slice(at, length);
            at += length;
            if (tag == 53 && length == 1)
            {
                var kind = MessageTypeName(value[0]);
                if (kind is null)
                {
                    writer.Append("Unknown (");
                    writer.AppendDecimal(value[0]);
                    writer.Append(')');
                }
                else
                {
                    writer.Append(kind);
                }
                continue;
            }
            if (tag == 55)
            {
                for (var i = 0; i < value.Length; i++)
                {
                    writer.Append(i % 4 == 0 ? "\n\t      " : ", ");
                    writer.Append((TagName(value[i]) ?? "?Unknown").AsSpan(1));
                    writer.Append(" (");
                    writer.AppendDecimal(value[i]);
                    writer.Append(')');
                }
                continue;
            }
            if (format == '?')
                format = (length & 1) != 0 ? 'b' : (length & 2) != 0 ? 's' : 'l';
            var left = WriteValue(ref writer, tag, format, value, names);
            if (left > 0)
            {
                writer.Append("\n\t  trailing data length ");
                writer.AppendDecimal((uint)left);
            }
        }
        return false;
    }

    /// <summary>One option's value in its format (tcpdump checked it was captured); returns the bytes left unprinted ("trailing data").</summary>
    private static int WriteValue(ref LineWriter writer, int tag, char format, ReadOnlySpan<byte> value, HostNames? names)
    {
        var at = 0;
        var length = value.Length;
        switch (format)
        {
            case 'a':
                WriteQuoted(ref writer, value);
                return 0;
            case 'i':
            case 'l':
            case 'L':
                for (; length - at >= 4; at += 4)
                {
                    if (at > 0)
                        writer.Append(',');
                    if (format == 'i')
                        AddressText.AppendIpv4(ref writer, value.Slice(at, 4), names);
                    else if (format == 'L')
                        writer.AppendSigned(BinaryPrimitives.ReadInt32BigEndian(value[at..]));
                    else
                        writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(value[at..]));
                }
                return length - at;
            case 'p':
                for (; length - at >= 8; at += 8)
                {
                    if (at > 0)
                        writer.Append(',');
                    writer.Append('(');
                    AddressText.AppendIpv4(ref writer, value.Slice(at, 4), names);
                    writer.Append(':');
                    AddressText.AppendIpv4(ref writer, value.Slice(at + 4, 4), names);
                    writer.Append(')');
                }
                return length - at;
            case 's':
                for (; length - at >= 2; at += 2)
                {
                    if (at > 0)
                        writer.Append(',');
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(value[at..]));
                }
                return length - at;
            case 'B':
                for (; at < length; at++)
                {
                    if (at > 0)
                        writer.Append(',');
                    if (value[at] is 0 or 1)
                    {
                        writer.Append(value[at] == 0 ? 'N' : 'Y');
                    }
                    else
                    {
                        writer.AppendDecimal(value[at]);
                        writer.Append('?');
                    }
                }
                return 0;
            case '$':
                return WriteSpecial(ref writer, tag, value, names);
            default:
                for (; at < length; at++)
                {
                    if (at > 0)
                        writer.Append(format == 'x' ? ':' : '.');
                    if (format == 'x')
                        writer.AppendHexByte(value[at]);
                    else
                        writer.AppendDecimal(value[at]);
                }
                return 0;
        }
    }

    private static int WriteSpecial(ref LineWriter writer, int tag, ReadOnlySpan<byte> value, HostNames? names)
    {
        var length = value.Length;
        switch (tag)
        {
            case 46:
            case 52:
                if (length < 1)
                {
                    writer.Append("[ERROR: length < 1 bytes]");
                    return 0;
                }
                var name = tag == 46
                    ? value[0] switch { 1 => "b-node", 2 => "p-node", 4 => "m-node", 8 => "h-node", _ => null }
                    : value[0] switch { 1 => "file", 2 => "sname", 3 => "file+sname", _ => null };
                if (name is null)
                {
                    writer.Append('#');
                    writer.AppendDecimal(value[0]);
                }
                else
                {
                    writer.Append(name);
                }
                return length - 1;
            case 81:
                if (length < 3)
                {
                    writer.Append("[ERROR: length < 3 bytes]");
                    return 0;
                }
                var flags = value[0];
                if ((flags & 0xf0) != 0)
                {
                    writer.Append("[ERROR: MBZ nibble 0x");
                    writer.AppendHex((uint)(flags & 0xf0) >> 4);
                    writer.Append(" != 0] ");
                }
                if ((flags & 0x0f) != 0)
                {
                    writer.Append('[');
                    if ((flags & 1) != 0) writer.Append('S');
                    if ((flags & 2) != 0) writer.Append('O');
                    if ((flags & 4) != 0) writer.Append('E');
                    if ((flags & 8) != 0) writer.Append('N');
                    writer.Append("] ");
                }
                if (value[1] != 0 || value[2] != 0)
                {
                    writer.AppendDecimal(value[1]);
                    writer.Append('/');
                    writer.AppendDecimal(value[2]);
                    writer.Append(' ');
                }
                WriteQuoted(ref writer, value[3..]);
                return 0;
            case 61:
                if (length < 1)
                {
                    writer.Append("[ERROR: length < 1 bytes]");
                    return 0;
                }
                if (value[0] == 0)
                {
                    WriteQuoted(ref writer, value[1..]);
                    return 0;
                }
                var hardware = value[0] switch { 1 => "ether", 6 => "ieee802", 7 => "arcnet", 0xf => "frelay", 0x17 => "strip", 0x18 => "ieee1394", _ => null };
                if (hardware is null)
                {
                    writer.Append("hardware-type ");
                    writer.AppendDecimal(value[0]);
                    writer.Append(',');
                }
                else
                {
                    writer.Append(hardware);
                }
                writer.Append(' ');
                writer.AppendLinkAddress(value[1..]);
                return 0;
            case 82:
                var at = 0;
                while (length - at >= 2)
                {
                    var sub = value[at];
                    var subLength = value[at + 1];
                    at += 2;
                    var subName = sub switch { 1 => "Circuit-ID", 2 => "Remote-ID", 6 => "Subscriber-ID", _ => "Unknown" };
                    writer.Append("\n\t      ");
                    writer.Append(subName);
                    writer.Append(" SubOption ");
                    writer.AppendDecimal(sub);
                    writer.Append(", length ");
                    writer.AppendDecimal(subLength);
                    if (subLength > length - at)
                    {
                        writer.Append(": length goes past end of option");
                        return 0;
                    }
                    writer.Append(": ");
                    var data = value.Slice(at, subLength);
                    if (sub is 1 or 2 or 6)
                    {
                        foreach (var b in data)
                            PrintableText.Append(ref writer, b);
                    }
                    else
                    {
                        HexDumpWriter.WriteHexOnly(ref writer, data, "\n\t\t");
                    }
                    at += subLength;
                }
                return length - at;
            case 121:
            case 249:
                if (length < 5)
                {
                    writer.Append("[ERROR: length < 5 bytes]");
                    return 0;
                }
                var offset = 0;
                while (offset < length)
                {
                    if (offset > 0)
                        writer.Append(',');
                    int width = value[offset++];
                    if (width > 32)
                    {
                        writer.Append("[ERROR: Mask width (");
                        writer.AppendDecimal((uint)width);
                        writer.Append(") > 32]");
                        return 0;
                    }
                    var significant = (width + 7) / 8;
                    if (length - offset < significant + 4)
                    {
                        writer.Append("[ERROR: Remaining length (");
                        writer.AppendDecimal((uint)(length - offset));
                        writer.Append(") < ");
                        writer.AppendDecimal((uint)(significant + 4));
                        writer.Append(" bytes]");
                        return 0;
                    }
                    writer.Append('(');
                    if (width == 0)
                    {
                        writer.Append("default");
                    }
                    else
                    {
                        for (var i = 0; i < significant; i++)
                        {
                            if (i > 0)
                                writer.Append('.');
                            writer.AppendDecimal(value[offset++]);
                        }
                        for (var i = significant; i < 4; i++)
                            writer.Append(".0");
                        writer.Append('/');
                        writer.AppendDecimal((uint)width);
                    }
                    writer.Append(':');
                    AddressText.AppendIpv4(ref writer, value.Slice(offset, 4), names);
                    writer.Append(')');
                    offset += 4;
                }
                return 0;
            case 77:
                if (length < 2)
                {
                    writer.Append("[ERROR: length < 2 bytes]");
                    return 0;
                }
                var position = 0;
                for (var instance = 1u; position < length; instance++)
                {
                    int subLength = value[position++];
                    writer.Append("\n\t      instance#");
                    writer.AppendDecimal(instance);
                    writer.Append(": ");
                    if (subLength == 0)
                    {
                        writer.Append("[ERROR: suboption length must be non-zero]");
                        return 0;
                    }
                    if (length - position < subLength)
                    {
                        writer.Append("[ERROR: invalid option]");
                        return 0;
                    }
                    WriteQuoted(ref writer, value.Slice(position, subLength));
                    writer.Append(", length ");
                    writer.AppendDecimal((uint)subLength);
                    position += subLength;
                }
                return 0;
            default:
                writer.Append("[unknown special tag ");
                writer.AppendDecimal((uint)tag);
                writer.Append(", size ");
                writer.AppendDecimal((uint)length);
                writer.Append(']');
                return 0;
        }
    }

    /// <summary>The CMU vendor area: flags and the addresses that are set.</summary>
    private static void WriteCmu(ref LineWriter writer, ReadOnlySpan<byte> bytes, HostNames? names)
    {
        writer.Append(" vend-cmu");
        const int Area = DhcpMessage.VendorOffset;
        if (bytes.Length < Area + 8)
        {
            Truncated(ref writer);
            return;
        }
        var flags = bytes[Area + 4];
        if ((flags & ~1) != 0)
        {
            writer.Append(" F:0x");
            writer.AppendHex(flags);
        }
        ReadOnlySpan<int> offsets = [12, 8, 16, 20, 24, 28, 32, 36];
        for (var i = 0; i < offsets.Length; i++)
        {
            var at = Area + offsets[i];
            if (bytes.Length < at + 4)
            {
                Truncated(ref writer);
                return;
            }
            if (BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]) == 0)
                continue;
            writer.Append(' ');
            writer.Append(i switch { 0 => "DG", 1 => (flags & 1) != 0 ? "SM" : "SM*", 2 => "NS1", 3 => "NS2", 4 => "IEN1", 5 => "IEN2", 6 => "TS1", _ => "TS2" });
            writer.Append(':');
            AddressText.AppendIpv4(ref writer, bytes.Slice(at, 4), names);
        }
    }

    private static void WriteQuoted(ref LineWriter writer, ReadOnlySpan<byte> text)
    {
        writer.Append('"');
        foreach (var b in text)
            PrintableText.Append(ref writer, b);
        writer.Append('"');
    }

    private static void WriteField(ref LineWriter writer, string label, uint value)
    {
        writer.Append(label);
        writer.AppendDecimal(value);
    }

    private static bool Truncated(ref LineWriter writer)
    {
        writer.Append(" [|bootp]");
        return false;
    }

    private static bool Jump(ref LineWriter writer)
    {
        writer.Append(" [|bootp]");
        return true;
    }

    private static string? MessageTypeName(int type) => type switch
    {
        1 => "Discover", 2 => "Offer", 3 => "Request", 4 => "Decline", 5 => "ACK", 6 => "NACK", 7 => "Release", 8 => "Inform",
        10 => "LeaseQuery", 11 => "LeaseUnassigned", 12 => "LeaseUnknown", 13 => "LeaseActive", _ => null,
    };

    /// <summary>tcpdump's tag2str: the print format character, then the option's name.</summary>
    private static string? TagName(int tag) => tag switch
    {
        0 => " PAD",
        1 => "iSubnet-Mask",
        2 => "LTime-Zone",
        3 => "iDefault-Gateway",
        4 => "iTime-Server",
        5 => "iIEN-Name-Server",
        6 => "iDomain-Name-Server",
        7 => "iLOG",
        8 => "iCS",
        9 => "iLPR-Server",
        10 => "iIM",
        11 => "iRL",
        12 => "aHostname",
        13 => "sBS",
        255 => " END",
        14 => "aDP",
        15 => "aDomain-Name",
        16 => "iSS",
        17 => "aRP",
        18 => "aEP",
        19 => "BIPF",
        20 => "BSRT",
        21 => "pPF",
        22 => "sRSZ",
        23 => "bTTL",
        24 => "lMTU-Timeout",
        25 => "sMTU-Table",
        26 => "sMTU",
        27 => "BLSN",
        28 => "iBR",
        29 => "BMD",
        30 => "BMS",
        31 => "BRouter-Discovery",
        32 => "iRSA",
        33 => "pStatic-Route",
        34 => "BUT",
        35 => "lAT",
        36 => "BIE",
        37 => "bTT",
        38 => "lKI",
        39 => "BKG",
        40 => "aYD",
        41 => "iYS",
        42 => "iNTP",
        43 => "bVendor-Option",
        44 => "iNetbios-Name-Server",
        45 => "iWDD",
        46 => "$Netbios-Node",
        47 => "aNetbios-Scope",
        48 => "iXFS",
        49 => "iXDM",
        64 => "sN+D",
        65 => "iN+S",
        68 => "iMH",
        69 => "iSMTP",
        70 => "iPOP3",
        71 => "iNNTP",
        72 => "iWWW",
        73 => "iFG",
        74 => "iIRC",
        75 => "iSTS",
        76 => "iSTDA",
        50 => "iRequested-IP",
        51 => "lLease-Time",
        52 => "$OO",
        66 => "aTFTP",
        67 => "aBF",
        53 => " DHCP-Message",
        54 => "iServer-ID",
        55 => "bParameter-Request",
        56 => "aMSG",
        57 => "sMSZ",
        58 => "lRN",
        59 => "lRB",
        60 => "aVendor-Class",
        61 => "$Client-ID",
        98 => "aUAP",
        116 => "BNOAUTO",
        78 => "bSLP-DA",
        79 => "bSLP-SCOPE",
        117 => "sNSSEARCH",
        77 => "$User-Class",
        118 => "iSUBNET",
        121 => "$Classless-Static-Route",
        249 => "$Classless-Static-Route-Microsoft",
        150 => "iTFTP-Server-Address",
        80 => "aSLP-NA",
        81 => "$FQDN",
        82 => "$Agent-Information",
        83 => "bARMT",
        88 => "aTZSTR",
        89 => "bFQDNS",
        90 => "bAUTH",
        91 => "LLast-Transaction-Time",
        92 => "iAssociated-IP",
        93 => "sARCH",
        94 => "bNDI",
        97 => "bGUID",
        95 => "aLDAP",
        100 => "aPOSIX-TZ",
        101 => "aTZ-Name",
        112 => "iNI",
        113 => "aNITAG",
        114 => "aURL",
        161 => "aMUD-URL",
        _ => null,
    };
}
