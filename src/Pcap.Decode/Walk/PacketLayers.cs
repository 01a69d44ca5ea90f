using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pcap.Decode.Application;
using Pcap.Decode.Link;
using Pcap.Decode.Network;
using Pcap.Decode.Transport;

namespace Pcap.Decode.Walk;

/// <summary>
/// The layers <see cref="LayerWalker.Walk"/> found in one packet, and typed access to each through its view. Valid
/// until the walker's next walk. The <c>TryGet…</c> methods read the first layer of that kind (or the
/// <c>occurrence</c>-th, for stacked VLAN tags and IPv6 extension headers); a view sees its layer's bytes up to the
/// end of the enclosing datagram, so link padding never shows up as payload. The walk validated every listed layer,
/// so the views are handed out without reading their headers again.
/// </summary>
public readonly ref struct PacketLayers
{
    private readonly LayerWalker? _walker;
    private readonly long _walk;
    // Where the first IPv4, TCP or UDP and application layers are, whichever way the walk went: their typed reads use
    // these values (kept in registers once the walk is inlined) instead of the walker's tables, with no branch on the
    // way the walk went. A common-path walk (KeyFlags.Common) leaves the tables to the first reader that needs them.
    private readonly LayerWalker.KeyLayers _key;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal PacketLayers(ReadOnlySpan<byte> packet, LayerWalker walker, long walk, LayerWalker.KeyLayers key)
    {
        Packet = packet;
        _walker = walker;
        _walk = walk;
        _key = key;
    }

    /// <summary>True when the walk took the common path (its offsets are here, the walker's tables built on first use).</summary>
    internal bool TookCommonPath => (_key.Flags & LayerWalker.KeyFlags.Common) != 0;

    /// <summary>The key layers' offsets (for the tests that check them against the tables and the packet).</summary>
    internal LayerWalker.KeyLayers Key => _key;

    /// <summary>The packet as walked.</summary>
    public ReadOnlySpan<byte> Packet { get; }

    /// <summary>The layers in order, outermost first.</summary>
    public ReadOnlySpan<Layer> Layers => Recorded is { } walker ? walker.RecordedLayers : default;

    /// <summary>The number of layers found.</summary>
    public int Count => Recorded?._count ?? 0;

    /// <summary>The port-selected application protocol of the <see cref="LayerKind.Application"/> layer, or None.</summary>
    public ApplicationProtocol Application
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            CheckFresh();
            return _walker is { } walker ? walker.ChooseApplication(_key) : ApplicationProtocol.None;
        }
    }

    /// <summary>Why the walk stopped before the end (a layer too short or invalid), or a default value when it did not.</summary>
    public DecodeError Error
    {
        get
        {
            // A common-path walk read every header it passed: no error (the walker's may be an earlier walk's).
            var walker = Walker;
            return TookCommonPath || walker is null ? default : walker._error;
        }
    }

    /// <summary>The innermost layer found (default when none).</summary>
    public Layer Last => Layers is { Length: > 0 } layers ? layers[^1] : default;

    /// <summary>True when a layer of <paramref name="kind"/> was found.</summary>
    public bool Contains(LayerKind kind) =>
        TookCommonPath
            ? !FindCommon(kind).IsEmpty
            : Walker is { } walker && (walker._present & (1u << (int)kind)) != 0;

    /// <summary>The <paramref name="occurrence"/>-th layer of <paramref name="kind"/> (0 is the first).</summary>
    public bool TryGet(LayerKind kind, out Layer layer, int occurrence = 0)
    {
        int index = IndexOf(kind, occurrence);
        layer = index >= 0 ? Layers[index] : default;
        return index >= 0;
    }

    /// <summary>The bytes a layer's view reads: from its start to the end of its enclosing datagram.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="Count"/>.</exception>
    public ReadOnlySpan<byte> BytesOf(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the walk found {Count} layers");
        return BytesAt(index);
    }

    /// <summary>The application payload (empty when no application layer was selected).</summary>
    public ReadOnlySpan<byte> ApplicationPayload
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            CheckFresh();
            return _walker is { } walker && walker.ChooseApplication(_key) != ApplicationProtocol.None
                ? Within(Packet, new LayerWalker.FirstLayer(_key.ApplicationOffset, _key.ApplicationEnd))
                : default;
        }
    }

    /// <summary>
    /// Reads the DNS message of a DNS, mDNS or LLMNR application layer (over TCP, after its 2-byte length); false for
    /// other applications and for a payload shorter than the 12-byte header.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetDns(out DnsMessage message)
    {
        CheckFresh();
        // One bit test for the three protocols (every ApplicationProtocol value is below 32).
        const uint dnsMessages = 1u << (int)ApplicationProtocol.Dns | 1u << (int)ApplicationProtocol.Mdns | 1u << (int)ApplicationProtocol.Llmnr;
        if (_walker is { } walker && (dnsMessages >> (int)walker.ChooseApplication(_key) & 1) != 0)
        {
            // Over TCP a 2-byte length comes first (RFC 1035 section 4.2.2); the application layer follows the walk's
            // only TCP or UDP layer.
            int start = _key.ApplicationOffset + ((_key.Flags & LayerWalker.KeyFlags.Tcp) != 0 ? 2 : 0);
            if (_key.ApplicationEnd - start >= DnsMessage.HeaderLength)
            {
                message = new DnsMessage(Within(Packet, new LayerWalker.FirstLayer(start, _key.ApplicationEnd)));
                return true;
            }
        }
        message = default;
        return false;
    }

    /// <summary>Reads a VLAN tag (0 is the outermost).</summary>
    public bool TryGetVlan(out VlanTag tag, int occurrence = 0)
    {
        int index = IndexOf(LayerKind.Vlan, occurrence);
        tag = index >= 0 ? new VlanTag(BytesAt(index)) : default;
        return index >= 0;
    }

    /// <summary>Reads the NULL/LOOP family word (<paramref name="networkOrder"/> is true for LOOP).</summary>
    public bool TryGetNull(bool networkOrder, out NullHeader header)
    {
        if (TryFind(LayerKind.Null, out var bytes))
        {
            header = new NullHeader(bytes, networkOrder);
            return true;
        }
        header = default;
        return false;
    }

    /// <summary>Reads an IPv6 extension header (0 is the first after the fixed header).</summary>
    public bool TryGetIpv6Extension(out Ipv6ExtensionHeader header, int occurrence = 0)
    {
        int index = IndexOf(LayerKind.Ipv6Extension, occurrence);
        if (index < 0)
        {
            header = default;
            return false;
        }
        // The kind of an extension header is named by the header before it.
        var layers = Layers;
        var kind = layers[index - 1].Kind == LayerKind.Ipv6Extension
            ? new IpProtocol(Packet[layers[index - 1].Offset])
            : new IpProtocol(Packet[layers[index - 1].Offset + 6]);
        header = new Ipv6ExtensionHeader(BytesAt(index), kind);
        return true;
    }

    /// <summary>Reads the Ethernet header.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetEthernet(out EthernetHeader header)
    {
        var bytes = Find(LayerKind.Ethernet);
        if (bytes.Length >= EthernetHeader.Length)
        {
            header = new EthernetHeader(bytes);
            return true;
        }
        header = default;
        return false;
    }

    /// <summary>Reads the Linux cooked v1 header.</summary>
    public bool TryGetLinuxSll(out LinuxSllHeader header)
    {
        if (TryFind(LayerKind.LinuxSll, out var bytes))
        {
            header = new LinuxSllHeader(bytes);
            return true;
        }
        header = default;
        return false;
    }

    /// <summary>Reads the Linux cooked v2 header.</summary>
    public bool TryGetLinuxSll2(out LinuxSll2Header header)
    {
        if (TryFind(LayerKind.LinuxSll2, out var bytes))
        {
            header = new LinuxSll2Header(bytes);
            return true;
        }
        header = default;
        return false;
    }

    /// <summary>Reads the LLC header.</summary>
    public bool TryGetLlc(out LlcHeader header)
    {
        if (TryFind(LayerKind.Llc, out var bytes))
        {
            header = new LlcHeader(bytes);
            return true;
        }
        header = default;
        return false;
    }

    /// <summary>Reads the SNAP header.</summary>
    public bool TryGetSnap(out SnapHeader header)
    {
        if (TryFind(LayerKind.Snap, out var bytes))
        {
            header = new SnapHeader(bytes);
            return true;
        }
        header = default;
        return false;
    }

    /// <summary>Reads the ARP packet.</summary>
    public bool TryGetArp(out ArpPacket packet)
    {
        if (TryFind(LayerKind.Arp, out var bytes))
        {
            packet = new ArpPacket(bytes);
            return true;
        }
        packet = default;
        return false;
    }

    /// <summary>Reads the IPv4 header.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetIpv4(out Ipv4Header header)
    {
        CheckFresh();
        if ((_key.Flags & LayerWalker.KeyFlags.Ipv4) != 0)
        {
            header = new Ipv4Header(Within(Packet, new LayerWalker.FirstLayer(_key.Ipv4Offset, _key.DatagramEnd)));
            return true;
        }
        header = default;
        return false;
    }

    /// <summary>Reads the IPv6 header.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetIpv6(out Ipv6Header header)
    {
        var bytes = Find(LayerKind.Ipv6);
        if (bytes.Length >= Ipv6Header.Length)
        {
            header = new Ipv6Header(bytes);
            return true;
        }
        header = default;
        return false;
    }

    /// <summary>Reads the ICMP header.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetIcmp(out IcmpHeader header)
    {
        if (TryFind(LayerKind.Icmp, out var bytes))
        {
            header = new IcmpHeader(bytes);
            return true;
        }
        header = default;
        return false;
    }

    /// <summary>Reads the ICMPv6 header.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetIcmpv6(out Icmpv6Header header)
    {
        if (TryFind(LayerKind.Icmpv6, out var bytes))
        {
            header = new Icmpv6Header(bytes);
            return true;
        }
        header = default;
        return false;
    }

    /// <summary>Reads the UDP header.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetUdp(out UdpHeader header)
    {
        CheckFresh();
        if ((_key.Flags & LayerWalker.KeyFlags.Udp) != 0)
        {
            header = new UdpHeader(Within(Packet, new LayerWalker.FirstLayer(_key.TransportOffset, _key.DatagramEnd)));
            return true;
        }
        header = default;
        return false;
    }

    /// <summary>Reads the TCP header.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetTcp(out TcpHeader header)
    {
        CheckFresh();
        if ((_key.Flags & LayerWalker.KeyFlags.Tcp) != 0)
        {
            header = new TcpHeader(Within(Packet, new LayerWalker.FirstLayer(_key.TransportOffset, _key.DatagramEnd)));
            return true;
        }
        header = default;
        return false;
    }

    // The walker, checked to be still on this packet: a later walk has overwritten the layers.
    private LayerWalker? Walker
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            CheckFresh();
            return _walker;
        }
    }

    // Walker's check, also first in every typed read: as it comes before any branch, the JIT keeps only the first of a
    // run of reads' checks. A throw here, not a call that throws: the JIT then knows the walk goes on only when the check
    // passed, and can share the walker's loads and this check between the TryGet… calls.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckFresh()
    {
        var walker = _walker;
        if (walker is not null && walker._walk != _walk)
            throw Stale();
    }

    // The walker as Walker gives it, with its tables describing this walk: a common-path walk leaves them to its first reader.
    private LayerWalker? Recorded
    {
        get
        {
            var walker = Walker;
            if (TookCommonPath && walker!._recordedWalk != _walk)
                walker.RecordCommon(_key, Packet.Length, _walk);
            return walker;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static InvalidOperationException Stale() =>
        new("These PacketLayers were read after their LayerWalker walked another packet; read each packet's layers before walking the next.");

    // The index of the occurrence-th layer of kind, or -1.
    private int IndexOf(LayerKind kind, int occurrence)
    {
        if (!Contains(kind))
            return -1;
        var layers = Layers;
        for (int i = 0; i < layers.Length; i++)
        {
            if (layers[i].Kind == kind && occurrence-- == 0)
                return i;
        }
        return -1;
    }

    private ReadOnlySpan<byte> BytesAt(int index) => Packet[Layers[index].Offset.._walker!.EndOf(index)];

    // The bytes of the first layer of kind, from the walker's table (no search); false when there is none.
    private bool TryFind(LayerKind kind, out ReadOnlySpan<byte> bytes)
    {
        bytes = Find(kind);
        return !bytes.IsEmpty;
    }

    // The bytes of the first layer of kind, from the walker's table (no search), or none when there is no such layer:
    // every layer the walk lists has at least its header's bytes, so empty means absent. The typed reads test the
    // length once, for both, instead of a found flag and then the length.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Find(LayerKind kind)
    {
        if (TookCommonPath)
            return FindCommon(kind);
        var walker = Walker;
        if (walker is null || (walker._present & (1u << (int)kind)) == 0)
            return default;
        var first = walker._first[(int)kind & (LayerWalker.FirstBuffer.Length - 1)];
        return Within(Packet, first);
    }

    // Find for a common-path walk, from its offsets: Ethernet, IPv4, its TCP or UDP, and the application when one is
    // selected; nothing else. Every one it gives is non-empty, as Find's callers expect of a present layer.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> FindCommon(LayerKind kind)
    {
        CheckFresh();
        var flags = _key.Flags;
        return kind switch
        {
            LayerKind.Ethernet => Packet,
            LayerKind.Ipv4 => Within(Packet, new LayerWalker.FirstLayer(_key.Ipv4Offset, _key.DatagramEnd)),
            LayerKind.Tcp when (flags & LayerWalker.KeyFlags.Tcp) != 0 => Within(Packet, new LayerWalker.FirstLayer(_key.TransportOffset, _key.DatagramEnd)),
            LayerKind.Udp when (flags & LayerWalker.KeyFlags.Udp) != 0 => Within(Packet, new LayerWalker.FirstLayer(_key.TransportOffset, _key.DatagramEnd)),
            LayerKind.Application when _walker!.ChooseApplication(_key) != ApplicationProtocol.None =>
                Within(Packet, new LayerWalker.FirstLayer(_key.ApplicationOffset, _key.ApplicationEnd)),
            _ => default,
        };
    }

    // The bytes of a first-layer entry or of a key layer, without a range check: Walker or CheckFresh checked that this is
    // the walk that recorded the entry (its count never wraps), and the walk records a layer (in its tables or in the
    // key layers) only with 0 <= Offset <= End <= the packet's length.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Within(ReadOnlySpan<byte> packet, LayerWalker.FirstLayer first)
    {
        Debug.Assert(0 <= first.Offset && first.Offset <= first.End && first.End <= packet.Length);
        return MemoryMarshal.CreateReadOnlySpan(
            ref Unsafe.Add(ref MemoryMarshal.GetReference(packet), (nint)(uint)first.Offset), first.End - first.Offset);
    }
}
