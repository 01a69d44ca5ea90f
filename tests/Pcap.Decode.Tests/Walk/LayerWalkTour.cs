using Pcap.Decode.Walk;

namespace Pcap.Decode.Tests.Walk;

/// <summary>Reads the view of a listed layer, touching a field of each, the way a library user would.</summary>
internal static class LayerWalkTour
{
    public static bool Reads(PacketLayers layers, LayerKind kind) => kind switch
    {
        LayerKind.Ethernet => layers.TryGetEthernet(out var e) && e.EtherType.Value >= 0,
        LayerKind.Vlan => layers.TryGetVlan(out var v) && v.VlanId >= 0,
        LayerKind.LinuxSll => layers.TryGetLinuxSll(out var s) && s.Protocol >= 0,
        LayerKind.LinuxSll2 => layers.TryGetLinuxSll2(out var s2) && s2.Protocol >= 0,
        LayerKind.Null => layers.TryGetNull(false, out var n) && n.Family >= 0,
        LayerKind.Llc => layers.TryGetLlc(out var l) && l.Dsap >= 0,
        LayerKind.Snap => layers.TryGetSnap(out var sn) && sn.Oui >= 0,
        LayerKind.Arp => layers.TryGetArp(out var a) && a.Operation >= 0,
        LayerKind.Ipv4 => layers.TryGetIpv4(out var ip) && ip.TimeToLive >= 0,
        LayerKind.Ipv6 => layers.TryGetIpv6(out var ip6) && ip6.HopLimit >= 0,
        LayerKind.Ipv6Extension => layers.TryGetIpv6Extension(out var x) && x.Length >= 8,
        LayerKind.Icmp => layers.TryGetIcmp(out var i) && i.Type >= 0,
        LayerKind.Icmpv6 => layers.TryGetIcmpv6(out var i6) && i6.Type >= 0,
        LayerKind.Udp => layers.TryGetUdp(out var u) && u.SourcePort >= 0,
        LayerKind.Tcp => layers.TryGetTcp(out var t) && t.Window >= 0,
        LayerKind.Application => !layers.ApplicationPayload.IsEmpty,
        _ => false,
    };

    /// <summary>Reads every listed layer; the count of those that read.</summary>
    public static int ReadAll(PacketLayers layers)
    {
        int read = 0;
        foreach (var layer in layers.Layers)
        {
            if (Reads(layers, layer.Kind))
                read++;
        }
        return read;
    }
}
