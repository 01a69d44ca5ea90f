using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>
/// tcpdump's <c>isoclns_print</c> (print-isoclns.c): the NLPID dispatch to CLNP, ES-IS and IS-IS, the other NLPIDs, and
/// what the three printers share (NSAP addresses, the OSI checksum verdict, unknown data).
/// </summary>
internal static class OsiPrinter
{
    /// <summary>Prints the OSI PDU in <paramref name="bytes"/> (<paramref name="length"/> bytes as the layer below counts them).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (bytes.IsEmpty)
        {
            state.WriteTruncated(ref writer, "isoclns");
            return;
        }
        var nlpid = bytes[0];
        var eflag = state.Options.LinkHeader;
        if (eflag)
        {
            writer.Append("OSI NLPID ");
            writer.Append(NlpidName(nlpid) ?? "Unknown");
            writer.Append(" (0x");
            writer.AppendHex(nlpid, 2);
            writer.Append("): ");
        }
        switch (nlpid)
        {
            case ClnpHeader.Nlpid:
                if (!ClnpPrinter.Print(ref writer, state, bytes, length, 0))
                    WriteUnknownData(ref writer, bytes, length, "\n\t");
                break;
            case EsisHeader.Nlpid:
                EsisPrinter.Print(ref writer, state, bytes, length);
                break;
            case IsisHeader.Nlpid:
                if (!IsisPrinter.Print(ref writer, state, bytes, length))
                    WriteUnknownData(ref writer, bytes, length, "\n\t");
                break;
            case 0x00:
                writer.Append(eflag ? "length: " : ", length: ");
                writer.AppendDecimal((uint)length);
                break;
            case 0xcc:
                Ipv4Printer.Print(ref writer, state, bytes[1..], length - 1);
                break;
            case 0x8e:
                Ipv6Printer.Print(ref writer, state, bytes[1..], length - 1);
                break;
            case 0xcf:
                PppPrinter.Print(ref writer, state, bytes[1..], length - 1);
                break;
            default:
                if (!eflag)
                {
                    writer.Append("OSI NLPID 0x");
                    writer.AppendHex(nlpid, 2);
                    writer.Append(" unknown");
                }
                writer.Append(eflag ? "length: " : ", length: ");
                writer.AppendDecimal((uint)length);
                if (length > 1)
                    WriteUnknownData(ref writer, bytes, length, "\n\t");
                break;
        }
    }

    /// <summary>tcpdump's nlpid_values names.</summary>
    public static string? NlpidName(byte nlpid) => nlpid switch
    {
        0x00 => "NULL",
        0x08 => "Q.933",
        0x09 => "LMI",
        0x80 => "SNAP",
        0x81 => "CLNP",
        0x82 => "ES-IS",
        0x83 => "IS-IS",
        0x84 => "CONS",
        0x85 => "IDRP",
        0xc1 => "ISIS_SPB",
        0xb1 => "FRF.15",
        0xcc => "IPv4",
        0xcf => "PPP",
        0x8a => "X25 ES-IS",
        0x8e => "IPv6",
        _ => null,
    };

    /// <summary>tcpdump's isonsap_string: hex, a dot after the first byte and after every second byte on; 1 to 20 bytes.</summary>
    public static void WriteNsap(ref LineWriter writer, scoped ReadOnlySpan<byte> nsap)
    {
        if (nsap.Length is < 1 or > 20)
        {
            writer.Append("isonsap_string: illegal length");
            return;
        }
        for (var i = 0; i < nsap.Length; i++)
        {
            writer.AppendHexByte(nsap[i]);
            if ((i & 1) == 0 && i + 1 < nsap.Length)
                writer.Append('.');
        }
    }

    /// <summary>
    /// tcpdump's osi_print_cksum: unverified when the checksum is 0 or the <paramref name="length"/> bytes it covers were not
    /// captured, else correct or what it should be.
    /// </summary>
    public static void WriteChecksumVerdict(ref LineWriter writer, ReadOnlySpan<byte> pdu, ushort checksum, int checksumOffset, int length)
    {
        if (checksum == 0 || pdu.Length < checksumOffset + 2 || checksumOffset > length || pdu.Length < length)
        {
            writer.Append(" (unverified)");
            return;
        }
        var computed = OsiChecksum.Compute(pdu[..length], checksumOffset);
        if (computed == checksum)
        {
            writer.Append(" (correct)");
            return;
        }
        writer.Append(" (incorrect should be 0x");
        writer.AppendHex(computed, 4);
        writer.Append(')');
    }

    /// <summary>tcpdump's print_unknown_data: the captured part of <paramref name="length"/> bytes in hex.</summary>
    public static void WriteUnknownData(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, string indent) =>
        HexDumpWriter.WriteHexOnly(ref writer, bytes[..Math.Clamp(length, 0, bytes.Length)], indent);

    /// <summary>A header too short for its fixed part: tcpdump dumps every captured byte from the PDU's start in upper-case hex.</summary>
    public static void WriteCapturedUpperHex(ref LineWriter writer, ReadOnlySpan<byte> pdu)
    {
        foreach (var b in pdu)
        {
            writer.Append("0123456789ABCDEF"[b >> 4]);
            writer.Append("0123456789ABCDEF"[b & 0xf]);
        }
    }
}
