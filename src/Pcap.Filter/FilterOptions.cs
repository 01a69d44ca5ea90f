namespace Pcap.Filter;

/// <summary>How <see cref="FilterCompiler"/> compiles an expression.</summary>
public sealed record FilterOptions
{
    /// <summary>The options used when none are given.</summary>
    public static FilterOptions Default { get; } = new();

    /// <summary>The snapshot length: the value an accepting program returns (libpcap's default, 262144).</summary>
    public int SnapLength { get; init; } = 262144;

    /// <summary>Run the optimizer (tcpdump's default; <c>-O</c> turns it off).</summary>
    public bool Optimize { get; init; } = true;
}
