namespace Pcap.Filter;

/// <summary>How <see cref="FilterCompiler"/> compiles an expression.</summary>
public sealed record FilterOptions
{
    /// <summary>The options used when none are given.</summary>
    public static FilterOptions Default { get; } = new();

    /// <summary>The snapshot length: the value an accepting program returns (libpcap's default, 262144).</summary>
    public int SnapLength { get; init; } = 262144;

    /// <summary>
    /// The longest program to emit. The default is the kernel's limit (<see cref="Bpf.BpfProgram.MaxInstructions"/>, 4,096),
    /// right for a program attached to a socket. A program run in user space (on a capture file, by the interpreter or
    /// the JIT) has no such limit: give <see cref="int.MaxValue"/> and only memory bounds it.
    /// </summary>
    public int MaxInstructions { get; init; } = Bpf.BpfProgram.MaxInstructions;

    /// <summary>Options for a program run in user space: <see cref="MaxInstructions"/> unlimited, the rest the defaults.</summary>
    public static FilterOptions UserSpace { get; } = new() { MaxInstructions = int.MaxValue };

    /// <summary>Run the optimizer (tcpdump's default; <c>-O</c> turns it off).</summary>
    public bool Optimize { get; init; } = true;

    /// <summary>
    /// Compile <c>vlan</c> for a live Linux socket, as libpcap does when it opens one (its BPF_SPECIAL_VLAN_HANDLING):
    /// the kernel takes the outermost 802.1Q tag out of the frame into packet metadata, so the outermost <c>vlan [id]</c>
    /// first tests the BPF ancillary loads <c>vlan_avail</c> and <c>vlan_tci</c> and only then the frame, and later
    /// offsets are computed at run time. Only for Ethernet programs attached to a live AF_PACKET socket; the default
    /// (false) gives <c>pcap_open_dead</c>'s program, the right one for capture files.
    /// </summary>
    public bool LinuxVlanAncillaryLoads { get; init; }

    /// <summary>
    /// Compile for packets read from a capture file, as libpcap does for a <c>pcap_open_offline</c> handle: a file keeps
    /// no packet metadata, so <c>inbound</c>, <c>outbound</c> and <c>ifindex</c> are refused except on the link types
    /// whose header carries them (Linux cooked), with libpcap's "not supported ... when reading savefiles" message.
    /// The default (false) gives <c>pcap_open_dead</c>'s program, which reads them from a live socket's metadata.
    /// </summary>
    public bool ReadingSavefile { get; init; }

    /// <summary>
    /// The capture network's netmask, which only <c>ip broadcast</c> uses (the host part all zeros or all ones). Null,
    /// the default, is libpcap's PCAP_NETMASK_UNKNOWN: <c>ip broadcast</c> is then refused. tcpdump passes 0 when reading
    /// a file and the interface's IPv4 netmask (0 when it has none) when capturing.
    /// </summary>
    public uint? Netmask { get; init; }

    /// <summary>
    /// Shorten libpcap's optimized program further (true by default). Off, an optimized program is instruction for
    /// instruction what libpcap 1.10's <c>pcap_compile</c> emits; the tests that check that identity turn it off.
    /// </summary>
    internal bool ShortenPastLibpcap { get; init; } = true;
}
