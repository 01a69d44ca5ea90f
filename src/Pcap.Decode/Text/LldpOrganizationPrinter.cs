using System.Buffers.Binary;

namespace Pcap.Decode.Text;

/// <summary>
/// LLDP's organisation-specific TLVs as print-lldp.c prints them: IEEE 802.1 (VLANs, link aggregation, DCB), IEEE 802.3
/// (MAC/PHY, power, aggregation, frame size) and IANA's MUD URL. The value passed starts with the OUI; the subtype follows.
/// </summary>
internal static class LldpOrganizationPrinter
{
    /// <summary>Prints the TLV's contents; true when tcpdump follows it with a hex dump (a subtype or organisation it does not decode).</summary>
    public static bool Print(ref LineWriter writer, int oui, ReadOnlySpan<byte> value) => oui switch
    {
        0x0080c2 => PrintIeee8021(ref writer, value),
        0x00120f => PrintIeee8023(ref writer, value),
        0x00005e => PrintIana(ref writer, value),
        // TIA (LLDP-MED) and DCBX are left to the hex dump.
        _ => true,
    };

    private static bool PrintIeee8021(ref LineWriter writer, ReadOnlySpan<byte> v)
    {
        if (v.Length < 4)
            return false;
        var subtype = v[3];
        WriteSubtype(ref writer, subtype switch
        {
            1 => "Port VLAN Id", 2 => "Port and Protocol VLAN ID", 3 => "VLAN name", 4 => "Protocol Identity", 7 => "Link aggregation",
            8 => "Congestion Notification", 9 => "ETS Configuration", 10 => "ETS Recommendation",
            11 => "Priority Flow Control Configuration", 12 => "Application Priority", 13 => "EVB", 14 => "CDCP", _ => "unknown",
        }, subtype);
        switch (subtype)
        {
            case 1:
                if (v.Length < 6)
                    return false;
                writer.Append("\n\t    port vlan id (PVID): ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(v[4..]));
                return false;
            case 2:
                if (v.Length < 7)
                    return false;
                writer.Append("\n\t    port and protocol vlan id (PPVID): ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(v[5..]));
                writer.Append(", flags [");
                var first = true;
                BitNames.Append(ref writer, v[4], 1 << 1, "supported", ref first);
                BitNames.Append(ref writer, v[4], 1 << 2, "enabled", ref first);
                if (first)
                    writer.Append("none");
                writer.Append("] (0x");
                writer.AppendHex(v[4], 2);
                writer.Append(')');
                return false;
            case 3:
                if (v.Length < 6)
                    return false;
                writer.Append("\n\t    vlan id (VID): ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(v[4..]));
                if (v.Length < 7 || v.Length < 7 + v[6])
                    return false;
                writer.Append("\n\t    vlan name: ");
                LldpPrinter.AppendText(ref writer, v.Slice(7, v[6]));
                return false;
            case 4:
                if (v.Length < 5 || v.Length < 5 + v[4])
                    return false;
                writer.Append("\n\t    protocol identity: ");
                LldpPrinter.AppendText(ref writer, v.Slice(5, v[4]));
                return false;
            case 7:
                return PrintAggregation(ref writer, v);
            case 8:
                if (v.Length < 6)
                    return false;
                WriteBitRow(ref writer, "\n\t    Pre-Priority CNPV Indicator", v[4]);
                WriteBitRow(ref writer, "\n\t    Pre-Priority Ready Indicator", v[5]);
                return false;
            case 9 or 10:
                if (v.Length < 25)
                    return false;
                if (subtype == 9)
                {
                    writer.Append("\n\t    Willing:");
                    writer.AppendDecimal((uint)(v[4] >> 7));
                    writer.Append(", CBS:");
                    writer.AppendDecimal((uint)((v[4] >> 6) & 0x02));
                    writer.Append(", RES:");
                    writer.AppendDecimal((uint)((v[4] >> 3) & 0x07));
                    writer.Append(", Max TCs:");
                    writer.AppendDecimal((uint)(v[4] & 0x07));
                }
                else
                {
                    writer.Append("\n\t    RES: ");
                    writer.AppendDecimal(v[4]);
                }
                writer.Append("\n\t    Priority Assignment Table\n\t     Priority : 0   1   2   3   4   5   6   7\n\t     Value    : ");
                for (var i = 0; i < 8; i++)
                    WriteLeft(ref writer, (v[5 + i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f, 3, i < 7);
                writer.Append("\n\t    TC Bandwidth Table\n\t     TC%   : 0   1   2   3   4   5   6   7\n\t     Value : ");
                for (var i = 0; i < 8; i++)
                    WriteLeft(ref writer, v[9 + i], 3, i < 7);
                writer.Append("\n\t    TSA Assignment Table\n\t     Traffic Class: 0   1   2   3   4   5   6   7\n\t     Value        : ");
                for (var i = 0; i < 8; i++)
                    WriteLeft(ref writer, v[17 + i], 3, i < 7);
                return false;
            case 11:
                if (v.Length < 6)
                    return false;
                writer.Append("\n\t    Willing: ");
                writer.AppendDecimal((uint)(v[4] >> 7));
                writer.Append(", MBC: ");
                writer.AppendDecimal((uint)((v[4] >> 6) & 1));
                writer.Append(", RES: ");
                writer.AppendDecimal((uint)((v[4] >> 4) & 3));
                writer.Append(", PFC cap:");
                writer.AppendDecimal((uint)(v[4] & 0x0f));
                writer.Append(' ');
                WriteBitRow(ref writer, "\n\t    PFC Enable", v[5]);
                return false;
            case 12:
                if (v.Length < 5)
                    return false;
                writer.Append("\n\t    RES: ");
                writer.AppendDecimal(v[4]);
                if (v.Length <= 5 || (v.Length - 5) % 3 != 0)
                    return false;
                writer.Append("\n\t    Application Priority Table");
                for (var i = 5; i < v.Length; i += 3)
                {
                    writer.Append("\n\t      Priority: ");
                    writer.AppendDecimal((uint)(v[i] >> 5));
                    writer.Append(", RES: ");
                    writer.AppendDecimal((uint)((v[i] >> 3) & 3));
                    writer.Append(", Sel: ");
                    writer.AppendDecimal((uint)(v[i] & 7));
                    writer.Append(", Protocol ID: ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(v[(i + 1)..]));
                }
                return false;
            case 13:
                if (v.Length < 9)
                    return false;
                writer.Append("\n\t    EVB Bridge Status\n\t      RES: ");
                writer.AppendDecimal((uint)(v[4] >> 3));
                writer.Append(", BGID: ");
                writer.AppendDecimal((uint)((v[4] >> 2) & 1));
                writer.Append(", RRCAP: ");
                writer.AppendDecimal((uint)((v[4] >> 1) & 1));
                writer.Append(", RRCTR: ");
                writer.AppendDecimal((uint)(v[4] & 1));
                writer.Append("\n\t    EVB Station Status\n\t      RES: ");
                writer.AppendDecimal((uint)(v[5] >> 4));
                writer.Append(", SGID: ");
                writer.AppendDecimal((uint)((v[5] >> 3) & 1));
                writer.Append(", RRREQ: ");
                writer.AppendDecimal((uint)((v[5] >> 2) & 1));
                writer.Append(",RRSTAT: ");
                writer.AppendDecimal((uint)(v[5] & 3));
                writer.Append("\n\t    R: ");
                writer.AppendDecimal((uint)(v[6] >> 5));
                writer.Append(", RTE: ");
                writer.AppendDecimal((uint)(v[6] & 0x1f));
                writer.Append(", EVB Mode: ");
                writer.Append((v[7] >> 6) switch { 0 => "Not Supported", 1 => "EVB Bridge", 2 => "EVB Station", _ => "Reserved for future Standardization" });
                writer.Append(" [");
                writer.AppendDecimal((uint)(v[7] >> 6));
                writer.Append("]\n\t    ROL: ");
                writer.AppendDecimal((uint)((v[7] >> 5) & 1));
                writer.Append(", RWD: ");
                writer.AppendDecimal((uint)(v[7] & 0x1f));
                writer.Append(", RES: ");
                writer.AppendDecimal((uint)(v[8] >> 6));
                writer.Append(", ROL: ");
                writer.AppendDecimal((uint)((v[8] >> 5) & 1));
                writer.Append(", RKA: ");
                writer.AppendDecimal((uint)(v[8] & 0x1f));
                return false;
            case 14:
                if (v.Length < 8)
                    return false;
                writer.Append("\n\t    Role: ");
                writer.AppendDecimal((uint)(v[4] >> 7));
                writer.Append(", RES: ");
                writer.AppendDecimal((uint)((v[4] >> 4) & 7));
                writer.Append(", Scomp: ");
                writer.AppendDecimal((uint)((v[4] >> 3) & 1));
                writer.Append(" ChnCap: ");
                writer.AppendDecimal((uint)(BinaryPrimitives.ReadUInt16BigEndian(v[6..]) & 0x0fff));
                if ((v.Length - 8) % 3 != 0)
                    return false;
                for (var i = 8; i < v.Length; i += 3)
                {
                    var word = v[i] << 16 | v[i + 1] << 8 | v[i + 2];
                    writer.Append("\n\t    SCID: ");
                    writer.AppendDecimal((uint)(word >> 12));
                    writer.Append(", SVID: ");
                    writer.AppendDecimal((uint)(word & 0xfff));
                }
                return false;
            default:
                return true;
        }
    }

    private static bool PrintIeee8023(ref LineWriter writer, ReadOnlySpan<byte> v)
    {
        if (v.Length < 4)
            return false;
        var subtype = v[3];
        WriteSubtype(ref writer, subtype switch
        {
            1 => "MAC/PHY configuration/status", 2 => "Power via MDI", 3 => "Link aggregation", 4 => "Max frame size", _ => "unknown",
        }, subtype);
        switch (subtype)
        {
            case 1:
                if (v.Length < 9)
                    return false;
                writer.Append("\n\t    autonegotiation [");
                var first = true;
                BitNames.Append(ref writer, v[4], 1 << 0, "supported", ref first);
                BitNames.Append(ref writer, v[4], 1 << 1, "enabled", ref first);
                if (first)
                    writer.Append("none");
                writer.Append("] (0x");
                writer.AppendHex(v[4], 2);
                writer.Append(")\n\t    PMD autoneg capability [");
                var pmd = BinaryPrimitives.ReadUInt16BigEndian(v[5..]);
                first = true;
                for (var i = 0; i < PmdCapabilities.Length; i++)
                    BitNames.Append(ref writer, pmd, 1u << (14 - i), PmdCapabilities[i], ref first);
                if (first)
                    writer.Append("unknown");
                writer.Append("] (0x");
                writer.AppendHex(pmd, 4);
                writer.Append(")\n\t    MAU type ");
                var mau = BinaryPrimitives.ReadUInt16BigEndian(v[7..]);
                writer.Append(mau < MauTypes.Length ? MauTypes[mau] : "unknown");
                writer.Append(" (0x");
                writer.AppendHex(mau, 4);
                writer.Append(')');
                return false;
            case 2:
                if (v.Length < 7)
                    return false;
                writer.Append("\n\t    MDI power support [");
                var any = true;
                BitNames.Append(ref writer, v[4], 1 << 0, "PSE", ref any);
                BitNames.Append(ref writer, v[4], 1 << 1, "supported", ref any);
                BitNames.Append(ref writer, v[4], 1 << 2, "enabled", ref any);
                BitNames.Append(ref writer, v[4], 1 << 3, "can be controlled", ref any);
                if (any)
                    writer.Append("none");
                writer.Append("], power pair ");
                writer.Append(v[5] switch { 1 => "signal", 2 => "spare", _ => "unknown" });
                writer.Append(", power class ");
                writer.Append(v[6] is >= 1 and <= 5 ? PowerClasses[v[6] - 1] : "unknown");
                return false;
            case 3:
                return PrintAggregation(ref writer, v);
            case 4:
                if (v.Length < 6)
                    return false;
                writer.Append("\n\t    MTU size ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(v[4..]));
                return false;
            default:
                return true;
        }
    }

    private static bool PrintIana(ref LineWriter writer, ReadOnlySpan<byte> v)
    {
        if (v.Length < 8)
            return false;
        var subtype = v[3];
        WriteSubtype(ref writer, subtype == 1 ? "MUD-URL" : "unknown", subtype);
        if (subtype != 1)
            return true;
        writer.Append("\n\t  MUD-URL=");
        foreach (var b in v[4..])
            PrintableText.Append(ref writer, b);
        return false;
    }

    // 802.1 subtype 7 and 802.3 subtype 3 print the same.
    private static bool PrintAggregation(ref LineWriter writer, ReadOnlySpan<byte> v)
    {
        if (v.Length < 9)
            return false;
        writer.Append("\n\t    aggregation status [");
        var first = true;
        BitNames.Append(ref writer, v[4], 1 << 0, "supported", ref first);
        BitNames.Append(ref writer, v[4], 1 << 1, "enabled", ref first);
        if (first)
            writer.Append("none");
        writer.Append("], aggregation port ID ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(v[5..]));
        return false;
    }

    private static void WriteSubtype(ref LineWriter writer, string name, byte subtype)
    {
        writer.Append("\n\t  ");
        writer.Append(name);
        writer.Append(" Subtype (");
        writer.AppendDecimal(subtype);
        writer.Append(')');
    }

    // A priority row of eight bits, lowest first, each as "%-2d ".
    private static void WriteBitRow(ref LineWriter writer, string title, byte bits)
    {
        writer.Append(title);
        writer.Append("\n\t     Priority : 0  1  2  3  4  5  6  7\n\t     Value    : ");
        for (var i = 0; i < 8; i++)
        {
            writer.AppendDecimal((uint)((bits >> i) & 1));
            writer.Append("  ");
        }
    }

    // printf's "%-Nd" (and the space between columns when more follow).
    private static void WriteLeft(ref LineWriter writer, int value, int width, bool separator)
    {
        var digits = value >= 100 ? 3 : value >= 10 ? 2 : 1;
        writer.AppendDecimal((uint)value);
        for (var i = digits; i < width; i++)
            writer.Append(' ');
        if (separator)
            writer.Append(' ');
    }

    private static readonly string[] PmdCapabilities =
    [
        "10BASE-T hdx", "10BASE-T fdx", "100BASE-T4", "100BASE-TX hdx", "100BASE-TX fdx", "100BASE-T2 hdx", "100BASE-T2 fdx",
        "Pause for fdx links", "Asym PAUSE for fdx", "Sym PAUSE for fdx", "Asym and Sym PAUSE for fdx", "1000BASE-{X LX SX CX} hdx",
        "1000BASE-{X LX SX CX} fdx", "1000BASE-T hdx", "1000BASE-T fdx",
    ];

    private static readonly string[] PowerClasses = ["class0", "class1", "class2", "class3", "class4"];

    private static readonly string[] MauTypes =
    [
        "Unknown", "AUI", "10BASE_5", "FOIRL", "10BASE2", "10BASET duplex mode unknown", "10BASEFP", "10BASEFB",
        "10BASEFL duplex mode unknown", "10BROAD36", "10BASET hdx", "10BASET fdx", "10BASEFL hdx", "10BASEFL fdx", "100BASET4",
        "100BASETX hdx", "100BASETX fdx", "100BASEFX hdx", "100BASEFX fdx", "100BASET2 hdx", "100BASET2 fdx", "1000BASEX hdx",
        "1000BASEX fdx", "1000BASELX hdx", "1000BASELX fdx", "1000BASESX hdx", "1000BASESX fdx", "1000BASECX hdx", "1000BASECX fdx",
        "1000BASET hdx", "1000BASET fdx", "10GBASEX", "10GBASELX4", "10GBASER", "10GBASEER", "10GBASELR", "10GBASESR", "10GBASEW",
        "10GBASEEW", "10GBASELW", "10GBASESW",
    ];
}
