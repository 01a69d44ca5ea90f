using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pcap.Decode.Application;

/// <summary>
/// Which application protocol a UDP or TCP port selects, as tcpdump chooses: a protocol is selected when either port
/// is one of its ports, and when both ports select one, the protocol tcpdump tests first (the lower
/// <see cref="ApplicationProtocol"/> value) wins. <see cref="Tcpdump"/> holds tcpdump 4.99.3's ports; make your own
/// with <see cref="CreateTcpdumpDefaults"/> and <see cref="Map"/>, e.g. DNS on 5300. Lookups do not allocate; set
/// up a map before sharing it between threads.
/// </summary>
public sealed class ApplicationPorts
{
    /// <summary>Where the TCP ports start in <see cref="Ranks"/> (the UDP ports come first).</summary>
    internal const int TcpBase = 65536;

    // Both transports' ports in one table (UDP, then TCP), each entry the selected protocol's value minus one, so None is
    // 255: the protocol either port selects, the lower when both do, is then the smaller entry plus one.
    private readonly byte[] _ranks = CreateRanks();

    /// <summary>tcpdump 4.99.3's port choices (read-only: <see cref="Map"/> on it throws).</summary>
    public static ApplicationPorts Tcpdump { get; } = CreateTcpdumpDefaults().Freeze();

    private bool _frozen;

    /// <summary>An empty map: no port selects anything.</summary>
    public ApplicationPorts()
    {
    }

    /// <summary>A new, changeable map with tcpdump 4.99.3's port choices.</summary>
    public static ApplicationPorts CreateTcpdumpDefaults()
    {
        var ports = new ApplicationPorts();
        ports.Map(IpProtocol.Tcp, 25, ApplicationProtocol.Smtp);
        ports.Map(IpProtocol.Tcp, BgpMessage.Port, ApplicationProtocol.Bgp);
        ports.Map(IpProtocol.Tcp, 22, ApplicationProtocol.Ssh);
        ports.Map(IpProtocol.Tcp, 21, ApplicationProtocol.Ftp);
        ports.Map(IpProtocol.Tcp, 80, ApplicationProtocol.Http);
        ports.Map(IpProtocol.Tcp, 8080, ApplicationProtocol.Http);
        ports.Map(IpProtocol.Tcp, 554, ApplicationProtocol.Rtsp);
        ports.Map(IpProtocol.Tcp, 8554, ApplicationProtocol.Rtsp);
        ports.Map(IpProtocol.Tcp, 53, ApplicationProtocol.Dns);
        ports.Map(IpProtocol.Udp, 53, ApplicationProtocol.Dns);
        ports.Map(IpProtocol.Udp, 5353, ApplicationProtocol.Mdns);
        ports.Map(IpProtocol.Udp, 69, ApplicationProtocol.Tftp);
        ports.Map(IpProtocol.Udp, 67, ApplicationProtocol.Bootp);
        ports.Map(IpProtocol.Udp, 68, ApplicationProtocol.Bootp);
        ports.Map(IpProtocol.Udp, 520, ApplicationProtocol.Rip);
        ports.Map(IpProtocol.Udp, 161, ApplicationProtocol.Snmp).Map(IpProtocol.Udp, 162, ApplicationProtocol.Snmp);
        ports.Map(IpProtocol.Udp, 123, ApplicationProtocol.Ntp);
        ports.Map(IpProtocol.Udp, 88, ApplicationProtocol.Kerberos).Map(IpProtocol.Udp, 750, ApplicationProtocol.Kerberos);
        foreach (ushort port in (ReadOnlySpan<ushort>)[1645, 1812, 1646, 1813, 1700, 3799])
            ports.Map(IpProtocol.Udp, port, ApplicationProtocol.Radius);
        ports.Map(IpProtocol.Udp, 521, ApplicationProtocol.Ripng);
        ports.Map(IpProtocol.Udp, 5060, ApplicationProtocol.Sip);
        ports.Map(IpProtocol.Udp, 514, ApplicationProtocol.Syslog);
        ports.Map(IpProtocol.Udp, 4789, ApplicationProtocol.Vxlan);
        ports.Map(IpProtocol.Udp, 6081, ApplicationProtocol.Geneve);
        return ports;
    }

    /// <summary>Makes <paramref name="port"/> over <paramref name="transport"/> select <paramref name="protocol"/> (<see cref="ApplicationProtocol.None"/> removes it).</summary>
    /// <param name="transport"><see cref="IpProtocol.Udp"/> or <see cref="IpProtocol.Tcp"/>.</param>
    /// <param name="port">The port number.</param>
    /// <param name="protocol">The protocol the port selects.</param>
    /// <returns>This map, for chaining.</returns>
    public ApplicationPorts Map(IpProtocol transport, ushort port, ApplicationProtocol protocol)
    {
        if (_frozen)
            throw new InvalidOperationException("ApplicationPorts.Tcpdump is shared and read-only; change a copy from CreateTcpdumpDefaults().");
        _ranks[BaseOf(transport) + port] = (byte)(protocol - 1);
        return this;
    }

    /// <summary>The protocol a segment between <paramref name="sourcePort"/> and <paramref name="destinationPort"/> carries, or <see cref="ApplicationProtocol.None"/>.</summary>
    /// <param name="transport"><see cref="IpProtocol.Udp"/> or <see cref="IpProtocol.Tcp"/>; any other gives None.</param>
    /// <param name="sourcePort">The source port.</param>
    /// <param name="destinationPort">The destination port.</param>
    public ApplicationProtocol Select(IpProtocol transport, ushort sourcePort, ushort destinationPort) =>
        transport == IpProtocol.Udp || transport == IpProtocol.Tcp
            ? Choose(_ranks, (nuint)BaseOf(transport), sourcePort, destinationPort)
            : ApplicationProtocol.None;

    /// <summary>Both transports' ports, UDP then TCP from <see cref="TcpBase"/> (the layer walk reads it directly).</summary>
    internal byte[] Ranks => _ranks;

    /// <summary>The protocol either port selects among <paramref name="ranks"/>' ports from <paramref name="transportBase"/>, the lower value when both do.</summary>
    // Forced inline: the layer walk's application choice runs inside its callers, whose inline budget is often spent.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ApplicationProtocol Choose(byte[] ranks, nuint transportBase, uint sourcePort, uint destinationPort)
    {
        // The table has 2 x 65536 entries (this class's own array, never replaced) and the base is 0 or TcpBase, so a
        // port is always in range.
        Debug.Assert(ranks.Length == 2 * TcpBase && transportBase is 0 or TcpBase && sourcePort <= ushort.MaxValue && destinationPort <= ushort.MaxValue);
        ref byte first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ranks), transportBase);
        uint bySource = Unsafe.Add(ref first, sourcePort);
        uint byDestination = Unsafe.Add(ref first, destinationPort);
        return (ApplicationProtocol)(byte)(Math.Min(bySource, byDestination) + 1);
    }

    private static byte[] CreateRanks()
    {
        var ranks = new byte[2 * TcpBase];
        ranks.AsSpan().Fill(unchecked((byte)(ApplicationProtocol.None - 1)));
        return ranks;
    }

    private static int BaseOf(IpProtocol transport) =>
        transport == IpProtocol.Udp ? 0
        : transport == IpProtocol.Tcp ? TcpBase
        : throw new ArgumentOutOfRangeException(nameof(transport), transport, "application ports are UDP or TCP ports");

    private ApplicationPorts Freeze()
    {
        _frozen = true;
        return this;
    }
}
