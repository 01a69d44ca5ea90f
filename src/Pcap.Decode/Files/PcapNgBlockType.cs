namespace Pcap.Decode.Files;

/// <summary>pcapng block type numbers this library reads or writes; every other block is skipped.</summary>
internal static class PcapNgBlockType
{
    public const uint SectionHeader = 0x0A0D0D0A;
    public const uint InterfaceDescription = 0x00000001;
    /// <summary>The obsolete Packet Block, still written by old tools.</summary>
    public const uint Packet = 0x00000002;
    public const uint SimplePacket = 0x00000003;
    public const uint EnhancedPacket = 0x00000006;
    /// <summary>Custom block that may be copied by rewriting tools.</summary>
    public const uint CustomCopiable = 0x00000BAD;
}
