namespace Pcap.Live.Tests.Support;

/// <summary>
/// A capture that prints: <c>tcpdump</c> or <c>pcapcore</c> with the same flags, started inside a namespace with
/// <c>ip netns exec</c>, line-buffered and in immediate mode, stopped with SIGINT; its stdout lines are what is compared.
/// </summary>
internal sealed class PrintedCapture : IDisposable
{
    private readonly PcapcoreProcess _process;

    private PrintedCapture(string program, PcapcoreProcess process)
    {
        Program = program;
        _process = process;
    }

    /// <summary>"tcpdump" or "pcapcore".</summary>
    public string Program { get; }

    /// <summary>Starts <paramref name="program"/> (tcpdump or pcapcore) with <c>-l --immediate-mode ARGS</c> in <paramref name="ns"/> and waits until it listens.</summary>
    public static PrintedCapture Start(string ns, string program, params string[] arguments)
    {
        string[] prefix = ["ip", "netns", "exec", ns];
        string[] all = ["-l", "--immediate-mode", .. arguments];
        var process = program == "pcapcore" ? PcapcoreProcess.Start(prefix, all) : PcapcoreProcess.StartTool(program, prefix, all);
        var capture = new PrintedCapture(program, process);
        try
        {
            process.WaitFor(text => text.Contains("listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(20), $"'listening on' ({program} {string.Join(' ', arguments)} in {ns})");
        }
        catch
        {
            capture.Dispose();
            throw;
        }
        return capture;
    }

    /// <summary>Sends SIGINT, waits for the exit and returns the printed packet lines (blank lines dropped).</summary>
    public List<string> StopAndReadLines()
    {
        _process.Signal("INT");
        _process.WaitForExit(TimeSpan.FromSeconds(15));
        return _process.StandardOutput.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
    }

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose() => _process.Dispose();

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
