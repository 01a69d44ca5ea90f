using System.Buffers.Binary;
using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>
/// IPv6 extension headers as tcpdump's <c>print-ip6opts.c</c>, <c>print-frag6.c</c> and <c>print-rt6.c</c> print them,
/// from the lax <see cref="Ipv6ExtensionHeader"/> view: hop-by-hop and destination options (jumbo payload included),
/// fragment, routing (segment routing included). Each returns the header's length for the walk to go on, or -1 to stop.
/// </summary>
internal static class Ipv6ExtensionPrinter
{
    /// <summary>tcpdump's hop-by-hop / destination-options printer: the header's name, then its options under <c>-v</c>; -1 to stop.</summary>
    public static int PrintOptionsHeader(ref LineWriter writer, PrintState state, Ipv6ExtensionHeader header, bool hopByHop, ref bool foundJumbo, ref uint jumboLength)
    {
        var protocol = hopByHop ? "hbhopt" : "dstopt";
        if (header.Available < 2)
        {
            state.WriteTruncated(ref writer, protocol, abandoned: true);
            return -1;
        }
        if (!header.IsComplete)
        {
            state.WriteTruncated(ref writer, protocol);
            return -1;
        }
        writer.Append(hopByHop ? "HBH " : "DSTOPT ");
        if (!hopByHop && state.Options.Verbose == 0)
            return header.Length;
        if (!PrintOptions(ref writer, state, header.Options, hopByHop, ref foundJumbo, ref jumboLength))
        {
            state.WriteTruncated(ref writer, protocol);
            return -1;
        }
        return header.Length;
    }

    /// <summary>The options of a hop-by-hop or destination-options header; false when tcpdump stops at a bad one.</summary>
    private static bool PrintOptions(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> options, bool hopByHop, ref bool foundJumbo, ref uint jumboLength)
    {
        var verbose = state.Options.Verbose > 0;
        var seenJumbo = false;
        if (options.Length == 0)
            return true;
        var walk = new Ipv6Options(options);
        while (walk.MoveNext())
        {
            var option = walk.Current;
            switch (option.Type)
            {
                case 0:
                    if (verbose)
                        writer.Append("(pad1)");
                    break;
                case 1:
                    if (verbose)
                        writer.Append("(padn)");
                    break;
                case 5:
                    if (!CheckLength(ref writer, "rtalert", option, 2, exact: true))
                        return false;
                    if (verbose)
                    {
                        writer.Append("(rtalert: 0x");
                        writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(option.Data), 4);
                        writer.Append(") ");
                    }
                    break;
                case 0xc2:
                    if (!CheckLength(ref writer, "jumbo", option, 4, exact: true))
                        return false;
                    var jumbo = BinaryPrimitives.ReadUInt32BigEndian(option.Data);
                    string? verdict;
                    if (seenJumbo)
                    {
                        verdict = " - already seen";
                    }
                    else
                    {
                        seenJumbo = true;
                        if (!hopByHop)
                        {
                            verdict = " - not a hop-by-hop option";
                        }
                        else if (jumboLength != 0)
                        {
                            verdict = " - payload len != 0";
                        }
                        else if (jumbo < 65536)
                        {
                            verdict = " - < 65536";
                        }
                        else
                        {
                            verdict = null;
                            foundJumbo = true;
                            jumboLength = jumbo;
                        }
                    }
                    if (verbose)
                    {
                        writer.Append("(jumbo: ");
                        writer.AppendDecimal(jumbo);
                        if (verdict is not null)
                            writer.Append(verdict);
                        writer.Append(") ");
                    }
                    break;
                case 0xc9:
                    if (!CheckLength(ref writer, "homeaddr", option, 16, exact: false))
                        return false;
                    if (verbose)
                    {
                        writer.Append("(homeaddr: ");
                        state.WriteIpAddress(ref writer, option.Data[..16]);
                        if (option.DataLength > 16 && !PrintSubOptions(ref writer, option.Data[16..]))
                            return false;
                        writer.Append(')');
                    }
                    break;
                default:
                    if (verbose)
                    {
                        writer.Append("(opt_type 0x");
                        writer.AppendHex(option.Type, 2);
                        writer.AppendNote(": len=", option.DataLength, ')');
                    }
                    break;
            }
        }
        if (walk.Error.Kind != DecodeErrorKind.None)
            return false;
        if (verbose)
            writer.Append(' ');
        return true;
    }

    /// <summary>
    /// tcpdump's checks before an option of a known size: <c>(name: trunc)</c> when fewer than its type, length and
    /// <paramref name="size"/> bytes are left in the options, <c>(name: invalid len N)</c> when its length is not (at least) that size.
    /// </summary>
    private static bool CheckLength(ref LineWriter writer, string name, Ipv6Option option, int size, bool exact)
    {
        if (option.Remaining < size + 2)
        {
            writer.Append('(');
            writer.Append(name);
            writer.Append(": trunc)");
            return false;
        }
        if (exact ? option.DataLength != size : option.DataLength < size)
        {
            writer.Append('(');
            writer.Append(name);
            writer.AppendNote(": invalid len ", option.DataLength, ')');
            return false;
        }
        return true;
    }

    /// <summary>tcpdump's ip6_sopt_print: the sub-options after a home address option's address; false for its "trunc".</summary>
    private static bool PrintSubOptions(ref LineWriter writer, ReadOnlySpan<byte> options)
    {
        var walk = new Ipv6Options(options);
        while (walk.MoveNext())
        {
            var option = walk.Current;
            switch (option.Type)
            {
                case 0:
                    writer.Append(", pad1");
                    break;
                case 1:
                    writer.Append(", padn");
                    break;
                default:
                    writer.Append(", sopt_type 0x");
                    writer.AppendHex(option.Type, 2);
                    writer.Append(": len=");
                    writer.AppendDecimal(option.DataLength);
                    break;
            }
        }
        return walk.Error.Kind == DecodeErrorKind.None;
    }

    /// <summary>
    /// tcpdump's <c>frag (offset|length)</c> for the fragment header at <paramref name="offset"/> in the packet; -1 for a
    /// later fragment, which tcpdump does not decode further.
    /// </summary>
    public static int PrintFragmentHeader(ref LineWriter writer, PrintState state, Ipv6ExtensionHeader header, int offset, uint payloadLength)
    {
        var verbose = state.Options.Verbose > 0;
        if (header.Available < (verbose ? 8 : 4))
        {
            state.WriteTruncated(ref writer, "frag6", abandoned: true);
            return -1;
        }
        writer.Append("frag (");
        if (verbose)
        {
            writer.Append("0x");
            writer.AppendHex(header.FragmentIdentification, 8);
            writer.Append(':');
        }
        writer.AppendDecimal((uint)header.FragmentOffset);
        writer.Append('|');
        // tcpdump prints this as a size_t: a header chain longer than the payload wraps around.
        writer.AppendDecimal(unchecked((ulong)((long)Ipv6Header.Length + payloadLength - offset - 8)));
        writer.Append(')');
        if (header.FragmentOffset != 0)
            return -1;
        writer.Append(' ');
        return 8;
    }

    /// <summary>tcpdump's <c>RT6 (len=, type=, segleft=, addresses) </c>; -1 when it stops.</summary>
    public static int PrintRoutingHeader(ref LineWriter writer, PrintState state, Ipv6ExtensionHeader header)
    {
        var verbose = state.Options.Verbose > 0;
        writer.Append("RT6");
        if (header.Available < 2)
        {
            state.WriteTruncated(ref writer, "rt6", abandoned: true);
            return -1;
        }
        int length = header.LengthField;
        writer.Append(" (len=");
        writer.AppendDecimal((uint)length);
        if (header.Available < 3)
        {
            state.WriteTruncated(ref writer, "rt6", abandoned: true);
            return -1;
        }
        var type = header.RoutingType;
        writer.Append(", type=");
        writer.AppendDecimal(type);
        if (type == 0)
            writer.Append(" [Deprecated]");
        if (header.Available < 4)
        {
            state.WriteTruncated(ref writer, "rt6", abandoned: true);
            return -1;
        }
        writer.Append(", segleft=");
        writer.AppendDecimal(header.SegmentsLeft);
        switch (type)
        {
            case 0:
            case 2:
                if (header.Available < 8)
                {
                    state.WriteTruncated(ref writer, "rt6", abandoned: true);
                    return -1;
                }
                var reserved = header.RoutingReserved;
                if (reserved != 0 || verbose)
                {
                    writer.Append(", rsv=0x");
                    writer.AppendHex(reserved, 1);
                }
                break;
            case 4:
                if (header.Available < 5)
                {
                    state.WriteTruncated(ref writer, "rt6", abandoned: true);
                    return -1;
                }
                writer.Append(", last-entry=");
                writer.AppendDecimal(header.LastEntry);
                if (header.Available < 6)
                {
                    state.WriteTruncated(ref writer, "rt6", abandoned: true);
                    return -1;
                }
                if (header.SegmentRoutingFlags != 0 || verbose)
                {
                    writer.Append(", flags=0x");
                    writer.AppendHex(header.SegmentRoutingFlags, 1);
                }
                if (header.Available < 8)
                {
                    state.WriteTruncated(ref writer, "rt6", abandoned: true);
                    return -1;
                }
                writer.Append(", tag=");
                writer.AppendHex(header.SegmentRoutingTag, 1);
                break;
            default:
                writer.Append(" (unknown type) (invalid)");
                return -1;
        }
        if (length % 2 == 1)
        {
            writer.Append(" (invalid length ");
            writer.AppendDecimal((uint)length);
            writer.Append(") (invalid)");
            return -1;
        }
        for (var i = 0; i < length / 2; i++)
        {
            var address = header.RoutingAddress(i);
            if (address.IsEmpty)
            {
                state.WriteTruncated(ref writer, "rt6", abandoned: true);
                return -1;
            }
            writer.AppendNote(", [", (uint)i, ']');
            state.WriteIpAddress(ref writer, address);
        }
        writer.Append(") ");
        return (length + 1) * 8;
    }
}
