using System.Buffers.Binary;
using Pcap.Decode.Link;
using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>
/// Ethernet II and 802.3 frames with their 802.1Q/QinQ tags as tcpdump's <c>print-ether.c</c> prints them, from the
/// <see cref="EthernetHeader"/> and <see cref="VlanTag"/> views; also the EtherType dispatch the other link printers share.
/// </summary>
internal static class EthernetPrinter
{
    /// <summary>
    /// Prints the frame in <paramref name="packet"/> (<paramref name="length"/> bytes on the wire). Returns the link header
    /// bytes that <c>-x</c> skips: Ethernet, its tags and, for 802.3, the LLC header.
    /// </summary>
    public static int Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> packet, int length)
    {
        if (!EthernetHeader.TryRead(packet, out var ethernet, out _) || length < EthernetHeader.Length)
        {
            state.WriteTruncated(ref writer, "ether");
            return Math.Min(packet.Length, length);
        }
        var eflag = state.Options.LinkHeader;
        var originalLength = length;
        var type = ethernet.TypeOrLength;
        if (eflag)
            WriteAddresses(ref writer, state, ethernet.Source, ethernet.Destination);
        var firstType = true;
        var payload = ethernet.Payload;
        length -= EthernetHeader.Length;
        var headerLength = EthernetHeader.Length;
        var caplen = payload.Length;
        if (type == MacsecHeader.EtherTypeNumber)
        {
            // tcpdump looks for a SecTAG only as the first type, before any VLAN tag.
            if (eflag)
                WriteLinkType(ref writer, state, type, originalLength, firstType);
            firstType = false;
            if (!MacsecPrinter.Print(ref writer, state, ref payload, ref length, ref caplen, ethernet.Source, ethernet.Destination, ref headerLength))
                return headerLength;
            if (!TryReadInnerType(ref writer, state, ref payload, ref length, ref caplen, ref headerLength, out type))
                return headerLength;
        }
        while (new EtherType(type).IsVlanTag)
        {
            if (!VlanTag.TryRead(payload, out var tag, out _) || caplen < VlanTag.Length || length < VlanTag.Length)
            {
                state.WriteTruncated(ref writer, "vlan");
                return headerLength + Math.Min(payload.Length, length);
            }
            if (eflag)
            {
                WriteLinkType(ref writer, state, type, originalLength, firstType);
                firstType = false;
                WriteVlanTag(ref writer, in tag);
                writer.Append(", ");
            }
            type = tag.TypeOrLength;
            payload = tag.Payload;
            length -= VlanTag.Length;
            caplen -= VlanTag.Length;
            headerLength += VlanTag.Length;
        }
        if (eflag)
            WriteLinkType(ref writer, state, type, originalLength, firstType);
        if (type <= EthernetHeader.MaxLengthValue)
        {
            length = Math.Min(type, Math.Max(length, 0));
            if (payload.Length > length)
                payload = payload[..length];
            return headerLength + Math.Abs(LlcPrinter.Print(ref writer, state, payload, length, ethernet.Source, ethernet.Destination));
        }
        if (!PrintEtherTypePayload(ref writer, state, type, payload, length))
        {
            if (!eflag)
            {
                WriteAddresses(ref writer, state, ethernet.Source, ethernet.Destination);
                WriteEtherType(ref writer, state, type);
                writer.AppendLengthSuffix(originalLength);
                writer.Append(": ");
            }
            HexDumpWriter.WriteDefault(ref writer, state.Options, payload[..Math.Min(caplen, payload.Length)]);
        }
        return headerLength;
    }

    /// <summary>The type field after a clear-text MACsec SecTAG; false (with tcpdump's mark) when it was not captured.</summary>
    private static bool TryReadInnerType(ref LineWriter writer, PrintState state, ref ReadOnlySpan<byte> payload, ref int length, ref int caplen,
        ref int headerLength, out ushort type)
    {
        type = 0;
        if (payload.Length < 2)
        {
            state.WriteTruncated(ref writer, "ether", abandoned: true);
            return false;
        }
        type = BinaryPrimitives.ReadUInt16BigEndian(payload);
        if (caplen < 2)
        {
            // The short length cut caplen below the bytes still captured: tcpdump's ND_LCHECK_U message.
            writer.Append(" [caplen ");
            writer.AppendDecimal((uint)caplen);
            writer.Append(" < 2]");
            return false;
        }
        payload = payload[2..];
        length -= 2;
        caplen -= 2;
        headerLength += 2;
        return true;
    }

    /// <summary>Prints the payload of a known EtherType (tcpdump's ethertype_print); false when tcpdump has no printer for it.</summary>
    public static bool PrintEtherTypePayload(ref LineWriter writer, PrintState state, ushort type, ReadOnlySpan<byte> payload, int length)
    {
        switch (type)
        {
            case 0x0800:
                Ipv4Printer.Print(ref writer, state, payload, length);
                return true;
            case 0x86dd:
                Ipv6Printer.Print(ref writer, state, payload, length);
                return true;
            case 0x0806:
            case 0x8035:
                ArpPrinter.Print(ref writer, state, payload, length);
                return true;
            case 0x8847 or 0x8848: MplsPrinter.Print(ref writer, state, payload, length); return true;
            case LoopbackPacket.EtherTypeNumber: LoopbackPrinter.Print(ref writer, state, payload, length); return true;
            case DdpHeader.EtherTypeNumber: AppleTalkPrinter.Print(ref writer, state, payload, length); return true;
            case LldpPacket.EtherTypeNumber: LldpPrinter.Print(ref writer, state, payload, length); return true;
            case 0x8863 or 0x8864 or 0x3c12 or 0x3c13: PppoePrinter.Print(ref writer, state, payload, length); return true;
            case 0x880b: PppPrinter.PrintAfterEtherType(ref writer, state, payload, length); return true;
            case IpxPacket.EtherTypeNumber: writer.Append("(NOV-ETHII) "); IpxPrinter.Print(ref writer, state, payload); return true;
            case 0xfefe: if (payload.IsEmpty || length <= 0) state.WriteTruncated(ref writer, "isoclns"); else OsiPrinter.Print(ref writer, state, payload[1..], length - 1); return true;
            default:
                return false;
        }
    }

    /// <summary>An EtherType by name, as <c>-e</c> prints it (<c>ethertype IPv4 (0x0800)</c>, or just the name with <c>-q</c>).</summary>
    public static void WriteEtherType(ref LineWriter writer, PrintState state, ushort type)
    {
        if (state.Options.Quiet)
        {
            WriteEtherTypeName(ref writer, type, "Unknown Ethertype (0x");
            return;
        }
        writer.Append("ethertype ");
        writer.Append(new EtherType(type).Name ?? "Unknown");
        writer.Append(" (0x");
        writer.AppendHex(type, 4);
        writer.Append(')');
    }

    /// <summary>The <c>, proto NAME (0x0800)</c> an encapsulation (GRE, Geneve) prints with <c>-e</c> for its EtherType field.</summary>
    public static void WriteProtocolField(ref LineWriter writer, ushort type)
    {
        writer.Append(", proto ");
        writer.Append(new EtherType(type).Name ?? "unknown");
        writer.Append(" (0x");
        writer.AppendHex(type, 4);
        writer.Append(')');
    }

    /// <summary>An EtherType's name, or <paramref name="unknownPrefix"/> then its hex value and ')' (tcpdump's tok2str on ethertype_values).</summary>
    public static void WriteEtherTypeName(ref LineWriter writer, ushort type, string unknownPrefix)
    {
        var name = new EtherType(type).Name;
        if (name is null)
        {
            writer.Append(unknownPrefix);
            writer.AppendHex(type, 4);
            writer.Append(')');
        }
        else
        {
            writer.Append(name);
        }
    }

    /// <summary>A tag's <c>vlan N, p P[, DEI]</c>.</summary>
    public static void WriteVlanTag(ref LineWriter writer, in VlanTag tag)
    {
        writer.Append("vlan ");
        writer.AppendDecimal((uint)tag.VlanId);
        writer.Append(", p ");
        writer.AppendDecimal((uint)tag.Priority);
        if (tag.DropEligible)
            writer.Append(", DEI");
    }

    /// <summary>One <c>-e</c> type field: the first carries the frame length, later (inner) ones only a comma.</summary>
    private static void WriteLinkType(ref LineWriter writer, PrintState state, ushort type, int frameLength, bool first)
    {
        if (type <= EthernetHeader.MaxLengthValue)
            writer.Append("802.3");
        else
            WriteEtherType(ref writer, state, type);
        if (first)
        {
            writer.Append(", length ");
            // An 802.3 frame's length is its length field, unless the frame is shorter.
            writer.AppendDecimal((uint)(type <= EthernetHeader.MaxLengthValue ? Math.Min(type, Math.Max(frameLength - EthernetHeader.Length, 0)) : frameLength));
            writer.Append(": ");
        }
        else if (type > EthernetHeader.MaxLengthValue)
        {
            // tcpdump prints an inner 802.3 length with no separator before the LLC text.
            writer.Append(", ");
        }
    }

    private static void WriteAddresses(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        state.WriteMac(ref writer, source);
        writer.Append(" > ");
        state.WriteMac(ref writer, destination);
        writer.Append(", ");
    }
}
