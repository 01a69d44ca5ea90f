namespace Pcap.Decode.Text;

/// <summary>tcpdump's unsigned_relts_print: a number of seconds as <c>1y2w3d4h5m6s</c>, or <c>0s</c>.</summary>
internal static class Durations
{
    /// <summary>Appends <paramref name="seconds"/> in tcpdump's units.</summary>
    public static void Write(ref LineWriter writer, uint seconds)
    {
        if (seconds == 0)
        {
            writer.Append("0s");
            return;
        }
        ReadOnlySpan<uint> units = [31536000, 604800, 86400, 3600, 60, 1];
        const string Letters = "ywdhms";
        for (var i = 0; seconds > 0; i++)
        {
            if (seconds < units[i])
                continue;
            writer.AppendDecimal(seconds / units[i]);
            writer.Append(Letters[i]);
            seconds %= units[i];
        }
    }
}
