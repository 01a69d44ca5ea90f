namespace Pcap.Testing.Packets;

/// <summary>PIMv2 messages: hello with a holdtime option, or a minimal body of another type.</summary>
public static class PimBuilder
{
    /// <summary>Builds a message with a correct checksum.</summary>
    public static byte[] Build(Random random, out string description)
    {
        int type = random.Next(3) == 0 ? random.Next(9) : 0;
        var w = new ByteWriter().U8(0x20 | type).U8(0).U16(0);
        if (type == 0)
            w.U16(1).U16(2).U16(105);
        else
            w.RandomBytes(random, random.Next(4, 24));
        w.PatchU16(2, Checksums.Internet(w.Written));
        description = $"pim type {type}";
        return w.ToArray();
    }
}
