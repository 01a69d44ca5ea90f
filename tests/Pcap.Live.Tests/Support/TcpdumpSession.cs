using System.Diagnostics;
using System.Text;
using Pcap.Testing;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests.Support;

/// <summary>
/// tcpdump writing a pcap file in a namespace, started before the traffic and stopped with SIGINT after it,
/// so its capture can be compared with PcapCore's of the same packets.
/// </summary>
internal sealed class TcpdumpSession : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TcpdumpSession(Process process, string file)
    {
        _process = process;
        File = file;
    }

    /// <summary>The pcap file being written.</summary>
    public string File { get; }

    /// <summary>What tcpdump printed on stderr (listening line and statistics).</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    /// <summary>Starts <c>tcpdump -i DEVICE -U --immediate-mode -w FILE EXPRESSION</c> in <paramref name="ns"/> and waits until it listens.</summary>
    public static TcpdumpSession Start(NetworkNamespace ns, string device, string expression, params string[] extra) =>
        Start(ns, device, expression, immediate: true, extra);

    /// <summary>
    /// Starts tcpdump with or without <c>--immediate-mode</c>. Without it libpcap uses a TPACKET_V3 ring as PcapCore
    /// does; with it libpcap 1.10 switches to TPACKET_V2, whose frame sizing cuts small snapshots 2 bytes short on
    /// Ethernet. Without it, wait more than the 1 s block timeout before stopping.
    /// </summary>
    public static TcpdumpSession Start(NetworkNamespace ns, string device, string expression, bool immediate, params string[] extra)
    {
        string file = Path.Combine(Path.GetTempPath(), $"pcapcore-live-{Guid.NewGuid():n}.pcap");
        var start = new ProcessStartInfo(ExternalTool.Require("ip"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        string[] mode = immediate ? ["--immediate-mode"] : [];
        foreach (var argument in ns.ExecArguments("tcpdump", ["-i", device, "-U", .. mode, "-w", file, .. extra, expression]))
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start tcpdump");
        var session = new TcpdumpSession(process, file);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (session._stderr)
                session._stderr.AppendLine(e.Data);
            if (e.Data.Contains("listening on", StringComparison.Ordinal))
                session._listening.TrySetResult();
        };
        process.BeginErrorReadLine();
        if (!session._listening.Task.Wait(TimeSpan.FromSeconds(15)))
        {
            session.Dispose();
            throw new InvalidOperationException($"tcpdump did not start listening on {device}: {session.StandardError}");
        }
        return session;
    }

    /// <summary>Sends SIGINT, waits for tcpdump to flush and exit, and returns the records it wrote.</summary>
    public List<PcapFileRecords.Record> StopAndRead()
    {
        Signals.Send(_process.Id, "INT");
        if (!_process.WaitForExit(TimeSpan.FromSeconds(15)))
            throw new TimeoutException($"tcpdump did not exit after SIGINT: {StandardError}");
        _process.WaitForExit();
        return PcapFileRecords.Read(File);
    }

    /// <summary>Kills tcpdump if it still runs and deletes the file.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
        System.IO.File.Delete(File);
    }
}
