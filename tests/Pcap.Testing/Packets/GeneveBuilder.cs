namespace Pcap.Testing.Packets;

/// <summary>Geneve headers (UDP port 6081) in front of an inner Ethernet frame.</summary>
public static class GeneveBuilder
{
    /// <summary>The UDP port Geneve uses.</summary>
    public const int Port = 6081;

    /// <summary>VNIs the expression corpus names.</summary>
    public static readonly int[] Vnis = [0, 1, 2, 5, 10];

    /// <summary>A Geneve header with VNI <paramref name="vni"/>, optional options, and the inner Ethernet frame.</summary>
    public static byte[] Build(Random random, int vni, ReadOnlySpan<byte> innerFrame)
    {
        int optionWords = random.Next(3) == 0 ? 2 : 0;
        var w = new ByteWriter().U8(optionWords).U8(0).U16(0x6558).U32((uint)vni << 8);
        if (optionWords > 0)
            w.U16(0x0102).U8(0x80).U8(1).U32((uint)random.Next());
        return w.Bytes(innerFrame).ToArray();
    }
}
