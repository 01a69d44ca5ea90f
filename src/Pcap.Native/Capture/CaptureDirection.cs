namespace Pcap.Native;

/// <summary>Which packets a capture keeps, by direction (<c>-Q in|out|inout</c>).</summary>
public enum CaptureDirection
{
    /// <summary>Both received and sent packets (the default).</summary>
    InOut,
    /// <summary>Only packets received by the interface.</summary>
    In,
    /// <summary>Only packets the host sent.</summary>
    Out,
}
