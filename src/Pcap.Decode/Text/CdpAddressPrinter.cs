using System.Buffers.Binary;

namespace Pcap.Decode.Text;

/// <summary>
/// CDP's address lists (the Address and Management Addresses TLVs) and IPv4 prefix lists as print-cdp.c prints them:
/// IPv4 by NLPID 0xCC, IPv6 by an LLC/SNAP header, anything else as raw protocol and address bytes.
/// </summary>
internal static class CdpAddressPrinter
{
    // The protocol field that marks an IPv6 address: an LLC/SNAP header with the IPv6 EtherType.
    private static ReadOnlySpan<byte> Ipv6Protocol => [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd];

    /// <summary>Prints the address list in <paramref name="value"/> (captured bytes of a <paramref name="length"/>-byte value); false when it runs past the capture.</summary>
    public static bool Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> value, int length)
    {
        var at = 0;
        var left = length;
        if (left < 4)
        {
            writer.Append(" (not enough space for num)");
            return value.Length >= length;
        }
        if (value.Length < 4)
            return false;
        var count = BinaryPrimitives.ReadUInt32BigEndian(value);
        at += 4;
        left -= 4;
        while (count != 0)
        {
            if (left < 2)
                return NotEnough(ref writer, " (not enough space for PT+PL)", value, at, left);
            if (value.Length < at + 2)
                return false;
            var protocolType = value[at];
            var protocolLength = value[at + 1];
            at += 2;
            left -= 2;
            if (left < protocolLength + 2)
                return NotEnough(ref writer, " (not enough space for P+AL)", value, at, left);
            if (value.Length < at + protocolLength + 2)
                return false;
            var addressLength = BinaryPrimitives.ReadUInt16BigEndian(value[(at + protocolLength)..]);
            var protocol = value.Slice(at, protocolLength);
            var ipv4 = protocolType == 1 && protocolLength == 1 && protocol[0] == 0xcc && addressLength == 4;
            var ipv6 = protocolType == 2 && protocolLength == 8 && protocol.SequenceEqual(Ipv6Protocol) && addressLength == 16;
            if (ipv4 || ipv6)
            {
                at += protocolLength + 2;
                left -= protocolLength + 2;
                if (left < addressLength)
                    return NotEnough(ref writer, " (not enough space for A)", value, at, left);
                if (value.Length < at + addressLength)
                    return false;
                writer.Append(ipv4 ? "IPv4 (" : "IPv6 (");
                writer.AppendDecimal(count);
                writer.Append(") ");
                state.WriteIpAddress(ref writer, value.Slice(at, addressLength));
                at += addressLength;
                left -= addressLength;
            }
            else
            {
                writer.Append("pt=0x");
                writer.AppendHex(protocolType, 2);
                writer.Append(", pl=");
                writer.AppendDecimal(protocolLength);
                writer.Append(", pb=");
                foreach (var b in protocol)
                {
                    writer.Append(' ');
                    writer.AppendHexByte(b);
                }
                at += protocolLength;
                left -= protocolLength;
                writer.Append(", al=");
                writer.AppendDecimal(addressLength);
                writer.Append(", a=");
                at += 2;
                left -= 2;
                if (left < addressLength)
                    return NotEnough(ref writer, " (not enough space for A)", value, at, left);
                for (var i = 0; i < addressLength; i++)
                {
                    if (value.Length <= at)
                        return false;
                    writer.Append(' ');
                    writer.AppendHexByte(value[at++]);
                    left--;
                }
            }
            count--;
            if (count != 0)
                writer.Append(' ');
        }
        if (left != 0)
        {
            writer.Append(" (");
            writer.AppendDecimal((uint)left);
            writer.Append(" bytes of stray data)");
        }
        return true;
    }

    /// <summary>The IPv4 prefixes TLV: address and prefix length, five bytes each.</summary>
    public static bool PrintPrefixes(ref LineWriter writer, ReadOnlySpan<byte> value, int length)
    {
        if (length % 5 != 0)
        {
            writer.Append(" [length ");
            writer.AppendDecimal((uint)length);
            writer.Append(" is not a multiple of 5]");
            return value.Length >= length;
        }
        writer.Append(" IPv4 Prefixes (");
        writer.AppendDecimal((uint)(length / 5));
        writer.Append("):");
        for (var at = 0; at < length; at += 5)
        {
            if (value.Length < at + 5)
                return false;
            writer.Append(' ');
            writer.AppendIpv4(value.Slice(at, 4));
            writer.Append('/');
            writer.AppendDecimal(value[at + 4]);
        }
        return true;
    }

    // A list shorter than its own fields say: tcpdump names the field, then checks the rest was captured.
    private static bool NotEnough(ref LineWriter writer, string message, ReadOnlySpan<byte> value, int at, int left)
    {
        writer.Append(message);
        return value.Length >= at + left;
    }
}
