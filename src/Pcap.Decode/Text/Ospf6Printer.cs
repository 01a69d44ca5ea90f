using System.Buffers.Binary;
using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>
/// OSPFv3 (OSPF over IPv6) as tcpdump 4.99's print-ospf6.c prints it: the header line, with -v the router, area, instance
/// and the hello or database description, with -vv the neighbor list and every request, LSA and acknowledgement, then the
/// link-local signalling block and authentication trailer after the packet. Truncation writes <c> [|ospf3]</c>.
/// </summary>
internal static class Ospf6Printer
{
    /// <summary>How far a part of the packet printed.</summary>
    private enum Step
    {
        /// <summary>All of it.</summary>
        Printed,
        /// <summary>tcpdump's goto trunc: the mark, and the packet goes on to nothing else.</summary>
        Truncated,
        /// <summary>A field past the capture: tcpdump's long jump, the packet abandoned.</summary>
        Jumped,
    }

    /// <summary>Prints an OSPF packet of <paramref name="length"/> bytes (an IPv6 payload).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var step = PrintPacket(ref writer, state, Ospf6Packet.ReadPartial(bytes), length);
        if (step != Step.Printed)
            state.WriteTruncated(ref writer, "ospf3", abandoned: step == Step.Jumped);
    }

    private static Step PrintPacket(ref LineWriter writer, PrintState state, Ospf6Packet packet, int length)
    {
        if (packet.Captured < 2)
            return Step.Jumped;
        var type = packet.Type;
        writer.Append("OSPFv");
        writer.AppendDecimal(packet.Version);
        writer.Append(", ");
        var known = type is >= 1 and <= 5;
        if (known)
        {
            writer.Append(type switch { 1 => "Hello", 2 => "Database Description", 3 => "LS-Request", 4 => "LS-Update", _ => "LS-Ack" });
        }
        else
        {
            writer.Append("unknown packet type (");
            writer.AppendDecimal(type);
            writer.Append(')');
        }
        writer.Append(", length ");
        writer.AppendDecimal((uint)length);
        if (!known || state.Options.Verbose <= 0)
            return Step.Printed;
        if (packet.Captured < 4)
            return Step.Jumped;
        int dataEnd = packet.PacketLength;
        if (dataEnd > length)
        {
            writer.Append(" [len ");
            writer.AppendDecimal((uint)dataEnd);
            writer.Append(']');
            return Step.Printed;
        }
        if (packet.Captured < 8)
            return Step.Jumped;
        writer.Append("\n\tRouter-ID ");
        state.WriteIpAddress(ref writer, packet.RouterId);
        if (packet.Captured < 12)
            return Step.Jumped;
        if (BinaryPrimitives.ReadUInt32BigEndian(packet.AreaId) != 0)
        {
            writer.Append(", Area ");
            state.WriteIpAddress(ref writer, packet.AreaId);
        }
        else
        {
            writer.Append(", Backbone Area");
        }
        if (packet.Captured < 15)
            return Step.Jumped;
        if (packet.InstanceId != 0)
        {
            writer.Append(", Instance ");
            writer.AppendDecimal(packet.InstanceId);
        }
        if (packet.Version != 3)
            return Step.Printed;
        var step = PrintBody(ref writer, state, packet, dataEnd);
        return step != Step.Printed ? step : PrintTrailer(ref writer, state, packet, dataEnd, length - dataEnd);
    }

    /// <summary>tcpdump's ospf6_decode_v3: the body of each packet type, up to <paramref name="dataEnd"/>.</summary>
    private static Step PrintBody(ref LineWriter writer, PrintState state, Ospf6Packet packet, int dataEnd)
    {
        var data = packet.Bytes;
        var verbose = state.Options.Verbose;
        switch (packet.Type)
        {
            case 1:
                if (packet.Captured < 24)
                    return Step.Jumped;
                writer.Append("\n\tOptions [");
                WriteOptions(ref writer, packet.HelloOptions);
                writer.Append(']');
                if (packet.Captured < 28)
                    return Step.Jumped;
                writer.Append("\n\t  Hello Timer ");
                writer.AppendDecimal(packet.HelloInterval);
                writer.Append("s, Dead Timer ");
                writer.AppendDecimal(packet.DeadInterval);
                writer.Append("s, Interface-ID ");
                state.WriteIpAddress(ref writer, packet.InterfaceId);
                writer.Append(", Priority ");
                writer.AppendDecimal(packet.HelloPriority);
                if (packet.Captured < 32)
                    return Step.Jumped;
                if (BinaryPrimitives.ReadUInt32BigEndian(packet.DesignatedRouter) != 0)
                {
                    writer.Append("\n\t  Designated Router ");
                    state.WriteIpAddress(ref writer, packet.DesignatedRouter);
                }
                if (packet.Captured < 36)
                    return Step.Jumped;
                if (BinaryPrimitives.ReadUInt32BigEndian(packet.BackupDesignatedRouter) != 0)
                {
                    writer.Append(", Backup Designated Router ");
                    state.WriteIpAddress(ref writer, packet.BackupDesignatedRouter);
                }
                if (verbose > 1)
                {
                    writer.Append("\n\t  Neighbor List:");
                    for (var neighbor = Ospf6Packet.HelloNeighborsOffset; neighbor < dataEnd; neighbor += 4)
                    {
                        if (!OspfTlvPrinter.Has(data, neighbor, 4))
                            return Step.Jumped;
                        writer.Append("\n\t    ");
                        state.WriteIpAddress(ref writer, data.Slice(neighbor, 4));
                    }
                }
                return Step.Printed;
            case 2:
                if (packet.Captured < 20)
                    return Step.Jumped;
                writer.Append("\n\tOptions [");
                WriteOptions(ref writer, packet.DescriptionOptions);
                writer.Append(']');
                if (packet.Captured < 24)
                    return Step.Jumped;
                writer.Append(", DD Flags [");
                BitNames.AppendAll(ref writer, packet.DescriptionFlags, [0x04, 0x02, 0x01, 0x10], DescriptionFlagNames, "none");
                writer.Append(']');
                if (packet.Captured < 28)
                    return Step.Jumped;
                writer.Append(", MTU ");
                writer.AppendDecimal(packet.InterfaceMtu);
                writer.Append(", DD-Sequence 0x");
                writer.AppendHex(packet.DescriptionSequence, 8);
                return verbose > 1 ? PrintLsaHeaders(ref writer, state, data, Ospf6Packet.DescriptionHeadersOffset, dataEnd) : Step.Printed;
            case 3:
                if (verbose > 1)
                {
                    for (var request = Ospf6Packet.HeaderLength; request < dataEnd; request += 12)
                    {
                        if (!OspfTlvPrinter.Has(data, request, 12))
                            return Step.Truncated;
                        writer.Append("\n\t  Advertising Router ");
                        state.WriteIpAddress(ref writer, data.Slice(request + 8, 4));
                        WriteLsaType(ref writer, state, BinaryPrimitives.ReadUInt16BigEndian(data[(request + 2)..]), data.Slice(request + 4, 4));
                    }
                }
                return Step.Printed;
            case 4:
                if (verbose > 1)
                {
                    if (packet.Captured < Ospf6Packet.UpdateLsasOffset)
                        return Step.Jumped;
                    // tcpdump counts down a signed int: a count of 2^31 or more runs until the packet ends.
                    var count = (int)packet.UpdateCount;
                    for (long lsa = Ospf6Packet.UpdateLsasOffset; lsa < dataEnd && count-- != 0;)
                    {
                        var step = PrintLsa(ref writer, state, data, lsa, dataEnd);
                        if (step != Step.Printed)
                            return step;
                        lsa += BinaryPrimitives.ReadUInt16BigEndian(data[((int)lsa + 18)..]);
                    }
                }
                return Step.Printed;
            case 5:
                return verbose > 1 ? PrintLsaHeaders(ref writer, state, data, Ospf6Packet.HeaderLength, dataEnd) : Step.Printed;
            default:
                return Step.Printed;
        }
    }

    /// <summary>The LSA headers of a database description or acknowledgement, from <paramref name="at"/> to <paramref name="dataEnd"/>.</summary>
    private static Step PrintLsaHeaders(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, long at, int dataEnd)
    {
        for (; at < dataEnd; at += OspfLsaHeader.Length)
        {
            var step = PrintLsaHeader(ref writer, state, data, at, dataEnd);
            if (step != Step.Printed)
                return step;
        }
        return Step.Printed;
    }

    /// <summary>tcpdump's ospf6_print_lshdr: truncated when the header runs past <paramref name="dataEnd"/>.</summary>
    private static Step PrintLsaHeader(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, long at, int dataEnd)
    {
        if (at + OspfLsaHeader.Length > dataEnd)
            return Step.Truncated;
        if (!OspfTlvPrinter.Has(data, at, OspfLsaHeader.Length) || !OspfLsaHeader.TryRead(data[(int)at..], out var header))
            return Step.Jumped;
        OspfLsaPrinter.WriteAdvertisingRouter(ref writer, state, header);
        // A size_t subtraction in tcpdump: a length below the header's wraps.
        writer.AppendDecimal(unchecked((ulong)((long)header.LsaLength - OspfLsaHeader.Length)));
        WriteLsaType(ref writer, state, BinaryPrimitives.ReadUInt16BigEndian(data[((int)at + 2)..]), header.LinkStateId);
        return Step.Printed;
    }

    /// <summary>tcpdump's ospf6_print_ls_type: the function, scope, U bit and link state ID.</summary>
    private static void WriteLsaType(ref LineWriter writer, PrintState state, ushort type, ReadOnlySpan<byte> linkStateId)
    {
        var function = type & 0x1fff;
        writer.Append("\n\t    ");
        writer.Append(function switch
        {
            1 => "Router",
            2 => "Network",
            3 => "Inter-Area Prefix",
            4 => "Inter-Area Router",
            5 => "External",
            6 => "Deprecated",
            7 => "NSSA",
            8 => "Link",
            9 => "Intra-Area Prefix",
            10 => "Intra-Area TE",
            11 => "Grace",
            12 => "Router Information",
            13 => "Inter-AS-TE",
            14 => "Layer 1 VPN",
            _ => "Unknown",
        });
        writer.Append(" LSA (");
        writer.AppendDecimal((uint)function);
        writer.Append("), ");
        writer.Append((type & 0x6000) switch { 0 => "Link Local", 0x2000 => "Area Local", 0x4000 => "Domain Wide", _ => "Unknown" });
        writer.Append(" Scope");
        if ((type & 0x8000) != 0)
            writer.Append(", transitive");
        writer.Append(", LSA-ID ");
        state.WriteIpAddress(ref writer, linkStateId);
    }

    /// <summary>tcpdump's ospf6_print_lsa: the header, then the body of the types it decodes.</summary>
    private static Step PrintLsa(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, long at, int dataEnd)
    {
        var step = PrintLsaHeader(ref writer, state, data, at, dataEnd);
        if (step != Step.Printed)
            return step;
        int length = BinaryPrimitives.ReadUInt16BigEndian(data[((int)at + 18)..]);
        if (length < OspfLsaHeader.Length || at + length > dataEnd)
            return Step.Truncated;
        var remaining = (uint)(length - OspfLsaHeader.Length);
        var body = at + OspfLsaHeader.Length;
        switch (BinaryPrimitives.ReadUInt16BigEndian(data[((int)at + 2)..]))
        {
            case 0x2001:
                return PrintRouterLsa(ref writer, state, data, body, remaining);
            case 0x2002:
                if (remaining < 4)
                    return Step.Truncated;
                remaining -= 4;
                if (!OspfTlvPrinter.Has(data, body, 4))
                    return Step.Jumped;
                writer.Append("\n\t      Options [");
                WriteOptions(ref writer, BinaryPrimitives.ReadUInt32BigEndian(data[(int)body..]));
                writer.Append("]\n\t      Connected Routers:");
                for (var router = body + 4; remaining != 0; router += 4)
                {
                    if (remaining < 4)
                        return Step.Truncated;
                    remaining -= 4;
                    if (!OspfTlvPrinter.Has(data, router, 4))
                        return Step.Jumped;
                    writer.Append("\n\t\t");
                    state.WriteIpAddress(ref writer, data.Slice((int)router, 4));
                }
                return Step.Printed;
            case 0x2003:
                if (remaining < 4)
                    return Step.Truncated;
                remaining -= 4;
                if (!OspfTlvPrinter.Has(data, body, 4))
                    return Step.Jumped;
                writer.Append(", metric ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(data[(int)body..]) & 0x00ffffff);
                return PrintPrefixes(ref writer, state, data, body + 4, remaining, 0, untilEnd: true);
            case 0x4005:
                return PrintExternalLsa(ref writer, state, data, body, remaining);
            case 0x0008:
                if (remaining < 4)
                    return Step.Truncated;
                remaining -= 4;
                if (!OspfTlvPrinter.Has(data, body, 4))
                    return Step.Truncated;
                writer.Append("\n\t      Options [");
                WriteOptions(ref writer, BinaryPrimitives.ReadUInt32BigEndian(data[(int)body..]));
                writer.Append(']');
                if (remaining < 20)
                    return Step.Truncated;
                remaining -= 20;
                if (!OspfTlvPrinter.Has(data, body, 24))
                    return Step.Jumped;
                var prefixes = BinaryPrimitives.ReadUInt32BigEndian(data[((int)body + 20)..]);
                writer.Append("\n\t      Priority ");
                writer.AppendDecimal(data[(int)body]);
                writer.Append(", Link-local address ");
                state.WriteIpAddress(ref writer, data.Slice((int)body + 4, 16));
                writer.Append(", Prefixes ");
                writer.AppendDecimal(prefixes);
                writer.Append(':');
                return PrintPrefixes(ref writer, state, data, body + 24, remaining, prefixes, untilEnd: false);
            case 0x2009:
                if (remaining < 4)
                    return Step.Truncated;
                remaining -= 4;
                if (!OspfTlvPrinter.Has(data, body + 8, 4))
                    return Step.Truncated;
                WriteLsaType(ref writer, state, BinaryPrimitives.ReadUInt16BigEndian(data[((int)body + 2)..]), data.Slice((int)body + 4, 4));
                if (remaining < 2)
                    return Step.Truncated;
                remaining -= 2;
                var count = BinaryPrimitives.ReadUInt16BigEndian(data[(int)body..]);
                writer.Append("\n\t      Prefixes ");
                writer.AppendDecimal(count);
                writer.Append(':');
                return PrintPrefixes(ref writer, state, data, body + 12, remaining, count, untilEnd: false);
            case 0x000b:
                return Outcome(OspfTlvPrinter.PrintGrace(ref writer, state, data, body, remaining));
            case 0x000a:
                return Outcome(OspfTlvPrinter.PrintTrafficEngineering(ref writer, state, data, body, remaining));
            default:
                return OspfTlvPrinter.WriteUnknownData(ref writer, data, body, "\n\t      ", remaining) ? Step.Printed : Step.Truncated;
        }
    }

    private static Step Outcome(OspfTlvOutcome outcome) => outcome switch
    {
        OspfTlvOutcome.Printed => Step.Printed,
        OspfTlvOutcome.Stopped => Step.Truncated,
        _ => Step.Jumped,
    };

    private static Step PrintRouterLsa(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, long body, uint remaining)
    {
        if (remaining < 4)
            return Step.Truncated;
        remaining -= 4;
        if (!OspfTlvPrinter.Has(data, body, 4))
            return Step.Jumped;
        writer.Append("\n\t      Options [");
        WriteOptions(ref writer, BinaryPrimitives.ReadUInt32BigEndian(data[(int)body..]));
        writer.Append("], RLA-Flags [");
        BitNames.AppendAll(ref writer, data[(int)body], [0x01, 0x02, 0x04, 0x08, 0x10], RouterFlagNames, "none");
        writer.Append(']');
        for (var link = body + 4; remaining != 0; link += 16)
        {
            if (remaining < 16)
                return Step.Truncated;
            remaining -= 16;
            if (!OspfTlvPrinter.Has(data, link, 16))
                return Step.Truncated;
            var linkType = data[(int)link];
            writer.Append(linkType switch
            {
                4 => "\n\t      Virtual Link: Neighbor Router-ID ",
                1 => "\n\t      Neighbor Router-ID ",
                2 => "\n\t      Neighbor Network-ID ",
                _ => "\n\t      Unknown Router Links Type 0x",
            });
            if (linkType is not (1 or 2 or 4))
            {
                writer.AppendHex(linkType, 2);
                return Step.Printed;
            }
            state.WriteIpAddress(ref writer, data.Slice((int)link + 12, 4));
            writer.Append("\n\t      Neighbor Interface-ID ");
            state.WriteIpAddress(ref writer, data.Slice((int)link + 8, 4));
            writer.Append(", Interface ");
            state.WriteIpAddress(ref writer, data.Slice((int)link + 4, 4));
            writer.Append(", metric ");
            writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(data[((int)link + 2)..]));
        }
        return Step.Printed;
    }

    private static Step PrintExternalLsa(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, long body, uint remaining)
    {
        if (remaining < 4)
            return Step.Truncated;
        remaining -= 4;
        if (!OspfTlvPrinter.Has(data, body, 4))
            return Step.Jumped;
        var flags = BinaryPrimitives.ReadUInt32BigEndian(data[(int)body..]);
        writer.Append("\n\t     Flags [");
        BitNames.AppendAll(ref writer, flags, [0x80000000, 0x02000000, 0x01000000], ExternalFlagNames, "none");
        writer.Append("] metric ");
        writer.AppendDecimal(flags & 0x00ffffff);
        var prefix = body + 4;
        var used = PrintPrefix(ref writer, state, data, prefix, remaining);
        if (used < 0)
            return used == -2 ? Step.Jumped : Step.Truncated;
        remaining -= (uint)used;
        var at = prefix + used;
        var step = (flags & 0x02000000) != 0 ? PrintAddressField(ref writer, state, data, ref at, ref remaining, " forward ", 16) : Step.Printed;
        if (step == Step.Printed && (flags & 0x01000000) != 0)
            step = PrintAddressField(ref writer, state, data, ref at, ref remaining, " tag ", 4);
        // tcpdump tests the first byte of the prefix's metric field as if it were the referenced LS type.
        if (step == Step.Printed && data[(int)prefix + 2] != 0)
            step = PrintAddressField(ref writer, state, data, ref at, ref remaining, " RefLSID: ", 4);
        return step;
    }

    /// <summary>An address of <paramref name="size"/> bytes after an external LSA's prefix, with its label.</summary>
    private static Step PrintAddressField(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, ref long at, ref uint remaining, string label, int size)
    {
        if (remaining < size)
            return Step.Truncated;
        remaining -= (uint)size;
        if (!OspfTlvPrinter.Has(data, at, size))
            return Step.Jumped;
        writer.Append(label);
        state.WriteIpAddress(ref writer, data.Slice((int)at, size));
        at += size;
        return Step.Printed;
    }

    /// <summary><paramref name="count"/> prefixes from <paramref name="at"/>, or with <paramref name="untilEnd"/> as many as <paramref name="remaining"/> holds.</summary>
    private static Step PrintPrefixes(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, long at, uint remaining, uint count, bool untilEnd)
    {
        while (untilEnd ? remaining != 0 : count > 0)
        {
            var used = PrintPrefix(ref writer, state, data, at, remaining);
            if (used < 0)
                return used == -2 ? Step.Jumped : Step.Truncated;
            count--;
            remaining -= (uint)used;
            at += used;
        }
        return Step.Printed;
    }

    /// <summary>tcpdump's ospf6_print_lsaprefix: the bytes it took, -1 for its goto trunc, -2 for a long jump.</summary>
    private static int PrintPrefix(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, long at, uint remaining)
    {
        if (remaining < 4)
            return -1;
        remaining -= 4;
        if (!OspfTlvPrinter.Has(data, at, 4))
            return -1;
        var prefixLength = data[(int)at];
        var words = (prefixLength + 31) / 32;
        if (words * 4 > 16)
        {
            writer.Append(" bogus prefixlen /");
            writer.AppendDecimal(prefixLength);
            return -1;
        }
        if (remaining < words * 4)
            return -1;
        if (!OspfTlvPrinter.Has(data, at + 4, words * 4))
            return -2;
        Span<byte> address = stackalloc byte[16];
        address.Clear();
        data.Slice((int)at + 4, words * 4).CopyTo(address);
        writer.Append("\n\t\t");
        state.WriteIpAddress(ref writer, address);
        writer.Append('/');
        writer.AppendDecimal(prefixLength);
        var options = data[(int)at + 1];
        if (options != 0)
        {
            writer.Append(", Options [");
            BitNames.AppendAll(ref writer, options, [0x01, 0x02, 0x04, 0x08, 0x10, 0x20], PrefixOptionNames, "none");
            writer.Append(']');
        }
        writer.Append(", metric ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(data[((int)at + 2)..]));
        return 4 + words * 4;
    }

    /// <summary>
    /// tcpdump's ospf6_decode_v3_trailer: the LLS block of a hello or database description with the L bit, then an RFC 7166
    /// authentication trailer, in the <paramref name="length"/> bytes after the packet at <paramref name="at"/>.
    /// </summary>
    private static Step PrintTrailer(ref LineWriter writer, PrintState state, Ospf6Packet packet, int at, int length)
    {
        var data = packet.Bytes;
        var signalling = false;
        if (packet.Type == 1)
        {
            if (packet.Captured < 24)
                return Step.Jumped;
            signalling = (packet.HelloOptions & Ospf6Packet.LinkLocalSignalling) != 0;
        }
        else if (packet.Type == 2)
        {
            if (packet.Captured < 20)
                return Step.Jumped;
            signalling = (packet.DescriptionOptions & Ospf6Packet.LinkLocalSignalling) != 0;
        }
        if (signalling && length != 0)
        {
            if (length < 4)
                return Step.Truncated;
            if (!OspfTlvPrinter.Has(data, at, 2))
                return Step.Jumped;
            writer.Append("\n\tLLS Checksum 0x");
            writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(data[at..]), 4);
            if (!OspfTlvPrinter.Has(data, at + 2, 2))
                return Step.Jumped;
            int blockLength = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
            writer.Append(", Data Length ");
            writer.AppendDecimal((uint)blockLength);
            if (blockLength < 4 || blockLength > length || !OspfTlvPrinter.Has(data, at + 4, blockLength - 4))
                return Step.Truncated;
            at += blockLength;
            length -= blockLength;
        }
        if (length == 0)
            return Step.Printed;
        if (length < 16)
            return Step.Truncated;
        if (!OspfTlvPrinter.Has(data, at, 2))
            return Step.Jumped;
        var type = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
        writer.Append("\n\tAuthentication Type ");
        if (type == 1)
        {
            writer.Append("HMAC");
        }
        else
        {
            writer.Append("unknown (0x");
            writer.AppendHex(type, 4);
            writer.Append(')');
        }
        if (!OspfTlvPrinter.Has(data, at + 2, 2))
            return Step.Jumped;
        int trailerLength = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
        writer.Append(", Length ");
        writer.AppendDecimal((uint)trailerLength);
        if (trailerLength < 16 || trailerLength > length)
            return Step.Truncated;
        if (!OspfTlvPrinter.Has(data, at + 6, 2))
            return Step.Jumped;
        writer.Append(", SAID ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(data[(at + 6)..]));
        if (!OspfTlvPrinter.Has(data, at + 8, 4))
            return Step.Jumped;
        writer.Append(", CSN 0x");
        writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(data[(at + 8)..]), 8);
        if (!OspfTlvPrinter.Has(data, at + 12, 4))
            return Step.Jumped;
        writer.Append(':');
        writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(data[(at + 12)..]), 8);
        if (!OspfTlvPrinter.Has(data, at + 16, trailerLength - 16))
            return Step.Truncated;
        if (state.Options.Verbose > 1)
            OspfTlvPrinter.WriteUnknownData(ref writer, data, at + 16, "\n\tAuthentication Data ", trailerLength - 16);
        return Step.Printed;
    }

    /// <summary>The options word of hellos, database descriptions and LSAs as tcpdump names its bits.</summary>
    private static void WriteOptions(ref LineWriter writer, uint options) =>
        BitNames.AppendAll(ref writer, options, [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x0100, 0x0200, 0x0400], OptionNames, "none");

    private static readonly string[] OptionNames =
        ["V6", "External", "Deprecated", "NSSA", "Router", "Demand Circuit", "AFs Support", "LLS", "Authentication Trailer"];

    private static readonly string[] DescriptionFlagNames = ["Init", "More", "Master", "IPv6 MTU"];

    private static readonly string[] RouterFlagNames = ["ABR", "External", "Virtual-Link Endpoint", "Deprecated", "NSSA Translator"];

    private static readonly string[] ExternalFlagNames = ["External Type 2", "Forwarding", "Tag"];

    private static readonly string[] PrefixOptionNames = ["No Unicast", "Local address", "Deprecated", "Propagate", "Down", "N-bit"];
}
