namespace Pcap.Testing.Packets;

/// <summary>
/// IPv4 headers: options, first and later fragments of a real transport segment, and deliberately bad
/// versions, header lengths and total lengths.
/// </summary>
public static class Ipv4Builder
{
    /// <summary>The EtherType of IPv4.</summary>
    public const ushort EtherType = 0x0800;

    /// <summary>Wraps <paramref name="segment"/> (protocol <paramref name="protocol"/>) in an IPv4 header, maybe fragmenting it.</summary>
    public static byte[] Build(Random random, byte[] source, byte[] destination, byte protocol, byte[] segment, out string description)
    {
        var options = random.Next(8) == 0 ? RandomOptions(random) : [];
        int fragmentOffset = 0;
        bool moreFragments = false;
        bool dontFragment = random.Next(2) == 0;
        ReadOnlySpan<byte> payload = segment;
        string fragment = "";
        int roll = random.Next(12);
        if (roll == 0 && segment.Length > 16)
        {
            // The first fragment: the transport header is present, more fragments follow.
            moreFragments = true;
            dontFragment = false;
            payload = segment.AsSpan(0, Math.Max(8, segment.Length / 16 * 8));
            fragment = " frag first";
        }
        else if (roll == 1)
        {
            // A later fragment: bytes from inside the segment, where a port filter must not look.
            int units = random.Next(1, Math.Max(2, segment.Length / 8));
            fragmentOffset = random.Next(4) == 0 ? random.Next(1, 8192) : units;
            moreFragments = random.Next(2) == 0;
            dontFragment = false;
            payload = segment.AsSpan(Math.Min(segment.Length, units * 8));
            fragment = $" frag +{fragmentOffset * 8}";
        }

        int headerLength = 20 + options.Length;
        int version = random.Next(60) == 0 ? random.Next(16) : 4;
        int ihl = random.Next(60) == 0 ? random.Next(16) : headerLength / 4;
        int totalLength = headerLength + payload.Length;
        if (random.Next(50) == 0) totalLength = random.Next(65536);
        int ttl = random.Next(4) switch { 0 => 1, 1 => 64, 2 => 128, _ => random.Next(256) };
        var w = new ByteWriter()
            .U8(version << 4 | ihl).U8(random.Next(4) == 0 ? random.Next(256) : 0).U16(totalLength)
            .U16(random.Next(65536))
            .U16((dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | (fragmentOffset & 0x1fff))
            .U8(ttl).U8(protocol).U16(0).Bytes(source).Bytes(destination).Bytes(options);
        w.PatchU16(10, Checksums.Internet(w.Written));
        if (random.Next(40) == 0) w.PatchU16(10, random.Next(65536));
        w.Bytes(payload);
        description = $"ip{(version != 4 ? $" v{version}" : "")}{(ihl * 4 != headerLength ? $" ihl {ihl}" : "")}" +
                      $"{(options.Length > 0 ? " opts" : "")}{fragment} {Format(source)}>{Format(destination)}";
        return w.ToArray();
    }

    /// <summary>A padded option list: router alert, record route, timestamp or NOPs.</summary>
    public static byte[] RandomOptions(Random random)
    {
        var w = new ByteWriter();
        switch (random.Next(4))
        {
            case 0: w.U8(0x94).U8(4).U16(0); break;
            case 1: w.U8(7).U8(11).U8(4).Zeros(8); break;
            case 2: w.U8(0x44).U8(12).U8(5).U8(0).U32((uint)random.Next()).U32((uint)random.Next()); break;
            default: w.U8(1).U8(1).U8(1); break;
        }
        while (w.Length % 4 != 0) w.U8(0);
        return w.ToArray();
    }

    /// <summary>Dotted-quad text of a 4-byte address.</summary>
    public static string Format(byte[] address) => new System.Net.IPAddress(address).ToString();
}
