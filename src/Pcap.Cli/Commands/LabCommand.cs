using Pcap.Cli.CommandLine;
using Pcap.Cli.Lab;

namespace Pcap.Cli.Commands;

/// <summary><c>pcapcore lab</c>: builds the seed's container topology in namespaces, runs its three scenarios, explains the captures.</summary>
internal static class LabCommand
{
    /// <summary>Runs the walkthrough; returns the exit status.</summary>
    public static int Run(CliOptions options) => SeedWalkthrough.Run(Console.Out, Console.Error);
}
