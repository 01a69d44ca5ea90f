namespace Pcap.Cli.Output;

/// <summary>A sink cannot take a packet (for example a pipe that would have to become pcapng); the message says why.</summary>
internal sealed class CaptureSinkException(string message) : Exception(message);
