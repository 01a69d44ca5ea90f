using Pcap.Cli.CommandLine;
using Pcap.Native;
using Pcap.Wire;

namespace Pcap.Cli.Commands;

/// <summary>
/// <c>pcapcore -L [-i DEVICE]</c> and <c>-J</c>: the data link types and time stamp types libpcap offers on the device,
/// in tcpdump's words, on stderr as tcpdump prints them. <c>-y</c> accepts the first of each pair of link types; <c>-j</c> only <c>host</c>.
/// </summary>
internal static class ListDeviceTypesCommand
{
    /// <summary>Prints the lists; returns the exit status.</summary>
    public static int Run(CliOptions options)
    {
        CaptureDevice device;
        try
        {
            device = options.Interface is { } name
                ? CaptureDevices.Resolve(name)
                : CaptureDevices.List().FirstOrDefault(d => !d.IsAny && !d.Flags.HasFlag(DeviceFlags.Loopback) && d.Flags.HasFlag(DeviceFlags.Up))
                  ?? throw new CaptureException(CaptureError.NoSuchDevice, "no suitable device found; name one with -i (see 'pcapcore -D')");
        }
        catch (CaptureException e)
        {
            Console.Error.WriteLine($"pcapcore: {e.Message}");
            return 1;
        }
        if (options.ListTimestampTypes)
        {
            Console.Error.Write(TimestampTypeOption.List(device.Name));
            return 0;
        }
        // libpcap activates the device to ask it, which fails on a device that is down.
        if (!device.IsAny && !device.Flags.HasFlag(DeviceFlags.Up))
        {
            Console.Error.WriteLine($"pcapcore: {device.Name}: That device is not up");
            return 1;
        }
        Console.Error.Write($"Data link types for {device.Name} (use option -y to set):\n");
        foreach (var line in Lines(device))
            Console.Error.Write($"  {line}\n");
        return 0;
    }

    // What libpcap's Linux module offers: cooked v1 and v2 on any and on devices without an Ethernet header; EN10MB on
    // loopback; EN10MB and DOCSIS on other Ethernet devices.
    private static string[] Lines(CaptureDevice device)
    {
        if (device.IsAny || device.LinkType != LinkType.Ethernet)
            return ["LINUX_SLL (Linux cooked v1)", "LINUX_SLL2 (Linux cooked v2)"];
        if (device.Flags.HasFlag(DeviceFlags.Loopback))
            return ["EN10MB (Ethernet)"];
        return ["EN10MB (Ethernet)", "DOCSIS (DOCSIS) (printing not supported)"];
    }
}
