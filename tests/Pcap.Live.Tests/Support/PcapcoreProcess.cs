using System.Diagnostics;
using System.Text;
using Pcap.Testing;

namespace Pcap.Live.Tests.Support;

/// <summary>The built <c>pcapcore</c> executable (or an oracle tool beside it) run as a child process, optionally inside a namespace or as another user.</summary>
internal sealed class PcapcoreProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private PcapcoreProcess(Process process) => _process = process;

    /// <summary>The executable under test (next to the test assembly, or <see cref="PcapcoreExecutable.Variable"/>).</summary>
    public static string ExecutablePath => PcapcoreExecutable.Path;

    /// <summary>Starts <c>[prefix...] pcapcore args</c>.</summary>
    public static PcapcoreProcess Start(IEnumerable<string> prefix, params string[] arguments) =>
        StartExecutable(ExecutablePath, prefix, arguments);

    /// <summary>
    /// Fails with the reason when user 65534 cannot run the executable under test, as when the checkout sits in a
    /// directory only root may enter (a <c>mktemp -d</c> clone is mode 0700): the non-root tests would see the .NET host
    /// crash instead of pcapcore's message.
    /// </summary>
    public static void RequireRunnableByNobody()
    {
        var check = ExternalTool.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "test", "-x", ExecutablePath]);
        if (check.ExitCode != 0)
            Assert.Fail($"user 65534 cannot run {ExecutablePath} (a directory on its path is closed to other users, e.g. a " +
                        "mktemp -d clone): clone into a directory others may enter to run the non-root tests");
    }

    /// <summary>Starts <c>[prefix...] TOOL args</c> for an oracle tool such as tcpdump, to run beside pcapcore.</summary>
    public static PcapcoreProcess StartTool(string tool, IEnumerable<string> prefix, params string[] arguments) =>
        StartExecutable(ExternalTool.Require(tool), prefix, arguments);

    private static PcapcoreProcess StartExecutable(string executable, IEnumerable<string> prefix, string[] arguments)
    {
        var command = prefix.Concat([executable]).Concat(arguments).ToList();
        var start = new ProcessStartInfo(command[0] == executable ? executable : ExternalTool.Require(command[0]))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C";
        start.Environment["TZ"] = "UTC";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var wrapper = new PcapcoreProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (wrapper._stdout) wrapper._stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (wrapper._stderr) wrapper._stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Standard output so far.</summary>
    public string StandardOutput { get { lock (_stdout) return _stdout.ToString(); } }

    /// <summary>Standard error so far.</summary>
    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Waits until <paramref name="condition"/> holds on stdout+stderr, or fails after <paramref name="timeout"/>.</summary>
    public void WaitFor(Func<string, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(StandardOutput + StandardError))
        {
            if (DateTime.UtcNow > deadline || _process.HasExited && !condition(StandardOutput + StandardError))
                throw new TimeoutException($"pcapcore never printed {what}. stdout: {StandardOutput} stderr: {StandardError}");
            Thread.Sleep(50);
        }
    }

    /// <summary>Sends a signal (INT, TERM, KILL).</summary>
    public void Signal(string name) => Signals.Send(Id, name);

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Waits for exit and returns the exit code.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
            throw new TimeoutException($"pcapcore did not exit within {timeout.TotalSeconds} s. stdout: {StandardOutput} stderr: {StandardError}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
