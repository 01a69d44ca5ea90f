using System.Runtime.InteropServices;
using Pcap.Cli.CommandLine;
using Pcap.Cli.Lab;
using Pcap.Decode.Files;
using Pcap.Filter;
using Pcap.Native;

namespace Pcap.Cli.Commands;

/// <summary>
/// <c>pcapcore -i IF [-w FILE] [-c N] [-p] [-s N] [-B KiB] [-Q dir] [--immediate-mode] [EXPR]</c>: capture live until
/// -c packets, Ctrl-C or SIGTERM, then flush the file and print tcpdump's three statistics lines on stderr.
/// </summary>
internal static class LiveCaptureCommand
{
    /// <summary>Runs the capture; returns the exit status.</summary>
    public static int Run(CliOptions options)
    {
        try
        {
            return Capture(options);
        }
        catch (CaptureException e)
        {
            Console.Error.WriteLine($"pcapcore: {e.Message}");
            return 1;
        }
        catch (FilterException e)
        {
            Console.Error.WriteLine($"pcapcore: filter error at position {e.Position}: {e.Message}");
            return 1;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"pcapcore: {options.WriteFile}: {e.Message}");
            return 1;
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"pcapcore: {options.WriteFile}: {e.Message}");
            return 1;
        }
    }

    private static int Capture(CliOptions options)
    {
        string device = options.Interface ?? DefaultDevice();
        string? expression = options.FilterFile is { } file ? ReadFilterFile(file) : options.Expression;
        var captureOptions = new CaptureOptions
        {
            Filter = expression,
            SnapLength = options.SnapLength ?? CaptureOptions.DefaultSnapLength,
            Promiscuous = !options.NoPromiscuous,
            BufferSize = options.BufferSizeKiB is { } kib ? (int)Math.Min(int.MaxValue, kib * 1024L) : CaptureOptions.DefaultBufferSize,
            Direction = options.Direction switch { "in" => CaptureDirection.In, "out" => CaptureDirection.Out, _ => CaptureDirection.InOut },
            ImmediateMode = options.ImmediateMode || (options.WriteFile is null && options.LineBuffered),
        };

        using var capture = LiveCapture.Open(device, captureOptions);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopOn(capture));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopOn(capture));
        using var writer = options.WriteFile is { } path ? OpenWriter(path, capture, options) : null;

        if (writer is null)
            Console.Error.WriteLine("pcapcore: verbose output suppressed, use -v[v]... for full protocol decode");
        Console.Error.WriteLine($"pcapcore: listening on {capture.Device.Name}, link-type {LinkTypeName(capture.LinkType)}, snapshot length {capture.SnapLength} bytes");

        long limit = options.Count ?? long.MaxValue;
        long seen = 0;
        var output = Console.Out;
        while (seen < limit && capture.TryRead(out var packet))
        {
            seen++;
            if (writer is not null)
            {
                writer.WritePacket(packet.TimestampNanoseconds, packet.Data, (uint)packet.WireLength);
                if (options.PacketBuffered)
                    writer.Flush();
            }
            else
            {
                output.WriteLine(PacketLine.Format(packet, options.LinkHeader));
                if (options.LineBuffered)
                    output.Flush();
            }
        }
        writer?.Flush();
        output.Flush();

        var statistics = capture.Statistics;
        Console.Error.WriteLine();
        Console.Error.WriteLine(Plural(statistics.Captured, "captured"));
        Console.Error.WriteLine(Plural(statistics.ReceivedByFilter, "received by filter"));
        Console.Error.WriteLine(Plural(statistics.DroppedByKernel, "dropped by kernel"));
        return 0;
    }

    private static Action<PosixSignalContext> StopOn(LiveCapture capture) => context =>
    {
        context.Cancel = true; // keep running so the file is flushed and statistics printed
        capture.Stop();
    };

    private static PcapWriter OpenWriter(string path, LiveCapture capture, CliOptions options)
    {
        // A large buffer keeps write(2) calls rare under load, as stdio does for tcpdump.
        Stream stream = path == "-" ? new BufferedStream(Console.OpenStandardOutput(), 1 << 16) : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        return new PcapWriter(stream, (uint)capture.LinkType, (uint)capture.SnapLength, options.NanosecondPrecision);
    }

    private static string DefaultDevice()
    {
        var first = CaptureDevices.List().FirstOrDefault(d => !d.IsAny && !d.Flags.HasFlag(DeviceFlags.Loopback) && d.Flags.HasFlag(DeviceFlags.Up));
        return first?.Name ?? throw new CaptureException(CaptureError.NoSuchDevice, "no suitable device found; name one with -i (see 'pcapcore -D')");
    }

    private static string ReadFilterFile(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read the filter file '{path}': {e.Message}");
        }
    }

    private static string LinkTypeName(LinkType linkType) => linkType switch
    {
        LinkType.Ethernet => "EN10MB (Ethernet)",
        LinkType.LinuxSll2 => "LINUX_SLL2 (Linux cooked v2)",
        _ => linkType.ToString(),
    };

    private static string Plural(long count, string what) => $"{count} packet{(count == 1 ? "" : "s")} {what}";
}
