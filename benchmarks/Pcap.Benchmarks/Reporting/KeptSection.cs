namespace Pcap.Benchmarks.Reporting;

/// <summary>
/// A section of the report that another script writes (benchmarks/capture-throughput.sh: live capture needs root and a
/// traffic generator), kept as it is when <c>--report</c> rewrites the file. It lies between two marker comments.
/// </summary>
internal static class KeptSection
{
    /// <summary>The marker that opens the capture-throughput section.</summary>
    public const string Begin = "<!-- capture-throughput:begin -->";

    /// <summary>The marker that closes it.</summary>
    public const string End = "<!-- capture-throughput:end -->";

    /// <summary>The marked section of <paramref name="path"/> with a blank line before it, or "" when there is none.</summary>
    public static string From(string path)
    {
        if (!File.Exists(path))
            return "";
        string text = File.ReadAllText(path);
        int begin = text.IndexOf(Begin, StringComparison.Ordinal);
        int end = text.IndexOf(End, StringComparison.Ordinal);
        return begin < 0 || end < begin ? "" : "\n" + text[begin..(end + End.Length)] + "\n";
    }
}
