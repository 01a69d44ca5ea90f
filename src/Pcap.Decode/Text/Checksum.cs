namespace Pcap.Decode.Text;

/// <summary>The Internet checksum (RFC 1071) and tcpdump's "what it should have been" arithmetic.</summary>
internal static class Checksum
{
    /// <summary>Ones'-complement sum of big-endian 16-bit words plus <paramref name="initial"/>, folded to 16 bits.</summary>
    public static uint Sum(ReadOnlySpan<byte> bytes, uint initial = 0)
    {
        ulong sum = initial;
        var i = 0;
        for (; i + 1 < bytes.Length; i += 2)
            sum += (uint)(bytes[i] << 8 | bytes[i + 1]);
        if (i < bytes.Length)
            sum += (uint)(bytes[i] << 8);
        while (sum > 0xffff)
            sum = (sum & 0xffff) + (sum >> 16);
        return (uint)sum;
    }

    /// <summary>The complemented checksum over <paramref name="bytes"/>: 0 when a stored checksum inside them is right.</summary>
    public static ushort Compute(ReadOnlySpan<byte> bytes, uint initial = 0) => (ushort)~Sum(bytes, initial);

    /// <summary>The value the checksum field should have held, given the stored one and the computed residue.</summary>
    public static ushort ShouldBe(ushort stored, ushort computed)
    {
        uint value = stored + (uint)computed;
        value = (value & 0xffff) + (value >> 16);
        value = (value & 0xffff) + (value >> 16);
        return (ushort)value;
    }

    /// <summary>tcpdump's verdict on a transport checksum: <c>[bad udp cksum 0x1234 -&gt; 0x5678!] </c> or <c>[udp sum ok] </c>.</summary>
    /// <param name="writer">Where the verdict goes.</param>
    /// <param name="protocol">The protocol as tcpdump names it there (<c>udp</c>, <c>icmp6</c>).</param>
    /// <param name="stored">The checksum field.</param>
    /// <param name="computed">The checksum computed over the segment with the field in place (0 when right).</param>
    public static void WriteVerdict(ref LineWriter writer, string protocol, ushort stored, ushort computed)
    {
        if (computed != 0)
        {
            writer.Append("[bad ");
            writer.Append(protocol);
            writer.Append(" cksum 0x");
            writer.AppendHex(stored, 4);
            writer.Append(" -> 0x");
            writer.AppendHex(ShouldBe(stored, computed), 4);
            writer.Append("!] ");
        }
        else
        {
            writer.Append('[');
            writer.Append(protocol);
            writer.Append(" sum ok] ");
        }
    }
}
