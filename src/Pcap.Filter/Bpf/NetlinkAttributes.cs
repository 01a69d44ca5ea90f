using System.Buffers.Binary;

namespace Pcap.Filter.Bpf;

/// <summary>
/// The kernel's netlink attribute search behind <c>SKF_AD_NLATTR</c> and <c>SKF_AD_NLATTR_NEST</c>: attributes are
/// <c>{ u16 len; u16 type; }</c> headers in host (little-endian) order, each padded to 4 bytes.
/// </summary>
internal static class NetlinkAttributes
{
    private const int HeaderLength = 4;
    private const ushort TypeMask = 0x3fff; // drops NLA_F_NESTED and NLA_F_NET_BYTEORDER

    /// <summary>The offset of the first attribute of type <paramref name="type"/> at or after <paramref name="offset"/>, or 0.</summary>
    public static uint Find(ReadOnlySpan<byte> packet, uint offset, uint type)
    {
        if ((uint)packet.Length < HeaderLength || offset > (uint)packet.Length - HeaderLength)
            return 0;
        return Search(packet, (int)offset, packet.Length - (int)offset, type);
    }

    /// <summary>The offset of the first attribute of type <paramref name="type"/> nested in the attribute at <paramref name="offset"/>, or 0.</summary>
    public static uint FindNested(ReadOnlySpan<byte> packet, uint offset, uint type)
    {
        if ((uint)packet.Length < HeaderLength || offset > (uint)packet.Length - HeaderLength)
            return 0;
        int outerLength = BinaryPrimitives.ReadUInt16LittleEndian(packet.Slice((int)offset));
        if (outerLength > packet.Length - (int)offset)
            return 0;
        return Search(packet, (int)offset + HeaderLength, outerLength - HeaderLength, type);
    }

    private static uint Search(ReadOnlySpan<byte> packet, int start, int remaining, uint type)
    {
        while (remaining >= HeaderLength)
        {
            int length = BinaryPrimitives.ReadUInt16LittleEndian(packet.Slice(start));
            if (length < HeaderLength || length > remaining)
                return 0;
            if ((BinaryPrimitives.ReadUInt16LittleEndian(packet.Slice(start + 2)) & TypeMask) == type)
                return (uint)start;
            var aligned = (length + 3) & ~3;
            start += aligned;
            remaining -= aligned;
        }
        return 0;
    }
}
