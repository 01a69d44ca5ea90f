namespace Pcap.Decode.Text;

/// <summary>The source addresses of an IGMPv3 or MLDv2 query or group record, as print-igmp.c and print-icmp6.c list them.</summary>
internal static class SourceList
{
    /// <summary>
    /// Writes the <paramref name="sources"/> addresses of <paramref name="addressLength"/> bytes starting at <paramref name="at"/>:
    /// each one with <c>-vv</c>, else their count. Returns false when one runs past the captured bytes; the caller then marks
    /// the truncation as its protocol does.
    /// </summary>
    public static bool Write(ref LineWriter writer, ReadOnlySpan<byte> bytes, int at, int sources, int addressLength, int verbose, HostNames? names)
    {
        if (verbose <= 1)
        {
            writer.Append(", ");
            writer.AppendDecimal((uint)sources);
            writer.Append(" source(s)");
            return true;
        }
        writer.Append(" {");
        for (var i = 0; i < sources; i++)
        {
            var address = at + i * addressLength;
            if (bytes.Length < address + addressLength)
                return false;
            writer.Append(' ');
            AddressText.AppendIp(ref writer, bytes.Slice(address, addressLength), names);
        }
        writer.Append(" }");
        return true;
    }
}
