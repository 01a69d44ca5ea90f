using System.Buffers.Binary;
using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>RIP versions 1 and 2 as tcpdump 4.99's print-rip.c prints them.</summary>
internal static class RipPrinter
{
    /// <summary>Prints a RIP packet of <paramref name="length"/> bytes (the UDP payload).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        // tcpdump works on what was captured of the datagram.
        var available = Math.Min(bytes.Length, Math.Max(length, 0));
        if (available < RipPacket.HeaderLength || !RipPacket.TryRead(bytes[..available], out var rip, out _))
        {
            state.WriteTruncated(ref writer, "rip");
            return;
        }
        var verbose = state.Options.Verbose;
        if (verbose >= 1)
            writer.Append("\n\t");
        writer.Append("RIPv");
        writer.AppendDecimal(rip.Version);
        if (rip.Version == 0)
        {
            HexDumpWriter.WriteHexOnly(ref writer, bytes[..Math.Min(bytes.Length, length)]);
            return;
        }
        var command = rip.Command;
        writer.Append(", ");
        string? name = command switch
        {
            1 => "Request", 2 => "Response", 3 => "Trace on", 4 => "Trace off", 5 => "Poll", 6 => "Poll Entry", _ => null,
        };
        if (name is null)
        {
            writer.Append("unknown command (");
            writer.AppendDecimal(command);
            writer.Append(')');
        }
        else
        {
            writer.Append(name);
        }
        writer.Append(", length: ");
        writer.AppendDecimal((uint)length);
        if (verbose < 1)
            return;
        switch (command)
        {
            case 1:
            case 2:
                if (rip.Version is not (1 or 2))
                {
                    writer.Append(", unknown version");
                    break;
                }
                writer.Append(", routes: ");
                writer.AppendDecimal((uint)(length / RipPacket.EntryLength));
                if (rip.Version == 2)
                    writer.Append(" or less");
                var entries = rip.Entries;
                while (!entries.IsEmpty)
                {
                    var size = rip.Version == 1 ? PrintEntryV1(ref writer, entries) : PrintEntryV2(ref writer, state, entries);
                    if (size < 0)
                        return;
                    if (size == 0)
                    {
                        state.WriteTruncated(ref writer, "rip");
                        break;
                    }
                    if (entries.Length < size)
                    {
                        writer.Append(" [remaining entries length ");
                        writer.AppendDecimal((uint)entries.Length);
                        writer.Append(" < ");
                        writer.AppendDecimal((uint)size);
                        writer.Append("] (invalid)");
                        break;
                    }
                    entries = entries[size..];
                }
                break;
            case 4:
            case 5:
            case 6:
                break;
            default:
                if (verbose <= 1)
                    HexDumpWriter.WriteHexOnly(ref writer, bytes[..Math.Min(bytes.Length, length)]);
                break;
        }
        if (verbose > 1)
            HexDumpWriter.WriteHexOnly(ref writer, bytes[..Math.Min(bytes.Length, length)]);
    }

    /// <summary>One RFC 1058 entry; the bytes it used, 0 when cut short.</summary>
    private static int PrintEntryV1(ref LineWriter writer, ReadOnlySpan<byte> entry)
    {
        if (entry.Length < RipPacket.EntryLength)
            return 0;
        var family = RipPacket.Family(entry);
        if (family is not (2 or 0))
        {
            writer.Append("\n\t AFI ");
            WriteFamily(ref writer, family, "Unknown (");
            writer.Append(", ");
            HexDumpWriter.WriteHexOnly(ref writer, entry[4..RipPacket.EntryLength], "\n\t  ");
            return RipPacket.EntryLength;
        }
        if (RipPacket.Tag(entry) != 0 || RipPacket.Mask(entry) != 0 || BinaryPrimitives.ReadUInt32BigEndian(RipPacket.NextHop(entry)) != 0)
        {
            // Version 1 has zeros where version 2 puts tag, mask and next hop: tcpdump dumps an entry that does not.
            HexDumpWriter.WriteHexOnly(ref writer, entry[..RipPacket.EntryLength], "\n\t  ");
            return RipPacket.EntryLength;
        }
        writer.Append(family == 0 ? "\n\t  AFI 0, " : "\n\t  ");
        writer.AppendIpv4(RipPacket.Address(entry));
        writer.Append(", metric: ");
        writer.AppendDecimal(RipPacket.Metric(entry));
        return RipPacket.EntryLength;
    }

    /// <summary>One RFC 2453 entry (or authentication entry); the bytes it used, 0 when cut short, -1 when tcpdump long-jumps.</summary>
    private static int PrintEntryV2(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> entry)
    {
        if (entry.Length < 4)
            return 0;
        var family = RipPacket.Family(entry);
        if (family == RipPacket.AuthenticationFamily)
        {
            var type = RipPacket.Tag(entry);
            var rest = entry[4..];
            switch (type)
            {
                case 2:
                    writer.Append("\n\t  Simple Text Authentication data: ");
                    for (var i = 0; i < 16; i++)
                    {
                        if (i >= rest.Length)
                        {
                            state.WriteTruncated(ref writer, "rip", abandoned: true);
                            return -1;
                        }
                        if (rest[i] == 0)
                            break;
                        PrintableText.Append(ref writer, rest[i]);
                    }
                    return RipPacket.EntryLength;
                case 3:
                    if (rest.Length < 16)
                        return 0;
                    writer.Append("\n\t  Auth header: Packet Len ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(rest));
                    writer.Append(", Key-ID ");
                    writer.AppendDecimal(rest[2]);
                    writer.Append(", Auth Data Len ");
                    writer.AppendDecimal(rest[3]);
                    writer.Append(", SeqNo ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(rest[4..]));
                    writer.Append(", MBZ ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(rest[8..]));
                    writer.Append(", MBZ ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(rest[12..]));
                    return RipPacket.EntryLength;
                case 1:
                    writer.Append("\n\t  Auth trailer:");
                    HexDumpWriter.WriteHexOnly(ref writer, rest, "\n\t  ");
                    return entry.Length;
                default:
                    writer.Append("\n\t  Unknown (");
                    writer.AppendDecimal(type);
                    writer.Append(") Authentication data:");
                    HexDumpWriter.WriteHexOnly(ref writer, rest, "\n\t  ");
                    return entry.Length;
            }
        }
        if (family is not (2 or 0))
        {
            writer.Append("\n\t  AFI ");
            WriteFamily(ref writer, family, "Unknown (");
            HexDumpWriter.WriteHexOnly(ref writer, entry[4..Math.Min(entry.Length, RipPacket.EntryLength)], "\n\t  ");
            return RipPacket.EntryLength;
        }
        if (entry.Length < RipPacket.EntryLength)
            return 0;
        writer.Append("\n\t  AFI ");
        WriteFamily(ref writer, family, null);
        writer.Append(", ");
        Span<char> address = stackalloc char[15];
        var text = new LineWriter(address);
        text.AppendIpv4(RipPacket.Address(entry));
        for (var i = text.Length; i < 15; i++)
            writer.Append(' ');
        writer.Append(address[..text.Length]);
        writer.Append('/');
        var prefix = PrefixLength(RipPacket.Mask(entry));
        writer.AppendSigned(prefix);
        if (prefix is >= 0 and < 10)
            writer.Append(' ');
        writer.Append(", tag 0x");
        writer.AppendHex(RipPacket.Tag(entry), 4);
        writer.Append(", metric: ");
        writer.AppendDecimal(RipPacket.Metric(entry));
        writer.Append(", next-hop: ");
        var nextHop = RipPacket.NextHop(entry);
        if (BinaryPrimitives.ReadUInt32BigEndian(nextHop) != 0)
            writer.AppendIpv4(nextHop);
        else
            writer.Append("self");
        return RipPacket.EntryLength;
    }

    /// <summary>tcpdump's bsd_af_values; <paramref name="unknownPrefix"/> null prints an unknown family as a bare number.</summary>
    private static void WriteFamily(ref LineWriter writer, ushort family, string? unknownPrefix)
    {
        string? name = family switch
        {
            2 => "IPv4", 6 => "NS", 7 => "ISO", 16 => "Appletalk", 23 => "IPX", 24 or 28 or 30 => "IPv6", _ => null,
        };
        if (name is not null)
        {
            writer.Append(name);
            return;
        }
        if (unknownPrefix is not null)
            writer.Append(unknownPrefix);
        writer.AppendDecimal(family);
        if (unknownPrefix is not null)
            writer.Append(')');
    }

    /// <summary>tcpdump's mask2plen: the prefix length of a contiguous mask, else -1.</summary>
    private static int PrefixLength(uint mask)
    {
        for (var length = 32; length >= 0; length--)
        {
            if ((length == 0 ? 0u : uint.MaxValue << (32 - length)) == mask)
                return length;
        }
        return -1;
    }
}
