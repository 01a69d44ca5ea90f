namespace Pcap.Decode.Text;

/// <summary>tcpdump's printing flags, as the formatter understands them.</summary>
public sealed record FormatOptions
{
    /// <summary><c>-n</c>: print addresses and ports as numbers.</summary>
    public bool NoResolve { get; init; } = true;
    /// <summary><c>-e</c>: print the link-level header.</summary>
    public bool LinkHeader { get; init; }
    /// <summary><c>-q</c>: print less protocol detail.</summary>
    public bool Quiet { get; init; }
    /// <summary>How to print time stamps.</summary>
    public TimestampStyle Timestamps { get; init; } = TimestampStyle.TimeOfDay;
    /// <summary><c>--time-stamp-precision=nano</c>: nine fractional digits instead of six.</summary>
    public bool NanosecondPrecision { get; init; }
    /// <summary><c>-v</c> count.</summary>
    public int Verbose { get; init; }
    /// <summary><c>-x</c> (1) or <c>-xx</c> (2): hex dump without ASCII; 2 includes the link header.</summary>
    public int Hex { get; init; }
    /// <summary><c>-X</c> (1) or <c>-XX</c> (2): hex dump with ASCII; 2 includes the link header.</summary>
    public int HexAscii { get; init; }
    /// <summary><c>-A</c> (1) or <c>-AA</c> (2): the packet's bytes as ASCII (2 includes the link header); <c>-x</c>/<c>-X</c> win.</summary>
    public int Ascii { get; init; }
    /// <summary><c>-S</c>: absolute TCP sequence and acknowledgement numbers instead of ones relative to the connection.</summary>
    public bool AbsoluteTcpSequence { get; init; }
    /// <summary><c>-K</c>: do not verify the IPv4, TCP and UDP checksums (no verdict is printed).</summary>
    public bool SkipChecksums { get; init; }
    /// <summary><c>-N</c>: print host names without their domain (the name up to its first dot).</summary>
    public bool StripDomains { get; init; }
    /// <summary>
    /// <c>-T TYPE</c>: every UDP payload is printed as this protocol instead of the one its ports pick, with no checksum
    /// check, and every TCP payload as this protocol when it can ride on TCP (DNS) or not at all, as tcpdump's -T does.
    /// Null, the default, picks by port. tcpdump's types among the protocols decoded here are
    /// <see cref="Application.ApplicationProtocol.Dns"/> (<c>domain</c>), <see cref="Application.ApplicationProtocol.Vxlan"/>
    /// and <see cref="Application.ApplicationProtocol.Tftp"/>; <see cref="Application.ApplicationProtocol.None"/> prints the
    /// ports and no payload.
    /// </summary>
    public Application.ApplicationProtocol? ForcedApplication { get; init; }
    /// <summary>Time zone for the time-of-day styles; null means the machine's local zone, as tcpdump uses.</summary>
    public TimeZoneInfo? TimeZone { get; init; }
    /// <summary>
    /// Interface index to name for LINUX_SLL2 lines (null result: tcpdump's "?"). Null means this machine's /sys/class/net;
    /// a live capture in another network namespace passes its own lookup so the names are that namespace's.
    /// </summary>
    public Func<uint, string?>? InterfaceNames { get; init; }
}

/// <summary>tcpdump's time stamp styles: none of <c>-t</c> up to <c>-ttttt</c>.</summary>
public enum TimestampStyle
{
    /// <summary>Default: <c>HH:MM:SS.ffffff</c> in local time.</summary>
    TimeOfDay = 0,
    /// <summary><c>-t</c>: no time stamp.</summary>
    None = 1,
    /// <summary><c>-tt</c>: seconds since the epoch.</summary>
    Epoch = 2,
    /// <summary><c>-ttt</c>: delta since the previous packet.</summary>
    DeltaFromPrevious = 3,
    /// <summary><c>-tttt</c>: date and time of day.</summary>
    DateAndTime = 4,
    /// <summary><c>-ttttt</c>: delta since the first packet.</summary>
    DeltaFromFirst = 5,
}
