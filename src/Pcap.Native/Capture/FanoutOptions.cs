using Pcap.Filter.Bpf;

namespace Pcap.Native;

/// <summary>How <see cref="FanoutGroup.Open"/> spreads one device's packets over several workers.</summary>
public sealed record FanoutOptions
{
    /// <summary>The most workers a group takes (the kernel's legacy <c>PACKET_FANOUT_MAX</c>).</summary>
    public const int MaxWorkers = 256;

    /// <summary>The block timeout of each worker's ring in a <see cref="TimeOrdered"/> group, in milliseconds (Suricata's af-packet default).</summary>
    public const int TimeOrderedBlockTimeoutMilliseconds = 10;

    /// <summary>The number of workers, each with its own socket, ring and kernel filter.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>How the kernel picks a worker for each packet.</summary>
    public FanoutMode Mode { get; init; } = FanoutMode.Hash;

    /// <summary>Reassemble IPv4 fragments before choosing (<c>PACKET_FANOUT_FLAG_DEFRAG</c>), so hash mode keeps them with their flow.</summary>
    public bool Defrag { get; init; }

    /// <summary>When the chosen worker's ring is full, try the others before dropping (<c>PACKET_FANOUT_FLAG_ROLLOVER</c>); not with <see cref="FanoutMode.Rollover"/>.</summary>
    public bool Rollover { get; init; }

    /// <summary>
    /// The group is for <see cref="FanoutGroup.TryReadInTimeOrder"/>: each worker's ring hands over a partly filled block
    /// after at most <see cref="TimeOrderedBlockTimeoutMilliseconds"/> instead of <see cref="CaptureOptions.BufferTimeoutMilliseconds"/>,
    /// so a worker that gets a packet now and then holds the others' packets for tens of milliseconds, not a second, and
    /// <see cref="FanoutGroup.ReorderWindow"/> shrinks with it. The cost: at low rates blocks are retired partly filled, so
    /// a ring holds fewer packets (a reader stalled longer than its blocks × the timeout drops) and wakes its reader more.
    /// Leave it off for <see cref="FanoutGroup.Run"/>, which does not merge.
    /// </summary>
    public bool TimeOrdered { get; init; }

    /// <summary>
    /// For <see cref="FanoutMode.Bpf"/>: pcap-filter expressions, one per worker in order; a packet goes to the first
    /// worker whose expression matches, and to the last worker when none does. Compiled by Pcap.Filter.
    /// </summary>
    public IReadOnlyList<string>? Selectors { get; init; }

    /// <summary>For <see cref="FanoutMode.Bpf"/>: a ready selector program instead of <see cref="Selectors"/>; it reads the frame from the link-layer header through <c>SKF_LL_OFF</c> loads.</summary>
    public BpfProgram? SelectorProgram { get; init; }
}
