namespace Pcap.Cli.CommandLine;

/// <summary>
/// <c>-j TYPE</c> and <c>-J</c>: libpcap's time stamp type names. An AF_PACKET socket gives host time stamps, which is
/// all libpcap offers on veth, loopback and bridge devices too; another valid type gets libpcap's warning.
/// </summary>
internal static class TimestampTypeOption
{
    private static readonly string[] Names = ["host", "host_lowprec", "host_hiprec", "adapter", "adapter_unsynced", "host_hiprec_unsynced"];

    /// <summary>The one type pcapcore captures with, and its description as <c>-J</c> prints it.</summary>
    public const string Host = "host";

    /// <summary>Returns <paramref name="name"/> when libpcap knows it (case-insensitive, as pcap_tstamp_type_name_to_val).</summary>
    /// <exception cref="CliUsageException">tcpdump's "invalid time stamp type NAME".</exception>
    public static string Check(string name) =>
        Array.Find(Names, known => known.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new CliUsageException($"invalid time stamp type {name}");

    /// <summary>tcpdump's warning when the device does not offer the type (capture goes on with host time stamps).</summary>
    public static string? Warning(string requested, string device) =>
        requested.Equals(Host, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"pcapcore: WARNING: When trying to set timestamp type '{requested}' on {device}: That type of time stamp is not supported by that device";

    /// <summary>What <c>-J</c> prints for a device.</summary>
    public static string List(string device) => $"Time stamp types for {device} (use option -j to set):\n  host (Host)\n";
}
