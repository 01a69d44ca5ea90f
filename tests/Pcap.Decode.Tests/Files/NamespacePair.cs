using System.Diagnostics;
using Pcap.Testing;

namespace Pcap.Decode.Tests.Files;

/// <summary>
/// Two network namespaces with unique names joined by a veth pair (10.77.0.1 in <see cref="Left"/>, 10.77.0.2 in
/// <see cref="Right"/>). Traffic stays between them; both namespaces are deleted on dispose.
/// </summary>
internal sealed class NamespacePair : IDisposable
{
    public const string LeftAddress = "10.77.0.1";
    public const string RightAddress = "10.77.0.2";
    public const string LeftInterface = "pcf0";

    public NamespacePair()
    {
        string unique = Guid.NewGuid().ToString("N")[..8];
        Left = $"pc-{unique}-a";
        Right = $"pc-{unique}-b";
        try
        {
            Ip("netns", "add", Left);
            Ip("netns", "add", Right);
            Ip("-n", Left, "link", "add", LeftInterface, "type", "veth", "peer", "name", "pcf1", "netns", Right);
            Ip("-n", Left, "addr", "add", LeftAddress + "/24", "dev", LeftInterface);
            Ip("-n", Right, "addr", "add", RightAddress + "/24", "dev", "pcf1");
            foreach (var (ns, dev) in new[] { (Left, LeftInterface), (Right, "pcf1"), (Left, "lo"), (Right, "lo") })
                Ip("-n", ns, "link", "set", dev, "up");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Left { get; }
    public string Right { get; }

    /// <summary>
    /// Runs <c>tcpdump -w <paramref name="path"/></c> in the left namespace with <paramref name="tcpdumpArguments"/>
    /// while the right namespace pings the left <paramref name="pings"/> times, then stops tcpdump with SIGINT.
    /// </summary>
    public void Record(string path, IEnumerable<string> tcpdumpArguments, int pings)
    {
        var start = new ProcessStartInfo(ExternalTool.Require("ip")) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in new[] { "netns", "exec", Left, ExternalTool.Require("tcpdump"), "-U", "--immediate-mode", "-w", path }.Concat(tcpdumpArguments))
            start.ArgumentList.Add(argument);
        using var tcpdump = Process.Start(start) ?? throw new InvalidOperationException("could not start tcpdump");
        try
        {
            var listening = new TaskCompletionSource();
            var stderr = new System.Text.StringBuilder();
            tcpdump.ErrorDataReceived += (_, e) =>
            {
                lock (stderr)
                    stderr.AppendLine(e.Data);
                if (e.Data?.Contains("listening on", StringComparison.Ordinal) == true)
                    listening.TrySetResult();
            };
            tcpdump.BeginErrorReadLine();
            Assert.True(listening.Task.Wait(TimeSpan.FromSeconds(15)), $"tcpdump did not start listening: {stderr}");

            var ping = ExternalTool.Run("ip", ["netns", "exec", Right, "ping", "-n", "-c", pings.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "0.2", LeftAddress]);
            Assert.True(ping.ExitCode == 0, $"ping between the namespaces failed: {ping.StandardOutput}{ping.StandardError}");
            Thread.Sleep(300); // immediate mode delivers at once; this only covers scheduling
            ExternalTool.Run("kill", ["-INT", tcpdump.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            Assert.True(tcpdump.WaitForExit(TimeSpan.FromSeconds(15)), "tcpdump did not stop on SIGINT");
            tcpdump.WaitForExit();
            Assert.True(tcpdump.ExitCode == 0, $"tcpdump exited {tcpdump.ExitCode}: {stderr}");
        }
        finally
        {
            if (!tcpdump.HasExited)
                tcpdump.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        foreach (string ns in new[] { Left, Right })
            if (ns is not null)
                ExternalTool.Run("ip", ["netns", "delete", ns]);
    }

    private static void Ip(params string[] arguments)
    {
        var result = ExternalTool.Run("ip", arguments);
        Assert.True(result.ExitCode == 0, $"ip {string.Join(' ', arguments)} failed: {result.StandardError}");
    }
}
