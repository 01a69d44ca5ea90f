using System.Buffers.Binary;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    /// <summary>
    /// The ICMPv6 messages of neighbour discovery, MLD and mobile IPv6 (types 130-147) as tcpdump prints them.
    /// Returns false when tcpdump stopped at a truncation (no length suffix follows).
    /// </summary>
    private bool WriteIcmpv6Discovery(ref LineWriter writer, byte type, ReadOnlySpan<byte> bytes, int length)
    {
        var verbose = _options.Verbose > 0;
        switch (type)
        {
            case 130:
                if (length == 24)
                {
                    WriteMulticastListener(ref writer, bytes);
                }
                else if (length >= 28)
                {
                    writer.Append(" v2");
                    return WriteMulticastListenerQueryV2(ref writer, bytes, length);
                }
                else
                {
                    writer.Append(" unknown-version (len ");
                    writer.AppendDecimal((uint)length);
                    writer.Append(") ");
                }
                return true;
            case 131:
            case 132:
                WriteMulticastListener(ref writer, bytes);
                return true;
            case 143:
                return WriteMulticastListenerReportV2(ref writer, bytes, length);
            case 133:
                return !verbose || WriteDiscoveryOptions(ref writer, bytes, 8, length - 8);
            case 134:
                if (!verbose)
                    return true;
                if (bytes.Length < 16)
                {
                    WriteTruncated(ref writer, "icmp6", abandoned: true);
                    return false;
                }
                writer.Append("\n\thop limit ");
                writer.AppendDecimal(bytes[4]);
                writer.Append(", Flags [");
                WriteFlagNames(ref writer, bytes[5], RouterAdvertisementFlags);
                writer.Append("], pref ");
                writer.Append(RoutePreference(bytes[5]));
                writer.Append(", router lifetime ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]));
                writer.Append("s, reachable time ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]));
                writer.Append("ms, retrans timer ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]));
                writer.Append("ms");
                return WriteDiscoveryOptions(ref writer, bytes, 16, length - 16);
            case 137:
                if (bytes.Length < 40)
                {
                    WriteTruncated(ref writer, "icmp6", abandoned: true);
                    return false;
                }
                writer.Append(", ");
                WriteIpv6Address(ref writer, bytes.Slice(24, 16));
                writer.Append(" to ");
                WriteIpv6Address(ref writer, bytes.Slice(8, 16));
                return !verbose || WriteDiscoveryOptions(ref writer, bytes, 40, length - 40);
            case 144:
            case 146:
                if (bytes.Length < 6)
                {
                    WriteTruncated(ref writer, "icmp6", abandoned: true);
                    return false;
                }
                writer.Append(", id 0x");
                writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]), 4);
                return true;
            case 145:
                if (!verbose)
                    return true;
                if (bytes.Length < 6)
                {
                    WriteTruncated(ref writer, "icmp6", abandoned: true);
                    return false;
                }
                writer.Append(", id 0x");
                writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]), 4);
                // tcpdump walks to the ICMPv6 length, so an address past the captured bytes ends the packet.
                for (var at = 8; at < length; at += 16)
                {
                    if (bytes.Length < at + 16)
                    {
                        WriteTruncated(ref writer, "icmp6", abandoned: true);
                        return false;
                    }
                    writer.Append(", ");
                    WriteIpv6Address(ref writer, bytes.Slice(at, 16));
                }
                return true;
            case 147:
                if (!verbose)
                    return true;
                if (bytes.Length < 8)
                {
                    WriteTruncated(ref writer, "icmp6", abandoned: true);
                    return false;
                }
                writer.Append(", id 0x");
                writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]), 4);
                var flags = BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]);
                if ((flags & 0xc000) != 0)
                    writer.Append(' ');
                if ((flags & 0x8000) != 0)
                    writer.Append('M');
                if ((flags & 0x4000) != 0)
                    writer.Append('O');
                return WriteDiscoveryOptions(ref writer, bytes, 8, length - 8);
            default:
                return true;
        }
    }

    /// <summary>MLDv1: <c>max resp delay: N addr: A</c>, silently nothing when the 24 bytes were not captured.</summary>
    private void WriteMulticastListener(ref LineWriter writer, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 24)
            return;
        writer.Append("max resp delay: ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]));
        writer.Append(" addr: ");
        WriteIpv6Address(ref writer, bytes.Slice(8, 16));
    }

    private bool WriteMulticastListenerQueryV2(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length)
    {
        if (bytes.Length < 6)
        {
            WriteTruncated(ref writer, "icmp6", abandoned: true);
            return false;
        }
        int code = BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        var delay = code < 32768 ? code : ((code & 0x0fff) | 0x1000) << (((code & 0x7000) >> 12) + 3);
        if (_options.Verbose > 0)
        {
            WriteNote(ref writer, " [max resp delay=", (uint)delay);
        }
        if (bytes.Length < 24)
        {
            WriteTruncated(ref writer, "icmp6", abandoned: true);
            return false;
        }
        writer.Append(" [gaddr ");
        WriteIpv6Address(ref writer, bytes.Slice(8, 16));
        if (_options.Verbose > 0)
        {
            if (bytes.Length < 25)
            {
                WriteTruncated(ref writer, "icmp6", abandoned: true);
                return false;
            }
            if ((bytes[24] & 0x08) != 0)
                writer.Append(" sflag");
            if ((bytes[24] & 0x07) != 0)
            {
                writer.Append(" robustness=");
                writer.AppendDecimal((uint)(bytes[24] & 0x07));
            }
            if (bytes.Length < 26)
            {
                WriteTruncated(ref writer, "icmp6", abandoned: true);
                return false;
            }
            var interval = bytes[25] < 128 ? bytes[25] : ((bytes[25] & 0x0f) | 0x10) << (((bytes[25] & 0x70) >> 4) + 3);
            writer.Append(" qqi=");
            writer.AppendDecimal((uint)interval);
        }
        if (bytes.Length < 28)
        {
            WriteTruncated(ref writer, "icmp6", abandoned: true);
            return false;
        }
        int sources = BinaryPrimitives.ReadUInt16BigEndian(bytes[26..]);
        if (sources > 0)
        {
            if (length < 28 + sources * 16)
            {
                writer.Append(" [invalid number of sources]");
            }
            else if (!SourceList.Write(ref writer, bytes, 28, sources, 16, _options.Verbose, _hostNames))
            {
                WriteTruncated(ref writer, "icmp6", abandoned: true);
                return false;
            }
        }
        writer.Append(']');
        return true;
    }

    private bool WriteMulticastListenerReportV2(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length)
    {
        if (length < 8)
        {
            WriteNote(ref writer, " [invalid len ", (uint)length);
            return true;
        }
        if (bytes.Length < 8)
        {
            WriteTruncated(ref writer, "icmp6", abandoned: true);
            return false;
        }
        int groups = BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]);
        writer.Append(", ");
        writer.AppendDecimal((uint)groups);
        writer.Append(" group record(s)");
        if (_options.Verbose == 0)
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
            {
                WriteTruncated(ref writer, "icmp6", abandoned: true);
                return false;
            }
            writer.Append(" [gaddr ");
            WriteIpv6Address(ref writer, bytes.Slice(group + 4, 16));
            writer.Append(' ');
            var recordType = bytes[group];
            var name = recordType switch { 1 => "is_in", 2 => "is_ex", 3 => "to_in", 4 => "to_ex", 5 => "allow", 6 => "block", _ => null };
            if (name is null)
            {
                WriteNote(ref writer, " [v2-report-#", recordType);
            }
            else
            {
                writer.Append(name);
            }
            int sources = BinaryPrimitives.ReadUInt16BigEndian(bytes[(group + 2)..]);
            if (length < group + 20 + sources * 16)
            {
                WriteNote(ref writer, " [invalid number of sources ", (uint)sources);
                return true;
            }
            if (!SourceList.Write(ref writer, bytes, group + 20, sources, 16, _options.Verbose, _hostNames))
            {
                WriteTruncated(ref writer, "icmp6", abandoned: true);
                return false;
            }
            group += 20 + sources * 16;
            writer.Append(']');
        }
        return true;
    }

    /// <summary>tcpdump's <c>icmp6_opt_print</c>: one line per neighbour-discovery option; false (truncated) on a bad one.</summary>
    private bool WriteDiscoveryOptions(ref LineWriter writer, ReadOnlySpan<byte> message, int start, int remaining)
    {
        var all = start < message.Length ? message[start..] : default;
        Span<byte> prefix = stackalloc byte[16];
        var at = 0;
        while (at < all.Length)
        {
            if (at + 2 > all.Length)
                return TruncatedOptions(ref writer);
            if (remaining <= 0)
                return true;
            var type = all[at];
            var units = all[at + 1];
            var size = units * 8;
            if (units == 0 || at + size > all.Length)
                return TruncatedOptions(ref writer);
            var option = all.Slice(at, size);
            writer.Append("\n\t  ");
            writer.Append(DiscoveryOptionName(type));
            writer.Append(" option (");
            writer.AppendDecimal(type);
            writer.Append("), length ");
            writer.AppendDecimal((uint)size);
            writer.Append(" (");
            writer.AppendDecimal(units);
            writer.Append("): ");
            // Fields past a short option are still read from the bytes after it, as tcpdump does.
            var rest = all[at..];
            switch (type)
            {
                case 1:
                case 2:
                    for (var i = 2; i < size; i++)
                    {
                        if (i > 2)
                            writer.Append(':');
                        writer.AppendHexByte(option[i]);
                    }
                    break;
                case 3:
                    if (rest.Length < 32)
                        return TruncatedOptions(ref writer, abandoned: true);
                    WriteIpv6Address(ref writer, rest.Slice(16, 16));
                    writer.Append('/');
                    writer.AppendDecimal(rest[2]);
                    if (units != 4)
                        writer.Append("badlen");
                    writer.Append(", Flags [");
                    WriteFlagNames(ref writer, rest[3], PrefixInformationFlags);
                    writer.Append("], valid time ");
                    WriteLifetime(ref writer, BinaryPrimitives.ReadUInt32BigEndian(rest[4..]));
                    writer.Append(", pref. time ");
                    WriteLifetime(ref writer, BinaryPrimitives.ReadUInt32BigEndian(rest[8..]));
                    break;
                case 4:
                    WriteUnknownData(ref writer, all, size, "\n\t    ");
                    break;
                case 5:
                    writer.Append(' ');
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(option[4..]));
                    if (units != 1)
                        writer.Append("bad option length");
                    break;
                case 7:
                    writer.Append(' ');
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(option[4..]));
                    writer.Append("ms");
                    break;
                case 8:
                    writer.Append(" preference ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(option[4..]));
                    writer.Append(", lifetime ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(option[6..]));
                    break;
                case 24:
                    if (units > 3)
                        return TruncatedOptions(ref writer);
                    prefix.Clear();
                    option[8..].CopyTo(prefix);
                    writer.Append(' ');
                    WriteIpv6Address(ref writer, prefix);
                    writer.Append('/');
                    writer.AppendDecimal(option[2]);
                    writer.Append(", pref=");
                    writer.Append(RoutePreference(option[3]));
                    writer.Append(", lifetime=");
                    WriteLifetime(ref writer, BinaryPrimitives.ReadUInt32BigEndian(option[4..]));
                    break;
                case 25:
                    writer.Append(" lifetime ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(option[4..]));
                    writer.Append("s,");
                    for (var i = 0; i < (units - 1) / 2; i++)
                    {
                        writer.Append(" addr: ");
                        WriteIpv6Address(ref writer, option.Slice(8 + i * 16, 16));
                    }
                    break;
                default:
                    if (_options.Verbose <= 1)
                    {
                        WriteUnknownData(ref writer, option[2..], size - 2, "\n\t  ");
                        return true;
                    }
                    break;
            }
            if (_options.Verbose > 1)
                WriteUnknownData(ref writer, option[2..], size - 2, "\n\t    ");
            at += size;
            remaining -= size;
        }
        return true;
    }

    private bool TruncatedOptions(ref LineWriter writer, bool abandoned = false)
    {
        WriteTruncated(ref writer, "icmp6", abandoned);
        return false;
    }

    private static readonly (uint Bit, string Name)[] RouterAdvertisementFlags = [(0x80, "managed"), (0x40, "other stateful"), (0x20, "home agent"), (0x02, "ipv6 only")];
    private static readonly (uint Bit, string Name)[] PrefixInformationFlags = [(0x80, "onlink"), (0x40, "auto"), (0x20, "router")];

    /// <summary>tcpdump's <c>bittok2str</c>: the names of the set bits joined by ", ", or "none".</summary>
    private static void WriteFlagNames(ref LineWriter writer, uint value, ReadOnlySpan<(uint Bit, string Name)> names)
    {
        var any = false;
        foreach (var (bit, name) in names)
        {
            if ((value & bit) == 0)
                continue;
            if (any)
                writer.Append(", ");
            writer.Append(name);
            any = true;
        }
        if (!any)
            writer.Append("none");
    }

    private static string RoutePreference(byte flags) => ((flags & 0x18) >> 3) switch { 0 => "medium", 1 => "high", 2 => "rsv", _ => "low" };

    private static void WriteLifetime(ref LineWriter writer, uint seconds)
    {
        if (seconds == uint.MaxValue)
        {
            writer.Append("infinity");
            return;
        }
        writer.AppendDecimal(seconds);
        writer.Append('s');
    }

    private static string DiscoveryOptionName(byte type) => type switch
    {
        1 => "source link-address",
        2 => "destination link-address",
        3 => "prefix info",
        4 => "redirected header",
        5 => "mtu",
        7 => "advertisement interval",
        8 => "homeagent information",
        24 => "route info",
        25 => "rdnss",
        31 => "dnssl",
        _ => "unknown",
    };
}
