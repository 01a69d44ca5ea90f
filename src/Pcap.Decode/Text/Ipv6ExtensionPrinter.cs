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

    /// <summary>
    /// The options of a hop-by-hop or destination-options header; false when tcpdump stops at a bad one. These options
    /// count their length without the type and length bytes (and Pad1 has none), unlike <see cref="TlvOptions"/>.
    /// </summary>
    private static bool PrintOptions(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> options, bool hopByHop, ref bool foundJumbo, ref uint jumboLength)
    {
        var verbose = state.Options.Verbose > 0;
        var seenJumbo = false;
        if (options.Length == 0)
            return true;
        for (var i = 0; i < options.Length;)
        {
            var type = options[i];
            int optionLength;
            if (type == 0)
                optionLength = 1;
            else if (i + 1 < options.Length)
                optionLength = options[i + 1] + 2;
            else
                return false;
            if (i + optionLength > options.Length)
                return false;
            var left = options.Length - i;
            switch (type)
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
                    if (!CheckLength(ref writer, "rtalert", left, options[i + 1], 2, exact: true))
                        return false;
                    if (verbose)
                    {
                        writer.Append("(rtalert: 0x");
                        writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(options[(i + 2)..]), 4);
                        writer.Append(") ");
                    }
                    break;
                case 0xc2:
                    if (!CheckLength(ref writer, "jumbo", left, options[i + 1], 4, exact: true))
                        return false;
                    var jumbo = BinaryPrimitives.ReadUInt32BigEndian(options[(i + 2)..]);
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
                    if (!CheckLength(ref writer, "homeaddr", left, options[i + 1], 16, exact: false))
                        return false;
                    if (verbose)
                    {
                        writer.Append("(homeaddr: ");
                        state.WriteIpAddress(ref writer, options.Slice(i + 2, 16));
                        if (options[i + 1] > 16 && !PrintSubOptions(ref writer, options.Slice(i + 18, optionLength - 18)))
                            return false;
                        writer.Append(')');
                    }
                    break;
                default:
                    if (verbose)
                    {
                        writer.Append("(opt_type 0x");
                        writer.AppendHex(type, 2);
                        writer.AppendNote(": len=", options[i + 1], ')');
                    }
                    break;
            }
            i += optionLength;
        }
        if (verbose)
            writer.Append(' ');
        return true;
    }

    /// <summary>
    /// tcpdump's checks before an option of a known size: <c>(name: trunc)</c> when fewer than its type, length and
    /// <paramref name="size"/> bytes are left, <c>(name: invalid len N)</c> when its length is not (at least) that size.
    /// </summary>
    private static bool CheckLength(ref LineWriter writer, string name, int left, byte length, int size, bool exact)
    {
        if (left < size + 2)
        {
            writer.Append('(');
            writer.Append(name);
            writer.Append(": trunc)");
            return false;
        }
        if (exact ? length != size : length < size)
        {
            writer.Append('(');
            writer.Append(name);
            writer.AppendNote(": invalid len ", length, ')');
            return false;
        }
        return true;
    }

    /// <summary>tcpdump's ip6_sopt_print: the sub-options after a home address option's address; false for its "trunc".</summary>
    private static bool PrintSubOptions(ref LineWriter writer, ReadOnlySpan<byte> options)
    {
        int optionLength;
        for (var i = 0; i < options.Length; i += optionLength)
        {
            var type = options[i];
            if (type == 0)
                optionLength = 1;
            else if (i + 1 < options.Length)
                optionLength = options[i + 1] + 2;
            else
                return false;
            if (i + optionLength > options.Length)
                return false;
            switch (type)
            {
                case 0:
                    writer.Append(", pad1");
                    break;
                case 1:
                    writer.Append(", padn");
                    break;
                default:
                    writer.Append(", sopt_type 0x");
                    writer.AppendHex(type, 2);
                    writer.Append(": len=");
                    writer.AppendDecimal(options[i + 1]);
                    break;
            }
        }
        return true;
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
