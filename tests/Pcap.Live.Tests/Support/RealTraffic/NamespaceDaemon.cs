using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pcap.Testing;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests.Support.RealTraffic;

/// <summary>
/// A daemon (or a long-running client) started inside a namespace with <c>ip netns exec</c>: its output is kept for
/// failure messages, readiness is polled (a listening socket or a line it prints), and it is killed on dispose.
/// </summary>
internal sealed class NamespaceDaemon : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly NetworkNamespace _ns;

    private NamespaceDaemon(NetworkNamespace ns, string what, Process process)
    {
        _ns = ns;
        What = what;
        _process = process;
    }

    /// <summary>What the daemon is, for messages ("dnsmasq", "sshd").</summary>
    public string What { get; }

    /// <summary>Everything it printed on stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="ns"/>.</summary>
    public static NamespaceDaemon Start(NetworkNamespace ns, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExternalTool.Require("ip"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "netns", "exec", ns.Name, TrafficTools.Require(program) }.Concat(arguments))
            start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C";
        start.Environment["TZ"] = "UTC";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var daemon = new NamespaceDaemon(ns, program, process);
        process.OutputDataReceived += (_, e) => daemon.Append(e.Data);
        process.ErrorDataReceived += (_, e) => daemon.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return daemon;
    }

    /// <summary>Polls <c>ss</c> in the namespace until something listens on <paramref name="address"/>:<paramref name="port"/>.</summary>
    public void WaitForSocket(string protocol, string address, int port, TimeSpan? timeout = null)
    {
        string endpoint = (address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address) + ":" + port.ToString(CultureInfo.InvariantCulture) + " ";
        string flag = protocol == "tcp" ? "-Hltn" : "-Hlun";
        WaitUntil(() => ExternalTool.Run("ip", ["netns", "exec", _ns.Name, TrafficTools.Require("ss"), flag], TimeSpan.FromSeconds(10))
            .StandardOutput.Contains(endpoint, StringComparison.Ordinal), timeout, $"a {protocol} socket on {endpoint.Trim()}");
    }

    /// <summary>Waits until the daemon has printed <paramref name="text"/>.</summary>
    public void WaitForOutput(string text, TimeSpan? timeout = null) =>
        WaitUntil(() => Output.Contains(text, StringComparison.Ordinal), timeout, $"the line '{text}'");

    /// <summary>Writes one line to the daemon's standard input.</summary>
    public void WriteLine(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Sends SIGTERM and waits up to <paramref name="grace"/> for a clean exit (goodbye packets), then kills.</summary>
    public void Stop(TimeSpan grace)
    {
        if (_process.HasExited)
            return;
        try
        {
            Signals.Send(_process.Id, "TERM");
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }
        if (!_process.WaitForExit(grace))
            _process.Kill(entireProcessTree: true);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit by itself.</summary>
    public void WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
            throw new TimeoutException($"{What} in {_ns.Name} did not exit within {timeout.TotalSeconds} s; it printed: {Output}");
    }

    /// <summary>Kills the daemon if it still runs.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private void WaitUntil(Func<bool> ready, TimeSpan? timeout, string what)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!ready())
        {
            if (_process.HasExited)
            {
                // The exit can be seen before the last lines are read: WaitForExit() drains the output, then look again.
                _process.WaitForExit();
                if (ready())
                    return;
                throw new InvalidOperationException($"{What} in {_ns.Name} exited ({_process.ExitCode}) before {what} appeared; it printed: {Output}");
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{What} in {_ns.Name}: no {what} after {(timeout ?? TimeSpan.FromSeconds(15)).TotalSeconds} s; it printed: {Output}");
            Thread.Sleep(50);
        }
    }
}
