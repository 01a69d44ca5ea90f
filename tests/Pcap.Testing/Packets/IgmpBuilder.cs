namespace Pcap.Testing.Packets;

/// <summary>IGMP v1/v2 queries, reports and leaves, and a v3 report with one group record.</summary>
public static class IgmpBuilder
{
    /// <summary>Builds a message with a correct checksum.</summary>
    public static byte[] Build(Random random, out string description)
    {
        int type = random.Next(5) switch { 0 => 0x11, 1 => 0x12, 2 => 0x16, 3 => 0x17, _ => 0x22 };
        var w = new ByteWriter();
        if (type == 0x22)
            w.U8(type).U8(0).U16(0).U16(0).U16(1).U8(random.Next(1, 7)).U8(0).U16(0).Bytes(AddressPool.Ipv4[16]);
        else
            w.U8(type).U8(type == 0x11 ? 100 : 0).U16(0).Bytes(type == 0x11 && random.Next(2) == 0 ? new byte[4] : AddressPool.NextIpv4(random));
        w.PatchU16(2, Checksums.Internet(w.Written));
        description = $"igmp type 0x{type:x2}";
        return w.ToArray();
    }
}
