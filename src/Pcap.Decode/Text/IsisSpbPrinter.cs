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

    private static void WriteSubTlvHeader(ref LineWriter writer, int type, int length)
    {
        writer.Append(" subTLV #");
        writer.AppendDecimal((uint)type);
        writer.Append(", length: ");
        writer.AppendDecimal((uint)length);
    }
}
