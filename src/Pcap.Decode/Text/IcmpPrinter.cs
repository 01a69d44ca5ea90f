using System.Buffers.Binary;
using Pcap.Decode.Network;
using Pcap.Decode.Transport;

namespace Pcap.Decode.Text;

/// <summary>
/// ICMP (IPv4) as tcpdump's <c>print-icmp.c</c> prints it, from the <see cref="IcmpHeader"/> view read laxly (tcpdump prints
/// from cut-off headers): the message line, the checksum verdict and, at <c>-v</c>, the quoted datagram and RFC 4884 extensions.
/// </summary>
internal static class IcmpPrinter
{
    /// <summary>Prints the message in <paramref name="bytes"/>; <paramref name="length"/> is what the IP layer says it spans.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, in IpContext context)
    {
        // tcpdump builds the whole text before printing, so a read past the capture prints only the marker.
        if (!IcmpHeader.TryReadTypeAndCode(bytes, out var icmp, out _) || !TryWriteText(ref writer, state, icmp, length))
        {
            // Router advertisement, time exceeded and timestamp reply are plain bounds tests in tcpdump; the other reads long-jump out.
            // A port unreachable first bounds-tests the quoted protocol byte (offset 17) before reading on.
            var boundsTest = icmp.CapturedLength >= 2
                && (icmp.Type is 9 or 11 or 14 || icmp.Type == 3 && icmp.Code == 3 && icmp.CapturedLength < IcmpHeader.Length + 10);
            state.WriteTruncated(ref writer, "icmp", abandoned: !boundsTest);
            return;
        }
        var verbose = state.Options.Verbose > 0;
        if (verbose && !context.Fragmented && bytes.Length >= length)
        {
            var computed = Checksum.Compute(bytes[..length]);
            if (computed != 0)
            {
                if (icmp.CapturedLength < 4)
                {
                    // The stored checksum lies past the datagram: tcpdump's read of it long-jumps out.
                    state.WriteTruncated(ref writer, "icmp", abandoned: true);
                    return;
                }
                var stored = icmp.Checksum;
                writer.Append(" (wrong icmp cksum ");
                writer.AppendHex(stored);
                writer.Append(" (->");
                writer.AppendHex(Checksum.ShouldBe(stored, computed));
                writer.Append(")!)");
            }
        }
        if (verbose && icmp.Type is 3 or 4 or 5 or 11 or 12)
            WriteQuoted(ref writer, state, icmp, length);
    }

    /// <summary>The datagram an error quotes, on its own line, and the RFC 4884 extensions after it.</summary>
    private static void WriteQuoted(ref LineWriter writer, PrintState state, IcmpHeader icmp, int length)
    {
        writer.Append("\n\t");
        var quoted = icmp.Body;
        // tcpdump hands the quoted datagram its own total length and cuts the snapshot there, so it never reports bytes missing.
        if (!Ipv4Header.TryReadQuoted(quoted, out var inner, out _) || inner.TotalLength < 4)
        {
            state.WriteTruncated(ref writer, "icmp", abandoned: true);
            return;
        }
        int quotedLength = inner.TotalLength;
        Ipv4Printer.Print(ref writer, state, quoted[..Math.Min(quoted.Length, quotedLength)], quotedLength);
        // Past 136 bytes an error may carry RFC 4884 extensions: tcpdump first needs the 141-byte extension layout captured.
        if (icmp.Type is 3 or 11 or 12 && length > IcmpExtension.Offset && !state.Abandoned)
        {
            if (icmp.CapturedLength < IcmpExtension.Offset + 5)
                state.WriteTruncated(ref writer, "icmp");
            else
                state.Abandoned |= IcmpExtensionPrinter.Write(ref writer, icmp, length);
        }
    }

    /// <summary>Writes <c>ICMP text, length N</c>; false (nothing written) when a field tcpdump reads was not captured.</summary>
    private static bool TryWriteText(ref LineWriter writer, PrintState state, IcmpHeader icmp, int length)
    {
        var type = icmp.Type;
        var code = icmp.Code;
        var captured = icmp.CapturedLength;
        Span<char> text = stackalloc char[256];
        var line = new LineWriter(text);
        line.Append("ICMP ");
        switch (type)
        {
            case 0:
            case 8:
                if (captured < IcmpHeader.Length)
                    return false;
                line.Append(type == 8 ? "echo request, id " : "echo reply, id ");
                line.AppendDecimal(icmp.Identifier);
                line.Append(", seq ");
                line.AppendDecimal(icmp.SequenceNumber);
                break;
            case 3:
                if (!TryWriteUnreachable(ref line, state, icmp))
                    return false;
                break;
            case 5:
                // The quoted datagram's destination is needed whole (8 + 20 bytes).
                if (!TryReadQuotedFixedPart(icmp, out var redirected))
                    return false;
                line.Append(code switch { 0 => "redirect ", 1 => "redirect ", 2 => "redirect-tos ", 3 => "redirect-tos ", _ => "redirect-#" });
                if (code > 3)
                {
                    line.AppendDecimal(code);
                    line.Append(' ');
                }
                state.WriteIpAddress(ref line, redirected.Destination);
                line.Append(code switch { 1 or 3 => " to host ", 0 or 2 => " to net ", _ => " to " });
                state.WriteIpAddress(ref line, icmp.Gateway);
                break;
            case 11:
                if (captured < IcmpHeader.Length + Ipv4Header.MinimumLength)
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
                    if (captured < 5)
                        return false;
                    line.Append("parameter problem - octet ");
                    line.AppendDecimal(icmp.Pointer);
                }
                break;
            case 18:
                if (captured < 12)
                    return false;
                line.Append("address mask is 0x");
                line.AppendHex(icmp.AddressMask, 8);
                break;
            case 13:
                if (captured < IcmpHeader.Length)
                    return false;
                line.Append("time stamp query id ");
                line.AppendDecimal(icmp.Identifier);
                line.Append(" seq ");
                line.AppendDecimal(icmp.SequenceNumber);
                break;
            case 9:
                if (!TryWriteRouterAdvertisement(ref line, state, icmp))
                    return false;
                break;
            case 14:
                if (captured < 20)
                    return false;
                line.Append("time stamp reply id ");
                line.AppendDecimal(icmp.Identifier);
                line.Append(" seq ");
                line.AppendDecimal(icmp.SequenceNumber);
                line.Append(": org ");
                WriteTimestamp(ref line, icmp.OriginateTimestamp);
                line.Append(", recv ");
                WriteTimestamp(ref line, icmp.ReceiveTimestamp);
                line.Append(", xmit ");
                WriteTimestamp(ref line, icmp.TransmitTimestamp);
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
        return true;
    }

    /// <summary>The fixed part of the datagram an error quotes, when the 8 + 20 bytes were captured.</summary>
    private static bool TryReadQuotedFixedPart(IcmpHeader icmp, out Ipv4Header quoted) =>
        Ipv4Header.TryReadQuoted(icmp.Body, out quoted, out _) && quoted.HasFixedPart;

    /// <summary>
    /// <c>router advertisement lifetime L N: {addr pref}...</c>; tcpdump formats it into a 164-byte buffer, so long lists are cut
    /// at 163 characters. False when an announced entry was not captured.
    /// </summary>
    private static bool TryWriteRouterAdvertisement(ref LineWriter line, PrintState state, IcmpHeader icmp)
    {
        const int BufferText = 163;
        const int EntryLength = 8;
        if (icmp.CapturedLength < IcmpHeader.Length)
            return false;
        int count = icmp.AddressCount;
        var size = icmp.AddressEntrySize;
        var entries = icmp.Body;
        if (size == 2 && entries.Length < count * EntryLength)
            return false;
        Span<char> buffer = stackalloc char[BufferText + 64];
        var text = new LineWriter(buffer);
        text.Append("router advertisement lifetime ");
        uint lifetime = icmp.Lifetime;
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
                var entry = entries.Slice(i * EntryLength, EntryLength);
                text.Append(" {");
                state.WriteIpAddress(ref text, entry[..4]);
                text.Append(' ');
                text.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(entry[4..]));
                text.Append('}');
            }
        }
        line.Append(text.Written[..Math.Min(text.Length, BufferText)]);
        return true;
    }

    private static bool TryWriteUnreachable(ref LineWriter line, PrintState state, IcmpHeader icmp)
    {
        // Every form names the quoted datagram's destination, so its fixed part must have been captured.
        if (!TryReadQuotedFixedPart(icmp, out var quoted))
            return false;
        var destination = quoted.Destination;
        var code = icmp.Code;
        switch (code)
        {
            case 2:
                state.WriteIpAddress(ref line, destination);
                line.Append(" protocol ");
                line.AppendDecimal(quoted.Protocol.Value);
                line.Append(" unreachable");
                return true;
            case 3:
                // tcpdump reads the port through a UDP header wherever the quoted header length puts it, whatever the protocol.
                if (!UdpHeader.TryReadPorts(icmp.Body[Math.Min(quoted.HeaderLength, icmp.Body.Length)..], out var transport, out _))
                    return false;
                var port = transport.DestinationPort;
                var protocol = quoted.Protocol.Value;
                state.WriteIpAddress(ref line, destination);
                if (protocol is 6 or 17)
                {
                    line.Append(protocol == 6 ? " tcp port " : " udp port ");
                    Endpoints.WritePort(ref line, state, port, tcp: protocol == 6);
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
                var mtu = icmp.NextHopMtu;
                state.WriteIpAddress(ref line, destination);
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
            state.WriteIpAddress(ref line, destination);
            line.Append(" unreachable - #");
            line.AppendDecimal(code);
            return true;
        }
        line.Append(prefix);
        state.WriteIpAddress(ref line, destination);
        line.Append(suffix);
        return true;
    }

    /// <summary>ICMP timestamps are milliseconds since midnight UTC; tcpdump lets the hours run past 24.</summary>
    private static void WriteTimestamp(ref LineWriter line, uint milliseconds)
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
