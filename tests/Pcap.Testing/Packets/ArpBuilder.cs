namespace Pcap.Testing.Packets;

/// <summary>ARP and RARP packets for Ethernet/IPv4, with an occasional odd hardware or protocol type.</summary>
public static class ArpBuilder
{
    /// <summary>The EtherType of ARP.</summary>
    public const ushort ArpEtherType = 0x0806;

    /// <summary>The EtherType of RARP.</summary>
    public const ushort RarpEtherType = 0x8035;

    /// <summary>Builds a request or reply; <paramref name="reverse"/> makes it RARP (operations 3 and 4).</summary>
    public static byte[] Build(Random random, bool reverse, out string description)
    {
        int operation = (reverse ? 3 : 1) + random.Next(2);
        if (random.Next(20) == 0) operation = random.Next(10);
        bool odd = random.Next(15) == 0;
        var w = new ByteWriter().U16(odd ? 6 : 1).U16(odd && random.Next(2) == 0 ? 0x86dd : 0x0800).U8(6).U8(4).U16(operation)
            .Bytes(AddressPool.NextMac(random)).Bytes(AddressPool.NextIpv4(random))
            .Bytes(operation is 1 or 3 && random.Next(2) == 0 ? new byte[6] : AddressPool.NextMac(random))
            .Bytes(AddressPool.NextIpv4(random));
        description = $"{(reverse ? "rarp" : "arp")} op {operation}";
        return w.ToArray();
    }
}
