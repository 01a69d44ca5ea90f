using System.Buffers.Binary;
using Pcap.Decode.Transport;

namespace Pcap.Decode.Text;

/// <summary>The MPTCP TCP option (kind 30) as tcpdump's <c>print-mptcp.c</c> prints it inside the TCP options list.</summary>
internal static class MptcpPrinter
{
    private static readonly string[] SubtypeNames = ["capable", "join", "dss", "add-addr", "rem-addr", "prio", "fail", "fast-close", "unknown"];

    /// <summary>
    /// tcpdump's mptcp_print for one whole, captured MPTCP option (kind and length included): the length, the subtype and
    /// its fields. False where tcpdump finds the option malformed for its length or the segment's flags ("[bad opt]").
    /// </summary>
    public static bool Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> option, TcpFlags tcpFlags)
    {
        if (option.Length < 3)
            return false;
        var subtype = Math.Min(option[2] >> 4, 8);
        writer.Append(' ');
        writer.AppendDecimal((uint)option.Length);
        writer.Append(' ');
        writer.Append(SubtypeNames[subtype]);
        var length = option.Length;
        var syn = (tcpFlags & TcpFlags.Syn) != 0;
        var ack = (tcpFlags & TcpFlags.Ack) != 0;
        switch (subtype)
        {
            case 0:
                if (!((length is 12 or 4) && syn) && !((length is 20 or 22) && ack && !syn))
                    return false;
                var version = option[2] & 0x0f;
                if (version > 1)
                {
                    writer.AppendNote(" Unknown Version (", (uint)version, ')');
                    return true;
                }
                writer.Append(" v");
                writer.AppendDecimal((uint)version);
                if ((option[3] & 0x80) != 0)
                    writer.Append(" csum");
                if (length is 12 or >= 20)
                {
                    writer.Append(" {0x");
                    writer.AppendHex(BinaryPrimitives.ReadUInt64BigEndian(option[4..]));
                    if (length >= 20)
                    {
                        writer.Append(",0x");
                        writer.AppendHex(BinaryPrimitives.ReadUInt64BigEndian(option[12..]));
                    }
                    writer.Append('}');
                }
                return true;
            case 1:
                if (!(length == 12 && syn) && !(length == 16 && syn && ack) && !(length == 24 && ack))
                    return false;
                if (length != 24)
                {
                    if ((option[2] & 0x01) != 0)
                        writer.Append(" backup");
                    writer.Append(" id ");
                    writer.AppendDecimal(option[3]);
                }
                if (length == 12)
                {
                    writer.Append(" token 0x");
                    writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(option[4..]));
                    writer.Append(" nonce 0x");
                    writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(option[8..]));
                }
                else if (length == 16)
                {
                    writer.Append(" hmac 0x");
                    writer.AppendHex(BinaryPrimitives.ReadUInt64BigEndian(option[4..]));
                    writer.Append(" nonce 0x");
                    writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(option[12..]));
                }
                else
                {
                    writer.Append(" hmac 0x");
                    foreach (var b in option.Slice(4, 20))
                        writer.AppendHexByte(b);
                }
                return true;
            case 2:
                return WriteDss(ref writer, option, syn);
            case 3:
                return WriteAddAddress(ref writer, state, option);
            case 4:
                if (length < 4)
                    return false;
                writer.Append(" id");
                foreach (var id in option[3..])
                {
                    writer.Append(' ');
                    writer.AppendDecimal(id);
                }
                return true;
            case 5:
                if (length is not (3 or 4))
                    return false;
                writer.Append((option[2] & 0x01) != 0 ? " backup" : " non-backup");
                if (length == 4)
                {
                    writer.Append(" id ");
                    writer.AppendDecimal(option[3]);
                }
                return true;
            case 6:
            case 7:
                if (length != 12)
                    return false;
                writer.Append(subtype == 6 ? " seq " : " key 0x");
                var value = BinaryPrimitives.ReadUInt64BigEndian(option[4..]);
                if (subtype == 6)
                    writer.AppendDecimal(value);
                else
                    writer.AppendHex(value);
                return true;
            default:
                return true;
        }
    }

    /// <summary>Data sequence signal: flags, then an optional 4- or 8-byte ack and mapping; every byte must be accounted for.</summary>
    private static bool WriteDss(ref LineWriter writer, ReadOnlySpan<byte> option, bool syn)
    {
        if (option.Length < 4 || syn)
            return false;
        var flags = option[3];
        if ((flags & 0x10) != 0)
            writer.Append(" fin");
        var rest = option[4..];
        if ((flags & 0x01) != 0)
        {
            writer.Append(" ack ");
            if (!WriteNumber(ref writer, ref rest, (flags & 0x02) != 0))
                return false;
        }
        if ((flags & 0x04) != 0)
        {
            writer.Append(" seq ");
            if (!WriteNumber(ref writer, ref rest, (flags & 0x08) != 0))
                return false;
            if (rest.Length < 4)
                return false;
            writer.Append(" subseq ");
            writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(rest));
            rest = rest[4..];
            if (rest.Length < 2)
                return false;
            writer.Append(" len ");
            writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(rest));
            rest = rest[2..];
            if (rest.Length >= 2)
            {
                writer.Append(" csum 0x");
                writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(rest));
                rest = rest[2..];
            }
        }
        return rest.Length == 0;
    }

    private static bool WriteNumber(ref LineWriter writer, ref ReadOnlySpan<byte> rest, bool wide)
    {
        var size = wide ? 8 : 4;
        if (rest.Length < size)
            return false;
        writer.AppendDecimal(wide ? BinaryPrimitives.ReadUInt64BigEndian(rest) : BinaryPrimitives.ReadUInt32BigEndian(rest));
        rest = rest[size..];
        return true;
    }

    /// <summary>ADD_ADDR: the length alone says IPv4 or IPv6, with or without port and HMAC.</summary>
    private static bool WriteAddAddress(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> option)
    {
        var length = option.Length;
        if (length is not (8 or 10 or 16 or 18 or 20 or 22 or 28 or 30))
            return false;
        writer.Append((option[2] & 0x0f) switch
        {
            0x6 => " v0-ip6",
            0x4 => " v0-ip4",
            0x1 => " v1-echo",
            0x0 => " v1",
            _ => " [bad version/echo]",
        });
        writer.Append(" id ");
        writer.AppendDecimal(option[3]);
        writer.Append(' ');
        var ipv4 = length <= 18;
        var addressLength = ipv4 ? 4 : 16;
        state.WriteIpAddress(ref writer, option.Slice(4, addressLength));
        var withPort = length is 10 or 18 or 22 or 30;
        if (withPort)
        {
            writer.Append(':');
            writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(option[(4 + addressLength)..]));
        }
        if (length is 16 or 18 or 28 or 30)
        {
            writer.Append(" hmac 0x");
            writer.AppendHex(BinaryPrimitives.ReadUInt64BigEndian(option[(4 + addressLength + (withPort ? 2 : 0))..]));
        }
        return true;
    }
}
