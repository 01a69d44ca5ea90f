namespace Pcap.Decode.Text;

/// <summary>tcpdump's bittok2str: the names of the bits set in a flags field, in table order, with a separator between them.</summary>
internal static class BitNames
{
    /// <summary>Appends <paramref name="name"/> when <paramref name="bit"/> is set in <paramref name="value"/>; <paramref name="first"/> tracks the separator.</summary>
    public static void Append(ref LineWriter writer, uint value, uint bit, string name, ref bool first, string separator = ", ")
    {
        if ((value & bit) == 0)
            return;
        if (!first)
            writer.Append(separator);
        writer.Append(name);
        first = false;
    }

    /// <summary>bittok2str over a whole table: the names of the <paramref name="bits"/> set in <paramref name="value"/>, or <paramref name="none"/>.</summary>
    public static void AppendAll(ref LineWriter writer, uint value, ReadOnlySpan<uint> bits, string[] names, string none)
    {
        var first = true;
        for (var i = 0; i < bits.Length; i++)
            Append(ref writer, value, bits[i], names[i], ref first);
        if (first)
            writer.Append(none);
    }
}
