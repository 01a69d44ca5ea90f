namespace Pcap.Testing.Packets;

/// <summary>802.1Q / 802.1ad tags: a TPID and a TCI in front of the next EtherType.</summary>
public static class VlanTagBuilder
{
    /// <summary>TPIDs libpcap recognises as VLAN tags.</summary>
    public static readonly ushort[] Tpids = [0x8100, 0x88a8, 0x9100];

    /// <summary>VLAN ids the expression corpus names.</summary>
    public static readonly int[] Ids = [0, 1, 2, 10, 100, 200, 1000, 4094, 4095];

    /// <summary>A VLAN id: from the pool most of the time.</summary>
    public static int NextId(Random random) => random.Next(4) == 0 ? random.Next(4096) : Ids[random.Next(Ids.Length)];

    /// <summary>The tag's TCI followed by <paramref name="innerType"/> and <paramref name="payload"/> (the TPID is the outer EtherType).</summary>
    public static byte[] Build(Random random, int vlanId, ushort innerType, ReadOnlySpan<byte> payload) =>
        new ByteWriter().U16(random.Next(8) << 13 | random.Next(8) / 7 << 12 | vlanId).U16(innerType).Bytes(payload).ToArray();
}
