namespace Pcap.Testing.Packets;

/// <summary>UDP datagrams with a correct length and checksum most of the time.</summary>
public static class UdpBuilder
{
    /// <summary>Builds a datagram carrying <paramref name="payload"/>.</summary>
    public static byte[] Build(Random random, byte[] source, byte[] destination, int sourcePort, int destinationPort,
        ReadOnlySpan<byte> payload, out string description)
    {
        var w = new ByteWriter().U16(sourcePort).U16(destinationPort).U16(8 + payload.Length).U16(0).Bytes(payload);
        int checksum = Checksums.WithPseudoHeader(source, destination, 17, w.Written);
        // Zero means "no checksum" over IPv4; 0xffff carries a computed zero.
        w.PatchU16(6, checksum == 0 ? 0xffff : checksum);
        if (random.Next(10) == 0 && source.Length == 4) w.PatchU16(6, 0);
        if (random.Next(30) == 0) w.PatchU16(4, random.Next(65536));
        description = $"udp {sourcePort}>{destinationPort} len {payload.Length}";
        return w.ToArray();
    }
}
