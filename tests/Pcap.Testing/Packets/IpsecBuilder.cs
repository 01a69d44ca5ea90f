namespace Pcap.Testing.Packets;

/// <summary>IPsec headers: AH in front of an inner transport segment, and ESP with an opaque payload.</summary>
public static class IpsecBuilder
{
    /// <summary>An authentication header (12-byte ICV) followed by <paramref name="inner"/>, whose protocol is <paramref name="nextHeader"/>.</summary>
    public static byte[] AuthenticationHeader(Random random, byte nextHeader, ReadOnlySpan<byte> inner) =>
        new ByteWriter().U8(nextHeader).U8(4).U16(0).U32((uint)random.Next(1, 5000)).U32((uint)random.Next(1, 100))
            .RandomBytes(random, 12).Bytes(inner).ToArray();

    /// <summary>An ESP packet: SPI, sequence number and random ciphertext.</summary>
    public static byte[] EncapsulatingSecurityPayload(Random random) =>
        new ByteWriter().U32((uint)random.Next(1, 5000)).U32((uint)random.Next(1, 100)).RandomBytes(random, random.Next(16, 80)).ToArray();
}
