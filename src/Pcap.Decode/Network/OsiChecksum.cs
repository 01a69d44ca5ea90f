namespace Pcap.Decode.Network;

/// <summary>The ISO 8473 annex C (Fletcher) checksum that CLNP, ES-IS and IS-IS LSPs carry.</summary>
internal static class OsiChecksum
{
    /// <summary>
    /// The checksum value <paramref name="pdu"/> should carry at <paramref name="checksumOffset"/> (its two bytes count as zero),
    /// as tcpdump's create_osi_cksum computes it.
    /// </summary>
    public static ushort Compute(ReadOnlySpan<byte> pdu, int checksumOffset)
    {
        uint c0 = 0, c1 = 0;
        for (var i = 0; i < pdu.Length; i++)
        {
            if (i != checksumOffset && i != checksumOffset + 1)
                c0 += pdu[i];
            c1 += c0;
        }
        c0 %= 255;
        c1 %= 255;
        var mul = unchecked((uint)(pdu.Length - checksumOffset) * c0);
        var x = unchecked((int)(mul - c0 - c1));
        var y = unchecked((int)(c1 - mul - 1));
        if (y >= 0)
            y++;
        if (x < 0)
            x--;
        x %= 255;
        y %= 255;
        if (x == 0)
            x = 255;
        if (y == 0)
            y = 255;
        return (ushort)((x << 8) | (y & 0xff));
    }
}
