using Pcap.Native;

namespace Pcap.Cli.Commands;

/// <summary><c>pcapcore -D</c>: the interfaces that can be captured on, numbered like <c>tcpdump -D</c>.</summary>
internal static class ListInterfacesCommand
{
    /// <summary>Prints the list; returns the exit status.</summary>
    public static int Run()
    {
        try
        {
            var devices = CaptureDevices.List();
            for (int i = 0; i < devices.Count; i++)
                Console.Out.WriteLine($"{i + 1}.{devices[i]}");
            return 0;
        }
        catch (CaptureException e)
        {
            Console.Error.WriteLine($"pcapcore: {e.Message}");
            return 1;
        }
    }
}
