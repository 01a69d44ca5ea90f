using System.Buffers.Binary;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    internal void WriteIcmp(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, in IpContext context, bool moreFragments)
    {
        // tcpdump builds the whole text before printing, so a read past the capture prints only the marker.
        if (!TryWriteIcmpText(ref writer, bytes, length))
        {
            // Router advertisement, time exceeded and timestamp reply are plain bounds tests in tcpdump; the other reads long-jump out.
            // A port unreachable first bounds-tests the quoted protocol byte (offset 17) before reading on.
            var boundsTest = bytes.Length >= 2 && (bytes[0] is 9 or 11 or 14 || bytes[0] == 3 && bytes[1] == 3 && bytes.Length < 18);
            WriteTruncated(ref writer, "icmp", abandoned: !boundsTest);
            return;
        }
        var type = bytes[0];
        if (_options.Verbose > 0 && !context.Fragmented && bytes.Length >= length)
        {
            var computed = Checksum.Compute(bytes[..length]);
            if (computed != 0)
            {
                if (bytes.Length < 4)
                {
                    // The stored checksum lies past the datagram: tcpdump's read of it long-jumps out.
                    WriteTruncated(ref writer, "icmp", abandoned: true);
                    return;
                }
                var stored = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
                writer.Append(" (wrong icmp cksum ");
                writer.AppendHex(stored);
                writer.Append(" (->");
                writer.AppendHex(Checksum.ShouldBe(stored, computed));
                writer.Append(")!)");
            }
        }
        if (_options.Verbose > 0 && type is 3 or 4 or 5 or 11 or 12)
        {
            writer.Append("\n\t");
            var quoted = bytes.Length > 8 ? bytes[8..] : default;
            if (quoted.Length < 4)
            {
                WriteTruncated(ref writer, "icmp", abandoned: true);
                return;
            }
            // tcpdump hands the quoted datagram its own total length and cuts the snapshot there, so it never reports bytes missing.
            int quotedLength = BinaryPrimitives.ReadUInt16BigEndian(quoted[2..]);
            if (quotedLength < 4)
            {
                WriteTruncated(ref writer, "icmp", abandoned: true);
                return;
            }
            WriteIpv4(ref writer, quoted[..Math.Min(quoted.Length, quotedLength)], quotedLength);
            // Past 136 bytes an error may carry RFC 4884 extensions: tcpdump first needs the 141-byte extension layout captured.
            if (type is 3 or 11 or 12 && length > 136 && !_state.Abandoned)
            {
                if (bytes.Length < 141)
                    WriteTruncated(ref writer, "icmp");
                else
                    _state.Abandoned |= IcmpExtensionPrinter.Write(ref writer, bytes, length);
            }
        }
    }

    /// <summary>Writes <c>ICMP text, length N</c>; false (nothing written) when a field tcpdump reads was not captured.</summary>
    private bool TryWriteIcmpText(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length)
    {
        if (bytes.Length < 2)
            return false;
        var type = bytes[0];
        var code = bytes[1];
        var start = writer.Length;
        Span<char> text = stackalloc char[256];
        var line = new LineWriter(text);
        line.Append("ICMP ");
        switch (type)
        {
            case 0:
            case 8:
                if (bytes.Length < 8)
                    return false;
                line.Append(type == 8 ? "echo request, id " : "echo reply, id ");
                line.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]));
                line.Append(", seq ");
                line.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]));
                break;
            case 3:
                if (!TryWriteUnreachable(ref line, bytes, code))
                    return false;
                break;
            case 5:
                if (bytes.Length < 28)
                    return false;
                line.Append(code switch { 0 => "redirect ", 1 => "redirect ", 2 => "redirect-tos ", 3 => "redirect-tos ", _ => "redirect-#" });
                if (code > 3)
                {
                    line.AppendDecimal(code);
                    line.Append(' ');
                }
                WriteIpv4Address(ref line, bytes.Slice(24, 4));
                line.Append(code switch { 1 or 3 => " to host ", 0 or 2 => " to net ", _ => " to " });
                WriteIpv4Address(ref line, bytes.Slice(4, 4));
                break;
            case 11:
                if (bytes.Length < 28)
                    return false;
                if (code == 0)
                {
                    line.Append("time exceeded in-transit");
                }
                else if (code == 1)
                {
                    line.Append("ip reassembly time exceeded");
                }
                else
                {
                    line.Append("time exceeded-#");
                    line.AppendDecimal(code);
                }
                break;
            case 12:
                if (code != 0)
                {
                    line.Append("parameter problem - code ");
                    line.AppendDecimal(code);
                }
                else
                {
                    if (bytes.Length < 5)
                        return false;
                    line.Append("parameter problem - octet ");
                    line.AppendDecimal(bytes[4]);
                }
                break;
            case 18:
                if (bytes.Length < 12)
                    return false;
                line.Append("address mask is 0x");
                line.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]), 8);
                break;
            case 13:
                if (bytes.Length < 8)
                    return false;
                line.Append("time stamp query id ");
                line.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]));
                line.Append(" seq ");
                line.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]));
                break;
            case 9:
                if (!TryWriteRouterAdvertisement(ref line, bytes))
                    return false;
                break;
            case 14:
                if (bytes.Length < 20)
                    return false;
                line.Append("time stamp reply id ");
                line.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]));
                line.Append(" seq ");
                line.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]));
                line.Append(": org ");
                WriteIcmpTimestamp(ref line, BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]));
                line.Append(", recv ");
                WriteIcmpTimestamp(ref line, BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]));
                line.Append(", xmit ");
                WriteIcmpTimestamp(ref line, BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]));
                break;
            default:
                var name = type switch
                {
                    4 => "source quench",
                    10 => "router solicitation",
                    15 => "information request",
                    16 => "information reply",
                    17 => "address mask request",
                    _ => null,
                };
                if (name is null)
                {
                    line.Append("type-#");
                    line.AppendDecimal(type);
                }
                else
                {
                    line.Append(name);
                }
                break;
        }
        line.Append(", length ");
        line.AppendDecimal((uint)length);
        writer.Append(line.Written);
        _ = start;
        return true;
    }

    /// <summary>
    /// <c>router advertisement lifetime L N: {addr pref}...</c>; tcpdump formats it into a 164-byte buffer, so long lists are cut
    /// at 163 characters. False when an announced entry was not captured.
    /// </summary>
    private bool TryWriteRouterAdvertisement(ref LineWriter line, ReadOnlySpan<byte> bytes)
    {
        const int BufferText = 163;
        if (bytes.Length < 8)
            return false;
        int count = bytes[4];
        var size = bytes[5];
        if (size == 2 && bytes.Length < 8 + count * 8)
            return false;
        Span<char> buffer = stackalloc char[BufferText + 64];
        var text = new LineWriter(buffer);
        text.Append("router advertisement lifetime ");
        uint lifetime = BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]);
        if (lifetime < 60)
        {
            text.AppendDecimal(lifetime);
        }
        else if (lifetime < 3600)
        {
            text.AppendDecimal(lifetime / 60);
            text.Append(':');
            text.AppendPadded(lifetime % 60, 2);
        }
        else
        {
            text.AppendDecimal(lifetime / 3600);
            text.Append(':');
            text.AppendPadded(lifetime % 3600 / 60, 2);
            text.Append(':');
            text.AppendPadded(lifetime % 60, 2);
        }
        text.Append(' ');
        text.AppendDecimal((uint)count);
        text.Append(':');
        if (size != 2)
        {
            text.Append(" [size ");
            text.AppendDecimal(size);
            text.Append(']');
        }
        else
        {
            for (var i = 0; i < count && text.Length < BufferText; i++)
            {
                text.Append(" {");
                WriteIpv4Address(ref text, bytes.Slice(8 + i * 8, 4));
                text.Append(' ');
                text.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(bytes[(12 + i * 8)..]));
                text.Append('}');
            }
        }
        line.Append(text.Written[..Math.Min(text.Length, BufferText)]);
        return true;
    }

    private bool TryWriteUnreachable(ref LineWriter line, ReadOnlySpan<byte> bytes, byte code)
    {
        // The quoted datagram's destination sits at 8 + 16.
        if (bytes.Length < 28)
            return false;
        var destination = bytes.Slice(24, 4);
        switch (code)
        {
            case 2:
                if (bytes.Length < 18)
                    return false;
                WriteIpv4Address(ref line, destination);
                line.Append(" protocol ");
                line.AppendDecimal(bytes[17]);
                line.Append(" unreachable");
                return true;
            case 3:
                var quotedHeaderLength = (bytes[8] & 0x0f) * 4;
                var portOffset = 8 + quotedHeaderLength + 2;
                if (bytes.Length < portOffset + 2)
                    return false;
                var port = BinaryPrimitives.ReadUInt16BigEndian(bytes[portOffset..]);
                var protocol = bytes[17];
                WriteIpv4Address(ref line, destination);
                if (protocol is 6 or 17)
                {
                    line.Append(protocol == 6 ? " tcp port " : " udp port ");
                    WritePort(ref line, port, tcp: protocol == 6);
                }
                else
                {
                    line.Append(" protocol ");
                    line.AppendDecimal(protocol);
                    line.Append(" port ");
                    line.AppendDecimal(port);
                }
                line.Append(" unreachable");
                return true;
            case 4:
                var mtu = BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]);
                WriteIpv4Address(ref line, destination);
                line.Append(" unreachable - need to frag");
                if (mtu != 0)
                {
                    line.Append(" (mtu ");
                    line.AppendDecimal(mtu);
                    line.Append(')');
                }
                return true;
        }
        var (prefix, suffix) = code switch
        {
            0 => ("net ", " unreachable"),
            1 => ("host ", " unreachable"),
            5 => ("", " unreachable - source route failed"),
            6 => ("net ", " unreachable - unknown"),
            7 => ("host ", " unreachable - unknown"),
            8 => ("", " unreachable - source host isolated"),
            9 => ("net ", " unreachable - admin prohibited"),
            10 => ("host ", " unreachable - admin prohibited"),
            11 => ("net ", " unreachable - tos prohibited"),
            12 => ("host ", " unreachable - tos prohibited"),
            13 => ("host ", " unreachable - admin prohibited filter"),
            14 => ("host ", " unreachable - host precedence violation"),
            15 => ("host ", " unreachable - precedence cutoff"),
            _ => (null, " unreachable"),
        };
        if (prefix is null)
        {
            WriteIpv4Address(ref line, destination);
            line.Append(" unreachable - #");
            line.AppendDecimal(code);
            return true;
        }
        line.Append(prefix);
        WriteIpv4Address(ref line, destination);
        line.Append(suffix);
        return true;
    }

    /// <summary>ICMP timestamps are milliseconds since midnight UTC; tcpdump lets the hours run past 24.</summary>
    private static void WriteIcmpTimestamp(ref LineWriter line, uint milliseconds)
    {
        var seconds = milliseconds / 1000;
        line.AppendPadded(seconds / 3600, 2);
        line.Append(':');
        line.AppendPadded(seconds / 60 % 60, 2);
        line.Append(':');
        line.AppendPadded(seconds % 60, 2);
        line.Append('.');
        line.AppendPadded(milliseconds % 1000, 3);
    }
}
