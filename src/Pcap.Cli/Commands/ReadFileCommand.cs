using Pcap.Cli.CommandLine;

namespace Pcap.Cli.Commands;

/// <summary><c>pcapcore -r FILE [-c N] [-w FILE]</c>: read a capture, optionally write what was read.</summary>
internal static class ReadFileCommand
{
    /// <summary>Runs the command; returns the exit status.</summary>
    public static int Run(CliOptions options) =>
        throw new CliUsageException($"reading '{options.ReadFile}' needs the capture-file reader, which this build does not have yet");
}
