using Pcap.Filter;

namespace Pcap.Cli.Output;

/// <summary>
/// How a filter that does not compile is reported: libpcap's words first, exactly as tcpdump prints them, so scripts
/// that match on them keep working; then the expression with a caret line under the offending text; then our message
/// with the position and what was expected, when it says more than libpcap's.
/// </summary>
internal static class FilterErrorReport
{
    /// <summary>Writes the report for <paramref name="failure"/> to <paramref name="error"/>.</summary>
    public static void Write(TextWriter error, FilterException failure)
    {
        error.WriteLine($"pcapcore: {failure.LibpcapMessage}");
        // At most 120 columns around the error: a caret under a megabyte of text helps nobody.
        if (failure.Expression.Length > 0)
            error.WriteLine(failure.Excerpt());
        if (failure.Message != failure.LibpcapMessage && !IsLibpcapMessageWithPosition(failure))
            error.WriteLine($"pcapcore: {failure.Message}");
    }

    // "unknown host 'x' at 5" repeats the first line and the caret; only a message that adds an expectation is kept.
    private static bool IsLibpcapMessageWithPosition(FilterException failure) =>
        !failure.IsSyntaxError && failure.Message == $"{failure.LibpcapMessage} at {failure.Position}";
}
