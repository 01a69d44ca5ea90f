using Pcap.Filter;

namespace Pcap.Native;

/// <summary>
/// One packet as delivered: the bytes live in the kernel ring and are valid only until the next read from the
/// same <see cref="LiveCapture"/> (copy them to keep them).
/// </summary>
public readonly ref struct LivePacket
{
    private readonly LiveCapture _owner;

    // Kept as the kernel splits them, so a file record (seconds and fraction) needs no division per packet.
    private readonly uint _seconds;
    private readonly uint _nanoseconds;

    internal LivePacket(LiveCapture owner, ReadOnlySpan<byte> data, int wireLength, uint seconds, uint nanoseconds,
        int interfaceIndex, LinuxPacketType direction, bool stampedInRing)
    {
        _owner = owner;
        Data = data;
        WireLength = wireLength;
        _seconds = seconds;
        _nanoseconds = nanoseconds;
        InterfaceIndex = interfaceIndex;
        Direction = direction;
        StampedInRing = stampedInRing;
    }

    /// <summary>The captured bytes, starting at the link-layer header of <see cref="LinkType"/>.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The packet's length on the wire (at least <c>Data.Length</c>).</summary>
    public int WireLength { get; }

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public long TimestampNanoseconds => _seconds * 1_000_000_000L + _nanoseconds;

    /// <summary>The timestamp (to 100 ns).</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.UnixEpoch.AddTicks(TimestampNanoseconds / 100);

    /// <summary>The index of the interface the packet was seen on.</summary>
    public int InterfaceIndex { get; }

    /// <summary>The name of the interface the packet was seen on (looked up once per index).</summary>
    public string InterfaceName => _owner.InterfaceNameOf(InterfaceIndex);

    /// <summary>Received for this host, broadcast, multicast, for another host, or sent.</summary>
    public LinuxPacketType Direction { get; }

    /// <summary>True when the kernel stamped the packet as it put it in the ring (see <see cref="RingFrame.StampedInRing"/>).</summary>
    internal bool StampedInRing { get; }

    /// <summary>The link type of <see cref="Data"/>.</summary>
    public LinkType LinkType => _owner.LinkType;

    /// <summary>
    /// The same bytes as a capture-file record, the shape Pcap.Decode's writers and tcpdump formatter take (no copy;
    /// valid as long as this packet). Interface name and direction are live-only and stay here.
    /// </summary>
    public Pcap.Decode.Files.CapturedPacket AsFileRecord() =>
        new(Data, (uint)WireLength, _seconds, _nanoseconds, 0, LinkType, snapLength: 0);
}
