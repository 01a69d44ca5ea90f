using System.Buffers.Binary;
using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>IGMP v1 to v3 and mtrace as tcpdump 4.99's print-igmp.c prints them.</summary>
internal static class IgmpPrinter
{
    /// <summary>IGMP from the IP protocol dispatch: IPv4 only, as tcpdump's ip_demux_print has it.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, in IpContext context)
    {
        if (context.IsIpv6)
            writer.Append("[IGMP requires IPv4] (invalid)");
        else
            state.Abandoned |= Write(ref writer, bytes, length, state.Options.Verbose, state.Options.Quiet, state.HostNames);
    }

    /// <summary>
    /// Prints a message of <paramref name="length"/> bytes; true when tcpdump long-jumps (after writing <c> [|igmp]</c>).
    /// DVMRP carried in IGMP prints only its name; PIMv1 is <see cref="PimV1Printer"/>'s.
    /// </summary>
    public static bool Write(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, int verbose, bool quiet, HostNames? names)
    {
        if (quiet)
        {
            writer.Append("igmp");
            return false;
        }
        if (bytes.Length < 1)
            return Jump(ref writer);
        var type = bytes[0];
        switch (type)
        {
            case IgmpMessage.MembershipQuery:
                writer.Append("igmp query");
                if (length >= 12)
                {
                    if (WriteV3Query(ref writer, bytes, length, verbose, names))
                        return true;
                    break;
                }
                if (bytes.Length < 2)
                    return Jump(ref writer);
                if (bytes[1] != 0)
                {
                    writer.Append(" v2");
                    if (bytes[1] != 100)
                    {
                        writer.Append(" [max resp time ");
                        writer.AppendDecimal(bytes[1]);
                        writer.Append(']');
                    }
                }
                else
                {
                    writer.Append(" v1");
                }
                if (bytes.Length < 8)
                    return Jump(ref writer);
                if (BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]) != 0)
                {
                    writer.Append(" [gaddr ");
                    AddressText.AppendIpv4(ref writer, bytes.Slice(4, 4), names);
                    writer.Append(']');
                }
                if (length != 8)
                {
                    writer.Append(" [len ");
                    writer.AppendDecimal((uint)length);
                    writer.Append(']');
                }
                break;
            case IgmpMessage.V1Report:
            case IgmpMessage.V2Report:
            case IgmpMessage.LeaveGroup:
                if (bytes.Length < 8)
                    return Jump(ref writer);
                writer.Append(type == IgmpMessage.V1Report ? "igmp v1 report " : type == IgmpMessage.V2Report ? "igmp v2 report " : "igmp leave ");
                AddressText.AppendIpv4(ref writer, bytes.Slice(4, 4), names);
                if (type == IgmpMessage.V1Report && length != 8)
                {
                    writer.Append(" [len ");
                    writer.AppendDecimal((uint)length);
                    writer.Append(']');
                }
                break;
            case IgmpMessage.V3Report:
                writer.Append("igmp v3 report");
                if (WriteV3Report(ref writer, bytes, length, verbose, names))
                    return true;
                break;
            case 0x13:
                writer.Append("igmp dvmrp");
                if (length < 8)
                {
                    writer.Append(" [len ");
                    writer.AppendDecimal((uint)length);
                    writer.Append(']');
                }
                break;
            case 0x14:
                writer.Append("igmp pimv1");
                if (PimV1Printer.Write(ref writer, bytes, length, verbose, names))
                    return true;
                break;
            case 0x1e:
            case 0x1f:
                if (length < 24)
                {
                    writer.Append(" [invalid len ");
                    writer.AppendDecimal((uint)length);
                    writer.Append(']');
                    break;
                }
                if (bytes.Length < 24)
                    return Jump(ref writer);
                writer.Append(type == 0x1e ? "mresp " : "mtrace ");
                writer.AppendDecimal((uint)(bytes[21] << 16 | bytes[22] << 8 | bytes[23]));
                writer.Append(": ");
                AddressText.AppendIpv4(ref writer, bytes.Slice(8, 4), names);
                writer.Append(" to ");
                AddressText.AppendIpv4(ref writer, bytes.Slice(12, 4), names);
                writer.Append(" reply-to ");
                AddressText.AppendIpv4(ref writer, bytes.Slice(16, 4), names);
                if ((bytes[16] & 0xf0) == 0xe0)
                {
                    writer.Append(" with-ttl ");
                    writer.AppendDecimal(bytes[20]);
                }
                break;
            default:
                writer.Append("igmp-");
                writer.AppendDecimal(type);
                break;
        }
        if (verbose > 0 && length >= 4 && bytes.Length >= length && Checksum.Compute(bytes[..length]) != 0)
        {
            writer.Append(" bad igmp cksum ");
            writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]));
            writer.Append('!');
        }
        return false;
    }

    private static bool WriteV3Query(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, int verbose, HostNames? names)
    {
        writer.Append(" v3");
        if ((length & 3) != 0)
        {
            writer.Append(" [invalid len ");
            writer.AppendDecimal((uint)length);
            writer.Append(']');
            return false;
        }
        if (bytes.Length < 2)
            return Jump(ref writer);
        var code = bytes[1];
        if (code != 100)
        {
            var time = code < 128 ? code : ((code & 0x0f) | 0x10) << (((code & 0x70) >> 4) + 3);
            writer.Append(" [max resp time ");
            if (time < 600)
            {
                // %.1f of tenths: exact.
                writer.AppendDecimal((uint)time / 10);
                writer.Append('.');
                writer.AppendDecimal((uint)time % 10);
                writer.Append('s');
            }
            else
            {
                Durations.Write(ref writer, (uint)time / 10);
            }
            writer.Append(']');
        }
        if (bytes.Length < 8)
            return Jump(ref writer);
        if (BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]) == 0)
            return false;
        writer.Append(" [gaddr ");
        AddressText.AppendIpv4(ref writer, bytes.Slice(4, 4), names);
        if (bytes.Length < 12)
            return Jump(ref writer);
        int sources = BinaryPrimitives.ReadUInt16BigEndian(bytes[10..]);
        if (sources > 0)
        {
            if (length < 12 + (sources << 2))
            {
                writer.Append(" [invalid number of sources]");
            }
            else if (!SourceList.Write(ref writer, bytes, 12, sources, 4, verbose, names))
            {
                return Jump(ref writer);
            }
        }
        writer.Append(']');
        return false;
    }

    private static bool WriteV3Report(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, int verbose, HostNames? names)
    {
        if (length < 16 || (length & 3) != 0)
        {
            writer.Append(" [invalid len ");
            writer.AppendDecimal((uint)length);
            writer.Append(']');
            return false;
        }
        if (bytes.Length < 8)
            return Jump(ref writer);
        int groups = BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]);
        writer.Append(", ");
        writer.AppendDecimal((uint)groups);
        writer.Append(" group record(s)");
        if (verbose == 0)
            return false;
        var group = 8;
        for (var i = 0; i < groups; i++)
        {
            if (length < group + 8)
            {
                writer.Append(" [invalid number of groups]");
                return false;
            }
            if (bytes.Length < group + 8)
                return Jump(ref writer);
            writer.Append(" [gaddr ");
            AddressText.AppendIpv4(ref writer, bytes.Slice(group + 4, 4), names);
            writer.Append(' ');
            var recordType = bytes[group];
            var name = recordType switch { 1 => "is_in", 2 => "is_ex", 3 => "to_in", 4 => "to_ex", 5 => "allow", 6 => "block", _ => null };
            if (name is null)
            {
                writer.Append(" [v3-report-#");
                writer.AppendDecimal(recordType);
                writer.Append(']');
            }
            else
            {
                writer.Append(name);
            }
            int sources = BinaryPrimitives.ReadUInt16BigEndian(bytes[(group + 2)..]);
            if (length < group + 8 + (sources << 2))
            {
                writer.Append(" [invalid number of sources ");
                writer.AppendDecimal((uint)sources);
                writer.Append(']');
                return false;
            }
            if (!SourceList.Write(ref writer, bytes, group + 8, sources, 4, verbose, names))
                return Jump(ref writer);
            group += 8 + (sources << 2);
            writer.Append(']');
        }
        return false;
    }

    private static bool Jump(ref LineWriter writer)
    {
        writer.Append(" [|igmp]");
        return true;
    }
}
