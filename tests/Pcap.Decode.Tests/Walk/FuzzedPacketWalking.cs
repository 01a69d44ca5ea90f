using Pcap.Decode.Link;
using Pcap.Decode.Network;
using Pcap.Decode.Transport;
using Pcap.Decode.Walk;

namespace Pcap.Decode.Tests.Walk;

/// <summary>
/// The check the fuzz tests make of one packet's walk: walking never throws, every listed layer lies inside the packet
/// and passes its view's own TryRead, and every view the walk hands out reads all its fields (headers, options,
/// payloads, addresses) without throwing.
/// </summary>
internal static class FuzzedPacketWalking
{
    /// <summary>Walks <paramref name="packet"/> and reads every layer; fails naming the case and its bytes when anything throws or a layer lies outside the packet.</summary>
    public static void AssertWalks(LayerWalker walker, int linkType, int caseIndex, ReadOnlySpan<byte> packet)
    {
        string? problem;
        try
        {
            problem = WalkAndReadAll(walker, (LinkType)linkType, packet);
        }
        catch (Exception e)
        {
            problem = $"threw {e}";
        }
        if (problem is not null)
            Assert.Fail($"case {caseIndex}: link type {linkType}, {Convert.ToHexString(packet)}: the walk {problem}");
    }

    private static string? WalkAndReadAll(LayerWalker walker, LinkType linkType, ReadOnlySpan<byte> packet)
    {
        var layers = walker.Walk(linkType, packet);
        long sum = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers.Layers[i];
            if (layer.Offset < 0 || layer.Length < 0 || layer.End > packet.Length)
                return $"listed {layer} outside its {packet.Length} bytes";
            if (!LayerWalkTour.Reads(layers, layer.Kind))
                return $"listed {layer} but its view does not read";
            if (!ReadsAgain(layer.Kind, layers.BytesOf(i)))
                return $"listed {layer}, which its view's TryRead rejects";
            sum += layers.BytesOf(i).Length;
        }
        sum += ReadEveryField(layers);
        return FirstLayerTableProblem(walker, layers, packet) ?? KeyLayerProblem(walker, layers)
            ?? (sum == long.MinValue ? "read impossible lengths" : null);
    }

    // PacketLayers builds the typed views' spans from the walker's first-layer table without a range check: every kind
    // the walk found must have its entry inside the packet and equal to its first listed layer's bytes.
    private static string? FirstLayerTableProblem(LayerWalker walker, PacketLayers layers, ReadOnlySpan<byte> packet)
    {
        for (int kind = 0; kind < LayerWalker.FirstBuffer.Length; kind++)
        {
            if ((walker._present & 1u << kind) == 0)
                continue;
            var first = walker._first[kind];
            if (first.Offset < 0 || first.Offset > first.End || first.End > packet.Length)
                return $"recorded {(LayerKind)kind} at {first.Offset}..{first.End}, outside its {packet.Length} bytes";
            int index = 0;
            while (index < layers.Count && layers.Layers[index].Kind != (LayerKind)kind)
                index++;
            if (index == layers.Count)
                index = -1;
            if (index < 0 || layers.Layers[index].Offset != first.Offset || layers.Layers[index].Offset + layers.BytesOf(index).Length != first.End)
                return $"recorded {(LayerKind)kind} at {first.Offset}..{first.End}, not where its first listed layer is";
        }
        return null;
    }

    // PacketLayers reads IPv4, TCP, UDP and the application from the offsets it carries (its key layers), also without a
    // range check: they must be the tables' first layers of those kinds (checked inside the packet above), whichever way
    // the walk went. Called after the layer list was read, so a common-path walk has filled the tables.
    private static string? KeyLayerProblem(LayerWalker walker, PacketLayers layers)
    {
        var key = layers.Key;
        string? Differs(LayerKind kind, bool flagged, int offset, int end)
        {
            bool present = (walker._present & 1u << (int)kind) != 0;
            if (present != flagged)
                return $"carried {kind} {(flagged ? "present" : "absent")} where the tables say {(present ? "present" : "absent")}";
            var first = walker._first[(int)kind];
            return present && (first.Offset != offset || first.End != end)
                ? $"carried {kind} at {offset}..{end} where the tables have {first.Offset}..{first.End}"
                : null;
        }
        return Differs(LayerKind.Ipv4, (key.Flags & LayerWalker.KeyFlags.Ipv4) != 0, key.Ipv4Offset, key.DatagramEnd)
            ?? Differs(LayerKind.Tcp, (key.Flags & LayerWalker.KeyFlags.Tcp) != 0, key.TransportOffset, key.DatagramEnd)
            ?? Differs(LayerKind.Udp, (key.Flags & LayerWalker.KeyFlags.Udp) != 0, key.TransportOffset, key.DatagramEnd)
            ?? Differs(LayerKind.Application, walker.ChooseApplication(key) != global::Pcap.Decode.Application.ApplicationProtocol.None,
                key.ApplicationOffset, key.ApplicationEnd)
            ?? (walker.ChooseApplication(key) != walker._application
                ? $"carried application {walker.ChooseApplication(key)}, the tables {walker._application}"
                : null);
    }

    // The walk checks the common headers itself: the views' own TryRead must agree with it.
    private static bool ReadsAgain(LayerKind kind, ReadOnlySpan<byte> bytes) => kind switch
    {
        LayerKind.Ethernet => EthernetHeader.TryRead(bytes, out _, out _),
        LayerKind.Ipv4 => Ipv4Header.TryRead(bytes, out _, out _),
        LayerKind.Ipv6 => Ipv6Header.TryRead(bytes, out _, out _),
        LayerKind.Tcp => TcpHeader.TryRead(bytes, out _, out _),
        LayerKind.Udp => UdpHeader.TryRead(bytes, out _, out _),
        _ => true,
    };

    // Every variable-length accessor, where a bad length would throw if the walk had let an inconsistent header through.
    private static long ReadEveryField(PacketLayers layers)
    {
        long sum = layers.ApplicationPayload.Length + layers.Error.Required;
        if (layers.TryGetEthernet(out var ethernet))
            sum += ethernet.Source[5] + ethernet.Payload.Length;
        for (int i = 0; layers.TryGetVlan(out var tag, i); i++)
            sum += tag.Payload.Length + tag.Priority;
        if (layers.TryGetLinuxSll(out var sll))
            sum += sll.AddressField.Length + sll.Payload.Length;
        if (layers.TryGetLinuxSll2(out var sll2))
            sum += sll2.AddressField.Length + sll2.Payload.Length + (int)sll2.InterfaceIndex;
        if (layers.TryGetSnap(out var snap))
            sum += snap.Payload.Length;
        if (layers.TryGetArp(out var arp))
            sum += arp.SenderHardwareAddress.Length + arp.TargetProtocolAddress.Length;
        if (layers.TryGetIpv4(out var ip))
            sum += ip.Options.Length + ip.HeaderBytes.Length + ip.Payload.Length + ip.Destination[3];
        if (layers.TryGetIpv6(out var ip6))
            sum += ip6.Payload.Length + ip6.Destination[15];
        for (int i = 0; layers.TryGetIpv6Extension(out var extension, i); i++)
            sum += extension.Bytes.Length + extension.Payload.Length;
        if (layers.TryGetIcmp(out var icmp))
            sum += icmp.Type;
        if (layers.TryGetIcmpv6(out var icmp6))
            sum += icmp6.Body.Length + icmp6.SequenceNumber;
        if (layers.TryGetUdp(out var udp))
            sum += udp.Payload.Length + udp.Checksum;
        if (layers.TryGetTcp(out var tcp))
            sum += tcp.Options.Length + tcp.Payload.Length + tcp.Bytes.Length;
        if (layers.TryGetDns(out var dns))
            sum += dns.AdditionalCount + dns.SkipName(global::Pcap.Decode.Application.DnsMessage.HeaderLength);
        return sum;
    }
}
