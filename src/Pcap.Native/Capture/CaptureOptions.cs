using Pcap.Filter.Bpf;

namespace Pcap.Native;

/// <summary>How <see cref="LiveCapture.Open(string, CaptureOptions?)"/> sets up a capture; defaults match tcpdump's.</summary>
public sealed record CaptureOptions
{
    /// <summary>The default snapshot length, 262144 bytes, as tcpdump.</summary>
    public const int DefaultSnapLength = 262144;

    /// <summary>The default kernel buffer, 2 MiB, as libpcap.</summary>
    public const int DefaultBufferSize = 2 * 1024 * 1024;

    /// <summary>A pcap-filter expression compiled with <see cref="Pcap.Filter.FilterCompiler"/>; ignored when <see cref="Program"/> is set.</summary>
    public string? Filter { get; init; }

    /// <summary>
    /// The netmask <see cref="Filter"/> is compiled with (only <c>ip broadcast</c> uses it); null, the default, is libpcap's
    /// PCAP_NETMASK_UNKNOWN, which refuses <c>ip broadcast</c>. tcpdump passes 0.
    /// </summary>
    public uint? Netmask { get; init; }

    /// <summary>
    /// A program to attach as is, compiled for the device's link type (<see cref="LiveCapture.LinkType"/>);
    /// on <c>any</c> it is rewritten for the cooked socket as libpcap does.
    /// </summary>
    public BpfProgram? Program { get; init; }

    /// <summary>Bytes kept of each packet (<c>-s</c>); 0 means the default.</summary>
    public int SnapLength { get; init; } = DefaultSnapLength;

    /// <summary>Put the interface in promiscuous mode (off with <c>-p</c>); never applies to <c>any</c>.</summary>
    public bool Promiscuous { get; init; } = true;

    /// <summary>Kernel ring size in bytes (<c>-B</c> takes KiB).</summary>
    public int BufferSize { get; init; } = DefaultBufferSize;

    /// <summary>Which directions to keep (<c>-Q</c>).</summary>
    public DirectionFilter Direction { get; init; } = DirectionFilter.InOut;

    /// <summary>Deliver each packet as soon as it arrives instead of when a ring block fills or times out.</summary>
    public bool ImmediateMode { get; init; }

    /// <summary>Longest wait, in milliseconds, before a partly filled block is handed over (tcpdump uses 1000).</summary>
    public int BufferTimeoutMilliseconds { get; init; } = 1000;

    /// <summary>Open the capture inside this named network namespace (<c>ip netns</c> name or a path), or null for the current one.</summary>
    public string? NetworkNamespace { get; init; }
}
