namespace Pcap.Cli.CommandLine;

/// <summary>Our own capture-scaling options (tcpdump has none): a fanout group of workers on the interface.</summary>
internal sealed partial record CliOptions
{
    /// <summary><c>--workers N</c>: capture with a fanout group of N workers (null: one socket, as tcpdump).</summary>
    public int? Workers { get; init; }

    /// <summary><c>--fanout MODE[,defrag][,rollover]</c>: how the kernel spreads packets over the workers (default hash).</summary>
    public string? FanoutMode { get; init; }

    /// <summary><c>--fanout-select EXPR</c>, repeated: worker i takes what the i-th expression matches (cbpf mode).</summary>
    public IReadOnlyList<string>? FanoutSelectors { get; init; }
}
