using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Pcap.Filter;
using Pcap.Native;

namespace Pcap.Cli.Lab;

/// <summary>
/// The one seam where a captured packet becomes a line of text, used by live capture and by the lab.
/// It prints tcpdump's framing (time, interface and direction on <c>-i any</c>, <c>-e</c> addresses) and the ARP and
/// ICMP-echo summaries the seed walkthrough needs; Pcap.Decode's tcpdump formatter replaces the body when it lands.
/// </summary>
internal static class PacketLine
{
    /// <summary>One line for <paramref name="packet"/>, like <c>tcpdump -n</c> (with <c>-e</c> when <paramref name="linkHeader"/>).</summary>
    public static string Format(in CapturedPacket packet, bool linkHeader)
    {
        var text = new StringBuilder(128);
        var time = DateTimeOffset.FromUnixTimeMilliseconds(packet.TimestampNanoseconds / 1_000_000).UtcDateTime;
        text.Append(time.ToString("HH:mm:ss", CultureInfo.InvariantCulture))
            .Append('.').Append((packet.TimestampNanoseconds / 1000 % 1_000_000).ToString("D6", CultureInfo.InvariantCulture)).Append(' ');

        ReadOnlySpan<byte> data = packet.Data;
        ushort etherType;
        ReadOnlySpan<byte> payload;
        if (packet.LinkType == LinkType.LinuxSll2)
        {
            if (data.Length < 20)
                return text.Append("[|sll2]").ToString();
            text.Append(packet.InterfaceName).Append(' ').Append(DirectionMarker(packet.Direction)).Append(' ');
            etherType = BinaryPrimitives.ReadUInt16BigEndian(data);
            if (linkHeader)
                text.Append(FormatMac(data.Slice(12, Math.Min(data[11], (byte)8)))).Append(" ethertype ").Append(EtherTypeName(etherType))
                    .Append(" (0x").Append(etherType.ToString("x4", CultureInfo.InvariantCulture)).Append("), length ").Append(packet.WireLength).Append(": ");
            payload = data[20..];
        }
        else
        {
            if (data.Length < 14)
                return text.Append("[|ether]").ToString();
            etherType = BinaryPrimitives.ReadUInt16BigEndian(data[12..]);
            int headerLength = 14;
            if (linkHeader)
                text.Append(FormatMac(data[6..12])).Append(" > ").Append(FormatMac(data[..6]));
            if (etherType == 0x8100 && data.Length >= 18)
            {
                if (linkHeader)
                    text.Append(", ethertype 802.1Q (0x8100), length ").Append(packet.WireLength)
                        .Append(": vlan ").Append(BinaryPrimitives.ReadUInt16BigEndian(data[14..]) & 0xfff);
                etherType = BinaryPrimitives.ReadUInt16BigEndian(data[16..]);
                headerLength = 18;
            }
            if (linkHeader)
                text.Append(", ethertype ").Append(EtherTypeName(etherType)).Append(" (0x")
                    .Append(etherType.ToString("x4", CultureInfo.InvariantCulture)).Append("), length ").Append(packet.WireLength).Append(": ");
            payload = data[headerLength..];
        }

        return etherType switch
        {
            0x0806 => AppendArp(text, payload),
            0x0800 => AppendIpv4(text, payload),
            0x86dd => text.Append("IP6").ToString(),
            _ => text.Append("ethertype 0x").Append(etherType.ToString("x4", CultureInfo.InvariantCulture)).ToString(),
        };
    }

    /// <summary>tcpdump's direction marker on <c>-i any</c>.</summary>
    public static string DirectionMarker(PacketDirection direction) => direction switch
    {
        PacketDirection.Host => "In ",
        PacketDirection.Broadcast => "B  ",
        PacketDirection.Multicast => "M  ",
        PacketDirection.OtherHost => "P  ",
        PacketDirection.Outgoing => "Out",
        _ => "?  ",
    };

    private static string AppendArp(StringBuilder text, ReadOnlySpan<byte> arp)
    {
        if (arp.Length < 28)
            return text.Append("ARP, [|arp]").ToString();
        ushort operation = BinaryPrimitives.ReadUInt16BigEndian(arp[6..]);
        var senderMac = arp[8..14];
        var senderIp = arp[14..18];
        var targetIp = arp[24..28];
        text.Append("ARP, ");
        return operation switch
        {
            1 => text.Append("Request who-has ").Append(FormatIp(targetIp)).Append(" tell ").Append(FormatIp(senderIp))
                .Append(", length ").Append(arp.Length).ToString(),
            2 => text.Append("Reply ").Append(FormatIp(senderIp)).Append(" is-at ").Append(FormatMac(senderMac))
                .Append(", length ").Append(arp.Length).ToString(),
            _ => text.Append("operation ").Append(operation).ToString(),
        };
    }

    private static string AppendIpv4(StringBuilder text, ReadOnlySpan<byte> ip)
    {
        if (ip.Length < 20)
            return text.Append("IP [|ip]").ToString();
        int headerLength = (ip[0] & 0xf) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        text.Append("IP ").Append(FormatIp(ip[12..16])).Append(" > ").Append(FormatIp(ip[16..20])).Append(": ");
        if (ip[9] != 1 || ip.Length < headerLength + 8)
            return text.Append("ip-proto-").Append(ip[9]).Append(' ').Append(totalLength - headerLength).ToString();
        var icmp = ip[headerLength..];
        string kind = icmp[0] switch { 8 => "echo request", 0 => "echo reply", 3 => "unreachable", 11 => "time exceeded", _ => $"type {icmp[0]}" };
        text.Append("ICMP ").Append(kind);
        if (icmp[0] is 0 or 8)
            text.Append(", id ").Append(BinaryPrimitives.ReadUInt16BigEndian(icmp[4..])).Append(", seq ").Append(BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]));
        return text.Append(", length ").Append(totalLength - headerLength).ToString();
    }

    private static string EtherTypeName(ushort type) => type switch
    {
        0x0800 => "IPv4",
        0x0806 => "ARP",
        0x86dd => "IPv6",
        0x8100 => "802.1Q",
        _ => "Unknown",
    };

    private static string FormatIp(ReadOnlySpan<byte> address) => $"{address[0]}.{address[1]}.{address[2]}.{address[3]}";

    private static string FormatMac(ReadOnlySpan<byte> mac) => Convert.ToHexStringLower(mac) is var hex && hex.Length > 0
        ? string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)))
        : "";
}
