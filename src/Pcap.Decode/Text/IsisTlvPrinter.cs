using System.Buffers.Binary;

namespace Pcap.Decode.Text;

/// <summary>
/// The TLVs of an IS-IS PDU as tcpdump's <c>isis_print</c> prints them with <c>-v</c>: each TLV's name, type and length, the
/// value of the TLVs it decodes (areas, neighbors, LSP entries, authentication, protocols, addresses, hostname, IPv4 and
/// extended reachability...), a hex dump of the others, and with <c>-vv</c> a hex dump of every TLV.
/// </summary>
internal static class IsisTlvPrinter
{
    /// <summary>How a TLV's decoder ended: go on with the next TLV, stop with tcpdump's truncation mark, or stop silently.</summary>
    private enum Outcome { Next, Truncated, Stop }

    private const string Indent = "\n\t      ";

    /// <summary>
    /// Prints the TLVs from <paramref name="offset"/> of <paramref name="pdu"/> (the PDU from its NLPID), <paramref name="remaining"/>
    /// bytes of them by the PDU length; <paramref name="length"/> is the PDU length the checksum TLV covers.
    /// </summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> pdu, int offset, int remaining, int length)
    {
        var verbose = state.Options.Verbose;
        while (remaining > 0)
        {
            if (pdu.Length < offset + 2 || remaining < 2)
            {
                state.WriteTruncated(ref writer, "isis");
                return;
            }
            int type = pdu[offset];
            int tlvLength = pdu[offset + 1];
            offset += 2;
            remaining -= 2;
            writer.Append("\n\t    ");
            writer.Append(TlvName(type) ?? "unknown");
            writer.Append(" TLV #");
            writer.AppendDecimal((uint)type);
            writer.Append(", length: ");
            writer.AppendDecimal((uint)tlvLength);
            if (remaining < tlvLength)
            {
                state.WriteTruncated(ref writer, "isis");
                return;
            }
            var value = pdu[offset..];
            var outcome = PrintValue(ref writer, state, type, value, tlvLength, pdu, offset, length);
            if (outcome == Outcome.Truncated)
            {
                state.WriteTruncated(ref writer, "isis");
                return;
            }
            if (outcome == Outcome.Stop)
                return;
            if (verbose > 1)
                OsiPrinter.WriteUnknownData(ref writer, value, tlvLength, Indent);
            offset += tlvLength;
            remaining -= tlvLength;
        }
    }

    /// <summary>One TLV's value: <paramref name="value"/> is every captured byte from its start, <paramref name="tlen"/> its length.</summary>
    private static Outcome PrintValue(ref LineWriter writer, PrintState state, int type, ReadOnlySpan<byte> value, int tlen, ReadOnlySpan<byte> pdu, int offset, int length)
    {
        var at = 0;
        switch (type)
        {
            case 1:
                while (tlen != 0)
                {
                    if (value.Length <= at)
                        return Outcome.Truncated;
                    int areaLength = value[at++];
                    tlen--;
                    if (tlen < areaLength)
                        return Outcome.Next;
                    if (value.Length < at + areaLength)
                        return Outcome.Truncated;
                    writer.Append(Indent + "Area address (length: ");
                    writer.AppendDecimal((uint)areaLength);
                    writer.Append("): ");
                    OsiPrinter.WriteNsap(ref writer, value.Slice(at, areaLength));
                    at += areaLength;
                    tlen -= areaLength;
                }
                return Outcome.Next;
            case 6:
                for (; tlen != 0; tlen -= 6, at += 6)
                {
                    if (tlen < 6)
                        return Outcome.Next;
                    if (value.Length < at + 6)
                        return Outcome.Truncated;
                    writer.Append(Indent + "SNPA: ");
                    IsisPrinter.WriteId(ref writer, value.Slice(at, 6));
                }
                return Outcome.Next;
            case 8:
                return Outcome.Next;
            case 2:
                if (tlen < 1)
                    return Outcome.Next;
                if (value.IsEmpty)
                    return Outcome.Truncated;
                writer.Append(Indent);
                writer.Append(value[0] switch { 0 => "IsNotVirtual", 1 => "IsVirtual", _ => "" });
                if (value[0] > 1)
                {
                    writer.Append("bogus virtual flag 0x");
                    writer.AppendHex(value[0], 2);
                }
                at = 1;
                tlen--;
                for (; tlen != 0; tlen -= 11, at += 11)
                {
                    if (tlen < 11)
                        return Outcome.Next;
                    if (value.Length < at + 11)
                        return Outcome.Truncated;
                    writer.Append(Indent + "IS Neighbor: ");
                    IsisPrinter.WriteId(ref writer, value.Slice(at + 4, 7));
                    WriteMetricBlock(ref writer, value.Slice(at, 4));
                }
                return Outcome.Next;
            case 3:
                for (; tlen != 0; tlen -= 10, at += 10)
                {
                    if (tlen < 10)
                        return Outcome.Next;
                    if (value.Length < at + 10)
                        return Outcome.Truncated;
                    writer.Append(Indent + "ES Neighbor: ");
                    IsisPrinter.WriteId(ref writer, value.Slice(at + 4, 6));
                    WriteMetricBlock(ref writer, value.Slice(at, 4));
                }
                return Outcome.Next;
            case 128 or 130:
                return IsisReachabilityPrinter.PrintIpReach(ref writer, value, tlen) ? Outcome.Next : Outcome.Stop;
            case 22 or 24 or 222 or 135 or 235 or 236 or 237:
                return IsisReachabilityPrinter.PrintExtended(ref writer, type, value, tlen) switch
                {
                    IsisReachabilityPrinter.Result.Truncated => Outcome.Truncated,
                    _ => Outcome.Next,
                };
            case 232:
                for (; tlen != 0; tlen -= 16, at += 16)
                {
                    if (tlen < 16)
                        return Outcome.Next;
                    if (value.Length < at + 16)
                        return Outcome.Truncated;
                    writer.Append(Indent + "IPv6 interface address: ");
                    writer.AppendIpv6(value.Slice(at, 16));
                }
                return Outcome.Next;
            case 10:
                return PrintAuthentication(ref writer, value, tlen);
            case 240:
                return PrintPointToPointAdjacency(ref writer, value, tlen);
            case 129:
                writer.Append(Indent + "NLPID(s): ");
                for (; tlen != 0; tlen--, at++)
                {
                    if (value.Length <= at)
                        return Outcome.Truncated;
                    writer.Append(OsiPrinter.NlpidName(value[at]) ?? "unknown");
                    writer.Append(" (0x");
                    writer.AppendHex(value[at], 2);
                    writer.Append(')');
                    if (tlen > 1)
                        writer.Append(", ");
                }
                return Outcome.Next;
            case 134:
                if (tlen < 4)
                    return Outcome.Next;
                if (value.Length < 4)
                    return Outcome.Truncated;
                writer.Append(Indent + "Traffic Engineering Router ID: ");
                writer.AppendIpv4(value[..4]);
                return Outcome.Next;
            case 132:
                for (; tlen != 0; tlen -= 4, at += 4)
                {
                    if (tlen < 4)
                        return Outcome.Next;
                    if (value.Length < at + 4)
                        return Outcome.Truncated;
                    writer.Append(Indent + "IPv4 interface address: ");
                    writer.AppendIpv4(value.Slice(at, 4));
                }
                return Outcome.Next;
            case 137:
                writer.Append(Indent + "Hostname: ");
                return WriteJnp(ref writer, value, tlen) ? Outcome.Next : Outcome.Truncated;
            case 9:
                for (; tlen != 0; tlen -= 16, at += 16)
                {
                    if (tlen < 16)
                        return Outcome.Next;
                    if (value.Length < at + 10)
                        return Outcome.Truncated;
                    writer.Append(Indent + "lsp-id: ");
                    IsisPrinter.WriteId(ref writer, value.Slice(at + 2, 8));
                    if (value.Length < at + 14)
                        return Outcome.Truncated;
                    writer.Append(", seq: 0x");
                    writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(value[(at + 10)..]), 8);
                    writer.Append(", lifetime: ");
                    IsisPrinter.WritePadded(ref writer, BinaryPrimitives.ReadUInt16BigEndian(value[at..]), 5);
                    writer.Append('s');
                    if (value.Length < at + 16)
                        return Outcome.Truncated;
                    writer.Append(", chksum: 0x");
                    writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(value[(at + 14)..]), 4);
                }
                return Outcome.Next;
            case 12:
                if (tlen < 2)
                    return Outcome.Next;
                if (value.Length < 2)
                    return Outcome.Truncated;
                var checksum = BinaryPrimitives.ReadUInt16BigEndian(value);
                writer.Append(Indent + "checksum: 0x");
                writer.AppendHex(checksum, 4);
                writer.Append(' ');
                OsiPrinter.WriteChecksumVerdict(ref writer, pdu, checksum, offset, length);
                return Outcome.Next;
            case 229:
                while (tlen != 0)
                {
                    if (tlen == 1)
                    {
                        writer.Append(Indent + "invalid MT-ID");
                        return Outcome.Next;
                    }
                    if (value.Length < at + 2)
                        return Outcome.Truncated;
                    writer.Append(Indent);
                    IsisReachabilityPrinter.WriteTopology(ref writer, BinaryPrimitives.ReadUInt16BigEndian(value[at..]));
                    at += 2;
                    tlen -= 2;
                }
                return Outcome.Next;
            case 211:
                return PrintRestartSignaling(ref writer, value, tlen);
            case 14:
                if (tlen < 2)
                    return Outcome.Next;
                if (value.Length < 2)
                    return Outcome.Truncated;
                writer.Append(Indent + "LSP Buffersize: ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(value));
                return Outcome.Next;
            case 4:
                for (; tlen != 0; tlen -= 6, at += 6)
                {
                    if (tlen < 6)
                        return Outcome.Next;
                    if (value.Length < at + 6)
                        return Outcome.Truncated;
                    writer.Append(Indent);
                    IsisPrinter.WriteId(ref writer, value.Slice(at, 6));
                }
                return Outcome.Next;
            case 241:
                if (tlen < 4)
                    return Outcome.Next;
                if (value.Length < 4)
                    return Outcome.Truncated;
                writer.Append(Indent + "Sequence number: ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(value));
                return Outcome.Next;
            case 7:
                return PrintInstanceId(ref writer, value, tlen);
            case 13:
                return PrintPurgeOriginator(ref writer, value, tlen);
            case 5:
                return PrintPrefixNeighbors(ref writer, value, tlen);
            case 131:
                return PrintInterDomain(ref writer, value, tlen);
            case 138:
                return PrintSharedRiskGroup(ref writer, value, tlen);
            case 242:
                return PrintRouterCapability(ref writer, value, tlen);
            case 143:
                return IsisSpbPrinter.PrintPortCapability(ref writer, state, value, tlen) ? Outcome.Next : Outcome.Truncated;
            case 144:
                return IsisSpbPrinter.PrintCapability(ref writer, state, value, tlen) ? Outcome.Next : Outcome.Truncated;
            case 250:
                if (tlen < 3)
                    return Outcome.Next;
                if (value.Length < 3)
                    return Outcome.Truncated;
                var vendor = value[0] << 16 | value[1] << 8 | value[2];
                writer.Append(Indent + "Vendor: ");
                writer.Append(OuiNames.Find(vendor) ?? "Unknown");
                writer.Append(" (");
                writer.AppendDecimal((uint)vendor);
                writer.Append(')');
                if (tlen > 3)
                    OsiPrinter.WriteUnknownData(ref writer, value[3..], tlen - 3, "\n\t\t");
                return Outcome.Next;
            default:
                if (state.Options.Verbose <= 1)
                    OsiPrinter.WriteUnknownData(ref writer, value, tlen, "\n\t\t");
                return Outcome.Next;
        }
    }

    /// <summary>The four metrics of the old-style TLVs: default always, delay, expense and error when supported.</summary>
    internal static void WriteMetricBlock(ref LineWriter writer, ReadOnlySpan<byte> metrics)
    {
        writer.Append(", Default Metric: ");
        writer.AppendDecimal((uint)(metrics[0] & 0x3f));
        writer.Append((metrics[0] & 0x40) != 0 ? ", External" : ", Internal");
        WriteOptionalMetric(ref writer, "\n\t\t  Delay Metric: ", metrics[1]);
        WriteOptionalMetric(ref writer, "\n\t\t  Expense Metric: ", metrics[2]);
        WriteOptionalMetric(ref writer, "\n\t\t  Error Metric: ", metrics[3]);
    }

    /// <summary>A delay, expense or error metric, printed when its not-supported bit (0x80) is clear.</summary>
    internal static void WriteOptionalMetric(ref LineWriter writer, string label, byte metric)
    {
        if ((metric & 0x80) != 0)
            return;
        writer.Append(label);
        writer.AppendDecimal((uint)(metric & 0x3f));
        writer.Append((metric & 0x40) != 0 ? ", External" : ", Internal");
    }

    /// <summary>tcpdump's nd_printjnp: up to <paramref name="count"/> characters, stopping at a NUL; false when cut off.</summary>
    private static bool WriteJnp(ref LineWriter writer, ReadOnlySpan<byte> value, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (i >= value.Length)
                return false;
            if (value[i] == 0)
                break;
            PrintableText.Append(ref writer, value[i]);
        }
        return true;
    }

    private static Outcome PrintAuthentication(ref LineWriter writer, ReadOnlySpan<byte> value, int tlen)
    {
        if (tlen < 1)
            return Outcome.Next;
        if (value.IsEmpty)
            return Outcome.Truncated;
        var authType = value[0];
        var data = value[1..];
        tlen--;
        writer.Append(Indent);
        var name = authType switch { 1 => "simple text password", 3 => "Generic Crypto key-id", 54 => "HMAC-MD5 password", 255 => "Routing Domain private password", _ => null };
        if (name is null)
        {
            writer.Append("unknown Authentication type 0x");
            writer.AppendHex(authType, 2);
        }
        else
        {
            writer.Append(name);
        }
        writer.Append(": ");
        switch (authType)
        {
            case 1:
                return WriteJnp(ref writer, data, tlen) ? Outcome.Next : Outcome.Truncated;
            case 54:
                for (var i = 0; i < tlen; i++)
                {
                    if (i >= data.Length)
                        return Outcome.Truncated;
                    writer.AppendHexByte(data[i]);
                }
                if (tlen != 16)
                    writer.Append(", (invalid subTLV) ");
                // Without a secret (-M) tcpdump cannot check the HMAC.
                writer.Append(" (unchecked)");
                return Outcome.Next;
            case 3:
                if (tlen < 2)
                    return Outcome.Next;
                if (data.Length < 2)
                    return Outcome.Truncated;
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(data));
                writer.Append(", password: ");
                for (var i = 0; i < tlen - 2; i++)
                {
                    if (2 + i >= data.Length)
                        return Outcome.Truncated;
                    writer.AppendHexByte(data[2 + i]);
                }
                return Outcome.Next;
            default:
                OsiPrinter.WriteUnknownData(ref writer, data, tlen, "\n\t\t  ");
                return Outcome.Next;
        }
    }

    private static Outcome PrintPointToPointAdjacency(ref LineWriter writer, ReadOnlySpan<byte> value, int tlen)
    {
        if (tlen >= 1)
        {
            if (value.IsEmpty)
                return Outcome.Truncated;
            writer.Append(Indent + "Adjacency State: ");
            writer.Append(value[0] switch { 0 => "Up", 1 => "Initializing", 2 => "Down", _ => "unknown" });
            writer.Append(" (");
            writer.AppendDecimal(value[0]);
            writer.Append(')');
            tlen--;
        }
        // tcpdump reads each field at its fixed place in the TLV, whatever came before it.
        if (tlen > 4)
        {
            if (value.Length < 5)
                return Outcome.Truncated;
            writer.Append(Indent + "Extended Local circuit-ID: 0x");
            writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(value[1..]), 8);
            tlen -= 4;
        }
        if (tlen >= 6)
        {
            if (value.Length < 11)
                return Outcome.Truncated;
            writer.Append(Indent + "Neighbor System-ID: ");
            IsisPrinter.WriteId(ref writer, value.Slice(5, 6));
            tlen -= 6;
        }
        if (tlen >= 4)
        {
            if (value.Length < 15)
                return Outcome.Truncated;
            writer.Append(Indent + "Neighbor Extended Local circuit-ID: 0x");
            writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(value[11..]), 8);
        }
        return Outcome.Next;
    }

    private static Outcome PrintRestartSignaling(ref LineWriter writer, ReadOnlySpan<byte> value, int tlen)
    {
        if (tlen < 1)
            return Outcome.Next;
        if (value.IsEmpty)
            return Outcome.Truncated;
        writer.Append(Indent + "Flags [");
        var first = true;
        BitNames.Append(ref writer, value[0], 0x1, "Restart Request", ref first);
        BitNames.Append(ref writer, value[0], 0x2, "Restart Acknowledgement", ref first);
        BitNames.Append(ref writer, value[0], 0x4, "Suppress adjacency advertisement", ref first);
        if (first)
            writer.Append("none");
        writer.Append(']');
        tlen--;
        if (tlen == 0 || tlen < 2)
            return Outcome.Next;
        if (value.Length < 3)
            return Outcome.Truncated;
        writer.Append(", Remaining holding time ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(value[1..]));
        writer.Append('s');
        tlen -= 2;
        if (tlen == 6)
        {
            if (value.Length < 9)
                return Outcome.Truncated;
            writer.Append(", for ");
            IsisPrinter.WriteId(ref writer, value.Slice(3, 6));
        }
        return Outcome.Next;
    }

    private static Outcome PrintInstanceId(ref LineWriter writer, ReadOnlySpan<byte> value, int tlen)
    {
        if (tlen < 4)
            return Outcome.Next;
        var count = (tlen - 2) / 2;
        if (value.Length < 2)
            return Outcome.Truncated;
        writer.Append(Indent + "Instance ID: ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(value));
        writer.Append(", ITIDs(");
        writer.AppendDecimal((uint)count);
        writer.Append(count != 0 ? "): " : ") ");
        for (var i = 0; i < count; i++)
        {
            if (value.Length < 4 + 2 * i)
                return Outcome.Truncated;
            writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(value[(2 + 2 * i)..]));
            if (i < count - 1)
                writer.Append(", ");
        }
        return Outcome.Next;
    }

    private static Outcome PrintPurgeOriginator(ref LineWriter writer, ReadOnlySpan<byte> value, int tlen)
    {
        if (tlen < 1)
            return Outcome.Next;
        if (value.IsEmpty)
            return Outcome.Truncated;
        int count = value[0];
        tlen--;
        if (count == 0)
        {
            writer.Append(" No system IDs supplied");
            return Outcome.Next;
        }
        if (tlen < 6)
            return Outcome.Next;
        if (value.Length < 7)
            return Outcome.Truncated;
        writer.Append(Indent + "Purge Originator System-ID: ");
        IsisPrinter.WriteId(ref writer, value.Slice(1, 6));
        tlen -= 6;
        if (count > 1)
        {
            if (tlen < 6)
                return Outcome.Next;
            // tcpdump checks 13 bytes from the second ID on.
            if (value.Length < 7 + 13)
                return Outcome.Truncated;
            writer.Append(Indent + "Received from System-ID: ");
            IsisPrinter.WriteId(ref writer, value.Slice(7, 6));
        }
        return Outcome.Next;
    }

    private static Outcome PrintPrefixNeighbors(ref LineWriter writer, ReadOnlySpan<byte> value, int tlen)
    {
        if (tlen < 4)
            return Outcome.Next;
        if (value.Length < 4)
            return Outcome.Truncated;
        writer.Append(Indent + "Metric Block");
        WriteMetricBlock(ref writer, value[..4]);
        var at = 4;
        tlen -= 4;
        while (tlen != 0)
        {
            if (value.Length <= at)
                return Outcome.Truncated;
            int semiOctets = value[at++];
            tlen--;
            if (semiOctets < 2)
            {
                writer.Append("\n\t\tAddress: prefix length ");
                writer.AppendDecimal((uint)semiOctets);
                writer.Append(" < 2");
                return Outcome.Next;
            }
            if (tlen < semiOctets / 2)
                return Outcome.Next;
            if (value.Length < at + semiOctets / 2)
                return Outcome.Truncated;
            writer.Append("\n\t\tAddress: ");
            OsiPrinter.WriteNsap(ref writer, value.Slice(at, semiOctets / 2));
            writer.Append('/');
            writer.AppendDecimal((uint)semiOctets * 4);
            at += semiOctets / 2;
            tlen -= semiOctets / 2;
        }
        return Outcome.Next;
    }

    private static Outcome PrintInterDomain(ref LineWriter writer, ReadOnlySpan<byte> value, int tlen)
    {
        if (tlen < 1)
            return Outcome.Next;
        if (value.IsEmpty)
            return Outcome.Truncated;
        var kind = value[0];
        writer.Append(Indent + "Inter-Domain Information Type: ");
        switch (kind)
        {
            case 0: writer.Append("Reserved"); break;
            case 1: writer.Append("Routing-Domain Specific"); break;
            case 2: writer.Append("AS Number Tag"); break;
            default:
                writer.Append("Unknown (0x");
                writer.AppendHex(kind, 2);
                writer.Append(')');
                break;
        }
        tlen--;
        if (kind == 2)
        {
            if (tlen < 2)
                return Outcome.Next;
            if (value.Length < 3)
                return Outcome.Truncated;
            writer.Append("AS Number: ");
            writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(value[1..]));
            return Outcome.Next;
        }
        OsiPrinter.WriteUnknownData(ref writer, value[1..], tlen, Indent);
        return Outcome.Next;
    }

    private static Outcome PrintSharedRiskGroup(ref LineWriter writer, ReadOnlySpan<byte> value, int tlen)
    {
        if (tlen < 7)
            return Outcome.Next;
        if (value.Length < 7)
            return Outcome.Truncated;
        writer.Append(Indent + "IS Neighbor: ");
        IsisPrinter.WriteId(ref writer, value[..7]);
        tlen -= 7;
        if (tlen < 1)
            return Outcome.Next;
        if (value.Length < 8)
            return Outcome.Truncated;
        writer.Append((value[7] & 1) != 0 ? ", Flags: [numbered]" : ", Flags: [unnumbered]");
        tlen--;
        var at = 8;
        if (tlen < 4)
            return Outcome.Next;
        if (value.Length < at + 4)
            return Outcome.Truncated;
        writer.Append(Indent + "IPv4 interface address: ");
        writer.AppendIpv4(value.Slice(at, 4));
        at += 4;
        tlen -= 4;
        if (tlen < 4)
            return Outcome.Next;
        if (value.Length < at + 4)
            return Outcome.Truncated;
        writer.Append(Indent + "IPv4 neighbor address: ");
        writer.AppendIpv4(value.Slice(at, 4));
        at += 4;
        tlen -= 4;
        for (; tlen != 0; tlen -= 4, at += 4)
        {
            if (tlen < 4)
                return Outcome.Next;
            if (value.Length < at + 4)
                return Outcome.Truncated;
            writer.Append(Indent + "Link-ID: 0x");
            writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(value[at..]), 8);
        }
        return Outcome.Next;
    }

    private static Outcome PrintRouterCapability(ref LineWriter writer, ReadOnlySpan<byte> value, int tlen)
    {
        if (tlen < 5)
        {
            writer.Append(" [object length ");
            writer.AppendDecimal((uint)tlen);
            writer.Append(" < 5] (invalid)");
            return Outcome.Next;
        }
        if (value.Length < 5)
            return Outcome.Truncated;
        writer.Append(Indent + "Router-ID ");
        writer.AppendIpv4(value[..4]);
        writer.Append(", Flags [");
        var first = true;
        BitNames.Append(ref writer, value[4], 0x01, "S bit", ref first);
        BitNames.Append(ref writer, value[4], 0x02, "D bit", ref first);
        if (first)
            writer.Append("none");
        writer.Append(']');
        var at = 5;
        for (tlen -= 5; tlen >= 2;)
        {
            if (value.Length < at + 2)
                return Outcome.Truncated;
            int subType = value[at];
            int subLength = value[at + 1];
            tlen -= 2;
            at += 2;
            writer.Append(subType == 2 ? "\n\t\tSR-Capabilities subTLV #" : "\n\t\tunknown subTLV #");
            writer.AppendDecimal((uint)subType);
            writer.Append(", length: ");
            writer.AppendDecimal((uint)subLength);
            // tcpdump leaves the sub-TLVs silently when one is longer than the TLV or cut off, and goes on with the next TLV.
            if (subLength > tlen || value.Length < at + subLength)
                return Outcome.Next;
            var sub = value.Slice(at, subLength);
            if (subType == 2)
            {
                if (sub.Length < 4)
                    return Outcome.Truncated;
                writer.Append(", Flags [");
                first = true;
                BitNames.Append(ref writer, sub[0], 0x80, "ipv4", ref first);
                BitNames.Append(ref writer, sub[0], 0x40, "ipv6", ref first);
                if (first)
                    writer.Append("None");
                writer.Append("], Range ");
                writer.AppendDecimal((uint)(sub[1] << 16 | sub[2] << 8 | sub[3]));
                var sids = value[(at + 4)..];
                for (var left = (byte)(subLength - 4); left >= 5;)
                {
                    if (sids.Length < 2)
                        return Outcome.Truncated;
                    int sidType = sids[0], sidLength = sids[1];
                    left -= 2;
                    sids = sids[2..];
                    if (sidLength > left)
                        break;
                    if (sidType == 1)
                    {
                        if (sidLength is 3 or 4)
                        {
                            if (sids.Length < sidLength)
                                return Outcome.Truncated;
                            writer.Append(", SID value ");
                            writer.AppendDecimal(sidLength == 3 ? (uint)(sids[0] << 16 | sids[1] << 8 | sids[2]) : BinaryPrimitives.ReadUInt32BigEndian(sids));
                        }
                        else
                        {
                            writer.Append(", Unknown SID length");
                            writer.AppendDecimal((uint)sidLength);
                        }
                    }
                    else
                    {
                        OsiPrinter.WriteUnknownData(ref writer, sids, sidLength, "\n\t\t  ");
                    }
                    sids = sids[Math.Min(sidLength, sids.Length)..];
                    left -= (byte)sidLength;
                }
            }
            else
            {
                OsiPrinter.WriteUnknownData(ref writer, sub, subLength, "\n\t\t");
            }
            tlen -= subLength;
            at += subLength;
        }
        return Outcome.Next;
    }

    /// <summary>tcpdump's isis_tlv_values names.</summary>
    private static string? TlvName(int type) => type switch
    {
        1 => "Area address(es)",
        2 => "IS Reachability",
        3 => "ES Neighbor(s)",
        4 => "Partition DIS",
        5 => "Prefix Neighbors",
        6 => "IS Neighbor(s)",
        7 => "Instance Identifier",
        8 => "Padding",
        9 => "LSP entries",
        10 => "Authentication",
        12 => "Checksum",
        13 => "Purge Originator Identifier",
        14 => "LSP Buffersize",
        22 => "Extended IS Reachability",
        24 => "IS Alias ID",
        42 => "DECnet Phase IV",
        66 => "Lucent Proprietary",
        128 => "IPv4 Internal Reachability",
        129 => "Protocols supported",
        130 => "IPv4 External Reachability",
        131 => "Inter-Domain Information Type",
        132 => "IPv4 Interface address(es)",
        133 => "IPv4 authentication (deprecated)",
        134 => "Traffic Engineering Router ID",
        135 => "Extended IPv4 Reachability",
        138 => "Shared Risk Link Group",
        143 => "Multi-Topology-Aware Port Capability",
        144 => "Multi-Topology Capability",
        176 or 177 => "Nortel Proprietary",
        137 => "Hostname",
        211 => "Restart Signaling",
        222 => "Multi Topology IS Reachability",
        229 => "Multi Topology",
        232 => "IPv6 Interface address(es)",
        235 => "Multi-Topology IPv4 Reachability",
        236 => "IPv6 reachability",
        237 => "Multi-Topology IP6 Reachability",
        240 => "Point-to-point Adjacency State",
        241 => "Hello PDU Sequence Number",
        242 => "IS-IS Router Capability",
        250 => "Vendor Private",
        _ => null,
    };
}
