namespace Pcap.Native;

/// <summary>The state of an interface as <c>tcpdump -D</c> reports it.</summary>
[Flags]
public enum DeviceFlags
{
    /// <summary>Nothing set (tcpdump prints "none").</summary>
    None = 0,
    /// <summary>Administratively up (IFF_UP).</summary>
    Up = 1,
    /// <summary>Operationally running (IFF_RUNNING).</summary>
    Running = 2,
    /// <summary>A wireless interface.</summary>
    Wireless = 4,
    /// <summary>The loopback interface (IFF_LOOPBACK).</summary>
    Loopback = 8,
}
