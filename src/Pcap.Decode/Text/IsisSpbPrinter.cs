using System.Buffers.Binary;

namespace Pcap.Decode.Text;

/// <summary>
/// The IS-IS TLVs of shortest path bridging (IEEE 802.1aq, RFC 6165/6329) as tcpdump prints them with <c>-v</c>: the
/// multi-topology-aware port capability (143) and the multi-topology capability (144) with their SPB sub-TLVs.
/// </summary>
internal static class IsisSpbPrinter
{
    /// <summary>TLV 143; false when its value was cut off before its first two bytes.</summary>
    public static bool PrintPortCapability(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> value, int tlen)
    {
        if (tlen < 2)
            return true;
        if (value.Length < 2)
            return false;
        var field = BinaryPrimitives.ReadUInt16BigEndian(value);
        writer.Append("\n\t       RES: ");
        writer.AppendDecimal((uint)(field >> 12));
        writer.Append(", MTID(s): ");
        writer.AppendDecimal((uint)(field & 0x0fff));
        var at = 2;
        for (var len = tlen - 2; len > 2;)
        {
            if (value.Length < at + 2)
                return false;
            int type = value[at], length = value[at + 1];
            writer.Append("\n\t       ");
            writer.Append(type switch { 4 => "SPB MCID", 5 => "SPB Digest", 6 => "SPB BVID", _ => "unknown" });
            WriteSubTlvHeader(ref writer, type, length);
            at += 2;
            len -= 2;
            if (len < length)
            {
                writer.Append(" (> containing TLV length)");
                return true;
            }
            if (value.Length < at + length)
            {
                state.WriteTruncated(ref writer, "isis");
                return true;
            }
            var sub = value.Slice(at, length);
            switch (type)
            {
                case 4 when length < 102:
                case 5 when length < 33:
                    writer.Append(" (too short)");
                    return true;
                case 4:
                    writer.Append("\n\t         MCID: ");
                    WriteMcid(ref writer, sub[..51]);
                    writer.Append("\n\t         AUX-MCID: ");
                    WriteMcid(ref writer, sub.Slice(51, 51));
                    break;
                case 5:
                    writer.Append("\n\t        RES: ");
                    writer.AppendDecimal((uint)(sub[0] >> 5));
                    writer.Append(" V: ");
                    writer.AppendDecimal((uint)((sub[0] >> 4) & 1));
                    writer.Append(" A: ");
                    writer.AppendDecimal((uint)((sub[0] >> 2) & 3));
                    writer.Append(" D: ");
                    writer.AppendDecimal((uint)(sub[0] & 3));
                    writer.Append("\n\t         Digest: ");
                    for (var i = 1; i <= 8; i++)
                    {
                        writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(sub[(1 + 4 * (i - 1))..]), 8);
                        writer.Append(' ');
                        if (i % 4 == 0 && i != 8)
                            writer.Append("\n\t                 ");
                    }
                    break;
                case 6:
                    for (var b = 0; b < sub.Length; b += 6)
                    {
                        if (sub.Length - b < 4)
                        {
                            writer.Append(" (too short)");
                            return true;
                        }
                        writer.Append("\n\t           ECT: ");
                        writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(sub[b..]), 8);
                        if (sub.Length - b - 4 < 2)
                        {
                            writer.Append(" (too short)");
                            return true;
                        }
                        var bvid = BinaryPrimitives.ReadUInt16BigEndian(sub[(b + 4)..]);
                        writer.Append(" BVID: ");
                        writer.AppendDecimal((uint)(bvid >> 4));
                        writer.Append(", U:");
                        writer.AppendHex((uint)((bvid >> 3) & 1));
                        writer.Append(" M:");
                        writer.AppendHex((uint)((bvid >> 2) & 1));
                        writer.Append(' ');
                    }
                    break;
            }
            at += length;
            len -= length;
        }
        return true;
    }

    /// <summary>TLV 144; false when its value was cut off before its first two bytes.</summary>
    public static bool PrintCapability(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> value, int tlen)
    {
        if (tlen < 2)
            return true;
        if (value.Length < 2)
            return false;
        var field = BinaryPrimitives.ReadUInt16BigEndian(value);
        writer.Append("\n\t      O: ");
        writer.AppendDecimal((uint)((field >> 15) & 1));
        writer.Append(", RES: ");
        writer.AppendDecimal((uint)((field >> 12) & 7));
        writer.Append(", MTID(s): ");
        writer.AppendDecimal((uint)(field & 0x0fff));
        var at = 2;
        for (var len = tlen - 2; len > 2;)
        {
            if (value.Length < at + 2)
                return false;
            int type = value[at], length = value[at + 1];
            at += 2;
            len -= 2;
            writer.Append("\n\t      ");
            writer.Append(type switch { 1 => "SPB Instance", 3 => "SPBM Service Identifier and Unicast Address", _ => "unknown" });
            WriteSubTlvHeader(ref writer, type, length);
            if (len < length)
            {
                writer.Append(" (> containing TLV length)");
                return true;
            }
            if (value.Length < at + length)
            {
                state.WriteTruncated(ref writer, "isis");
                return true;
            }
            var sub = value.Slice(at, length);
            if (type == 1 && length < 19)
            {
                writer.Append(" (too short)");
                return true;
            }
            if (type == 1 && !PrintInstance(ref writer, state, sub))
                return true;
            if (type == 3)
            {
                if (length < 8)
                {
                    state.WriteTruncated(ref writer, "isis");
                    return true;
                }
                writer.Append("\n\t        BMAC: ");
                writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(sub), 8);
                writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(sub[4..]), 4);
                var vid = BinaryPrimitives.ReadUInt16BigEndian(sub[6..]);
                writer.Append(", RES: ");
                writer.AppendDecimal((uint)(vid >> 12));
                writer.Append(", VID: ");
                writer.AppendDecimal((uint)(vid & 0x0fff));
                for (var b = 8; sub.Length - b >= 4; b += 4)
                {
                    var isid = BinaryPrimitives.ReadUInt32BigEndian(sub[b..]);
                    writer.Append("\n\t        T: ");
                    writer.AppendDecimal(isid >> 31);
                    writer.Append(", R: ");
                    writer.AppendDecimal((isid >> 30) & 1);
                    writer.Append(", RES: ");
                    writer.AppendDecimal((isid >> 24) & 0x3f);
                    writer.Append(", ISID: ");
                    writer.AppendDecimal(isid & 0xffffff);
                }
            }
            at += length;
            len -= length;
        }
        return true;
    }

    /// <summary>An SPB instance: CIST root, path cost, priority, SPSourceID and the VLAN trees; false when a tree does not fit.</summary>
    private static bool PrintInstance(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> sub)
    {
        writer.Append("\n\t        CIST Root-ID: ");
        writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(sub), 8);
        writer.Append(' ');
        writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(sub[4..]), 8);
        writer.Append(", Path Cost: ");
        writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(sub[8..]), 8);
        writer.Append(", Prio: ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(sub[12..]));
        var field = BinaryPrimitives.ReadUInt16BigEndian(sub[14..]);
        writer.Append("\n\t        RES: ");
        writer.AppendDecimal((uint)(field >> 5));
        writer.Append(", V: ");
        writer.AppendDecimal((uint)((field >> 4) & 1));
        writer.Append(", SPSource-ID: ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(sub[14..]) & 0xfffff);
        int trees = sub[18];
        writer.Append(", No of Trees: ");
        writer.AppendHex((uint)trees);
        var left = sub.Length - 19;
        for (var at = 19; trees > 0; trees--, at += 8, left -= 8)
        {
            if (left < 8)
            {
                state.WriteTruncated(ref writer, "isis");
                return false;
            }
            var flags = sub[at];
            writer.Append("\n\t         U:");
            writer.AppendDecimal((uint)(flags >> 7));
            writer.Append(", M:");
            writer.AppendDecimal((uint)((flags >> 6) & 1));
            writer.Append(", A:");
            writer.AppendDecimal((uint)((flags >> 5) & 1));
            writer.Append(", RES:");
            writer.AppendDecimal((uint)(flags & 0x1f));
            writer.Append(", ECT: ");
            writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(sub[(at + 1)..]), 8);
            var vids = (uint)(sub[at + 5] << 16 | sub[at + 6] << 8 | sub[at + 7]);
            writer.Append(", BVID: ");
            writer.AppendDecimal((vids >> 12) & 0xfff);
            writer.Append(", SPVID: ");
            writer.AppendDecimal(vids & 0xfff);
        }
        return true;
    }

    /// <summary>tcpdump's isis_print_mcid: format, name, revision level and digest of an MST configuration identifier.</summary>
    private static void WriteMcid(ref LineWriter writer, ReadOnlySpan<byte> mcid)
    {
        writer.Append("ID: ");
        writer.AppendDecimal(mcid[0]);
        writer.Append(", Name: ");
        foreach (var b in mcid.Slice(1, 32))
        {
            if (b == 0)
                break;
            PrintableText.Append(ref writer, b);
        }
        writer.Append("\n\t              Lvl: ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(mcid[33..]));
        writer.Append(", Digest: ");
        foreach (var b in mcid.Slice(35, 16))
        {
            writer.AppendHexByte(b);
            writer.Append(' ');
        }
    }

    private static void WriteSubTlvHeader(ref LineWriter writer, int type, int length)
    {
        writer.Append(" subTLV #");
        writer.AppendDecimal((uint)type);
        writer.Append(", length: ");
        writer.AppendDecimal((uint)length);
    }
}
