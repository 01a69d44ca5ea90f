namespace Pcap.Testing.Packets;

/// <summary>Ethernet II and 802.3 frame headers.</summary>
public static class EthernetFrameBuilder
{
    /// <summary>The Ethernet header length.</summary>
    public const int HeaderLength = 14;

    /// <summary>A frame: destination, source, EtherType (or 802.3 length) and <paramref name="payload"/>, padded to 60 bytes when <paramref name="pad"/>.</summary>
    public static byte[] Build(byte[] destination, byte[] source, ushort typeOrLength, ReadOnlySpan<byte> payload, bool pad)
    {
        var w = new ByteWriter().Bytes(destination).Bytes(source).U16(typeOrLength).Bytes(payload);
        if (pad && w.Length < 60) w.Zeros(60 - w.Length);
        return w.ToArray();
    }
}
