namespace Pcap.Testing.Packets;

/// <summary>Link headers other than Ethernet: Linux cooked v1 and v2, and the BSD NULL/LOOP address-family word.</summary>
public static class LinkHeaderBuilder
{
    /// <summary>Linux <c>PACKET_*</c> packet types: host, broadcast, multicast, other host, outgoing.</summary>
    public static int NextPacketType(Random random) => random.Next(12) == 0 ? random.Next(8) : random.Next(5);

    /// <summary>A LINUX_SLL header (16 bytes) with protocol <paramref name="protocol"/> in front of <paramref name="payload"/>.</summary>
    public static byte[] LinuxSll(Random random, ushort protocol, ReadOnlySpan<byte> payload)
    {
        var w = new ByteWriter().U16(NextPacketType(random)).U16(random.Next(10) == 0 ? 772 : 1);
        int addressLength = random.Next(10) == 0 ? 0 : 6;
        w.U16(addressLength).Bytes(AddressPool.NextMac(random)).U16(0).U16(protocol).Bytes(payload);
        return w.ToArray();
    }

    /// <summary>Interface indexes the expression corpus names.</summary>
    public static readonly int[] InterfaceIndexes = [1, 2, 3, 5, 10];

    /// <summary>A LINUX_SLL2 header (20 bytes) with protocol <paramref name="protocol"/> in front of <paramref name="payload"/>.</summary>
    public static byte[] LinuxSll2(Random random, ushort protocol, ReadOnlySpan<byte> payload)
    {
        int interfaceIndex = random.Next(5) == 0 ? random.Next() : InterfaceIndexes[random.Next(InterfaceIndexes.Length)];
        return new ByteWriter().U16(protocol).U16(0).U32((uint)interfaceIndex).U16(random.Next(10) == 0 ? 772 : 1)
            .U8(NextPacketType(random)).U8(6).Bytes(AddressPool.NextMac(random)).U16(0).Bytes(payload).ToArray();
    }

    /// <summary>The 4-byte address family of NULL (<paramref name="networkOrder"/> false: little-endian host order) or LOOP (network order).</summary>
    public static byte[] AddressFamily(uint family, bool networkOrder, ReadOnlySpan<byte> payload)
    {
        var w = new ByteWriter();
        if (networkOrder) w.U32(family);
        else w.U32LittleEndian(family);
        return w.Bytes(payload).ToArray();
    }
}
