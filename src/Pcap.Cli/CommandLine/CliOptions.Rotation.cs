namespace Pcap.Cli.CommandLine;

internal sealed partial record CliOptions
{
    /// <summary><c>-C N</c>: start a new <c>-w</c> file once the current one is larger than this many bytes (N millions); 0 for none.</summary>
    public long RotateSizeBytes { get; init; }
    /// <summary><c>-G N</c>: start a new <c>-w</c> file (named by strftime) every N seconds; 0 for none.</summary>
    public int RotateSeconds { get; init; }
    /// <summary><c>-W N</c>: with <c>-C</c>, the number of files to cycle through; with <c>-G</c> alone, the files to write before stopping; 0 for no limit.</summary>
    public int FileCount { get; init; }
    /// <summary><c>-z COMMAND</c>: run <c>COMMAND FILE</c> on each file closed by a rotation.</summary>
    public string? PostRotateCommand { get; init; }
}
