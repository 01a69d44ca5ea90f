namespace Pcap.Cli.CommandLine;

/// <summary>
/// Where the filter expression comes from, as tcpdump decides: the whole <c>-F</c> file (with <c>#</c> comments blanked
/// to the end of their line, as tcpdump's read_infile does), else the words left on the command line.
/// </summary>
internal static class FilterSource
{
    /// <summary>
    /// The netmask every filter is compiled with (only <c>ip broadcast</c> reads it): tcpdump 4.99 passes 0 to
    /// pcap_compile for files, <c>-d</c> and live captures alike, and looks the interface's up only for <c>-f</c>.
    /// </summary>
    public const uint Netmask = 0;

    /// <summary>
    /// The expression for <paramref name="options"/>, or null for none. Warns on <paramref name="error"/> when
    /// <c>-F</c> and command-line words are both given (tcpdump drops the words silently).
    /// </summary>
    /// <exception cref="CliUsageException">The <c>-F</c> file cannot be read (tcpdump's "can't open FILE: reason").</exception>
    public static string? Resolve(CliOptions options, TextWriter error)
    {
        if (options.FilterFile is not { } path)
            return options.Expression;
        if (options.Expression is not null)
            error.WriteLine("pcapcore: warning: -F gives the filter; ignoring the expression on the command line");
        return WithoutComments(Read(path));
    }

    /// <summary>Blanks every <c>#</c> comment to the end of its line, keeping every other character where it was.</summary>
    public static string WithoutComments(string text)
    {
        int hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0)
            return text;
        var chars = text.ToCharArray();
        for (int i = hash; i < chars.Length; i++)
        {
            if (chars[i] != '#')
                continue;
            while (i < chars.Length && chars[i] != '\n')
                chars[i++] = ' ';
        }
        return new string(chars);
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliUsageException($"can't open {path}: {Reason(e, path)}");
        }
    }

    // strerror's words for the usual failures, as tcpdump prints them.
    private static string Reason(Exception e, string path) => e switch
    {
        UnauthorizedAccessException when Directory.Exists(path) => "Is a directory",
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        _ => e.Message,
    };
}
