namespace Pcap.Native;

/// <summary>
/// A capture could not be opened or continued. <see cref="Exception.Message"/> is one line a person can act on
/// (for example "you need root or CAP_NET_RAW to capture on 'eth0'").
/// </summary>
public sealed class CaptureException : Exception
{
    /// <summary>Creates the error.</summary>
    public CaptureException(CaptureError error, string message, Errno errno = Errno.None, string? device = null)
        : base(message)
    {
        Error = error;
        Errno = errno;
        Device = device;
    }

    /// <summary>The kind of problem.</summary>
    public CaptureError Error { get; }

    /// <summary>The system error behind it, or <see cref="Errno.None"/>.</summary>
    public Errno Errno { get; }

    /// <summary>The interface concerned, when there is one.</summary>
    public string? Device { get; }
}
