using System.Buffers.Binary;
using System.Net;

namespace Pcap.Parquet.Rows;

/// <summary>
/// Text for addresses as SQL users write them (<c>10.0.0.1</c>, <c>2001:db8::1</c>, <c>02:42:ac:11:00:02</c>). A capture
/// repeats a few addresses many times, so the strings are kept (up to a bound) instead of built per packet.
/// </summary>
internal sealed class AddressText
{
    private const int MaxCached = 1 << 16;
    private readonly Dictionary<uint, string> _ipv4 = [];
    private readonly Dictionary<ulong, string> _mac = [];
    private readonly Dictionary<UInt128, string> _ipv6 = [];

    /// <summary>A 4-byte IPv4 address in dotted quad, or a 16-byte IPv6 address in RFC 5952 form; null for other lengths.</summary>
    public string? Ip(ReadOnlySpan<byte> address) => address.Length switch
    {
        4 => Ipv4(address),
        16 => Ipv6(address),
        _ => null,
    };

    /// <summary>A 6-byte MAC address as lower-case hex pairs joined by colons; null for other lengths.</summary>
    public string? Mac(ReadOnlySpan<byte> address)
    {
        if (address.Length != 6)
            return null;
        ulong key = (ulong)BinaryPrimitives.ReadUInt32BigEndian(address) << 16 | BinaryPrimitives.ReadUInt16BigEndian(address[4..]);
        if (_mac.TryGetValue(key, out var text))
            return text;
        text = Convert.ToHexStringLower(address[..1]) + ":" + Convert.ToHexStringLower(address.Slice(1, 1)) + ":" +
               Convert.ToHexStringLower(address.Slice(2, 1)) + ":" + Convert.ToHexStringLower(address.Slice(3, 1)) + ":" +
               Convert.ToHexStringLower(address.Slice(4, 1)) + ":" + Convert.ToHexStringLower(address.Slice(5, 1));
        return Keep(_mac, key, text);
    }

    private string Ipv4(ReadOnlySpan<byte> address)
    {
        uint key = BinaryPrimitives.ReadUInt32BigEndian(address);
        if (_ipv4.TryGetValue(key, out var text))
            return text;
        return Keep(_ipv4, key, $"{address[0]}.{address[1]}.{address[2]}.{address[3]}");
    }

    private string Ipv6(ReadOnlySpan<byte> address)
    {
        var key = BinaryPrimitives.ReadUInt128BigEndian(address);
        if (_ipv6.TryGetValue(key, out var text))
            return text;
        return Keep(_ipv6, key, new IPAddress(address).ToString());
    }

    // A capture with more distinct addresses than the bound starts over rather than growing without limit.
    private static string Keep<TKey>(Dictionary<TKey, string> cache, TKey key, string text) where TKey : notnull
    {
        if (cache.Count >= MaxCached)
            cache.Clear();
        cache[key] = text;
        return text;
    }
}
