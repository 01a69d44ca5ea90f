namespace Pcap.Decode.Files;

/// <summary>The first four bytes of capture files, as a little-endian reader sees them.</summary>
internal static class PcapMagic
{
    /// <summary>pcap with microsecond timestamps.</summary>
    public const uint Microseconds = 0xA1B2C3D4;
    /// <summary>pcap with nanosecond timestamps.</summary>
    public const uint Nanoseconds = 0xA1B23C4D;
    /// <summary>Alexey Kuznetzov's modified pcap: microsecond timestamps and 8 extra bytes per record.</summary>
    public const uint Modified = 0xA1B2CD34;
    /// <summary>pcapng section header block type (a palindrome, the same in both byte orders).</summary>
    public const uint PcapNgSectionHeader = 0x0A0D0D0A;
    /// <summary>pcapng byte-order magic inside the section header block.</summary>
    public const uint PcapNgByteOrder = 0x1A2B3C4D;
}
