namespace Pcap.Cli.Output;

/// <summary><c>-G</c> with <c>-W N</c> (and no <c>-C</c>) closed its Nth file: the capture ends, successfully, as tcpdump's does.</summary>
internal sealed class RotationLimitReachedException(int fileCount) : Exception($"Maximum file limit reached: {fileCount}")
{
    /// <summary>The <c>-W</c> count that was reached.</summary>
    public int FileCount { get; } = fileCount;
}
