using System.Buffers.Binary;
using Pcap.Decode.Transport;

namespace Pcap.Decode.Text;

/// <summary>
/// IPv6 neighbour discovery (router and neighbour solicitation and advertisement, redirect) with its options, and the mobile
/// IPv6 home-agent and mobile-router messages, as tcpdump's <c>print-icmp6.c</c> prints them.
/// </summary>
internal static class NeighborDiscoveryPrinter
{
    /// <summary>
    /// Prints what follows the type name of a neighbour-discovery message (133-137, RFC 4861), an inverse one (141, 142) or a
    /// mobile IPv6 one (144-147, RFC 6275). Returns false when tcpdump stopped at a truncation (no length suffix follows).
    /// </summary>
    public static bool Print(ref LineWriter writer, PrintState state, Icmpv6Header icmp, int length)
    {
        var bytes = icmp.Bytes;
        var type = icmp.Type;
        var verbose = state.Options.Verbose > 0;
        switch (type)
        {
            case 135:
            case 136:
                if (bytes.Length < 24)
                    return Truncated(ref writer, state, abandoned: true);
                writer.Append(type == 135 ? ", who has " : ", tgt is ");
                state.WriteIpAddress(ref writer, bytes.Slice(8, 16));
                if (type == 136 && verbose)
                {
                    writer.Append(", Flags [");
                    WriteFlagNames(ref writer, bytes[4], NeighborAdvertisementFlags);
                    writer.Append(']');
                }
                return !verbose || WriteOptions(ref writer, state, bytes, 24, length - 24);
            case 133:
                return !verbose || WriteOptions(ref writer, state, bytes, 8, length - 8);
            case 134:
                if (!verbose)
                    return true;
                if (bytes.Length < 16)
                    return Truncated(ref writer, state, abandoned: true);
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
                return WriteOptions(ref writer, state, bytes, 16, length - 16);
            case 137:
                if (bytes.Length < 40)
                    return Truncated(ref writer, state, abandoned: true);
                writer.Append(", ");
                state.WriteIpAddress(ref writer, bytes.Slice(24, 16));
                writer.Append(" to ");
                state.WriteIpAddress(ref writer, bytes.Slice(8, 16));
                return !verbose || WriteOptions(ref writer, state, bytes, 40, length - 40);
            case 144:
            case 146:
                if (bytes.Length < 6)
                    return Truncated(ref writer, state, abandoned: true);
                writer.Append(", id 0x");
                writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]), 4);
                return true;
            case 145:
                if (!verbose)
                    return true;
                if (bytes.Length < 6)
                    return Truncated(ref writer, state, abandoned: true);
                writer.Append(", id 0x");
                writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]), 4);
                // tcpdump walks to the ICMPv6 length, so an address past the captured bytes ends the packet.
                for (var at = 8; at < length; at += 16)
                {
                    if (bytes.Length < at + 16)
                        return Truncated(ref writer, state, abandoned: true);
                    writer.Append(", ");
                    state.WriteIpAddress(ref writer, bytes.Slice(at, 16));
                }
                return true;
            case 147:
                if (!verbose)
                    return true;
                if (bytes.Length < 8)
                    return Truncated(ref writer, state, abandoned: true);
                writer.Append(", id 0x");
                writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]), 4);
                var flags = BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]);
                if ((flags & 0xc000) != 0)
                    writer.Append(' ');
                if ((flags & 0x8000) != 0)
                    writer.Append('M');
                if ((flags & 0x4000) != 0)
                    writer.Append('O');
                return WriteOptions(ref writer, state, bytes, 8, length - 8);
            default:
                return true;
        }
    }

    /// <summary>tcpdump's <c>icmp6_opt_print</c>: one line per neighbour-discovery option; false (truncated) on a bad one.</summary>
    private static bool WriteOptions(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> message, int start, int remaining)
    {
        var all = start < message.Length ? message[start..] : default;
        Span<byte> prefix = stackalloc byte[16];
        var at = 0;
        while (at < all.Length)
        {
            if (at + 2 > all.Length)
                return Truncated(ref writer, state);
            if (remaining <= 0)
                return true;
            var type = all[at];
            var units = all[at + 1];
            var size = units * 8;
            if (units == 0 || at + size > all.Length)
                return Truncated(ref writer, state);
            var option = all.Slice(at, size);
            writer.Append("\n\t  ");
            writer.Append(OptionName(type));
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
                        return Truncated(ref writer, state, abandoned: true);
                    state.WriteIpAddress(ref writer, rest.Slice(16, 16));
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
                    Icmpv6Printer.WriteUnknownData(ref writer, all, size, "\n\t    ");
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
                        return Truncated(ref writer, state);
                    prefix.Clear();
                    option[8..].CopyTo(prefix);
                    writer.Append(' ');
                    state.WriteIpAddress(ref writer, prefix);
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
                        state.WriteIpAddress(ref writer, option.Slice(8 + i * 16, 16));
                    }
                    break;
                default:
                    if (state.Options.Verbose <= 1)
                    {
                        Icmpv6Printer.WriteUnknownData(ref writer, option[2..], size - 2, "\n\t  ");
                        return true;
                    }
                    break;
            }
            if (state.Options.Verbose > 1)
                Icmpv6Printer.WriteUnknownData(ref writer, option[2..], size - 2, "\n\t    ");
            at += size;
            remaining -= size;
        }
        return true;
    }

    private static bool Truncated(ref LineWriter writer, PrintState state, bool abandoned = false)
    {
        state.WriteTruncated(ref writer, "icmp6", abandoned);
        return false;
    }

    private static readonly (uint Bit, string Name)[] NeighborAdvertisementFlags = [(0x80, "router"), (0x40, "solicited"), (0x20, "override")];
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

    private static string OptionName(byte type) => type switch
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
