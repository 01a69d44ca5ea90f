namespace Pcap.Decode.Files;

/// <summary>The container format of a capture file.</summary>
public enum CaptureFileFormat
{
    /// <summary>The classic libpcap format: one global header, then packet records.</summary>
    Pcap,
    /// <summary>pcap next generation: sections of blocks, several interfaces, per-interface timestamp resolution.</summary>
    PcapNg,
}
