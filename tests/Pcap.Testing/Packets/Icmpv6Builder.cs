namespace Pcap.Testing.Packets;

/// <summary>ICMPv6 messages: errors quoting an IPv6 packet, echo, MLD v1/v2, router and neighbour discovery.</summary>
public static class Icmpv6Builder
{
    /// <summary>Every ICMPv6 type with a defined layout.</summary>
    public static readonly int[] Types = [1, 2, 3, 4, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 143];

    /// <summary>Builds a message with a correct checksum; <paramref name="quote"/> supplies the packet an error quotes.</summary>
    public static byte[] Build(Random random, byte[] source, byte[] destination, Func<byte[]> quote, out string description)
    {
        int type = random.Next(15) == 0 ? random.Next(256) : Types[random.Next(Types.Length)];
        int code = 0;
        var w = new ByteWriter();
        switch (type)
        {
            case 1 or 2 or 3 or 4:
                code = type switch { 1 => random.Next(7), 3 => random.Next(2), 4 => random.Next(3), _ => 0 };
                w.U8(type).U8(code).U16(0).U32(type == 2 ? 1280u : type == 4 ? (uint)random.Next(40) : 0);
                var quoted = quote();
                w.Bytes(quoted.AsSpan(0, Math.Min(quoted.Length, 96)));
                break;
            case 128 or 129:
                w.U8(type).U8(0).U16(0).U16(random.Next(65536)).U16(random.Next(1, 100)).RandomBytes(random, random.Next(0, 57));
                break;
            case 130 or 131 or 132:
                w.U8(type).U8(0).U16(0).U16(type == 130 ? 10000 : 0).U16(0)
                    .Bytes(type == 130 && random.Next(2) == 0 ? new byte[16] : AddressPool.NextIpv6(random));
                break;
            case 143:
                w.U8(type).U8(0).U16(0).U16(0).U16(1).U8(random.Next(1, 7)).U8(0).U16(1)
                    .Bytes(AddressPool.Ipv6[7]).Bytes(AddressPool.NextIpv6(random));
                break;
            case 133:
                w.U8(type).U8(0).U16(0).U32(0).U8(1).U8(1).Bytes(AddressPool.NextMac(random));
                break;
            case 134:
                w.U8(type).U8(0).U16(0).U8(64).U8(random.Next(4) << 6).U16(1800).U32(0).U32(0)
                    .U8(1).U8(1).Bytes(AddressPool.NextMac(random))
                    .U8(5).U8(1).U16(0).U32(1500)
                    .U8(3).U8(4).U8(64).U8(0xc0).U32(2592000).U32(604800).U32(0).Bytes(AddressPool.Ipv6[0]);
                break;
            case 135:
                w.U8(type).U8(0).U16(0).U32(0).Bytes(AddressPool.NextIpv6(random)).U8(1).U8(1).Bytes(AddressPool.NextMac(random));
                break;
            case 136:
                w.U8(type).U8(0).U16(0).U32((uint)random.Next(8) << 29).Bytes(AddressPool.NextIpv6(random))
                    .U8(2).U8(1).Bytes(AddressPool.NextMac(random));
                break;
            case 137:
                w.U8(type).U8(0).U16(0).U32(0).Bytes(AddressPool.NextIpv6(random)).Bytes(AddressPool.NextIpv6(random));
                break;
            default:
                code = random.Next(4);
                w.U8(type).U8(code).U16(0).RandomBytes(random, random.Next(4, 32));
                break;
        }
        w.PatchU16(2, Checksums.WithPseudoHeader(source, destination, 58, w.Written));
        if (random.Next(30) == 0) w.PatchU16(2, random.Next(65536));
        description = $"icmp6 type {type} code {code}";
        return w.ToArray();
    }
}
