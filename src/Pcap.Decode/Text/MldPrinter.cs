using System.Buffers.Binary;
using Pcap.Decode.Transport;

namespace Pcap.Decode.Text;

/// <summary>Multicast listener discovery (MLDv1 and v2, RFC 2710 and 3810) as tcpdump's <c>print-icmp6.c</c> prints it.</summary>
internal static class MldPrinter
{
    /// <summary>
    /// Prints what follows the type name of an MLD message (query 130, report 131, done 132, v2 report 143). Returns false
    /// when tcpdump stopped at a truncation (no length suffix follows).
    /// </summary>
    public static bool Print(ref LineWriter writer, PrintState state, Icmpv6Header icmp, int length)
    {
        var bytes = icmp.Bytes;
        switch (icmp.Type)
        {
            case 130:
                if (length == 24)
                {
                    WriteVersion1(ref writer, state, bytes);
                }
                else if (length >= 28)
                {
                    writer.Append(" v2");
                    return WriteQueryV2(ref writer, state, bytes, length);
                }
                else
                {
                    writer.Append(" unknown-version (len ");
                    writer.AppendDecimal((uint)length);
                    writer.Append(") ");
                }
                return true;
            case 143:
                return WriteReportV2(ref writer, state, bytes, length);
            default:
                WriteVersion1(ref writer, state, bytes);
                return true;
        }
    }

    /// <summary>MLDv1: <c>max resp delay: N addr: A</c>, silently nothing when the 24 bytes were not captured.</summary>
    private static void WriteVersion1(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 24)
            return;
        writer.Append("max resp delay: ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]));
        writer.Append(" addr: ");
        state.WriteIpAddress(ref writer, bytes.Slice(8, 16));
    }

    private static bool WriteQueryV2(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (bytes.Length < 6)
            return Abandon(ref writer, state);
        int code = BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        var delay = code < 32768 ? code : ((code & 0x0fff) | 0x1000) << (((code & 0x7000) >> 12) + 3);
        if (state.Options.Verbose > 0)
        {
            writer.AppendNote(" [max resp delay=", (uint)delay);
        }
        if (bytes.Length < 24)
            return Abandon(ref writer, state);
        writer.Append(" [gaddr ");
        state.WriteIpAddress(ref writer, bytes.Slice(8, 16));
        if (state.Options.Verbose > 0)
        {
            if (bytes.Length < 25)
                return Abandon(ref writer, state);
            if ((bytes[24] & 0x08) != 0)
                writer.Append(" sflag");
            if ((bytes[24] & 0x07) != 0)
            {
                writer.Append(" robustness=");
                writer.AppendDecimal((uint)(bytes[24] & 0x07));
            }
            if (bytes.Length < 26)
                return Abandon(ref writer, state);
            var interval = bytes[25] < 128 ? bytes[25] : ((bytes[25] & 0x0f) | 0x10) << (((bytes[25] & 0x70) >> 4) + 3);
            writer.Append(" qqi=");
            writer.AppendDecimal((uint)interval);
        }
        if (bytes.Length < 28)
            return Abandon(ref writer, state);
        int sources = BinaryPrimitives.ReadUInt16BigEndian(bytes[26..]);
        if (sources > 0)
        {
            if (length < 28 + sources * 16)
            {
                writer.Append(" [invalid number of sources]");
            }
            else if (!SourceList.Write(ref writer, bytes, 28, sources, 16, state.Options.Verbose, state.HostNames))
            {
                return Abandon(ref writer, state);
            }
        }
        writer.Append(']');
        return true;
    }

    private static bool WriteReportV2(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (length < 8)
        {
            writer.AppendNote(" [invalid len ", (uint)length);
            return true;
        }
        if (bytes.Length < 8)
            return Abandon(ref writer, state);
        int groups = BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]);
        writer.Append(", ");
        writer.AppendDecimal((uint)groups);
        writer.Append(" group record(s)");
        if (state.Options.Verbose == 0)
            return true;
        var group = 8;
        for (var i = 0; i < groups; i++)
        {
            if (length < group + 20)
            {
                writer.Append(" [invalid number of groups]");
                return true;
            }
            if (bytes.Length < group + 20)
                return Abandon(ref writer, state);
            writer.Append(" [gaddr ");
            state.WriteIpAddress(ref writer, bytes.Slice(group + 4, 16));
            writer.Append(' ');
            var recordType = bytes[group];
            var name = recordType switch { 1 => "is_in", 2 => "is_ex", 3 => "to_in", 4 => "to_ex", 5 => "allow", 6 => "block", _ => null };
            if (name is null)
            {
                writer.AppendNote(" [v2-report-#", recordType);
            }
            else
            {
                writer.Append(name);
            }
            int sources = BinaryPrimitives.ReadUInt16BigEndian(bytes[(group + 2)..]);
            if (length < group + 20 + sources * 16)
            {
                writer.AppendNote(" [invalid number of sources ", (uint)sources);
                return true;
            }
            if (!SourceList.Write(ref writer, bytes, group + 20, sources, 16, state.Options.Verbose, state.HostNames))
                return Abandon(ref writer, state);
            group += 20 + sources * 16;
            writer.Append(']');
        }
        return true;
    }

    /// <summary>tcpdump's MLD reads long-jump out when they run past the capture.</summary>
    private static bool Abandon(ref LineWriter writer, PrintState state)
    {
        state.WriteTruncated(ref writer, "icmp6", abandoned: true);
        return false;
    }
}
