namespace Pcap.Native;

/// <summary>What kind of problem stopped a capture from opening or running, so callers can react without parsing text.</summary>
public enum CaptureError
{
    /// <summary>The process lacks root or CAP_NET_RAW.</summary>
    PermissionDenied,
    /// <summary>The named or numbered interface does not exist.</summary>
    NoSuchDevice,
    /// <summary>The interface exists but is down.</summary>
    DeviceDown,
    /// <summary>The kernel or interface does not support what was asked.</summary>
    NotSupported,
    /// <summary>The kernel refused the BPF program.</summary>
    FilterRejected,
    /// <summary>The options are inconsistent or out of range.</summary>
    InvalidOptions,
    /// <summary>Memory or buffer space ran out.</summary>
    OutOfResources,
    /// <summary>Any other system error; see <see cref="CaptureException.Errno"/>.</summary>
    SystemError,
}
