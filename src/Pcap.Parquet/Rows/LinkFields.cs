using Pcap.Decode.Walk;

namespace Pcap.Parquet.Rows;

/// <summary>Fills the link columns: Ethernet addresses and type, VLAN IDs, and the cooked headers' interface and packet type.</summary>
internal static class LinkFields
{
    /// <summary>Fills <paramref name="row"/> of <paramref name="rows"/> from the link layers of <paramref name="layers"/>.</summary>
    public static void Fill(PacketRowGroup rows, int row, in PacketLayers layers, AddressText text)
    {
        if (layers.TryGetEthernet(out var ethernet))
        {
            rows.EthSource[row] = text.Mac(ethernet.Source);
            rows.EthDestination[row] = text.Mac(ethernet.Destination);
            rows.EthType[row] = ethernet.TypeOrLength;
        }
        else if (layers.TryGetLinuxSll2(out var sll2))
        {
            rows.IfIndex[row] = (int)sll2.InterfaceIndex;
            rows.PacketType[row] = PacketTypeName(sll2.PacketType);
            rows.EthType[row] = sll2.Protocol;
        }
        else if (layers.TryGetLinuxSll(out var sll))
        {
            rows.PacketType[row] = PacketTypeName(sll.PacketType);
            rows.EthType[row] = sll.Protocol;
        }
        if (layers.TryGetVlan(out var vlan))
        {
            rows.VlanId[row] = vlan.VlanId;
            if (layers.TryGetVlan(out var inner, 1))
                rows.VlanInnerId[row] = inner.VlanId;
        }
    }

    /// <summary>The Linux packet type as a word: host, broadcast, multicast, otherhost, outgoing (or its number).</summary>
    public static string PacketTypeName(LinuxPacketType type) => type switch
    {
        LinuxPacketType.Host => "host",
        LinuxPacketType.Broadcast => "broadcast",
        LinuxPacketType.Multicast => "multicast",
        LinuxPacketType.OtherHost => "otherhost",
        LinuxPacketType.Outgoing => "outgoing",
        _ => ((ushort)type).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
