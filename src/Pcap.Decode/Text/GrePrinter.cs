using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>GRE version 0 and PPTP's version 1 as tcpdump 4.99's print-gre.c prints them, with the packet they carry.</summary>
internal static class GrePrinter
{
    /// <summary>Prints a GRE packet of <paramref name="length"/> bytes (an IP payload) and what it carries.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (!GreHeader.TryReadPartial(bytes, out var gre) || length < 2)
        {
            state.WriteTruncated(ref writer, "gre");
            return;
        }
        writer.Append("GREv");
        writer.AppendDecimal((uint)gre.Version);
        switch (gre.Version)
        {
            case 0:
                PrintVersion0(ref writer, state, gre, length);
                break;
            case 1:
                PrintVersion1(ref writer, state, gre, length);
                break;
            default:
                writer.Append(" ERROR: unknown-version");
                break;
        }
    }

    private static void PrintVersion0(ref LineWriter writer, PrintState state, GreHeader gre, int length)
    {
        var flags = gre.FlagsAndVersion;
        if (!TryStart(ref writer, state, gre, length, out var protocol, out var remaining))
            return;
        var at = GreHeader.FixedLength;
        if (gre.HasChecksumAndOffset)
        {
            if (!Has(gre, at, 2, remaining))
            {
                Truncated(ref writer, state);
                return;
            }
            if (state.Options.Verbose > 0)
            {
                writer.Append(", sum 0x");
                writer.AppendHex(gre.Word16At(at));
            }
            at += 2;
            remaining -= 2;
            if (!Has(gre, at, 2, remaining))
            {
                Truncated(ref writer, state);
                return;
            }
            writer.Append(", off 0x");
            writer.AppendHex(gre.Word16At(at));
            at += 2;
            remaining -= 2;
        }
        if ((flags & GreHeader.KeyFlag) != 0 && !Field32(ref writer, state, gre, ref at, ref remaining, ", key=0x", FieldStyle.Hex))
            return;
        if ((flags & GreHeader.SequenceFlag) != 0 && !Field32(ref writer, state, gre, ref at, ref remaining, ", seq ", FieldStyle.Decimal))
            return;
        if ((flags & GreHeader.RoutingFlag) != 0)
        {
            while (true)
            {
                if (!Has(gre, at, 4, remaining))
                {
                    Truncated(ref writer, state);
                    return;
                }
                var family = gre.Word16At(at);
                var offset = gre.From(at + 2)[0];
                var entryLength = gre.From(at + 3)[0];
                at += 4;
                remaining -= 4;
                if (family == 0 && entryLength == 0)
                    break;
                if (!WriteSourceRoute(ref writer, gre.From(at), remaining, family, offset, entryLength) || remaining < entryLength)
                {
                    Truncated(ref writer, state);
                    return;
                }
                at += entryLength;
                remaining -= entryLength;
            }
        }
        WriteTail(ref writer, state, protocol, length);
        var payload = gre.From(at);
        switch (protocol)
        {
            case 0x0800:
            case 0x86dd:
            case 0x6558:
                PrintInner(ref writer, state, protocol, payload, remaining);
                break;
            case 0x8847:
                MplsPrinter.Print(ref writer, state, payload, remaining);
                break;
            case 0x8137: IpxPrinter.Print(ref writer, state, payload); break;
            case 0x00fe: OsiPrinter.Print(ref writer, state, payload, remaining); break;
            default:
                writer.Append("gre-proto-0x");
                writer.AppendHex(protocol);
                break;
        }
    }

    private static void PrintVersion1(ref LineWriter writer, PrintState state, GreHeader gre, int length)
    {
        var flags = gre.FlagsAndVersion;
        if (!TryStart(ref writer, state, gre, length, out var protocol, out var remaining))
            return;
        var at = GreHeader.FixedLength;
        if ((flags & GreHeader.KeyFlag) != 0 && !Field32(ref writer, state, gre, ref at, ref remaining, ", call ", FieldStyle.CallId))
            return;
        if ((flags & GreHeader.SequenceFlag) != 0 && !Field32(ref writer, state, gre, ref at, ref remaining, ", seq ", FieldStyle.Decimal))
            return;
        if ((flags & GreHeader.AcknowledgmentFlag) != 0 && !Field32(ref writer, state, gre, ref at, ref remaining, ", ack ", FieldStyle.Decimal))
            return;
        if ((flags & GreHeader.SequenceFlag) == 0)
            writer.Append(", no-payload");
        if ((flags & GreHeader.SequenceFlag) == 0)
        {
            WriteProtocolAndLength(ref writer, state, protocol, length);
            return;
        }
        WriteTail(ref writer, state, protocol, length);
        if (protocol == 0x880b)
        {
            PppPrinter.Print(ref writer, state, gre.From(at), remaining);
        }
        else
        {
            writer.Append("gre-proto-0x");
            writer.AppendHex(protocol);
        }
    }

    /// <summary>The carried IPv4, IPv6 or Ethernet packet, bounded in depth where tcpdump recurses without a limit.</summary>
    private static void PrintInner(ref LineWriter writer, PrintState state, ushort protocol, ReadOnlySpan<byte> payload, int length)
    {
        if (protocol == 0x6558)
        {
            EncapsulatedEthernetPrinter.Print(ref writer, state, payload, length, "gre");
            return;
        }
        if (state.EncapsulationDepth >= EncapsulatedEthernetPrinter.MaximumDepth)
        {
            state.WriteTruncated(ref writer, "gre", abandoned: true);
            return;
        }
        state.EncapsulationDepth++;
        if (protocol == 0x0800)
            Ipv4Printer.Print(ref writer, state, payload, length);
        else
            Ipv6Printer.Print(ref writer, state, payload, length);
        state.EncapsulationDepth--;
    }

    /// <summary>
    /// What both versions start with: the flags (with -v), then the protocol field. False, with the truncation mark, when
    /// the field is cut off; <paramref name="remaining"/> is the GRE length left after it.
    /// </summary>
    private static bool TryStart(ref LineWriter writer, PrintState state, GreHeader gre, int length, out ushort protocol, out int remaining)
    {
        if (state.Options.Verbose > 0)
            WriteFlags(ref writer, gre.FlagsAndVersion);
        // tcpdump checks each field against both the capture and the GRE length before printing it.
        remaining = length - 2;
        protocol = 0;
        if (!Has(gre, 2, 2, remaining))
        {
            Truncated(ref writer, state);
            return false;
        }
        protocol = gre.ProtocolType;
        remaining -= 2;
        return true;
    }

    private static bool Has(GreHeader gre, int at, int size, int remaining) => gre.Captured >= at + size && remaining >= size;

    private enum FieldStyle
    {
        Hex,
        Decimal,
        CallId,
    }

    /// <summary>One optional 32-bit field and its label; false where tcpdump stops with <c> [|gre]</c>.</summary>
    private static bool Field32(ref LineWriter writer, PrintState state, GreHeader gre, ref int at, ref int remaining, string label, FieldStyle style)
    {
        if (!Has(gre, at, 4, remaining))
        {
            Truncated(ref writer, state);
            return false;
        }
        writer.Append(label);
        var value = gre.Word32At(at);
        if (style == FieldStyle.Hex)
            writer.AppendHex(value);
        else
            writer.AppendDecimal(style == FieldStyle.CallId ? value & 0xffff : value);
        at += 4;
        remaining -= 4;
        return true;
    }

    private static void WriteProtocolAndLength(ref LineWriter writer, PrintState state, ushort protocol, int length)
    {
        if (state.Options.LinkHeader)
            EthernetPrinter.WriteProtocolField(ref writer, protocol);
        writer.Append(", length ");
        writer.AppendDecimal((uint)length);
    }

    /// <summary>The protocol (-e) and length, then the separator before the payload: multi-line when verbose.</summary>
    private static void WriteTail(ref LineWriter writer, PrintState state, ushort protocol, int length)
    {
        WriteProtocolAndLength(ref writer, state, protocol, length);
        writer.Append(state.Options.Verbose < 1 ? ": " : "\n\t");
    }

    private static void WriteFlags(ref LineWriter writer, ushort flags)
    {
        writer.Append(", Flags [");
        var first = true;
        BitNames.Append(ref writer, flags, GreHeader.ChecksumFlag, "checksum present", ref first);
        BitNames.Append(ref writer, flags, GreHeader.RoutingFlag, "routing present", ref first);
        BitNames.Append(ref writer, flags, GreHeader.KeyFlag, "key present", ref first);
        BitNames.Append(ref writer, flags, GreHeader.SequenceFlag, "sequence# present", ref first);
        BitNames.Append(ref writer, flags, GreHeader.StrictSourceRouteFlag, "source routing present", ref first);
        BitNames.Append(ref writer, flags, GreHeader.AcknowledgmentFlag, "ack present", ref first);
        if (first)
            writer.Append("none");
        writer.Append(']');
    }


    /// <summary>One source route entry (IPv4 addresses or AS numbers); false where tcpdump runs out of bytes.</summary>
    private static bool WriteSourceRoute(ref LineWriter writer, ReadOnlySpan<byte> entry, int remaining, ushort family, byte offset, byte length)
    {
        var unit = family == 0x0800 ? 4 : family == 0xfffe ? 2 : 0;
        if (unit == 0)
        {
            writer.Append(", (rtaf=0x");
            writer.AppendHex(family);
            writer.Append(')');
            return true;
        }
        writer.Append(unit == 4 ? ", (rtaf=ip" : ", (rtaf=asn");
        var complete = true;
        if ((offset & (unit - 1)) != 0)
        {
            writer.Append(", badoffset=");
            writer.AppendDecimal(offset);
        }
        else if ((length & (unit - 1)) != 0)
        {
            writer.Append(", badlength=");
            writer.AppendDecimal(length);
        }
        else if (offset >= length)
        {
            writer.Append(", badoff/len=");
            writer.AppendDecimal(offset);
            writer.Append('/');
            writer.AppendDecimal(length);
        }
        else
        {
            for (var at = 0; at < length; at += unit)
            {
                if (entry.Length < at + unit || remaining - at < unit)
                {
                    complete = false;
                    break;
                }
                writer.Append(at == offset ? " *" : " ");
                if (unit == 4)
                    AddressText.AppendIpv4(ref writer, entry.Slice(at, 4), null);
                else
                    writer.AppendHex((uint)(entry[at] << 8 | entry[at + 1]));
            }
        }
        writer.Append(')');
        return complete;
    }

    private static void Truncated(ref LineWriter writer, PrintState state) => state.WriteTruncated(ref writer, "gre");
}
