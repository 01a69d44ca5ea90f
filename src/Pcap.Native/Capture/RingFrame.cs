namespace Pcap.Native;

/// <summary>
/// A frame taken from a ring but not yet handed to a reader: where its bytes are and what the kernel said about it.
/// A plain struct (unlike <see cref="LivePacket"/>) so a merge can hold the head of every worker's ring at once.
/// </summary>
internal readonly unsafe struct RingFrame
{
    public RingFrame(byte* data, int captured, int wireLength, uint seconds, uint nanoseconds, int interfaceIndex, LinuxPacketType direction,
        bool stampedInRing)
    {
        Data = data;
        Captured = captured;
        WireLength = wireLength;
        Seconds = seconds;
        Nanoseconds = nanoseconds;
        InterfaceIndex = interfaceIndex;
        Direction = direction;
        StampedInRing = stampedInRing;
    }

    /// <summary>The first byte of the frame, inside the ring.</summary>
    public byte* Data { get; }

    /// <summary>Bytes captured.</summary>
    public int Captured { get; }

    /// <summary>Bytes on the wire.</summary>
    public int WireLength { get; }

    /// <summary>The time stamp's seconds since the Unix epoch, as the kernel gives them.</summary>
    public uint Seconds { get; }

    /// <summary>The time stamp's nanoseconds within <see cref="Seconds"/>.</summary>
    public uint Nanoseconds { get; }

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public long TimestampNanoseconds => Seconds * 1_000_000_000L + Nanoseconds;

    /// <summary>The interface the frame was seen on.</summary>
    public int InterfaceIndex { get; }

    /// <summary>The kernel's packet type.</summary>
    public LinuxPacketType Direction { get; }

    /// <summary>
    /// True when the kernel took the time stamp after it had reserved the packet's room in the ring (no software or
    /// hardware stamp came with the packet): a packet a ring has not reserved room for yet is then stamped later.
    /// </summary>
    public bool StampedInRing { get; }
}
