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

    /// <summary>
    /// The executable under test (next to the test assembly, or <see cref="PcapcoreExecutable.Variable"/>), where user
    /// 65534 can run it too: the non-root tests and <c>-Z</c> run pcapcore as nobody, which cannot enter a checkout inside
    /// a directory only root may (a <c>mktemp -d</c> clone is mode 0700). Then the build output is copied once into a
    /// directory under /tmp that everyone may read, removed when the test run ends.
    /// </summary>
    public static string ExecutablePath => RunnablePath.Value;

    private static readonly Lazy<string> RunnablePath = new(FindRunnablePath);

    /// <summary>Starts <c>[prefix...] pcapcore args</c>.</summary>
    public static PcapcoreProcess Start(IEnumerable<string> prefix, params string[] arguments) =>
        StartExecutable(ExecutablePath, prefix, arguments);

    private static string FindRunnablePath()
    {
        string path = PcapcoreExecutable.Path;
        if (NobodyCanRun(path))
            return path;
        string copy = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pcapcore-nobody-{Environment.ProcessId}");
        CopyDirectory(System.IO.Path.GetDirectoryName(path)!, copy);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(copy, recursive: true);
            }
            catch (IOException)
            {
                // Left in /tmp when a process still holds it; never a reason to fail the run.
            }
        };
        string copied = System.IO.Path.Combine(copy, System.IO.Path.GetFileName(path));
        Assert.True(NobodyCanRun(copied), $"user 65534 cannot run {path}, nor its copy {copied}");
        return copied;
    }

    private static bool NobodyCanRun(string path) =>
        ExternalTool.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "test", "-x", path]).ExitCode == 0;

    // Directories get the default mode (0755 under root's umask); File.Copy keeps each file's mode, so the apphost stays executable.
    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(source))
            File.Copy(file, System.IO.Path.Combine(destination, System.IO.Path.GetFileName(file)), overwrite: true);
        foreach (string directory in Directory.GetDirectories(source))
            CopyDirectory(directory, System.IO.Path.Combine(destination, System.IO.Path.GetFileName(directory)));
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
