using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>
/// IS-IS as tcpdump's <c>isis_print</c> prints it, from the <see cref="IsisHeader"/> view: the common header checks, the
/// PDU type with its brief fields, and with <c>-v</c> the whole fixed header followed by the TLVs (<see cref="IsisTlvPrinter"/>).
/// </summary>
internal static class IsisPrinter
{
    /// <summary>Prints the PDU; false when tcpdump rejects the header and dumps the PDU as unknown data.</summary>
    public static bool Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> pdu, int length)
    {
        if (!IsisHeader.TryRead(pdu, out var isis, out _) || length < IsisHeader.CommonLength)
        {
            state.WriteTruncated(ref writer, "isis");
            return true;
        }
        var eflag = state.Options.LinkHeader;
        var verbose = state.Options.Verbose;
        if (!eflag)
            writer.Append("IS-IS");
        if (isis.Version != 1)
            return Unsupported(ref writer, "version ", isis.Version, " packet not supported");
        int idLengthField = isis.IdLength;
        if (idLengthField != 6 && idLengthField != 0)
            return Unsupported(ref writer, "system ID length of ", isis.IdLength, " is not supported");
        if (isis.PduVersion != 1)
            return Unsupported(ref writer, "version ", isis.PduVersion, " packet not supported");
        int fixedLength = isis.FixedLength;
        if (length < fixedLength)
        {
            writer.Append("fixed header length ");
            writer.AppendDecimal((uint)fixedLength);
            writer.Append(" > packet length ");
            writer.AppendDecimal((uint)length);
            return false;
        }
        if (fixedLength < IsisHeader.CommonLength)
        {
            writer.Append("fixed header length ");
            writer.AppendDecimal((uint)fixedLength);
            writer.Append(" < minimum header size 8");
            return false;
        }
        if (isis.MaxAreas == 255)
        {
            writer.Append("bad packet -- 255 areas");
            return false;
        }
        int maxAreas = isis.MaxAreas == 0 ? 3 : isis.MaxAreas;
        int type = isis.PduType;
        if (verbose == 0)
        {
            writer.Append(eflag ? "" : ", ");
            WritePduType(ref writer, type, "unknown PDU-Type ");
        }
        else
        {
            writer.Append(eflag ? "length " : ", length ");
            writer.AppendDecimal((uint)length);
            writer.Append("\n\t");
            WritePduType(ref writer, type, "unknown, type ");
            writer.Append(", hlen: ");
            writer.AppendDecimal((uint)fixedLength);
            writer.Append(", v: 1, pdu-v: 1, sys-id-len: 6 (");
            writer.AppendDecimal((uint)idLengthField);
            writer.Append("), max-area: ");
            writer.AppendDecimal((uint)maxAreas);
            writer.Append(" (");
            writer.AppendDecimal(isis.MaxAreas);
            writer.Append(')');
            if (verbose > 1)
                OsiPrinter.WriteUnknownData(ref writer, pdu, IsisHeader.CommonLength, "\n\t");
        }
        int specific = type switch
        {
            15 or 16 => IsisHeader.LanHelloLength,
            17 => IsisHeader.PointToPointHelloLength,
            18 or 20 => IsisHeader.LspLength,
            24 or 25 => IsisHeader.CsnpLength,
            26 or 27 => IsisHeader.PsnpLength,
            _ => -1,
        };
        if (specific < 0)
        {
            if (verbose == 0)
            {
                writer.Append(", length ");
                writer.AppendDecimal((uint)length);
                return true;
            }
            OsiPrinter.WriteUnknownData(ref writer, pdu[IsisHeader.CommonLength..], length, "\n\t  ");
            return false;
        }
        var headerLength = IsisHeader.CommonLength + specific;
        if (fixedLength != headerLength)
        {
            writer.Append(isis.IsPsnp ? "- bogus fixed header length " : ", bogus fixed header length ");
            writer.AppendDecimal((uint)fixedLength);
            writer.Append(" should be ");
            writer.AppendDecimal((uint)(isis.IsLsp ? specific : headerLength));
            return false;
        }
        if (isis.Captured < headerLength || length < headerLength)
        {
            state.WriteTruncated(ref writer, "isis");
            return true;
        }
        if (verbose == 0)
        {
            WriteBrief(ref writer, in isis);
            writer.Append(", length ");
            writer.AppendDecimal((uint)length);
            return true;
        }
        int pduLength = isis.PduLength;
        var packetLength = length;
        if (packetLength > pduLength)
            packetLength = length = pduLength;
        WriteFixedHeader(ref writer, in isis, length);
        if (verbose > 1)
            OsiPrinter.WriteUnknownData(ref writer, pdu[IsisHeader.CommonLength..], specific, "\n\t  ");
        if (packetLength < headerLength)
        {
            writer.Append(" [packet length ");
            writer.AppendDecimal((uint)packetLength);
            writer.Append(" < ");
            writer.AppendDecimal((uint)headerLength);
            writer.Append("] (invalid)");
            return true;
        }
        IsisTlvPrinter.Print(ref writer, state, pdu, headerLength, packetLength - headerLength, length);
        return true;
    }

    private static bool Unsupported(ref LineWriter writer, string before, byte value, string after)
    {
        writer.Append(before);
        writer.AppendDecimal(value);
        writer.Append(after);
        return false;
    }

    private static void WritePduType(ref LineWriter writer, int type, string unknownPrefix)
    {
        var name = type switch
        {
            15 => "L1 Lan IIH", 16 => "L2 Lan IIH", 17 => "p2p IIH", 18 => "L1 LSP", 20 => "L2 LSP",
            24 => "L1 CSNP", 25 => "L2 CSNP", 26 => "L1 PSNP", 27 => "L2 PSNP", _ => null,
        };
        if (name is not null)
        {
            writer.Append(name);
            return;
        }
        writer.Append(unknownPrefix);
        writer.AppendDecimal((uint)type);
    }

    /// <summary>The fields tcpdump shows without -v.</summary>
    private static void WriteBrief(ref LineWriter writer, in IsisHeader isis)
    {
        if (isis.IsLanHello)
        {
            writer.Append(", src-id ");
            WriteId(ref writer, isis.HelloSourceId);
            writer.Append(", lan-id ");
            WriteId(ref writer, isis.LanHelloLanId);
            writer.Append(", prio ");
            writer.AppendDecimal(isis.LanHelloPriority);
        }
        else if (isis.PduType == 17)
        {
            writer.Append(", src-id ");
            WriteId(ref writer, isis.HelloSourceId);
        }
        else if (isis.IsLsp)
        {
            writer.Append(", lsp-id ");
            WriteId(ref writer, isis.LspId);
            writer.Append(", seq 0x");
            writer.AppendHex(isis.LspSequenceNumber, 8);
            writer.Append(", lifetime ");
            WritePadded(ref writer, isis.LspRemainingLifetime, 5);
            writer.Append('s');
        }
        else
        {
            writer.Append(", src-id ");
            WriteId(ref writer, isis.SnpSourceId);
        }
    }

    /// <summary>The fixed header tcpdump shows with -v.</summary>
    private static void WriteFixedHeader(ref LineWriter writer, in IsisHeader isis, int length)
    {
        if (isis.IsLanHello || isis.PduType == 17)
        {
            writer.Append(isis.IsLanHello ? "\n\t  source-id: " : "\n\t  source-id: ");
            WriteId(ref writer, isis.HelloSourceId);
            writer.Append(isis.IsLanHello ? ",  holding time: " : ", holding time: ");
            writer.AppendDecimal(isis.HelloHoldingTime);
            writer.Append("s, Flags: [");
            var circuit = isis.HelloCircuitType;
            var name = circuit switch { 1 => "Level 1 only", 2 => "Level 2 only", 3 => "Level 1, Level 2", _ => null };
            if (name is null)
            {
                writer.Append("unknown circuit type 0x");
                writer.AppendHex(circuit, 2);
            }
            else
            {
                writer.Append(name);
            }
            writer.Append(']');
            if (isis.IsLanHello)
            {
                writer.Append("\n\t  lan-id:    ");
                WriteId(ref writer, isis.LanHelloLanId);
                writer.Append(", Priority: ");
                writer.AppendDecimal((uint)(isis.LanHelloPriority & 0x7f));
            }
            else
            {
                writer.Append("\n\t  circuit-id: 0x");
                writer.AppendHex(isis.PointToPointCircuitId, 2);
            }
            writer.Append(", PDU length: ");
            writer.AppendDecimal(isis.PduLength);
            return;
        }
        if (isis.IsLsp)
        {
            writer.Append("\n\t  lsp-id: ");
            WriteId(ref writer, isis.LspId);
            writer.Append(", seq: 0x");
            writer.AppendHex(isis.LspSequenceNumber, 8);
            writer.Append(", lifetime: ");
            WritePadded(ref writer, isis.LspRemainingLifetime, 5);
            writer.Append("s\n\t  chksum: 0x");
            writer.AppendHex(isis.LspChecksum, 4);
            OsiPrinter.WriteChecksumVerdict(ref writer, isis.LspChecksummed, isis.LspChecksum, 12, length - 12);
            writer.Append(", PDU length: ");
            writer.AppendDecimal(isis.PduLength);
            writer.Append(", Flags: [ ");
            var block = isis.LspTypeBlock;
            if ((block & 0x04) != 0)
                writer.Append("Overload bit set, ");
            if ((block & 0x78) != 0)
            {
                if ((block & 0x08) != 0) writer.Append("default ");
                if ((block & 0x10) != 0) writer.Append("delay ");
                if ((block & 0x20) != 0) writer.Append("expense ");
                if ((block & 0x40) != 0) writer.Append("error ");
                writer.Append("ATT bit set, ");
            }
            if ((block & 0x80) != 0)
                writer.Append("P bit set, ");
            writer.Append((block & 3) switch { 0 => "Unused 0x0 (invalid)", 1 => "L1 IS", 2 => "Unused 0x2 (invalid)", _ => "L2 IS" });
            writer.Append(" ]");
            return;
        }
        writer.Append("\n\t  source-id:    ");
        WriteId(ref writer, isis.SnpSourceId);
        writer.Append(", PDU length: ");
        writer.AppendDecimal(isis.PduLength);
        if (isis.IsCsnp)
        {
            writer.Append("\n\t  start lsp-id: ");
            WriteId(ref writer, isis.CsnpStartLspId);
            writer.Append("\n\t  end lsp-id:   ");
            WriteId(ref writer, isis.CsnpEndLspId);
        }
    }

    /// <summary>
    /// tcpdump's isis_print_id: up to six system ID bytes as <c>xxxx.xxxx.xxxx</c>, then <c>.pp</c> (7 bytes: the
    /// pseudonode) and <c>-ff</c> (8 bytes: the LSP fragment).
    /// </summary>
    public static void WriteId(ref LineWriter writer, ReadOnlySpan<byte> id)
    {
        var systemLength = Math.Min(6, id.Length);
        for (var i = 1; i <= systemLength; i++)
        {
            writer.AppendHexByte(id[i - 1]);
            if (i is 2 or 4)
                writer.Append('.');
        }
        if (id.Length >= 7)
        {
            writer.Append('.');
            writer.AppendHexByte(id[6]);
        }
        if (id.Length == 8)
        {
            writer.Append('-');
            writer.AppendHexByte(id[7]);
        }
    }

    /// <summary>printf's <c>%5u</c>: right-aligned in <paramref name="width"/> characters.</summary>
    public static void WritePadded(ref LineWriter writer, uint value, int width)
    {
        var digits = value == 0 ? 1 : (int)Math.Floor(Math.Log10(value)) + 1;
        for (var i = digits; i < width; i++)
            writer.Append(' ');
        writer.AppendDecimal(value);
    }
}
