namespace Pcap.Decode.Files;

/// <summary>pcapng option codes this library reads or writes.</summary>
internal static class PcapNgOption
{
    public const ushort EndOfOptions = 0;
    public const ushort InterfaceName = 2;
    public const ushort InterfaceTimestampResolution = 9;
    public const ushort InterfaceTimestampOffset = 14;
}
