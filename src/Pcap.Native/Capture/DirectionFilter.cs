namespace Pcap.Native;

/// <summary>
/// Which packets a capture keeps by direction, the option of <c>-Q in|out|inout</c>. A setting, not a packet's
/// direction: each packet reports that as a <see cref="LinuxPacketType"/>.
/// </summary>
public enum DirectionFilter
{
    /// <summary>Both received and sent packets (the default).</summary>
    InOut,
    /// <summary>Only packets received by the interface.</summary>
    In,
    /// <summary>Only packets the host sent.</summary>
    Out,
}
