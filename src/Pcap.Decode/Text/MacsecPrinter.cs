using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>The IEEE 802.1AE MACsec SecTAG as tcpdump 4.99's print-macsec.c prints it inside an Ethernet frame.</summary>
internal static class MacsecPrinter
{
    /// <summary>
    /// Prints the SecTAG at the start of <paramref name="payload"/> (<paramref name="length"/> bytes on the wire,
    /// <paramref name="caplen"/> captured). Returns true when the frame goes on in clear text: then <paramref name="payload"/>
    /// is what follows the tag without the ICV (the next EtherType first), <paramref name="length"/> and
    /// <paramref name="caplen"/> are cut to the short length if one is set. False when the frame is finished here (a truncated
    /// or invalid tag, or an encrypted payload dumped in hex); <paramref name="headerLength"/> counts what -x skips.
    /// </summary>
    public static bool Print(ref LineWriter writer, PrintState state, ref ReadOnlySpan<byte> payload, ref int length, ref int caplen,
        ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, ref int headerLength)
    {
        var tag = MacsecHeader.Wrap(payload);
        // On every error tcpdump counts the whole captured rest as link header.
        var rest = headerLength + caplen;
        if (caplen < MacsecHeader.ShortTagLength || length < MacsecHeader.ShortTagLength ||
            (tag.HasSecureChannelId && (caplen < MacsecHeader.LongTagLength || length < MacsecHeader.LongTagLength)))
            return Stop(ref writer, state, ref headerLength, rest, truncated: true);
        if (!tag.IsValid)
            return Stop(ref writer, state, ref headerLength, rest, truncated: false);
        var tagLength = tag.TagLength;
        if (state.Options.LinkHeader)
            WriteTag(ref writer, in tag);
        headerLength += tagLength;
        length -= tagLength;
        caplen -= tagLength;
        if (tag.IsConfidential)
        {
            if (!state.Options.LinkHeader)
            {
                state.WriteMac(ref writer, source);
                writer.Append(" > ");
                state.WriteMac(ref writer, destination);
                writer.Append(" 802.1AE MACsec, ");
                WriteTag(ref writer, in tag);
            }
            HexDumpWriter.WriteDefault(ref writer, state.Options, tag.Payload[..Math.Min(caplen, tag.Payload.Length)]);
            return false;
        }
        var shortLength = tag.ShortLength;
        if (length < MacsecHeader.IcvLength || caplen < MacsecHeader.IcvLength ||
            (shortLength != 0 && (shortLength > length - MacsecHeader.IcvLength || shortLength > caplen - MacsecHeader.IcvLength)))
            return Stop(ref writer, state, ref headerLength, rest, truncated: true);
        length -= MacsecHeader.IcvLength;
        caplen -= MacsecHeader.IcvLength;
        // tcpdump moves the end of the capture before the ICV, but cuts only the lengths to the short length.
        payload = tag.Payload[..(tag.Payload.Length - MacsecHeader.IcvLength)];
        if (shortLength != 0)
        {
            length = Math.Min(length, shortLength);
            caplen = Math.Min(caplen, shortLength);
        }
        return true;
    }

    private static bool Stop(ref LineWriter writer, PrintState state, ref int headerLength, int rest, bool truncated)
    {
        if (truncated)
            state.WriteTruncated(ref writer, "macsec");
        else
            writer.Append(" (invalid)");
        headerLength = rest;
        return false;
    }

    // "an 0, pn 1, flags EI, sl 16, sci 0011223344550001, "
    private static void WriteTag(ref LineWriter writer, in MacsecHeader tag)
    {
        writer.Append("an ");
        writer.AppendDecimal((uint)tag.AssociationNumber);
        writer.Append(", pn ");
        writer.AppendDecimal(tag.PacketNumber);
        writer.Append(", flags ");
        var flags = tag.Flags;
        if (flags == 0)
            writer.Append("none");
        if ((flags & 0x08) != 0) writer.Append('E');
        if ((flags & 0x04) != 0) writer.Append('C');
        if ((flags & 0x40) != 0) writer.Append('S');
        if ((flags & 0x10) != 0) writer.Append('B');
        if ((flags & 0x20) != 0) writer.Append('I');
        if (tag.ShortLength != 0)
        {
            writer.Append(", sl ");
            writer.AppendDecimal((uint)tag.ShortLength);
        }
        if (tag.HasSecureChannelId)
        {
            writer.Append(", sci ");
            writer.AppendHex(tag.SecureChannelId, 16);
        }
        writer.Append(", ");
    }
}
