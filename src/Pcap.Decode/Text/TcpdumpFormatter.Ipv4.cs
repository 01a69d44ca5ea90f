using System.Buffers.Binary;
using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    internal void WriteIpv4(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length)
    {
        if (bytes.Length == 0)
        {
            WriteTruncated(ref writer, "ip", abandoned: true);
            return;
        }
        if (bytes.Length >= 1 && bytes[0] >> 4 != 4)
        {
            if (bytes[0] >> 4 == 6)
            {
                writer.Append("IP6, wrong link-layer encapsulation");
            }
            else
            {
                writer.Append("IP");
                writer.AppendDecimal((uint)(bytes[0] >> 4));
            }
            writer.Append(" (invalid)");
            return;
        }
        if (!_options.LinkHeader)
            writer.Append("IP ");
        if (bytes.Length < Ipv4Header.MinimumLength)
        {
            WriteTruncated(ref writer, "ip");
            return;
        }
        if (length < Ipv4Header.MinimumLength)
        {
            writer.Append("truncated-ip ");
            writer.AppendDecimal((uint)length);
            return;
        }
        var headerLength = (bytes[0] & 0x0f) * 4;
        if (headerLength < Ipv4Header.MinimumLength)
        {
            writer.Append("bad-hlen ");
            writer.AppendDecimal((uint)headerLength);
            return;
        }
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        if (length < totalLength)
        {
            writer.Append("truncated-ip - ");
            writer.AppendDecimal((uint)(totalLength - length));
            writer.Append(" bytes missing! ");
        }
        if (totalLength < headerLength)
        {
            writer.Append("bad-len ");
            writer.AppendDecimal((uint)totalLength);
            return;
        }
        // Like tcpdump, look no further than the IP total length.
        if (bytes.Length > totalLength)
            bytes = bytes[..totalLength];
        var payloadLength = totalLength - headerLength;
        var flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]);
        var protocol = bytes[9];
        var source = bytes.Slice(12, 4);
        var destination = bytes.Slice(16, 4);
        if (_options.Verbose > 0 && !WriteIpv4Verbose(ref writer, bytes, headerLength, flagsAndOffset, protocol, totalLength))
            return;
        if ((flagsAndOffset & 0x1fff) == 0)
        {
            if (protocol is not (6 or 17 or 132 or 33))
            {
                WriteIpv4Address(ref writer, source);
                writer.Append(" > ");
                WriteIpv4Address(ref writer, destination);
                writer.Append(": ");
            }
            if (bytes.Length < headerLength)
            {
                WriteHeaderNotCaptured(ref writer, bytes.Length, headerLength, "ip");
                return;
            }
            var context = new IpContext(source, destination, isIpv6: false, (flagsAndOffset & 0x3fff) != 0, bytes[..headerLength],
                checksumDestination: SourceRouteFinalHop(bytes[..headerLength]));
            WriteTransport(ref writer, protocol, bytes[headerLength..], payloadLength, in context, (flagsAndOffset & 0x2000) != 0);
        }
        else
        {
            if (_options.Quiet && _options.Verbose < 0)
                return;
            WriteIpv4Address(ref writer, source);
            writer.Append(" > ");
            WriteIpv4Address(ref writer, destination);
            writer.Append(':');
            var name = _options.NoResolve ? null : ProtocolNames.Find(protocol);
            if (name is not null)
            {
                writer.Append(' ');
                writer.Append(name);
            }
            else
            {
                writer.Append(" ip-proto-");
                writer.AppendDecimal(protocol);
            }
        }
    }

    /// <summary>
    /// tcpdump's ip_finddst: the last address of the first LSRR or SSRR option long enough to hold one, which TCP and UDP
    /// checksums are verified against; empty (the IP destination) without one or when the options run past the header.
    /// </summary>
    private static ReadOnlySpan<byte> SourceRouteFinalHop(ReadOnlySpan<byte> header)
    {
        var options = header[Ipv4Header.MinimumLength..];
        while (!options.IsEmpty)
        {
            var code = options[0];
            if (code == 0)
                break;
            var optionLength = 1;
            if (code != 1)
            {
                // A length byte past the header is read from the transport header, as tcpdump reads it.
                if (options.Length < 2)
                    return default;
                optionLength = options[1];
                if (optionLength < 2)
                    break;
            }
            if (optionLength > options.Length)
                return default;
            if (code is 131 or 137 && optionLength >= 7)
                return options.Slice(optionLength - 4, 4);
            options = options[optionLength..];
        }
        return default;
    }

    /// <summary>The <c>-v</c> parenthesis; false when tcpdump stops after it (options truncated).</summary>
    private bool WriteIpv4Verbose(ref LineWriter writer, ReadOnlySpan<byte> bytes, int headerLength, ushort flagsAndOffset, byte protocol, int totalLength)
    {
        var tos = bytes[1];
        writer.Append("(tos 0x");
        writer.AppendHex(tos);
        writer.Append((tos & 3) switch { 1 => ",ECT(1)", 2 => ",ECT(0)", 3 => ",CE", _ => "" });
        if (bytes[8] >= 1)
        {
            writer.Append(", ttl ");
            writer.AppendDecimal(bytes[8]);
        }
        writer.Append(", id ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]));
        writer.Append(", offset ");
        writer.AppendDecimal((uint)((flagsAndOffset & 0x1fff) * 8));
        writer.Append(", flags [");
        var flags = flagsAndOffset & 0xe000;
        if (flags == 0)
        {
            writer.Append("none");
        }
        else
        {
            var first = true;
            if ((flags & 0x2000) != 0)
            {
                writer.Append('+');
                first = false;
            }
            if ((flags & 0x4000) != 0)
            {
                if (!first)
                    writer.Append(", ");
                writer.Append("DF");
                first = false;
            }
            if ((flags & 0x8000) != 0)
            {
                if (!first)
                    writer.Append(", ");
                writer.Append("rsvd");
            }
        }
        writer.Append("], proto ");
        writer.Append(new IpProtocol(protocol).Name ?? "unknown");
        writer.Append(" (");
        writer.AppendDecimal(protocol);
        writer.Append("), length ");
        writer.AppendDecimal((uint)totalLength);
        var truncated = false;
        if (headerLength > Ipv4Header.MinimumLength)
        {
            writer.Append(", options (");
            switch (WriteIpv4Options(ref writer, bytes, headerLength))
            {
                case OptionsOutcome.ByteMissing:
                    WriteTruncated(ref writer, "ip", abandoned: true);
                    return false;
                case OptionsOutcome.OptionCut:
                    writer.Append(" [truncated-option]");
                    truncated = true;
                    break;
            }
            writer.Append(')');
        }
        if (bytes.Length >= headerLength)
        {
            var checksum = BinaryPrimitives.ReadUInt16BigEndian(bytes[10..]);
            var computed = Checksum.Compute(bytes[..headerLength]);
            if (computed != 0)
            {
                writer.Append(", bad cksum ");
                writer.AppendHex(checksum);
                writer.Append(" (->");
                writer.AppendHex(Checksum.ShouldBe(checksum, computed));
                writer.Append(")!");
            }
        }
        writer.Append(")\n    ");
        if (truncated)
        {
            WriteIpv4Address(ref writer, bytes.Slice(12, 4));
            writer.Append(" > ");
            WriteIpv4Address(ref writer, bytes.Slice(16, 4));
            writer.Append(": ");
            WriteTruncated(ref writer, "ip");
            return false;
        }
        return true;
    }

    private enum OptionsOutcome
    {
        Complete,
        /// <summary>An option's code or length byte was not captured: tcpdump abandons the packet.</summary>
        ByteMissing,
        /// <summary>An option's body was not captured: tcpdump notes it and prints the addresses.</summary>
        OptionCut,
    }

    /// <summary>IPv4 options as <c>-v</c> lists them.</summary>
    private OptionsOutcome WriteIpv4Options(ref LineWriter writer, ReadOnlySpan<byte> bytes, int headerLength)
    {
        var offset = Ipv4Header.MinimumLength;
        var remaining = headerLength - Ipv4Header.MinimumLength;
        var separator = false;
        while (remaining > 0)
        {
            if (separator)
                writer.Append(',');
            separator = true;
            if (offset >= bytes.Length)
                return OptionsOutcome.ByteMissing;
            var code = bytes[offset];
            writer.Append(code switch
            {
                0 => "EOL",
                1 => "NOP",
                7 => "RR",
                68 => "timestamp",
                82 => "traceroute",
                130 => "security",
                131 => "LSRR",
                137 => "SSRR",
                148 => "RA",
                _ => "unknown ",
            });
            if (code is not (0 or 1 or 7 or 68 or 82 or 130 or 131 or 137 or 148))
                writer.AppendDecimal(code);
            int optionLength;
            if (code is 0 or 1)
            {
                optionLength = 1;
            }
            else
            {
                if (offset + 1 >= bytes.Length)
                    return OptionsOutcome.ByteMissing;
                optionLength = bytes[offset + 1];
                if (optionLength < 2)
                {
                    WriteNote(ref writer, " [bad length ", (uint)optionLength);
                    return OptionsOutcome.Complete;
                }
            }
            if (optionLength > remaining)
            {
                WriteNote(ref writer, " [bad length ", (uint)optionLength);
                return OptionsOutcome.Complete;
            }
            if (offset + optionLength > bytes.Length)
                return OptionsOutcome.OptionCut;
            if (code == 0)
                return OptionsOutcome.Complete;
            if (code is 7 or 131 or 137 && !WriteIpv4Route(ref writer, bytes[offset..], optionLength))
                return OptionsOutcome.OptionCut;
            if (code == 68 && !WriteIpv4Timestamps(ref writer, bytes[offset..], optionLength))
                return OptionsOutcome.OptionCut;
            if (code == 148)
            {
                if (optionLength < 4)
                {
                    WriteNote(ref writer, " [bad length ", (uint)optionLength);
                }
                else
                {
                    var value = BinaryPrimitives.ReadUInt16BigEndian(bytes[(offset + 2)..]);
                    if (value != 0)
                    {
                        writer.Append(" value ");
                        writer.AppendDecimal(value);
                    }
                }
            }
            offset += optionLength;
            remaining -= optionLength;
        }
        return OptionsOutcome.Complete;
    }

    /// <summary>Record-route and source-route options: the addresses, a comma after each one the pointer has passed.</summary>
    private bool WriteIpv4Route(ref LineWriter writer, ReadOnlySpan<byte> option, int length)
    {
        if (length < 3)
        {
            WriteNote(ref writer, " [bad length ", (uint)length);
            return true;
        }
        if (((length + 1) & 3) != 0)
        {
            WriteNote(ref writer, " [bad length ", (uint)length);
        }
        // Unsigned as in tcpdump: a pointer byte of 0 wraps, so every address is followed by a comma.
        var pointer = unchecked((uint)(option[2] - 1));
        if (pointer < 3 || ((pointer + 1) & 3) != 0 || pointer > (uint)(length + 1))
        {
            WriteNote(ref writer, " [bad ptr ", option[2]);
        }
        for (var at = 3; at < length; at += 4)
        {
            if (option.Length < at + 4)
                return false;
            writer.Append(' ');
            WriteIpv4Address(ref writer, option.Slice(at, 4));
            if (pointer > (uint)at)
                writer.Append(',');
        }
        return true;
    }

    /// <summary>The timestamp option: <c> TS{TSONLY ^ t@ ...}</c>, with addresses for the TS+ADDR and PRESPEC kinds.</summary>
    private bool WriteIpv4Timestamps(ref LineWriter writer, ReadOnlySpan<byte> option, int length)
    {
        if (length < 4)
        {
            WriteNote(ref writer, "[bad length ", (uint)length);
            return true;
        }
        writer.Append(" TS{");
        var kind = option[3] & 0x0f;
        var hopLength = kind != 0 ? 8 : 4;
        if (((length - 4) & (hopLength - 1)) != 0)
        {
            WriteNote(ref writer, "[bad length ", (uint)length);
        }
        var pointer = option[2] - 1;
        var at = 0;
        if (pointer < 4 || ((pointer - 4) & (hopLength - 1)) != 0 || pointer > length + 1)
        {
            WriteNote(ref writer, "[bad ptr ", option[2]);
        }
        var known = true;
        switch (kind)
        {
            case 0:
                writer.Append("TSONLY");
                break;
            case 1:
                writer.Append("TS+ADDR");
                break;
            case 3:
                writer.Append("PRESPEC");
                break;
            default:
                WriteNote(ref writer, "[bad ts type ", (uint)kind);
                known = false;
                break;
        }
        if (known)
        {
            for (at = 4; at < length; at += hopLength)
            {
                if (option.Length < at + hopLength)
                    return false;
                writer.Append(pointer == at ? " ^ " : " ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(option[(at + hopLength - 4)..]));
                writer.Append('@');
                if (hopLength == 8)
                    WriteIpv4Address(ref writer, option.Slice(at, 4));
            }
        }
        if (pointer == at)
            writer.Append(" ^ ");
        if (option[3] >> 4 != 0)
        {
            writer.Append(" [");
            writer.AppendDecimal((uint)(option[3] >> 4));
            writer.Append(" hops not recorded]} ");
        }
        else
        {
            writer.Append('}');
        }
        return true;
    }

    private void WriteIpv4Address(ref LineWriter writer, ReadOnlySpan<byte> address) => _state.WriteIpAddress(ref writer, address);

    private void WriteIpv6Address(ref LineWriter writer, scoped ReadOnlySpan<byte> address) => _state.WriteIpAddress(ref writer, address);

    private void WriteIpAddress(ref LineWriter writer, ReadOnlySpan<byte> address) => _state.WriteIpAddress(ref writer, address);

    /// <summary>How many IP-in-IP headers deep the formatter follows before it gives up on the packet.</summary>
    private const int MaximumTunnelDepth = 64;

    private int _tunnelDepth;

    private void WriteTransport(ref LineWriter writer, byte protocol, ReadOnlySpan<byte> payload, int length, in IpContext context, bool moreFragments)
    {
        switch (protocol)
        {
            case 6:
                WriteTcp(ref writer, payload, length, in context);
                break;
            case 17:
                var applicationLength = UdpPrinter.Print(ref writer, _state, payload, length, in context);
                if (applicationLength >= 0)
                    WriteUdpApplication(ref writer, payload[8..], applicationLength, BinaryPrimitives.ReadUInt16BigEndian(payload), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
                break;
            case 2:
                WriteIgmp(ref writer, payload, length, in context);
                break;
            case 1 when context.IsIpv6:
                writer.Append("[ICMP requires IPv4] (invalid)");
                break;
            case 58 when !context.IsIpv6:
                writer.Append("[ICMPv6 requires IPv6] (invalid)");
                break;
            case 1 when !context.IsIpv6:
                WriteIcmp(ref writer, payload, length, in context, moreFragments);
                break;
            case 58 when context.IsIpv6:
                WriteIcmpv6(ref writer, payload, length, in context);
                break;
            case 59:
                // tcpdump's ip_demux_print names IPPROTO_NONE itself, with no length.
                writer.Append("no next header");
                break;
            case 77:
                writer.Append(" nd ");
                writer.AppendDecimal((uint)length);
                break;
            case 4:
            case 41:
                // IP in IP: tcpdump recurses without a bound; ours stops where the stack would be at risk.
                if (_tunnelDepth >= MaximumTunnelDepth)
                {
                    WriteTruncated(ref writer, protocol == 4 ? "ip" : "ip6", abandoned: true);
                    break;
                }
                _tunnelDepth++;
                if (protocol == 4)
                    WriteIpv4(ref writer, payload, length);
                else
                    WriteIpv6(ref writer, payload, length);
                _tunnelDepth--;
                break;
            default:
                var name = _options.NoResolve ? null : ProtocolNames.Find(protocol);
                if (name is not null)
                {
                    writer.Append(' ');
                    writer.Append(name);
                }
                else
                {
                    writer.Append(" ip-proto-");
                    writer.AppendDecimal(protocol);
                }
                writer.Append(' ');
                writer.AppendDecimal((uint)length);
                break;
        }
    }
}
