using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace Pcap.Decode.Text;

/// <summary>
/// IS-IS reachability TLVs as tcpdump prints them with <c>-v</c>: the old IPv4 reachability (128, 130), the extended IS
/// reachability with its sub-TLVs (22, 24, 222) and the extended IPv4/IPv6 reachability with its sub-TLVs (135, 235, 236, 237),
/// with their multi-topology IDs.
/// </summary>
internal static class IsisReachabilityPrinter
{
    /// <summary>How a reachability TLV ended: fully printed, or cut where tcpdump writes its truncation mark.</summary>
    public enum Result { Done, Truncated }

    private const string Indent = "\n\t      ";

    // tcpdump's gmpls_link_prot_values, by bit from the lowest.
    private static readonly string[] ProtectionNames = ["Extra Traffic", "Unprotected", "Shared", "Dedicated 1:1", "Dedicated 1+1", "Enhanced", "Reserved", "Reserved"];

    /// <summary>TLVs 128 and 130 (12-byte entries: metrics, prefix, mask); false when tcpdump stops printing the PDU silently.</summary>
    public static bool PrintIpReach(ref LineWriter writer, ReadOnlySpan<byte> value, int length)
    {
        for (var at = 0; length > 0; length -= 12, at += 12)
        {
            if (length < 12)
            {
                writer.Append("short IPv4 Reachability (");
                writer.AppendDecimal((uint)length);
                writer.Append(" vs 12)");
                return false;
            }
            if (value.Length < at + 12)
                return false;
            var entry = value.Slice(at, 12);
            var prefixLength = PrefixLength(BinaryPrimitives.ReadUInt32BigEndian(entry[8..]));
            writer.Append(Indent + "IPv4 prefix: ");
            if (prefixLength < 0)
            {
                writer.AppendIpv4(entry.Slice(4, 4));
                writer.Append(" mask ");
                writer.AppendIpv4(entry.Slice(8, 4));
            }
            else
            {
                WriteIpv4Padded(ref writer, entry.Slice(4, 4));
                writer.Append('/');
                writer.AppendDecimal((uint)prefixLength);
            }
            writer.Append((entry[0] & 0x80) != 0 ? ", Distribution: down, Metric: " : ", Distribution: up, Metric: ");
            writer.AppendDecimal((uint)(entry[0] & 0x3f));
            writer.Append((entry[0] & 0x40) != 0 ? ", External" : ", Internal");
            IsisTlvPrinter.WriteOptionalMetric(ref writer, Indent + "  Delay Metric: ", entry[1]);
            IsisTlvPrinter.WriteOptionalMetric(ref writer, Indent + "  Expense Metric: ", entry[2]);
            IsisTlvPrinter.WriteOptionalMetric(ref writer, Indent + "  Error Metric: ", entry[3]);
        }
        return true;
    }

    /// <summary>The extended IS (22, 24, 222) and IP (135, 235, 236, 237) reachability TLVs: entries until the TLV ends.</summary>
    public static Result PrintExtended(ref LineWriter writer, int type, ReadOnlySpan<byte> value, int tlen)
    {
        var at = 0;
        if (type is 222 or 235 or 237)
        {
            if (tlen < 2 || value.Length < 2)
                return Result.Truncated;
            writer.Append(Indent);
            WriteTopology(ref writer, BinaryPrimitives.ReadUInt16BigEndian(value));
            at = 2;
            tlen -= 2;
        }
        while (tlen != 0)
        {
            var processed = type switch
            {
                22 or 24 or 222 => PrintExtendedIs(ref writer, type, value[at..], tlen),
                _ => PrintExtendedIp(ref writer, value[at..], type is 236 or 237),
            };
            if (processed == 0)
                return Result.Truncated;
            if (tlen < processed)
            {
                writer.Append(" [remaining tlv length ");
                writer.AppendDecimal((uint)tlen);
                writer.Append(" < ");
                writer.AppendDecimal((uint)processed);
                writer.Append("] (invalid)");
                return Result.Done;
            }
            tlen -= (byte)processed;
            at += (byte)processed;
        }
        return Result.Done;
    }

    /// <summary>tcpdump's isis_print_mtid: the topology name, its number and flags (the caller writes the indent).</summary>
    public static void WriteTopology(ref LineWriter writer, ushort field)
    {
        var id = field & 0x0fff;
        writer.Append(id switch
        {
            0 => "IPv4 unicast", 1 => "In-Band Management", 2 => "IPv6 unicast", 3 => "Multicast",
            4095 => "Development, Experimental or Proprietary", _ => "Reserved for IETF Consensus",
        });
        writer.Append(" Topology (0x");
        writer.AppendHex((uint)id, 3);
        writer.Append("), Flags: [");
        var first = true;
        BitNames.Append(ref writer, field, 0x4000, "ATT bit set", ref first);
        BitNames.Append(ref writer, field, 0x8000, "Overload bit set", ref first);
        if (first)
            writer.Append("none");
        writer.Append(']');
    }

    /// <summary>One extended IS entry (neighbor, metric, sub-TLVs); the bytes it took, 0 where tcpdump gives up as truncated.</summary>
    private static int PrintExtendedIs(ref LineWriter writer, int type, ReadOnlySpan<byte> entry, int remaining)
    {
        if (entry.Length < 7 || remaining < 7)
            return 0;
        writer.Append(Indent + "IS Neighbor: ");
        IsisPrinter.WriteId(ref writer, entry[..7]);
        var at = 7;
        remaining -= 7;
        if (type != 24)
        {
            if (entry.Length < at + 3 || remaining < 3)
                return 0;
            writer.Append(", Metric: ");
            writer.AppendDecimal(Read24(entry[at..]));
            at += 3;
            remaining -= 3;
        }
        if (entry.Length <= at || remaining < 1)
            return 0;
        int sum = entry[at++];
        remaining--;
        writer.Append(sum != 0 ? ", sub-TLVs present" : ", no sub-TLVs present");
        if (sum == 0)
            return at;
        writer.Append(" (");
        writer.AppendDecimal((uint)sum);
        writer.Append(')');
        const string subIndent = Indent + "  ";
        while (sum != 0)
        {
            if (entry.Length < at + 2)
                return 0;
            if (remaining < 2)
            {
                writer.Append(subIndent + "Remaining data in TLV shorter than a subTLV header");
                return at + remaining;
            }
            if (sum < 2)
            {
                writer.Append(subIndent + "Remaining data in subTLVs shorter than a subTLV header");
                return at + sum;
            }
            int subType = entry[at];
            int subLength = entry[at + 1];
            at += 2;
            remaining -= 2;
            sum -= 2;
            writer.Append(subIndent);
            writer.Append(ExtendedIsSubTlvName(subType) ?? "unknown");
            writer.Append(" subTLV #");
            writer.AppendDecimal((uint)subType);
            writer.Append(", length: ");
            writer.AppendDecimal((uint)subLength);
            if (sum < subLength)
            {
                writer.Append(" (remaining data in subTLVs shorter than the current subTLV)");
                return at + sum;
            }
            if (remaining < subLength)
            {
                writer.Append(" (> remaining tlv length)");
                return at + remaining;
            }
            if (entry.Length < at + subLength)
                return 0;
            var sub = entry.Slice(at, subLength);
            var consumed = PrintExtendedIsSubTlv(ref writer, subType, sub, entry[at..]);
            if (consumed < 0)
                return 0;
            // tcpdump counts the bytes a sub-TLV printer walks through against the sub-TLVs but not against the TLV.
            at += subLength;
            remaining -= subLength - consumed;
            sum -= subLength;
        }
        return at;
    }

    /// <summary>
    /// An extended IS sub-TLV's value (<paramref name="captured"/>: every captured byte from its start, as tcpdump may read past
    /// it); returns the bytes tcpdump walks through while printing it, -1 when cut off.
    /// </summary>
    private static int PrintExtendedIsSubTlv(ref LineWriter writer, int type, ReadOnlySpan<byte> sub, ReadOnlySpan<byte> captured)
    {
        const string subIndent = Indent + "  ";
        switch (type)
        {
            case 3 or 4 or 5:
                if (sub.Length >= 4)
                {
                    writer.Append(", 0x");
                    writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(sub), 8);
                    if (sub.Length == 8)
                    {
                        writer.Append(", 0x");
                        writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(sub[4..]), 8);
                    }
                }
                break;
            case 6 or 8:
                if (sub.Length >= 4)
                {
                    writer.Append(", ");
                    writer.AppendIpv4(sub[..4]);
                }
                break;
            case 9 or 10:
                if (sub.Length >= 4)
                {
                    writer.Append(", ");
                    WriteBandwidth(ref writer, sub);
                }
                break;
            case 11:
                if (sub.Length >= 32)
                {
                    for (var te = 0; te < 8; te++)
                    {
                        writer.Append(subIndent + "  TE-Class ");
                        writer.AppendDecimal((uint)te);
                        writer.Append(": ");
                        WriteBandwidth(ref writer, sub[(4 * te)..]);
                    }
                    return 32;
                }
                break;
            case 22 or 12:
                if (sub.Length == 0)
                    break;
                writer.Append(subIndent + "Bandwidth Constraints Model ID: ");
                writer.Append(sub[0] switch { 0 => "Russian dolls", 1 => "Maximum allocation", 2 => "Maximum allocation with E-LSP support", _ => "unknown" });
                writer.Append(" (");
                writer.AppendDecimal(sub[0]);
                writer.Append(')');
                var walked = 1;
                for (var te = 0; sub.Length - walked >= 4; walked += 4, te++)
                {
                    writer.Append(subIndent + "  Bandwidth constraint CT");
                    writer.AppendDecimal((uint)te);
                    writer.Append(": ");
                    WriteBandwidth(ref writer, sub[walked..]);
                }
                return walked;
            case 18:
                if (sub.Length >= 3)
                {
                    writer.Append(", ");
                    writer.AppendDecimal(Read24(sub));
                }
                break;
            case 19:
                if (sub.Length == 2)
                {
                    var attributes = BinaryPrimitives.ReadUInt16BigEndian(sub);
                    writer.Append(", [ ");
                    var first = true;
                    BitNames.Append(ref writer, attributes, 0x01, "Local Protection Available", ref first);
                    BitNames.Append(ref writer, attributes, 0x02, "Link excluded from local protection path", ref first);
                    BitNames.Append(ref writer, attributes, 0x04, "Local maintenance required", ref first);
                    if (first)
                        writer.Append("Unknown");
                    writer.Append(" ] (0x");
                    writer.AppendHex(attributes, 4);
                    writer.Append(')');
                }
                break;
            case 20:
                if (sub.Length >= 2)
                {
                    writer.Append(", ");
                    var first = true;
                    for (var bit = 0; bit < 8; bit++)
                        BitNames.Append(ref writer, sub[0], 1u << bit, ProtectionNames[bit], ref first);
                    if (first)
                        writer.Append("none");
                    writer.Append(", Priority ");
                    writer.AppendDecimal(sub[1]);
                }
                break;
            case 29:
                if (sub.Length >= 6)
                {
                    writer.Append(", LM: ");
                    writer.AppendDecimal(Read24(sub));
                    writer.Append(", P: ");
                    writer.AppendDecimal(sub[3]);
                    writer.Append(", P-ID: ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(sub[4..]));
                    return 4;
                }
                break;
            case 32:
                if (sub.Length < 8)
                    break;
                var sidFlags = sub[0];
                writer.Append(subIndent + "  Flags: [");
                var any = true;
                BitNames.Append(ref writer, sidFlags, 0x80, "Address family IPv6", ref any);
                BitNames.Append(ref writer, sidFlags, 0x40, "Backup", ref any);
                BitNames.Append(ref writer, sidFlags, 0x20, "Value", ref any);
                BitNames.Append(ref writer, sidFlags, 0x10, "Local significance", ref any);
                BitNames.Append(ref writer, sidFlags, 0x08, "Set of adjacencies", ref any);
                BitNames.Append(ref writer, sidFlags, 0x04, "Persistent", ref any);
                if (any)
                    writer.Append("none");
                writer.Append(']');
                writer.Append(subIndent + "  Weight: ");
                writer.AppendDecimal(sub[1]);
                bool value = (sidFlags & 0x20) != 0, local = (sidFlags & 0x10) != 0;
                if (sub.Length - 2 >= 6)
                {
                    writer.Append(subIndent + "  Neighbor System-ID: ");
                    IsisPrinter.WriteId(ref writer, sub.Slice(2, 6));
                }
                if (value && local)
                {
                    if (captured.Length < 11)
                        return -1;
                    writer.Append(subIndent + "  Label: ");
                    writer.AppendDecimal(Read24(captured[8..]));
                }
                else if (!value && !local)
                {
                    if (captured.Length < 12)
                        return -1;
                    writer.Append(subIndent + "  Index: ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(captured[8..]));
                }
                else
                {
                    writer.Append(" (invalid)");
                }
                return 2;
            default:
                OsiPrinter.WriteUnknownData(ref writer, sub, sub.Length, "\n\t\t    ");
                break;
        }
        return 0;
    }

    /// <summary>One extended IP entry (metric, prefix, sub-TLVs); the bytes it took, 0 where tcpdump gives up.</summary>
    private static int PrintExtendedIp(ref LineWriter writer, ReadOnlySpan<byte> entry, bool ipv6)
    {
        if (entry.Length < 5)
            return 0;
        var metric = BinaryPrimitives.ReadUInt32BigEndian(entry);
        var status = entry[4];
        int bits, at;
        if (!ipv6)
        {
            bits = status & 0x3f;
            if (bits > 32)
            {
                writer.Append(Indent + "IPv4 prefix: bad bit length ");
                writer.AppendDecimal((uint)bits);
                return 0;
            }
            at = 5;
        }
        else
        {
            if (entry.Length < 6)
                return 0;
            bits = entry[5];
            if (bits > 128)
            {
                writer.Append(Indent + "IPv6 prefix: bad bit length ");
                writer.AppendDecimal((uint)bits);
                return 0;
            }
            at = 6;
        }
        var bytes = (bits + 7) / 8;
        if (entry.Length < at + bytes)
            return 0;
        Span<byte> prefix = stackalloc byte[16];
        prefix.Clear();
        entry.Slice(at, bytes).CopyTo(prefix);
        at += bytes;
        if (!ipv6)
        {
            writer.Append(Indent + "IPv4 prefix: ");
            WriteIpv4Padded(ref writer, prefix[..4]);
        }
        else
        {
            writer.Append(Indent + "IPv6 prefix: ");
            writer.AppendIpv6(prefix);
        }
        writer.Append('/');
        writer.AppendDecimal((uint)bits);
        writer.Append((status & 0x80) != 0 ? ", Distribution: down, Metric: " : ", Distribution: up, Metric: ");
        writer.AppendDecimal(metric);
        var hasSubTlvs = ipv6 ? (status & 0x20) != 0 : (status & 0x40) != 0;
        if (ipv6)
        {
            writer.Append((status & 0x40) != 0 ? ", External" : ", Internal");
            if (hasSubTlvs)
                writer.Append(", sub-TLVs present");
        }
        else if (hasSubTlvs)
        {
            writer.Append(", sub-TLVs present");
        }
        if (!hasSubTlvs)
            return at;
        if (entry.Length <= at)
            return 0;
        uint sum = entry[at++];
        var processed = at + (int)sum;
        writer.Append(" (");
        writer.AppendDecimal(sum);
        writer.Append(')');
        // tcpdump's count of the sub-TLV bytes is unsigned: a sub-TLV longer than what is left wraps it, and the walk goes
        // on until the capture ends.
        while (sum > 0)
        {
            if (entry.Length < at + 2)
                return 0;
            int subType = entry[at];
            int subLength = entry[at + 1];
            at += 2;
            if (!PrintIpReachSubTlv(ref writer, subType, subLength, entry[at..]))
                return 0;
            at += subLength;
            sum = unchecked(sum - (uint)(subLength + 2));
        }
        return processed;
    }

    /// <summary>An extended IP reachability sub-TLV; false when cut off (tcpdump then writes its truncation mark twice).</summary>
    private static bool PrintIpReachSubTlv(ref LineWriter writer, int type, int length, ReadOnlySpan<byte> value)
    {
        writer.Append(Indent + "  ");
        writer.Append(type switch { 1 => "32-Bit Administrative tag", 2 => "64-Bit Administrative tag", 3 => "Prefix SID", 117 => "Management Prefix Color", _ => "unknown" });
        writer.Append(" subTLV #");
        writer.AppendDecimal((uint)type);
        writer.Append(", length: ");
        writer.AppendDecimal((uint)length);
        if (value.Length < length)
        {
            writer.Append(" [|isis]");
            return false;
        }
        var at = 0;
        switch (type)
        {
            case 117 or 1:
                for (; length >= 4; length -= 4, at += 4)
                {
                    var tag = BinaryPrimitives.ReadUInt32BigEndian(value[at..]);
                    writer.Append(", 0x");
                    writer.AppendHex(tag, 8);
                    writer.Append(" (=");
                    writer.AppendDecimal(tag);
                    writer.Append(')');
                }
                break;
            case 2:
                for (; length >= 8; length -= 8, at += 8)
                {
                    writer.Append(", 0x");
                    writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(value[at..]), 8);
                    writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(value[(at + 4)..]), 8);
                }
                break;
            case 3:
                if (value.Length < 2)
                {
                    writer.Append(" [|isis]");
                    return false;
                }
                var flags = value[0];
                var algorithm = value[1];
                var label = (flags & 0x08) != 0;
                if (length < (label ? 5 : 6))
                {
                    writer.Append(" [|isis]");
                    return false;
                }
                var sid = label ? Read24(value[2..]) : BinaryPrimitives.ReadUInt32BigEndian(value[2..]);
                writer.Append(", Flags [");
                var first = true;
                BitNames.Append(ref writer, flags, 0x80, "Readvertisement", ref first);
                BitNames.Append(ref writer, flags, 0x40, "Node", ref first);
                BitNames.Append(ref writer, flags, 0x20, "No-PHP", ref first);
                BitNames.Append(ref writer, flags, 0x10, "Explicit NULL", ref first);
                BitNames.Append(ref writer, flags, 0x08, "Value", ref first);
                BitNames.Append(ref writer, flags, 0x04, "Local", ref first);
                if (first)
                    writer.Append("None");
                writer.Append("], Algo ");
                writer.Append(algorithm switch { 0 => "SPF", 1 => "strict-SPF", _ => "Unknown" });
                writer.Append(" (");
                writer.AppendDecimal(algorithm);
                writer.Append(label ? "), label " : "), index ");
                writer.AppendDecimal(sid);
                break;
            default:
                OsiPrinter.WriteUnknownData(ref writer, value, length, "\n\t\t    ");
                break;
        }
        return true;
    }

    private static uint Read24(ReadOnlySpan<byte> bytes) => (uint)(bytes[0] << 16 | bytes[1] << 8 | bytes[2]);

    /// <summary>printf's <c>%15s</c> of a dotted quad: right-aligned in 15 characters.</summary>
    private static void WriteIpv4Padded(ref LineWriter writer, scoped ReadOnlySpan<byte> address)
    {
        var width = 3;
        foreach (var b in address)
            width += b >= 100 ? 3 : b >= 10 ? 2 : 1;
        for (var i = width; i < 15; i++)
            writer.Append(' ');
        writer.AppendIpv4(address);
    }

    /// <summary>tcpdump's <c>%.3f Mbps</c> of an IEEE float in bytes per second, computed in single precision as C does.</summary>
    private static void WriteBandwidth(ref LineWriter writer, ReadOnlySpan<byte> bytes)
    {
        var value = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(bytes)) * 8f / 1000000f;
        if (float.IsNaN(value))
            writer.Append(BitConverter.SingleToInt32Bits(value) < 0 ? "-nan" : "nan");
        else if (float.IsInfinity(value))
            writer.Append(value < 0 ? "-inf" : "inf");
        else
        {
            Span<char> text = stackalloc char[64];
            ((double)value).TryFormat(text, out var written, "F3", CultureInfo.InvariantCulture);
            writer.Append(text[..written]);
        }
        writer.Append(" Mbps");
    }

    /// <summary>The prefix length of a contiguous IPv4 mask, -1 for any other (tcpdump's mask2plen).</summary>
    private static int PrefixLength(uint mask)
    {
        var length = BitOperations.PopCount(mask);
        return length == 0 ? (mask == 0 ? 0 : -1) : (mask == uint.MaxValue << (32 - length) ? length : -1);
    }

    private static string? ExtendedIsSubTlvName(int type) => type switch
    {
        3 => "Administrative groups",
        4 => "Link Local/Remote Identifier",
        5 => "Link Remote Identifier",
        6 => "IPv4 interface address",
        8 => "IPv4 neighbor address",
        9 => "Maximum link bandwidth",
        10 => "Reservable link bandwidth",
        11 => "Unreserved bandwidth",
        18 => "Traffic Engineering Metric",
        19 => "Link Attribute",
        20 => "Link Protection Type",
        21 => "Interface Switching Capability",
        12 => "Bandwidth Constraints (old)",
        22 => "Bandwidth Constraints",
        32 => "LAN Adjacency Segment Identifier",
        29 => "SPB Metric",
        250 or 251 or 252 or 253 or 254 => "Reserved for cisco specific extensions",
        255 => "Reserved for future expansion",
        _ => null,
    };
}
