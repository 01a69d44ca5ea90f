namespace Pcap.Testing.Packets;

/// <summary>VRRPv2 advertisements (IP protocol 112, which CARP shares).</summary>
public static class VrrpBuilder
{
    /// <summary>Builds an advertisement for one virtual address with a correct checksum.</summary>
    public static byte[] Build(Random random, out string description)
    {
        int vrid = random.Next(1, 256);
        var w = new ByteWriter().U8(0x21).U8(vrid).U8(100).U8(1).U8(0).U8(1).U16(0)
            .Bytes(AddressPool.NextIpv4(random)).U32(0).U32(0);
        w.PatchU16(6, Checksums.Internet(w.Written));
        description = $"vrrp vrid {vrid}";
        return w.ToArray();
    }
}
