using System.Runtime.InteropServices;
using Pcap.Cli.CommandLine;
using Pcap.Cli.Output;
using Pcap.Cli.Privileges;
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
            FilterErrorReport.Write(Console.Error, e);
            return 1;
        }
        catch (CaptureSinkException e)
        {
            Console.Error.WriteLine($"pcapcore: {options.WriteFile ?? options.ParquetOutput}: {e.Message}");
            return 1;
        }
        catch (OutputPositionException e)
        {
            Console.Error.WriteLine($"pcapcore: {e.Message}");
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
        if (options.LinkTypeName is { } requested)
            CheckLinkType(device, requested);
        // AF_PACKET capture has no monitor mode of its own; libpcap's answer for a device without it.
        if (options.MonitorMode)
            throw new CliUsageException($"{CaptureDevices.Resolve(device).Name}: That device doesn't support monitor mode");
        string? expression = FilterSource.Resolve(options, Console.Error);
        var captureOptions = new CaptureOptions
        {
            Filter = expression,
            Netmask = FilterSource.Netmask,
            SnapLength = options.SnapLength ?? CaptureOptions.DefaultSnapLength,
            Promiscuous = !options.NoPromiscuous,
            BufferSize = options.BufferSizeKiB is { } kib ? (int)Math.Min(int.MaxValue, kib * 1024L) : CaptureOptions.DefaultBufferSize,
            Direction = options.Direction switch { "in" => DirectionFilter.In, "out" => DirectionFilter.Out, _ => DirectionFilter.InOut },
            ImmediateMode = options.ImmediateMode || (options.WriteFile is null && options.LineBuffered),
        };

        if (options.Workers is not null || options.FanoutMode is not null || options.FanoutSelectors is not null)
            return FanoutCaptureCommand.Capture(options, device, captureOptions);

        using var capture = LiveCapture.Open(device, captureOptions);
        // As tcpdump: the socket is open, so the rest (and the -w file) runs as -Z's user.
        if (options.User is { } user)
            PrivilegeDrop.To(user);
        bool interrupted = false;
        // Keep running after the signal so the file is flushed and statistics printed.
        using var stop = StopSignals.Register(() =>
        {
            interrupted = true;
            capture.Stop();
        });
        using var sink = OpenSink(options, capture);

        if (options.TimestampType is { } stampType && TimestampTypeOption.Warning(stampType, capture.Device.Name) is { } warning)
            Console.Error.WriteLine(warning);
        // tcpdump's banner: the cooked-v2 warning on any, then "verbose output suppressed" or the program name.
        if (capture.LinkType == LinkType.LinuxSll2)
            Console.Error.WriteLine("pcapcore: data link type LINUX_SLL2");
        Console.Error.Write(options.WriteFile is null && options.ParquetOutput is null && options.Verbose == 0
            ? "pcapcore: verbose output suppressed, use -v[v]... for full protocol decode\n"
            : "pcapcore: ");
        Console.Error.WriteLine($"listening on {capture.Device.Name}, link-type {LinkTypeNames.Describe(capture.LinkType)}, snapshot length {capture.SnapLength} bytes");

        try
        {
            // Run hands over every packet already in the ring under one hold of the capture's read gate.
            capture.Run(WriteTo(sink), options.Count ?? long.MaxValue);
            sink.Flush();
            if (interrupted && options.WriteFile is null && options.ParquetOutput is null)
            {
                // As tcpdump: a signal may have cut a line short, so one newline on stdout before the statistics.
                using var stdout = new StandardOutputStream(StandardOutput.Open());
                stdout.Write("\n"u8);
            }
        }
        catch (StandardOutputException e) when (options.WriteFile is null)
        {
            // As tcpdump: printed text that cannot be written ends the run at once, without statistics.
            Console.Error.WriteLine($"pcapcore: {StandardOutput.Describe(e)}");
            return StandardOutput.WriteFailedExitCode;
        }
        catch (RotationLimitReachedException e)
        {
            // As tcpdump: -G with -W closed its last file; the statistics follow and the exit status is 0.
            Console.Error.WriteLine(e.Message);
        }
        catch (StandardOutputException)
        {
            // -w - into a closed pipe: tcpdump stops on the SIGPIPE and reports its statistics.
        }

        var statistics = capture.Statistics;
        Console.Error.WriteLine(Plural(statistics.Captured, "captured"));
        Console.Error.WriteLine(Plural(statistics.ReceivedByFilter, "received by filter"));
        Console.Error.WriteLine(Plural(statistics.DroppedByKernel, "dropped by kernel"));
        return 0;
    }

    /// <summary>The handler that writes each live packet to <paramref name="sink"/>: a plain <c>-w</c> file is called directly, with no interface dispatch per packet.</summary>
    internal static PacketHandler WriteTo(IPacketSink sink) => sink is CaptureFileSink file
        ? (in LivePacket packet) => file.Write(packet.AsFileRecord())
        : (in LivePacket packet) => sink.Write(packet.AsFileRecord());

    // tcpdump's text (interface names on -i any from the capture's own namespace), or the -w file.
    internal static IPacketSink OpenSink(CliOptions options, LiveCapture capture)
    {
        IPacketSink? text = null;
        if ((options.WriteFile is null && options.ParquetOutput is null) || options.PrintWhileWriting)
        {
            var format = PrintingSink.OptionsFor(options) with { InterfaceNames = capture.FindInterfaceName };
            text = new PrintingSink(new StandardOutputStream(StandardOutput.Open()), format, options.LineBuffered, options.Number);
        }
        if (options.ParquetOutput is not null)
        {
            try
            {
                return PacketSinkFactory.WithText(ParquetSink.Open(options, null, Console.Error), text);
            }
            catch
            {
                text?.Dispose();
                throw;
            }
        }
        if (options.WriteFile is null)
            return text!;
        if (RotatingCaptureSink.Applies(options))
        {
            try
            {
                var rotating = new RotatingCaptureSink(options,
                    // As pcap_dump_open: the name "-" (which -G's strftime keeps) is stdout, every other one a file.
                    name => name == "-"
                        ? new CaptureFileSink(StandardOutputFile.Open(StandardOutput.Open()), capture.LinkType, (uint)capture.SnapLength, options.NanosecondPrecision, options.PacketBuffered)
                        : CaptureFileSink.Create(name, capture.LinkType, (uint)capture.SnapLength, options.NanosecondPrecision, options.PacketBuffered, null),
                    Console.Error);
                return text is null ? rotating : new TeeSink(rotating, text);
            }
            catch
            {
                text?.Dispose();
                throw;
            }
        }
        // The sink's record buffer keeps write(2) calls rare under load, as stdio does for tcpdump.
        Stream stream = options.WriteFile == "-"
            ? StandardOutputFile.Open(StandardOutput.Open())
            : CaptureFileSink.OpenFile(options.WriteFile);
        try
        {
            var file = new CaptureFileSink(stream, capture.LinkType, (uint)capture.SnapLength, options.NanosecondPrecision, options.PacketBuffered);
            return text is null ? file : new TeeSink(file, text);
        }
        catch
        {
            stream.Dispose();
            text?.Dispose();
            throw;
        }
    }

    private static string DefaultDevice()
    {
        var first = CaptureDevices.List().FirstOrDefault(d => !d.IsAny && !d.Flags.HasFlag(DeviceFlags.Loopback) && d.Flags.HasFlag(DeviceFlags.Up));
        return first?.Name ?? throw new CaptureException(CaptureError.NoSuchDevice, "no suitable device found; name one with -i (see 'pcapcore -D')");
    }

    // -y on a live device: libpcap offers EN10MB (and DOCSIS) on Ethernet, LINUX_SLL2 and LINUX_SLL on any and other
    // cooked devices; pcapcore captures the first of each pair.
    private static void CheckLinkType(string deviceName, string requested)
    {
        var device = CaptureDevices.Resolve(deviceName);
        bool cooked = device.IsAny || device.LinkType != LinkType.Ethernet;
        string native = cooked ? "LINUX_SLL2" : "EN10MB";
        if (requested == native)
            return;
        if (requested == (cooked ? "LINUX_SLL" : "DOCSIS"))
            throw new CliUsageException($"{requested} is not supported by pcapcore on {device.Name}: it captures {native} there");
        throw new CliUsageException($"{requested} is not one of the DLTs supported by this device");
    }

    internal static string Plural(long count, string what) => $"{count} packet{(count == 1 ? "" : "s")} {what}";
}
