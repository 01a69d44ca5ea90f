using System.Text.RegularExpressions;

namespace Pcap.Benchmarks.Reporting;

/// <summary>
/// Sections of the report that other scripts write (benchmarks/capture-throughput.sh: live capture needs root and a traffic
/// generator; benchmarks/parquet-export.sh: the export against tshark), kept as they are when <c>--report</c> rewrites the
/// file. Each lies between two marker comments, <c>&lt;!-- NAME:begin --&gt;</c> and <c>&lt;!-- NAME:end --&gt;</c>.
/// </summary>
internal static partial class KeptSection
{
    /// <summary>The marker that opens the capture-throughput section.</summary>
    public const string Begin = "<!-- capture-throughput:begin -->";

    /// <summary>The marker that closes it.</summary>
    public const string End = "<!-- capture-throughput:end -->";

    /// <summary>The marked sections of <paramref name="path"/>, each with a blank line before it, or "" when there is none.</summary>
    public static string From(string path)
    {
        if (!File.Exists(path))
            return "";
        return string.Concat(Marked().Matches(File.ReadAllText(path)).Select(m => "\n" + m.Value + "\n"));
    }

    [GeneratedRegex(@"<!-- (?<name>[a-z-]+):begin -->.*?<!-- \k<name>:end -->", RegexOptions.Singleline)]
    private static partial Regex Marked();
}
