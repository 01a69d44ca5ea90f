using System.Buffers.Binary;

namespace Pcap.Decode.Text;

/// <summary>
/// PIM version 1, which rides in IGMP (type 0x14), as tcpdump 4.99's pimv1_print in print-pim.c prints it after
/// <c>igmp pimv1</c>: the message type and what each type shows, with <c> [|pimv1]</c> where tcpdump stops.
/// </summary>
internal static class PimV1Printer
{
    /// <summary>
    /// Prints the message of <paramref name="length"/> bytes (the IGMP message, type byte first); true when tcpdump
    /// long-jumps out of the packet (after writing <c> [|pimv1]</c>), false when the IGMP printer goes on to its checksum.
    /// </summary>
    public static bool Write(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, int verbose, HostNames? names)
    {
        if (bytes.Length < 2)
            return Jump(ref writer);
        var type = bytes[1];
        writer.Append(' ');
        switch (type)
        {
            case 0:
                writer.Append("Query");
                if (bytes.Length >= 9)
                {
                    var mode = bytes[8] >> 4;
                    writer.Append(mode switch { 0 => " Dense-mode", 1 => " Sparse-mode", 2 => " Sparse-Dense-mode", _ => " mode-" });
                    if (mode > 2)
                        writer.AppendDecimal((uint)mode);
                }
                if (verbose > 0)
                {
                    writer.Append(" (Hold-time ");
                    if (bytes.Length < 12)
                        return Jump(ref writer);
                    Durations.Write(ref writer, BinaryPrimitives.ReadUInt16BigEndian(bytes[10..]));
                    writer.Append(')');
                }
                break;
            case 1:
                writer.Append("Register");
                if (bytes.Length < 28)
                    return Truncated(ref writer);
                WriteFor(ref writer, bytes.Slice(20, 4), bytes.Slice(24, 4), names);
                break;
            case 2:
                writer.Append("Register-Stop");
                if (bytes.Length < 16)
                    return Jump(ref writer);
                WriteFor(ref writer, bytes.Slice(8, 4), bytes.Slice(12, 4), names);
                break;
            case 3:
            case 6:
            case 7:
                writer.Append(type == 3 ? "Join/Prune" : type == 6 ? "Graft" : "Graft-ACK");
                if (verbose > 0)
                {
                    if (length < 8)
                        return Truncated(ref writer);
                    if (WriteJoinPrune(ref writer, bytes[Math.Min(8, bytes.Length)..], length - 8, verbose, names))
                        return true;
                }
                break;
            case 4:
                writer.Append("RP-reachable");
                if (verbose > 0)
                {
                    if (bytes.Length < 12)
                        return Jump(ref writer);
                    writer.Append(" group ");
                    AddressText.AppendIpv4(ref writer, bytes.Slice(8, 4), names);
                    if (bytes.Length < 16)
                        return Jump(ref writer);
                    WriteMask(ref writer, bytes.Slice(12, 4), names);
                    if (bytes.Length < 20)
                        return Jump(ref writer);
                    writer.Append(" RP ");
                    AddressText.AppendIpv4(ref writer, bytes.Slice(16, 4), names);
                    writer.Append(" hold ");
                    if (bytes.Length < 24)
                        return Jump(ref writer);
                    Durations.Write(ref writer, BinaryPrimitives.ReadUInt16BigEndian(bytes[22..]));
                }
                break;
            case 5:
                writer.Append("Assert");
                if (bytes.Length < 20)
                    return Jump(ref writer);
                WriteFor(ref writer, bytes.Slice(16, 4), bytes.Slice(8, 4), names);
                WriteMask(ref writer, bytes.Slice(12, 4), names);
                if (bytes.Length < 28)
                    return Jump(ref writer);
                writer.Append((bytes[20] & 0x80) != 0 ? " RP-tree pref " : " SPT pref ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(bytes[20..]) & 0x7fffffff);
                writer.Append(" metric ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(bytes[24..]));
                break;
            default:
                writer.Append("[type ");
                writer.AppendDecimal(type);
                writer.Append(']');
                break;
        }
        if (bytes.Length < 5)
            return Jump(ref writer);
        if (bytes[4] >> 4 != 1)
        {
            writer.Append(" [v");
            writer.AppendDecimal((uint)(bytes[4] >> 4));
            writer.Append(']');
        }
        return false;
    }

    /// <summary>
    /// tcpdump's pimv1_join_prune_print for the body after the 8-byte header: one line for a single join or prune, else the
    /// upstream neighbor and hold time, and with -vv the groups and their sources. True on a long jump.
    /// </summary>
    private static bool WriteJoinPrune(ref LineWriter writer, ReadOnlySpan<byte> body, int length, int verbose, HostNames? names)
    {
        if (body.Length >= 30 && body[11] == 1)
        {
            var joins = BinaryPrimitives.ReadUInt16BigEndian(body[20..]);
            if (joins + BinaryPrimitives.ReadUInt16BigEndian(body[22..]) == 1)
            {
                writer.Append(" RPF ");
                AddressText.AppendIpv4(ref writer, body[..4], names);
                writer.Append(' ');
                var hold = BinaryPrimitives.ReadUInt16BigEndian(body[6..]);
                if (hold != 180)
                {
                    writer.Append("Hold ");
                    Durations.Write(ref writer, hold);
                }
                writer.Append(joins != 0 ? "Join (" : "Prune (");
                AddressText.AppendIpv4(ref writer, body.Slice(26, 4), names);
                writer.Append('/');
                writer.AppendDecimal((uint)(body[25] & 0x3f));
                writer.Append(", ");
                AddressText.AppendIpv4(ref writer, body.Slice(12, 4), names);
                WriteMask(ref writer, body.Slice(16, 4), names);
                writer.Append((body[24] & 0x01) != 0 ? ") Sparse" : ") Dense");
                writer.Append((body[25] & 0x80) != 0 ? " WC " : " ");
                writer.Append((body[25] & 0x40) != 0 ? "RP" : "SPT");
                return false;
            }
        }
        if (length < 4)
            return Truncated(ref writer);
        if (verbose > 1)
            writer.Append('\n');
        if (body.Length < 4)
            return Jump(ref writer);
        writer.Append(" Upstream Nbr: ");
        AddressText.AppendIpv4(ref writer, body[..4], names);
        var at = 4;
        length -= 4;
        if (length < 4)
            return Truncated(ref writer);
        if (verbose > 1)
            writer.Append('\n');
        writer.Append(" Hold time: ");
        if (body.Length < at + 4)
            return Jump(ref writer);
        Durations.Write(ref writer, BinaryPrimitives.ReadUInt16BigEndian(body[(at + 2)..]));
        if (verbose < 2)
            return false;
        at += 4;
        length -= 4;
        if (length < 4)
            return Truncated(ref writer);
        if (body.Length < at + 4)
            return Jump(ref writer);
        var groups = body[at + 3];
        at += 4;
        length -= 4;
        for (; groups != 0; groups--)
        {
            if (length < 4)
                return Truncated(ref writer);
            if (body.Length < at + 4)
                return Jump(ref writer);
            writer.Append("\n\tGroup: ");
            AddressText.AppendIpv4(ref writer, body.Slice(at, 4), names);
            at += 4;
            length -= 4;
            if (length < 4)
                return Truncated(ref writer);
            if (body.Length < at + 4)
                return Jump(ref writer);
            WriteMask(ref writer, body.Slice(at, 4), names);
            at += 4;
            length -= 4;
            if (length < 4)
                return Truncated(ref writer);
            if (body.Length < at + 4)
                return Jump(ref writer);
            var joins = BinaryPrimitives.ReadUInt16BigEndian(body[at..]);
            var prunes = BinaryPrimitives.ReadUInt16BigEndian(body[(at + 2)..]);
            writer.Append(" joined: ");
            writer.AppendDecimal(joins);
            writer.Append(" pruned: ");
            writer.AppendDecimal(prunes);
            at += 4;
            length -= 4;
            for (var source = 0; source < joins + prunes; source++)
            {
                if (length < 6)
                    return Truncated(ref writer);
                if (body.Length < at + 6)
                    return Jump(ref writer);
                writer.Append(source < joins ? "\n\tJoin  " : "\n\tPrune ");
                writer.Append((body[at] & 0x01) != 0 ? "Sparse " : "Dense ");
                writer.Append((body[at + 1] & 0x80) != 0 ? "WC " : "");
                writer.Append((body[at + 1] & 0x40) != 0 ? "RP " : "SPT ");
                AddressText.AppendIpv4(ref writer, body.Slice(at + 2, 4), names);
                writer.Append('/');
                writer.AppendDecimal((uint)(body[at + 1] & 0x3f));
                at += 6;
                length -= 6;
            }
        }
        return false;
    }

    private static void WriteFor(ref LineWriter writer, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, HostNames? names)
    {
        writer.Append(" for ");
        AddressText.AppendIpv4(ref writer, source, names);
        writer.Append(" > ");
        AddressText.AppendIpv4(ref writer, destination, names);
    }

    /// <summary>A group mask after its address, <c>/mask</c>, unless it is all ones.</summary>
    private static void WriteMask(ref LineWriter writer, ReadOnlySpan<byte> mask, HostNames? names)
    {
        if (BinaryPrimitives.ReadUInt32BigEndian(mask) == 0xffffffff)
            return;
        writer.Append('/');
        AddressText.AppendIpv4(ref writer, mask, names);
    }

    /// <summary>tcpdump's goto trunc: the mark, and the IGMP printer still checks its checksum.</summary>
    private static bool Truncated(ref LineWriter writer)
    {
        writer.Append(" [|pimv1]");
        return false;
    }

    /// <summary>A field past the capture: the mark, and tcpdump abandons the packet.</summary>
    private static bool Jump(ref LineWriter writer)
    {
        writer.Append(" [|pimv1]");
        return true;
    }
}
