using System.Diagnostics;
using System.Text;
using Pcap.Testing;

namespace Pcap.Live.Tests.Support;

/// <summary>
/// A capture that prints: <c>tcpdump</c> or <c>pcapcore</c> with the same flags, started inside a namespace with
/// <c>ip netns exec</c>, line-buffered and in immediate mode, stopped with SIGINT; its stdout lines are what is compared.
/// </summary>
internal sealed class PrintedCapture : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private PrintedCapture(string program, Process process)
    {
        Program = program;
        _process = process;
    }

    /// <summary>"tcpdump" or "pcapcore".</summary>
    public string Program { get; }

    /// <summary>What it printed on stderr so far.</summary>
    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Starts <paramref name="program"/> (tcpdump or pcapcore) with <c>-l --immediate-mode ARGS</c> in <paramref name="ns"/> and waits until it listens.</summary>
    public static PrintedCapture Start(string ns, string program, params string[] arguments)
    {
        string executable = program == "pcapcore" ? PcapcoreProcess.ExecutablePath : ExternalTool.Require(program);
        var start = new ProcessStartInfo(ExternalTool.Require("ip"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "netns", "exec", ns, executable, "-l", "--immediate-mode" }.Concat(arguments))
            start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C";
        start.Environment["TZ"] = "UTC";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var capture = new PrintedCapture(program, process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (capture._stdout) capture._stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (capture._stderr) capture._stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!capture.StandardError.Contains("listening on", StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                capture.Dispose();
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} in {ns} did not start listening: {capture.StandardError}");
            }
            Thread.Sleep(20);
        }
        return capture;
    }

    /// <summary>Sends SIGINT, waits for the exit and returns the printed packet lines (blank lines dropped).</summary>
    public List<string> StopAndReadLines()
    {
        Signals.Send(_process.Id, "INT");
        if (!_process.WaitForExit(TimeSpan.FromSeconds(15)))
            throw new TimeoutException($"{Program} did not exit after SIGINT: {StandardError}");
        _process.WaitForExit();
        lock (_stdout)
            return _stdout.ToString().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
    }

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    /// <summary>Starts tcpdump and pcapcore with the same arguments, runs <paramref name="traffic"/>, and returns both outputs.</summary>
    public static (List<string> Tcpdump, List<string> Pcapcore) Both(string ns, string[] arguments, Action traffic, int settleMilliseconds = 500)
    {
        using var tcpdump = Start(ns, "tcpdump", arguments);
        using var pcapcore = Start(ns, "pcapcore", arguments);
        traffic();
        Thread.Sleep(settleMilliseconds);
        return (tcpdump.StopAndReadLines(), pcapcore.StopAndReadLines());
    }

    /// <summary>Fails unless both printed the same lines, and at least <paramref name="atLeast"/> of them.</summary>
    public static void AssertSameLines(string what, List<string> tcpdump, List<string> pcapcore, int atLeast)
    {
        Assert.True(tcpdump.Count >= atLeast, $"{what}: tcpdump printed only {tcpdump.Count} lines:\n{string.Join('\n', tcpdump)}");
        string expected = string.Join('\n', tcpdump), actual = string.Join('\n', pcapcore);
        Assert.True(expected == actual, $"{what}: the printed lines differ.\ntcpdump:\n{expected}\npcapcore:\n{actual}");
    }
}
