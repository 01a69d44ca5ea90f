namespace Pcap.Testing.Packets;

/// <summary>MPLS label stacks (EtherType 0x8847/0x8848).</summary>
public static class MplsBuilder
{
    /// <summary>EtherType of MPLS unicast.</summary>
    public const ushort UnicastEtherType = 0x8847;

    /// <summary>EtherType of MPLS multicast.</summary>
    public const ushort MulticastEtherType = 0x8848;

    /// <summary>Labels the expression corpus names.</summary>
    public static readonly int[] Labels = [0, 2, 3, 16, 100, 1000, 0xfffff];

    /// <summary>A stack of <paramref name="labels"/> (last one bottom-of-stack unless <paramref name="noBottom"/>) in front of <paramref name="payload"/>.</summary>
    public static byte[] Build(Random random, IReadOnlyList<int> labels, ReadOnlySpan<byte> payload, bool noBottom = false)
    {
        var w = new ByteWriter();
        for (int i = 0; i < labels.Count; i++)
        {
            bool bottom = i == labels.Count - 1 && !noBottom;
            w.U32((uint)labels[i] << 12 | (uint)random.Next(8) << 9 | (bottom ? 1u << 8 : 0) | (uint)random.Next(1, 256));
        }
        return w.Bytes(payload).ToArray();
    }

    /// <summary>A label: from the pool most of the time.</summary>
    public static int NextLabel(Random random) => random.Next(4) == 0 ? random.Next(1 << 20) : Labels[random.Next(Labels.Length)];
}
