using System.Buffers.Binary;
using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>
/// The IPv6 mobility header as tcpdump's <c>print-mobility.c</c> prints it, from the lax <see cref="MobilityHeader"/> view:
/// the message, its fields, then its options under <c>-v</c>. tcpdump ends the IPv6 walk here whatever the header's own
/// payload protocol says.
/// </summary>
internal static class MobilityPrinter
{
    /// <summary>tcpdump's shortest header length for each mobility message type it decodes (0-7).</summary>
    private static readonly int[] MinimumLengths = [8, 16, 16, 24, 24, 12, 12, 24];

    private static readonly string[] TypeNames = ["BRR", "HoTI", "CoTI", "HoT", "CoT", "BU", "BA", "BE"];

    /// <summary>Prints the mobility header at the start of <paramref name="bytes"/> (what was captured of it and after).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes)
    {
        var header = MobilityHeader.ReadLax(bytes);
        if (header.Available < 2)
        {
            state.WriteTruncated(ref writer, "mobility");
            return;
        }
        var headerLength = header.HeaderLength;
        if (header.Available < 3)
        {
            state.WriteTruncated(ref writer, "mobility", abandoned: true);
            return;
        }
        var type = header.MessageType;
        if (type < MinimumLengths.Length && headerLength < MinimumLengths[type])
        {
            writer.Append("(header length ");
            writer.AppendDecimal((uint)headerLength);
            writer.AppendNote(" is too small for type ", type, ')');
            state.WriteTruncated(ref writer, "mobility");
            return;
        }
        writer.Append("mobility: ");
        if (type < TypeNames.Length)
        {
            writer.Append(TypeNames[type]);
        }
        else
        {
            writer.Append("type-#");
            writer.AppendDecimal(type);
        }
        var verbose = state.Options.Verbose > 0;
        switch (type)
        {
            case 0:
                break;
            case 1:
            case 2:
                if (verbose && !WriteCookie(ref writer, state, header, 16, type == 1 ? " Home Init Cookie=" : " Care-of Init Cookie="))
                    return;
                break;
            case 3:
            case 4:
                if (!Captured(ref writer, state, header, 8))
                    return;
                writer.Append(" nonce id=0x");
                writer.AppendHex(header.NonceIndex);
                if (verbose && !WriteCookie(ref writer, state, header, 16, type == 3 ? " Home Init Cookie=" : " Care-of Init Cookie="))
                    return;
                if (verbose && !WriteCookie(ref writer, state, header, 24, type == 3 ? " Home Keygen Token=" : " Care-of Keygen Token="))
                    return;
                break;
            case 5:
                if (!Captured(ref writer, state, header, 8))
                    return;
                writer.Append(" seq#=");
                writer.AppendDecimal(header.SequenceNumber);
                if (header.Available < 10)
                {
                    state.WriteTruncated(ref writer, "mobility");
                    return;
                }
                var flags = header.BindingUpdateFlags;
                if ((flags & 0xf0) != 0)
                {
                    writer.Append(' ');
                    if ((flags & 0x80) != 0) writer.Append('A');
                    if ((flags & 0x40) != 0) writer.Append('H');
                    if ((flags & 0x20) != 0) writer.Append('L');
                    if ((flags & 0x10) != 0) writer.Append('K');
                }
                if (!WriteLifetime(ref writer, state, header))
                    return;
                break;
            case 6:
                if (!Captured(ref writer, state, header, 7))
                    return;
                writer.Append(" status=");
                writer.AppendDecimal(header.Status);
                if (!Captured(ref writer, state, header, 8))
                    return;
                if (header.KeyManagementCapable)
                    writer.Append(" K");
                if (!Captured(ref writer, state, header, 10))
                    return;
                writer.Append(" seq#=");
                writer.AppendDecimal(header.SequenceNumber);
                if (!WriteLifetime(ref writer, state, header))
                    return;
                break;
            case 7:
                if (!Captured(ref writer, state, header, 7))
                    return;
                writer.Append(" status=");
                writer.AppendDecimal(header.Status);
                if (!Captured(ref writer, state, header, 24))
                    return;
                writer.Append(" homeaddr ");
                state.WriteIpAddress(ref writer, header.HomeAddress);
                break;
            default:
                writer.Append(" len=");
                writer.AppendDecimal(header.LengthField);
                return;
        }
        if (verbose && !WriteOptions(ref writer, state, header.OptionsOnward, header.OptionsLength))
            state.WriteTruncated(ref writer, "mobility");
    }

    /// <summary>False (packet abandoned, as tcpdump's long jump) when fewer than <paramref name="needed"/> bytes were captured.</summary>
    private static bool Captured(ref LineWriter writer, PrintState state, MobilityHeader header, int needed)
    {
        if (header.Available >= needed)
            return true;
        state.WriteTruncated(ref writer, "mobility", abandoned: true);
        return false;
    }

    /// <summary>The init cookie (ending at byte 16) or keygen token (ending at byte 24) as <c>%08x:%08x</c>.</summary>
    private static bool WriteCookie(ref LineWriter writer, PrintState state, MobilityHeader header, int end, string label)
    {
        if (!Captured(ref writer, state, header, end))
            return false;
        var value = end == 16 ? header.InitCookie : header.KeygenToken;
        writer.Append(label);
        writer.AppendHex(value >> 32, 8);
        writer.Append(':');
        writer.AppendHex(value & 0xffffffff, 8);
        return true;
    }

    private static bool WriteLifetime(ref LineWriter writer, PrintState state, MobilityHeader header)
    {
        if (!Captured(ref writer, state, header, 12))
            return false;
        writer.Append(" lifetime=");
        writer.AppendDecimal(header.LifetimeSeconds);
        return true;
    }

    /// <summary>
    /// tcpdump's mobility_opt_print over <paramref name="length"/> declared bytes of which <paramref name="captured"/> were
    /// captured; false for its "trunc" (it also wants the byte after each option, so an option ending the captured data
    /// reads as truncated). The options are encoded as <see cref="Ipv6Options"/>, but tcpdump's bounds here (declared
    /// against captured length, and which failures abandon the packet) are its own, so it walks them itself.
    /// </summary>
    private static bool WriteOptions(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> captured, int length)
    {
        int optionLength;
        for (var i = 0; i < length; i += optionLength)
        {
            if (i >= captured.Length)
            {
                state.Abandoned = true;
                return false;
            }
            var kind = captured[i];
            if (kind == 0)
            {
                optionLength = 1;
            }
            else if (i + 1 < length)
            {
                if (i + 1 >= captured.Length)
                {
                    state.Abandoned = true;
                    return false;
                }
                optionLength = captured[i + 1] + 2;
            }
            else
            {
                return false;
            }
            if (i + optionLength > length || i + optionLength >= captured.Length)
                return false;
            var left = length - i;
            switch (kind)
            {
                case 0:
                    writer.Append("(pad1)");
                    break;
                case 1:
                    writer.Append("(padn)");
                    break;
                case 2:
                    if (left < 4)
                    {
                        writer.Append("(refresh: trunc)");
                        return false;
                    }
                    writer.Append("(refresh: ");
                    writer.AppendDecimal((uint)BinaryPrimitives.ReadUInt16BigEndian(captured[(i + 2)..]) << 2);
                    writer.Append(')');
                    break;
                case 3:
                    if (left < 18)
                    {
                        writer.Append("(altcoa: trunc)");
                        return false;
                    }
                    if (captured.Length < i + 18)
                    {
                        state.Abandoned = true;
                        return false;
                    }
                    writer.Append("(alt-CoA: ");
                    state.WriteIpAddress(ref writer, captured.Slice(i + 2, 16));
                    writer.Append(')');
                    break;
                case 4:
                    if (left < 6)
                    {
                        writer.Append("(ni: trunc)");
                        return false;
                    }
                    if (captured.Length < i + 6)
                    {
                        state.Abandoned = true;
                        return false;
                    }
                    writer.Append("(ni: ho=0x");
                    writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(captured[(i + 2)..]), 4);
                    writer.Append(" co=0x");
                    writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(captured[(i + 4)..]), 4);
                    writer.Append(')');
                    break;
                case 5:
                    if (left < 12)
                    {
                        writer.Append("(auth: trunc)");
                        return false;
                    }
                    writer.Append("(auth)");
                    break;
                default:
                    writer.Append("(type-0x");
                    writer.AppendHexByte(kind);
                    writer.AppendNote(": len=", captured[i + 1], ')');
                    break;
            }
        }
        return true;
    }
}
