namespace Pcap.Testing.Packets;

/// <summary>ICMPv4 messages of every type tcpdump names; errors quote the start of an IPv4 datagram.</summary>
public static class IcmpBuilder
{
    /// <summary>Every ICMP type with a defined layout.</summary>
    public static readonly int[] Types = [0, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];

    /// <summary>Builds a message; <paramref name="quote"/> supplies the datagram an error quotes.</summary>
    public static byte[] Build(Random random, Func<byte[]> quote, out string description)
    {
        int type = random.Next(15) == 0 ? random.Next(256) : Types[random.Next(Types.Length)];
        int code = 0;
        var w = new ByteWriter();
        switch (type)
        {
            case 0 or 8:
                w.U8(type).U8(0).U16(0).U16(random.Next(2) == 0 ? 66 : random.Next(65536)).U16(random.Next(1, 100))
                    .RandomBytes(random, random.Next(3) == 0 ? random.Next(0, 20) : 56);
                break;
            case 3 or 4 or 11 or 12 or 5:
                code = type switch { 3 => random.Next(16), 11 => random.Next(2), 5 => random.Next(4), 12 => random.Next(3), _ => 0 };
                w.U8(type).U8(code).U16(0);
                if (type == 5) w.Bytes(AddressPool.NextIpv4(random));
                else if (type == 12) w.U8(random.Next(20)).Zeros(3);
                else if (type == 3 && code == 4) w.U16(0).U16(1400);
                else w.U32(0);
                var quoted = quote();
                int ihl = quoted.Length > 0 ? (quoted[0] & 0x0f) * 4 : 0;
                w.Bytes(quoted.AsSpan(0, Math.Min(quoted.Length, Math.Max(ihl, 20) + 8)));
                break;
            case 9:
                w.U8(type).U8(0).U16(0).U8(1).U8(2).U16(1800).Bytes(AddressPool.NextIpv4(random)).U32(0);
                break;
            case 10:
                w.U8(type).U8(0).U16(0).U32(0);
                break;
            case 13 or 14:
                w.U8(type).U8(0).U16(0).U16(random.Next(65536)).U16(random.Next(100))
                    .U32((uint)random.Next()).U32((uint)random.Next()).U32((uint)random.Next());
                break;
            case 15 or 16:
                w.U8(type).U8(0).U16(0).U16(random.Next(65536)).U16(random.Next(100));
                break;
            case 17 or 18:
                w.U8(type).U8(0).U16(0).U16(random.Next(65536)).U16(random.Next(100)).U32(0xffffff00);
                break;
            default:
                code = random.Next(4);
                w.U8(type).U8(code).U16(0).RandomBytes(random, random.Next(4, 32));
                break;
        }
        w.PatchU16(2, Checksums.Internet(w.Written));
        if (random.Next(30) == 0) w.PatchU16(2, random.Next(65536));
        description = $"icmp type {type} code {code}";
        return w.ToArray();
    }
}
