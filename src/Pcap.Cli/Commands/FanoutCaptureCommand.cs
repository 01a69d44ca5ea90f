using System.Runtime.InteropServices;
using Pcap.Cli.CommandLine;
using Pcap.Cli.Output;
using Pcap.Decode.Files;
using Pcap.Filter;
using Pcap.Native;

namespace Pcap.Cli.Commands;

/// <summary>
/// <c>pcapcore -i IF --workers N [--fanout MODE] ...</c>: the live capture with a fanout group instead of one socket.
/// The workers' rings are merged by time stamp in place (no copy), so the text and the <c>-w</c> file come out in time
/// order as from one socket; then tcpdump's three statistics lines (totals) and one line per worker.
/// </summary>
internal static class FanoutCaptureCommand
{
    /// <summary>Runs the capture; returns the exit status. Errors propagate to <see cref="LiveCaptureCommand.Run"/>.</summary>
    public static int Capture(CliOptions options, string device, CaptureOptions captureOptions)
    {
        var fanout = FanoutArguments.ToFanoutOptions(options);
        using var group = FanoutGroup.Open(device, fanout, captureOptions);
        bool interrupted = false;
        void Interrupt(PosixSignalContext context)
        {
            context.Cancel = true; // keep running so the file is flushed and statistics printed
            interrupted = true;
            group.Stop();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        using var sink = LiveCaptureCommand.OpenSink(options, group.Workers[0]);

        if (group.LinkType == LinkType.LinuxSll2)
            Console.Error.WriteLine("pcapcore: data link type LINUX_SLL2");
        Console.Error.Write(options.WriteFile is null && options.ParquetOutput is null && options.Verbose == 0
            ? "pcapcore: verbose output suppressed, use -v[v]... for full protocol decode\n"
            : "pcapcore: ");
        Console.Error.WriteLine($"listening on {group.Device.Name}, link-type {LinkTypeNames.Describe(group.LinkType)}, snapshot length {group.SnapLength} bytes");
        Console.Error.WriteLine($"pcapcore: {fanout.Workers} workers, fanout {options.FanoutMode ?? "hash"} (group {group.GroupId}), reorder window {group.ReorderWindow.TotalMilliseconds:0} ms");

        long limit = options.Count ?? long.MaxValue;
        try
        {
            // As in LiveCaptureCommand: a batch of packets per hold of the read gate.
            group.RunInTimeOrder(LiveCaptureCommand.WriteTo(sink), limit);
        }
        catch (RotationLimitReachedException e)
        {
            // As tcpdump: -G with -W closed its last file; the statistics follow and the exit status is 0.
            Console.Error.WriteLine(e.Message);
        }
        group.Stop();
        sink.Flush();
        if (interrupted && options.WriteFile is null && options.ParquetOutput is null)
        {
            using var stdout = Console.OpenStandardOutput();
            stdout.Write("\n"u8);
        }

        var total = group.Statistics;
        Console.Error.WriteLine(LiveCaptureCommand.Plural(total.Captured, "captured"));
        Console.Error.WriteLine(LiveCaptureCommand.Plural(total.ReceivedByFilter, "received by filter"));
        Console.Error.WriteLine(LiveCaptureCommand.Plural(total.DroppedByKernel, "dropped by kernel"));
        var workers = group.WorkerStatistics;
        for (int i = 0; i < workers.Count; i++)
            Console.Error.WriteLine($"worker {i}: {workers[i].Captured} captured, {workers[i].ReceivedByFilter} received by filter, {workers[i].DroppedByKernel} dropped by kernel");
        return 0;
    }
}
