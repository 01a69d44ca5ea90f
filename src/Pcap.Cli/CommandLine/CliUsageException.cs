namespace Pcap.Cli.CommandLine;

/// <summary>A command line that cannot be run; the message says what is wrong and the CLI exits with status 1.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
