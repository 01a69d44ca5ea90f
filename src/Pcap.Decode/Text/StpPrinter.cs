using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>
/// Spanning tree BPDUs (802.1D, 802.1w, 802.1s, 802.1aq) as tcpdump 4.99's print-stp.c prints them. tcpdump reads all the
/// fields of one output statement before printing it, so a cut-off BPDU stops at a statement boundary: each
/// <see cref="Has"/> check below names the last byte its statement reads.
/// </summary>
internal static class StpPrinter
{
    /// <summary>Prints a BPDU of <paramref name="length"/> bytes (the LLC payload).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var bpdu = StpBpdu.Wrap(bytes);
        if (length < 4)
        {
            writer.Append(" (invalid)");
            return;
        }
        if (!Has(ref writer, state, bpdu, 2))
            return;
        if (bpdu.ProtocolId != 0)
        {
            writer.Append("unknown STP version, length ");
            writer.AppendDecimal((uint)length);
            return;
        }
        if (!Has(ref writer, state, bpdu, 3))
            return;
        var version = bpdu.ProtocolVersion;
        writer.Append("STP ");
        switch (version)
        {
            case 0:
                writer.Append("802.1d");
                break;
            case 2:
                writer.Append("802.1w");
                break;
            case 3:
                writer.Append("802.1s");
                break;
            case 4:
                writer.Append("802.1aq");
                break;
            default:
                writer.Append("Unknown STP protocol (0x");
                writer.AppendHex(version, 2);
                writer.Append(')');
                return;
        }
        if (!Has(ref writer, state, bpdu, 4))
            return;
        var type = bpdu.BpduType;
        writer.Append(", ");
        switch (type)
        {
            case 0x00:
                writer.Append("Config");
                if (length < StpBpdu.RapidLength - 1)
                {
                    writer.Append(" (invalid)");
                    return;
                }
                PrintConfig(ref writer, state, bpdu, length);
                break;
            case 0x02:
                writer.Append("Rapid STP");
                if (version == 2)
                {
                    if (length < StpBpdu.RapidLength)
                    {
                        writer.Append(" (invalid)");
                        return;
                    }
                    PrintConfig(ref writer, state, bpdu, length);
                }
                else if (version is 3 or 4)
                {
                    PrintMultiple(ref writer, state, bpdu, length, version);
                }
                break;
            case 0x80:
                writer.Append("Topology Change");
                break;
            default:
                writer.Append("Unknown BPDU Type (0x");
                writer.AppendHex(type, 2);
                writer.Append(')');
                break;
        }
    }

    private static void PrintConfig(ref LineWriter writer, PrintState state, StpBpdu bpdu, int length)
    {
        if (!Has(ref writer, state, bpdu, 5))
            return;
        var flags = bpdu.Flags;
        writer.Append(", Flags [");
        WriteFlags(ref writer, flags);
        writer.Append(']');
        if (!Has(ref writer, state, bpdu, 27))
            return;
        writer.Append(", bridge-id ");
        WriteBridgeId(ref writer, bpdu.BridgeId);
        writer.Append('.');
        writer.AppendHex(bpdu.PortId, 4);
        writer.Append(", length ");
        writer.AppendDecimal((uint)length);
        if (state.Options.Verbose <= 0)
            return;
        if (!Has(ref writer, state, bpdu, 35))
            return;
        WriteTimers(ref writer, bpdu);
        if (!Has(ref writer, state, bpdu, 17))
            return;
        writer.Append("\n\troot-id ");
        WriteBridgeId(ref writer, bpdu.RootId);
        writer.Append(", root-pathcost ");
        writer.AppendDecimal(bpdu.RootPathCost);
        if (bpdu.ProtocolVersion == 2)
        {
            writer.Append(", port-role ");
            writer.Append(PortRole(flags));
        }
    }

    /// <summary>MSTP (and SPB, which extends it): the CIST, the MST configuration, each MSTI, then SPB's version 4 part.</summary>
    private static void PrintMultiple(ref LineWriter writer, PrintState state, StpBpdu bpdu, int length, byte version)
    {
        if (length < StpBpdu.MstpMinimumLength)
        {
            writer.Append(" (invalid)");
            return;
        }
        if (!Has(ref writer, state, bpdu, 36))
            return;
        if (bpdu.Version1Length != 0)
        {
            writer.Append(" (invalid)");
            return;
        }
        if (!Has(ref writer, state, bpdu, 38))
            return;
        var mstpLength = bpdu.Word16At(StpBpdu.Version3LengthOffset) + 2;
        if (length < StpBpdu.RapidLength + mstpLength)
        {
            writer.Append(" (invalid)");
            return;
        }
        if (!PrintMstp(ref writer, state, bpdu, length) || version != 4)
            return;
        var spbOffset = StpBpdu.RapidLength + mstpLength;
        if (!Has(ref writer, state, bpdu, StpBpdu.Version3LengthOffset + mstpLength + 2))
            return;
        var spbLength = bpdu.Word16At(StpBpdu.Version3LengthOffset + mstpLength) + 2;
        if (length < StpBpdu.RapidLength + mstpLength + spbLength || spbLength < 87)
        {
            writer.Append(" (invalid)");
            return;
        }
        PrintSpb(ref writer, state, bpdu, spbOffset);
    }

    /// <summary>False when the BPDU was cut short (after the truncation mark).</summary>
    private static bool PrintMstp(ref LineWriter writer, PrintState state, StpBpdu bpdu, int length)
    {
        if (!Has(ref writer, state, bpdu, 5))
            return false;
        var flags = bpdu.Flags;
        writer.Append(", CIST Flags [");
        WriteFlags(ref writer, flags);
        writer.Append("], length ");
        writer.AppendDecimal((uint)length);
        if (state.Options.Verbose <= 0)
            return true;
        writer.Append("\n\tport-role ");
        writer.Append(PortRole(flags));
        writer.Append(", ");
        if (!Has(ref writer, state, bpdu, 17))
            return false;
        writer.Append("CIST root-id ");
        WriteBridgeId(ref writer, bpdu.RootId);
        writer.Append(", CIST ext-pathcost ");
        writer.AppendDecimal(bpdu.RootPathCost);
        if (!Has(ref writer, state, bpdu, 25))
            return false;
        writer.Append("\n\tCIST regional-root-id ");
        WriteBridgeId(ref writer, bpdu.BridgeId);
        writer.Append(", ");
        if (!Has(ref writer, state, bpdu, 27))
            return false;
        writer.Append("CIST port-id ");
        writer.AppendHex(bpdu.PortId, 4);
        writer.Append(',');
        if (!Has(ref writer, state, bpdu, 35))
            return false;
        WriteTimers(ref writer, bpdu);
        if (!Has(ref writer, state, bpdu, 38))
            return false;
        writer.Append("\n\tv3len ");
        writer.AppendDecimal(bpdu.Word16At(StpBpdu.Version3LengthOffset));
        writer.Append(", MCID Name ");
        if (!WriteName(ref writer, state, bpdu, StpBpdu.ConfigurationNameOffset))
            return false;
        if (!Has(ref writer, state, bpdu, 89))
            return false;
        writer.Append(", rev ");
        writer.AppendDecimal(bpdu.Word16At(StpBpdu.ConfigurationNameOffset + 32));
        writer.Append(",\n\t\tdigest ");
        for (var i = 0; i < 4; i++)
            writer.AppendHex(bpdu.Word32At(73 + 4 * i), 8);
        writer.Append(", ");
        if (!Has(ref writer, state, bpdu, 93))
            return false;
        writer.Append("CIST int-root-pathcost ");
        writer.AppendDecimal(bpdu.Word32At(89));
        writer.Append(',');
        if (!Has(ref writer, state, bpdu, 101))
            return false;
        writer.Append("\n\tCIST bridge-id ");
        WriteBridgeId(ref writer, bpdu.From(93)[..8]);
        writer.Append(", ");
        if (!Has(ref writer, state, bpdu, 102))
            return false;
        writer.Append("CIST remaining-hops ");
        writer.AppendDecimal(bpdu.ByteAt(101));
        var version3Length = bpdu.Word16At(StpBpdu.Version3LengthOffset);
        if (version3Length <= 64)
            return true;
        for (int left = version3Length - 64, at = StpBpdu.MstiOffset; left >= StpBpdu.MstiLength; left -= StpBpdu.MstiLength, at += StpBpdu.MstiLength)
        {
            if (!Has(ref writer, state, bpdu, at + 3))
                return false;
            var mstiFlags = bpdu.ByteAt(at);
            writer.Append("\n\tMSTI ");
            writer.AppendDecimal((uint)(bpdu.Word16At(at + 1) & 0x0fff));
            writer.Append(", Flags [");
            WriteFlags(ref writer, mstiFlags);
            writer.Append("], port-role ");
            writer.Append(PortRole(mstiFlags));
            if (!Has(ref writer, state, bpdu, at + 13))
                return false;
            writer.Append("\n\t\tMSTI regional-root-id ");
            WriteBridgeId(ref writer, bpdu.From(at + 1)[..8]);
            writer.Append(", pathcost ");
            writer.AppendDecimal(bpdu.Word32At(at + 9));
            if (!Has(ref writer, state, bpdu, at + 16))
                return false;
            writer.Append("\n\t\tMSTI bridge-prio ");
            writer.AppendDecimal((uint)(bpdu.ByteAt(at + 13) >> 4));
            writer.Append(", port-prio ");
            writer.AppendDecimal((uint)(bpdu.ByteAt(at + 14) >> 4));
            writer.Append(", hops ");
            writer.AppendDecimal(bpdu.ByteAt(at + 15));
        }
        return true;
    }

    private static void PrintSpb(ref LineWriter writer, PrintState state, StpBpdu bpdu, int offset)
    {
        if (state.Options.Verbose <= 0)
            return;
        if (!Has(ref writer, state, bpdu, offset + 2))
            return;
        writer.Append("\n\tv4len ");
        writer.AppendDecimal(bpdu.Word16At(offset));
        writer.Append(", AUXMCID Name ");
        if (!WriteName(ref writer, state, bpdu, offset + 3))
            return;
        var revision = offset + 35;
        var digest = revision + 2;
        var agreement = digest + 16;
        if (!Has(ref writer, state, bpdu, agreement))
            return;
        writer.Append(", Rev ");
        writer.AppendDecimal(bpdu.Word16At(revision));
        writer.Append(",\n\t\tdigest ");
        for (var i = 0; i < 4; i++)
            writer.AppendHex(bpdu.Word32At(digest + 4 * i), 8);
        var agreementDigest = agreement + 1 + 1 + 1 + 1 + 2 + 4 + 4;
        if (!Has(ref writer, state, bpdu, agreementDigest + 20))
            return;
        var number = bpdu.ByteAt(agreement);
        var format = bpdu.ByteAt(agreement + 2);
        var convention = bpdu.ByteAt(agreement + 3);
        writer.Append("\n\tAgreement num ");
        writer.AppendDecimal((uint)(number >> 6));
        writer.Append(", Discarded Agreement num ");
        writer.AppendDecimal((uint)(number >> 4 & 3));
        writer.Append(", Agreement valid-flag ");
        writer.AppendDecimal((uint)(number >> 3 & 1));
        writer.Append(",\n\tRestricted role-flag: ");
        writer.AppendDecimal((uint)(number >> 2 & 1));
        writer.Append(", Format id ");
        writer.AppendDecimal((uint)(format >> 4));
        writer.Append(" cap ");
        writer.AppendDecimal(format);
        writer.Append(", Convention id ");
        writer.AppendDecimal((uint)(convention >> 4));
        writer.Append(" cap ");
        writer.AppendDecimal(convention);
        writer.Append(",\n\tEdge count ");
        writer.AppendDecimal(bpdu.Word16At(agreement + 4));
        writer.Append(", Agreement digest ");
        for (var i = 0; i < 5; i++)
            writer.AppendHex(bpdu.Word32At(agreementDigest + 4 * i), 8);
    }

    /// <summary>tcpdump's nd_printjnp over the 32-byte name: up to a NUL, byte by byte, so a cut-off name prints its captured part.</summary>
    private static bool WriteName(ref LineWriter writer, PrintState state, StpBpdu bpdu, int offset)
    {
        for (var i = 0; i < 32; i++)
        {
            if (!Has(ref writer, state, bpdu, offset + i + 1))
                return false;
            var c = bpdu.ByteAt(offset + i);
            if (c == 0)
                break;
            PrintableText.Append(ref writer, c);
        }
        return true;
    }

    private static void WriteTimers(ref LineWriter writer, StpBpdu bpdu)
    {
        writer.Append("\n\tmessage-age ");
        WriteSeconds(ref writer, bpdu.Timer(0));
        writer.Append("s, max-age ");
        WriteSeconds(ref writer, bpdu.Timer(1));
        writer.Append("s, hello-time ");
        WriteSeconds(ref writer, bpdu.Timer(2));
        writer.Append("s, forwarding-delay ");
        WriteSeconds(ref writer, bpdu.Timer(3));
        writer.Append('s');
    }

    /// <summary>printf's <c>%.2f</c> of <paramref name="units"/>/256, exact: glibc rounds a tie to even (0.125 prints 0.12).</summary>
    private static void WriteSeconds(ref LineWriter writer, ushort units)
    {
        var scaled = units * 25;
        var hundredths = scaled / 64;
        var remainder = scaled % 64;
        if (remainder * 2 > 64 || (remainder * 2 == 64 && (hundredths & 1) == 1))
            hundredths++;
        writer.AppendDecimal((uint)(hundredths / 100));
        writer.Append('.');
        writer.AppendPadded((uint)(hundredths % 100), 2);
    }

    /// <summary>Priority and system id as <c>8000.02:42:ac:11:00:02</c>.</summary>
    private static void WriteBridgeId(ref LineWriter writer, ReadOnlySpan<byte> id)
    {
        writer.AppendHexByte(id[0]);
        writer.AppendHexByte(id[1]);
        writer.Append('.');
        for (var i = 2; i < 8; i++)
        {
            if (i > 2)
                writer.Append(':');
            writer.AppendHexByte(id[i]);
        }
    }

    private static void WriteFlags(ref LineWriter writer, byte flags)
    {
        var first = true;
        BitNames.Append(ref writer, flags, 0x01, "Topology change", ref first);
        BitNames.Append(ref writer, flags, 0x02, "Proposal", ref first);
        BitNames.Append(ref writer, flags, 0x10, "Learn", ref first);
        BitNames.Append(ref writer, flags, 0x20, "Forward", ref first);
        BitNames.Append(ref writer, flags, 0x40, "Agreement", ref first);
        BitNames.Append(ref writer, flags, 0x80, "Topology change ACK", ref first);
        if (first)
            writer.Append("none");
    }


    private static string PortRole(byte flags) => ((flags & 0x0c) >> 2) switch
    {
        1 => "Alternate",
        2 => "Root",
        3 => "Designated",
        _ => "Unknown",
    };

    /// <summary>Whether the first <paramref name="bytes"/> bytes were captured; if not, tcpdump's long jump: <c> [|stp]</c>.</summary>
    private static bool Has(ref LineWriter writer, PrintState state, StpBpdu bpdu, int bytes)
    {
        if (bpdu.Captured >= bytes)
            return true;
        state.WriteTruncated(ref writer, "stp", abandoned: true);
        return false;
    }
}
