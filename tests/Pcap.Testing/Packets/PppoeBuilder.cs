namespace Pcap.Testing.Packets;

/// <summary>PPPoE discovery (0x8863) and session (0x8864) headers.</summary>
public static class PppoeBuilder
{
    /// <summary>EtherType of PPPoE discovery.</summary>
    public const ushort DiscoveryEtherType = 0x8863;

    /// <summary>EtherType of PPPoE session.</summary>
    public const ushort SessionEtherType = 0x8864;

    /// <summary>Session ids the expression corpus names.</summary>
    public static readonly int[] SessionIds = [0, 1, 0x1234, 0xffff];

    /// <summary>A discovery packet (PADI, PADO, PADR, PADS or PADT) with service-name and host-uniq tags.</summary>
    public static byte[] Discovery(Random random)
    {
        int code = new[] { 0x09, 0x07, 0x19, 0x65, 0xa7 }[random.Next(5)];
        var tags = new ByteWriter().U16(0x0101).U16(0).U16(0x0103).U16(4).U32((uint)random.Next());
        return new ByteWriter().U8(0x11).U8(code).U16(code is 0x65 or 0xa7 ? SessionIds[random.Next(SessionIds.Length)] : 0)
            .U16(tags.Length).Bytes(tags.Written).ToArray();
    }

    /// <summary>A session packet carrying a PPP frame of protocol <paramref name="pppProtocol"/>.</summary>
    public static byte[] Session(int sessionId, ushort pppProtocol, ReadOnlySpan<byte> payload) =>
        new ByteWriter().U8(0x11).U8(0).U16(sessionId).U16(2 + payload.Length).U16(pppProtocol).Bytes(payload).ToArray();

    /// <summary>A session id: from the pool most of the time.</summary>
    public static int NextSessionId(Random random) => random.Next(4) == 0 ? random.Next(65536) : SessionIds[random.Next(SessionIds.Length)];
}
