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
    private readonly ApplicationProtocol[] _udp = new ApplicationProtocol[65536];
    private readonly ApplicationProtocol[] _tcp = new ApplicationProtocol[65536];

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
        TableOf(transport)[port] = protocol;
        return this;
    }

    /// <summary>The protocol a segment between <paramref name="sourcePort"/> and <paramref name="destinationPort"/> carries, or <see cref="ApplicationProtocol.None"/>.</summary>
    /// <param name="transport"><see cref="IpProtocol.Udp"/> or <see cref="IpProtocol.Tcp"/>; any other gives None.</param>
    /// <param name="sourcePort">The source port.</param>
    /// <param name="destinationPort">The destination port.</param>
    public ApplicationProtocol Select(IpProtocol transport, ushort sourcePort, ushort destinationPort)
    {
        var table = transport == IpProtocol.Udp ? _udp : transport == IpProtocol.Tcp ? _tcp : null;
        return table is null ? ApplicationProtocol.None : Choose(table, sourcePort, destinationPort);
    }

    /// <summary>The UDP table, indexed by port (the layer walk reads it directly).</summary>
    internal ApplicationProtocol[] Udp => _udp;

    /// <summary>The TCP table, indexed by port.</summary>
    internal ApplicationProtocol[] Tcp => _tcp;

    /// <summary>The protocol either port selects in <paramref name="table"/>, the lower value when both do.</summary>
    // Forced inline: the layer walk's application choice runs inside its callers, whose inline budget is often spent.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ApplicationProtocol Choose(ApplicationProtocol[] table, ushort sourcePort, ushort destinationPort)
    {
        // Every table has 65536 entries (the arrays are this class's own, never replaced), so a port is always in range.
        Debug.Assert(table.Length == 65536);
        ref var first = ref MemoryMarshal.GetArrayDataReference(table);
        var bySource = Unsafe.Add(ref first, sourcePort);
        var byDestination = Unsafe.Add(ref first, destinationPort);
        // None - 1 wraps to 255, so an unselected port loses to any selected one without a branch on None.
        return (byte)(bySource - 1) <= (byte)(byDestination - 1) ? bySource : byDestination;
    }

    private ApplicationProtocol[] TableOf(IpProtocol transport) =>
        transport == IpProtocol.Udp ? _udp
        : transport == IpProtocol.Tcp ? _tcp
        : throw new ArgumentOutOfRangeException(nameof(transport), transport, "application ports are UDP or TCP ports");

    private ApplicationPorts Freeze()
    {
        _frozen = true;
        return this;
    }
}
