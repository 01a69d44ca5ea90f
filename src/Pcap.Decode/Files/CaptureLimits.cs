namespace Pcap.Decode.Files;

/// <summary>Sizes a reader refuses before allocating anything, so a corrupt length cannot exhaust memory.</summary>
public static class CaptureLimits
{
    /// <summary>The largest captured length accepted for one packet: 256 MiB.</summary>
    public const int MaxPacketLength = 256 * 1024 * 1024;

    /// <summary>The largest pcapng block accepted: a maximal packet plus generous room for headers and options.</summary>
    public const int MaxBlockLength = MaxPacketLength + 64 * 1024;

    /// <summary>tcpdump's default snapshot length (and the one it writes into files): 262144 bytes.</summary>
    public const uint DefaultSnapLength = 262144;
}
