using System.Buffers.Binary;
using System.Net;
using System.Text;
using Pcap.Decode.Application;
using Pcap.Decode.Files;
using Pcap.Decode.Walk;

namespace Pcap.Parquet.Tests.Support;

/// <summary>
/// What each column should hold for a packet, read straight from the layer walk's views in the plainest way (strings for
/// the text protocols), kept apart from the exporter's own code so that the two check each other.
/// </summary>
internal static class WalkOracle
{
    /// <summary>Column name → expected value (null for SQL NULL) for <paramref name="packet"/>, the <paramref name="number"/>-th of its file.</summary>
    public static Dictionary<string, object?> Expected(LayerWalker walker, in CapturedPacket packet, long number)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["frame_timestamp_ns"] = packet.TimestampNanoseconds,
            ["frame_number"] = number,
            ["frame_interface_id"] = (long)packet.InterfaceId,
            ["frame_link_type"] = (long)packet.LinkType.Value,
            ["frame_captured_length"] = (long)packet.Data.Length,
            ["frame_wire_length"] = (long)packet.WireLength,
        };
        var layers = walker.Walk(packet.LinkType, packet.Data);
        if (layers.TryGetEthernet(out var ethernet))
        {
            row["eth_src"] = Mac(ethernet.Source);
            row["eth_dst"] = Mac(ethernet.Destination);
            row["eth_type"] = (long)ethernet.TypeOrLength;
        }
        if (layers.TryGetLinuxSll2(out var sll2))
        {
            row["link_ifindex"] = (long)(int)sll2.InterfaceIndex;
            row["link_packet_type"] = sll2.PacketType.ToString().ToLowerInvariant();
            row["eth_type"] = (long)sll2.Protocol;
        }
        if (layers.TryGetVlan(out var vlan))
            row["vlan_id"] = (long)vlan.VlanId;
        if (layers.TryGetVlan(out var inner, 1))
            row["vlan_inner_id"] = (long)inner.VlanId;
        if (layers.TryGetArp(out var arp))
        {
            row["arp_operation"] = (long)arp.Operation;
            row["arp_sender_ip"] = Ip(arp.SenderProtocolAddress);
            row["arp_target_ip"] = Ip(arp.TargetProtocolAddress);
        }
        if (layers.TryGetIpv4(out var ipv4))
        {
            row["ip_version"] = 4L;
            row["ip_src"] = new IPAddress(ipv4.Source).ToString();
            row["ip_dst"] = new IPAddress(ipv4.Destination).ToString();
            row["ip_proto"] = (long)ipv4.Protocol.Value;
            row["ip_ttl"] = (long)ipv4.TimeToLive;
            row["ip_length"] = (long)ipv4.TotalLength;
            row["ip_id"] = (long)ipv4.Identification;
            row["ip_dont_fragment"] = (ipv4.FlagsAndOffset & 0x4000) != 0;
            row["ip_more_fragments"] = (ipv4.FlagsAndOffset & 0x2000) != 0;
            row["ip_fragment_offset"] = (long)((ipv4.FlagsAndOffset & 0x1fff) * 8);
        }
        else if (layers.TryGetIpv6(out var ipv6))
        {
            row["ip_version"] = 6L;
            row["ip_src"] = new IPAddress(ipv6.Source).ToString();
            row["ip_dst"] = new IPAddress(ipv6.Destination).ToString();
            row["ip_ttl"] = (long)ipv6.HopLimit;
            row["ip_length"] = 40L + ipv6.PayloadLength;
            var chain = new List<string>();
            long protocol = ipv6.NextHeader.Value;
            for (int i = 0; layers.TryGetIpv6Extension(out var extension, i); i++)
            {
                chain.Add(extension.Kind.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                protocol = extension.NextHeader.Value;
                if (extension.Kind.Value == 44)
                {
                    row["ip_id"] = (long)extension.FragmentIdentification;
                    row["ip_more_fragments"] = extension.MoreFragments;
                    row["ip_fragment_offset"] = (long)extension.FragmentOffset;
                }
            }
            row["ip_proto"] = protocol;
            if (chain.Count > 0)
                row["ip6_extensions"] = string.Join(',', chain);
        }
        if (layers.TryGetTcp(out var tcp))
        {
            row["tcp_src_port"] = (long)tcp.SourcePort;
            row["tcp_dst_port"] = (long)tcp.DestinationPort;
            row["tcp_flags"] = (long)tcp.Flags;
            row["tcp_seq"] = (long)tcp.SequenceNumber;
            row["tcp_ack"] = (long)tcp.AcknowledgementNumber;
            row["tcp_window"] = (long)tcp.Window;
        }
        else if (layers.TryGetUdp(out var udp))
        {
            row["udp_src_port"] = (long)udp.SourcePort;
            row["udp_dst_port"] = (long)udp.DestinationPort;
            row["udp_length"] = (long)udp.DatagramLength;
        }
        else if (layers.TryGetIcmp(out var icmp))
        {
            row["icmp_type"] = (long)icmp.Type;
            row["icmp_code"] = (long)icmp.Code;
        }
        else if (layers.TryGetIcmpv6(out var icmp6))
        {
            row["icmp6_type"] = (long)icmp6.Type;
            row["icmp6_code"] = (long)icmp6.Code;
        }
        if (layers.Application != ApplicationProtocol.None)
        {
            row["app_protocol"] = layers.Application.ToString().ToLowerInvariant();
            var payload = layers.ApplicationPayload;
            switch (layers.Application)
            {
                case ApplicationProtocol.Dns or ApplicationProtocol.Mdns or ApplicationProtocol.Llmnr:
                    Dns(row, payload, layers.Contains(LayerKind.Tcp));
                    break;
                case ApplicationProtocol.Bootp:
                    Dhcp(row, payload);
                    break;
                case ApplicationProtocol.Http:
                    Http(row, payload);
                    break;
                case ApplicationProtocol.Vxlan when payload.Length >= 8:
                    row["vxlan_vni"] = (long)(payload[4] << 16 | payload[5] << 8 | payload[6]);
                    break;
            }
        }
        if (layers.Error.IsError)
            row["decode_error"] = layers.Error.ToString();
        return row;
    }

    // The DNS view's fields; names are the labels DnsName walks (pointers followed as tcpdump follows them), null when cut short.
    private static void Dns(Dictionary<string, object?> row, ReadOnlySpan<byte> payload, bool tcp)
    {
        bool read = tcp ? DnsMessage.TryReadTcp(payload, out var message, out _) : DnsMessage.TryRead(payload, out message, out _);
        if (!read)
            return;
        row["dns_id"] = (long)message.Id;
        row["dns_response"] = message.IsResponse;
        row["dns_rcode"] = (long)(message.Flags & 0xf);
        row["dns_answer_count"] = (long)message.AnswerCount;
        int offset = 12;
        for (int i = 0; i < message.QuestionCount; i++)
        {
            int end = message.SkipName(offset);
            if (i == 0)
            {
                row["dns_question"] = Name(message, offset);
                if (end >= 0 && message.ReadUInt16(end) >= 0)
                    row["dns_question_type"] = (long)message.ReadUInt16(end);
            }
            if (end < 0)
                return;
            offset = end + 4;
        }
        var values = new List<string>();
        var bytes = message.Bytes;
        for (int i = 0; i < Math.Min((int)message.AnswerCount, 32); i++)
        {
            int end = message.SkipName(offset);
            if (end < 0 || end + 10 > bytes.Length)
                break;
            int type = message.ReadUInt16(end);
            int length = message.ReadUInt16(end + 8);
            int data = end + 10;
            if (data + length > bytes.Length)
                break;
            string? value = (type, length) switch
            {
                (1, 4) or (28, 16) => new IPAddress(bytes.Slice(data, length)).ToString(),
                (5 or 12 or 2, _) => Name(message, data),
                _ => null,
            };
            values.Add(value ?? $"TYPE{type}");
            offset = data + length;
        }
        if (values.Count > 0)
            row["dns_answers"] = string.Join(',', values);
    }

    private static string? Name(DnsMessage message, int offset)
    {
        var bytes = message.Bytes;
        var name = message.NameAt(offset);
        var labels = new List<string>();
        int after = -1;
        for (var step = name.MoveNext(); ; step = name.MoveNext())
        {
            if (step == DnsNameStep.Root)
                return ".";
            if (step == DnsNameStep.End)
                return after >= bytes.Length ? null : labels.Count == 0 ? "." : string.Join('.', labels);
            if (step != DnsNameStep.Label)
                return null;
            after = name.LabelOffset + name.LabelLength;
            if (after > bytes.Length)
                return null;
            labels.Add(string.Concat(bytes.Slice(name.LabelOffset, name.LabelLength).ToArray()
                .Select(b => b is > 0x20 and < 0x7f and not (byte)'.' and not (byte)'\\' ? ((char)b).ToString() : $"\\{b:D3}")));
        }
    }

    private static void Dhcp(Dictionary<string, object?> row, ReadOnlySpan<byte> message)
    {
        if (message.Length < 236)
            return;
        if (message[1] == 1 && message[2] == 6)
            row["dhcp_client_mac"] = Mac(message.Slice(28, 6));
        byte[]? requested = null;
        if (message.Length >= 240 && BinaryPrimitives.ReadUInt32BigEndian(message[236..]) == 0x63825363)
        {
            for (int i = 240; i < message.Length;)
            {
                byte code = message[i];
                if (code == 255)
                    break;
                if (code == 0)
                {
                    i++;
                    continue;
                }
                if (i + 1 >= message.Length || i + 2 + message[i + 1] > message.Length)
                    break;
                var value = message.Slice(i + 2, message[i + 1]);
                if (code == 53 && value.Length == 1)
                    row["dhcp_message_type"] = (long)value[0];
                if (code == 50 && value.Length == 4)
                    requested = value.ToArray();
                i += 2 + value.Length;
            }
        }
        var client = message.Slice(12, 4).ToArray();
        if (client.All(b => b == 0))
            client = requested ?? message.Slice(16, 4).ToArray();
        if (!client.All(b => b == 0))
            row["dhcp_client_ip"] = new IPAddress(client).ToString();
    }

    private static readonly string[] Methods = ["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT", "PATCH",
        "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "ORDERPATCH", "MKACTIVITY", "CHECKOUT", "MERGE", "REPORT",
        "UPDATE", "LABEL", "VERSION-CONTROL", "CHECKIN", "UNCHECKOUT", "MKWORKSPACE", "BASELINE-CONTROL", "MKREDIRECTREF",
        "UPDATEREDIRECTREF", "ACL", "SEARCH"];

    private static void Http(Dictionary<string, object?> row, ReadOnlySpan<byte> payload)
    {
        var text = Encoding.Latin1.GetString(payload[..Math.Min(payload.Length, 8192)]);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var words = lines[0].Split(' ');
        if (lines[0].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            if (words.Length >= 2 && words[1].Length == 3 && words[1].All(char.IsAsciiDigit))
                row["http_status"] = long.Parse(words[1], System.Globalization.CultureInfo.InvariantCulture);
            return;
        }
        if (words.Length < 2 || !Methods.Contains(words[0], StringComparer.Ordinal))
            return;
        row["http_method"] = words[0];
        if (words[1].Length > 0)
            row["http_path"] = words[1];
        if (lines.Length == 1)
            return;
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0)
                break;
            if (line.Length > 5 && line.StartsWith("host:", StringComparison.OrdinalIgnoreCase))
            {
                row["http_host"] = line[5..].Trim(' ').Trim('\t');
                break;
            }
        }
    }

    private static string? Ip(ReadOnlySpan<byte> address) => address.Length is 4 or 16 ? new IPAddress(address).ToString() : null;

    private static string Mac(ReadOnlySpan<byte> address) => string.Join(':', address.ToArray().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
