namespace Pcap.Native;

/// <summary>Whether an interface has a link, as libpcap derives it from ethtool's ETHTOOL_GLINK.</summary>
public enum ConnectionStatus
{
    /// <summary>The driver cannot tell (tcpdump prints nothing).</summary>
    Unknown,
    /// <summary>Link is up.</summary>
    Connected,
    /// <summary>Link is down (no carrier).</summary>
    Disconnected,
    /// <summary>Meaningless for this kind of interface, such as loopback.</summary>
    NotApplicable,
}
