using System.Buffers.Binary;

namespace Pcap.Testing.Packets;

/// <summary>The checksums the builders fill in so tcpdump prints the packets as valid.</summary>
public static class Checksums
{
    /// <summary>The RFC 1071 one's-complement sum of <paramref name="data"/> added to <paramref name="initial"/>, not yet folded.</summary>
    public static uint Sum(ReadOnlySpan<byte> data, uint initial = 0)
    {
        uint sum = initial;
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length)
            sum += (uint)data[i] << 8;
        return sum;
    }

    /// <summary>Folds a sum to 16 bits and complements it: the value to store in the checksum field.</summary>
    public static ushort Fold(uint sum)
    {
        while (sum > 0xffff)
            sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }

    /// <summary>The Internet checksum of <paramref name="data"/> (IPv4 header, ICMP, IGMP, PIM, VRRP).</summary>
    public static ushort Internet(ReadOnlySpan<byte> data) => Fold(Sum(data));

    /// <summary>The TCP/UDP/ICMPv6 checksum over the IPv4 or IPv6 pseudo-header and <paramref name="segment"/>.</summary>
    public static ushort WithPseudoHeader(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte protocol, ReadOnlySpan<byte> segment)
    {
        uint sum = Sum(source) + Sum(destination) + protocol + (uint)(segment.Length & 0xffff) + (uint)(segment.Length >> 16);
        return Fold(Sum(segment, sum));
    }

    private static readonly uint[] Crc32cTable = BuildCrc32cTable();

    private static uint[] BuildCrc32cTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0x82F63B78 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    /// <summary>CRC-32C (Castagnoli), SCTP's checksum (RFC 4960 appendix B), stored little-endian.</summary>
    public static uint Crc32c(ReadOnlySpan<byte> data)
    {
        uint crc = 0xffffffff;
        foreach (var b in data)
            crc = Crc32cTable[(crc ^ b) & 0xff] ^ (crc >> 8);
        return ~crc;
    }
}
