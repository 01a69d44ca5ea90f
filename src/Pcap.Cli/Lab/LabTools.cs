using System.Diagnostics;

namespace Pcap.Cli.Lab;

/// <summary>Runs the system tools the lab needs (ip, iptables, sysctl, ping), failing with the tool's own message.</summary>
internal static class LabTools
{
    private static readonly string[] SearchPath = ["/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>Thrown when a tool is missing or fails; the message says which and why.</summary>
    internal sealed class LabToolException(string message) : Exception(message);

    /// <summary>The full path of <paramref name="tool"/>, or an error that says which package provides it.</summary>
    public static string Require(string tool)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(SearchPath))
        {
            if (directory.Length > 0 && File.Exists(Path.Combine(directory, tool)))
                return Path.Combine(directory, tool);
        }
        string package = tool switch { "ip" => "iproute2", "ping" => "iputils-ping", _ => tool };
        throw new LabToolException($"'{tool}' is not installed; the lab needs it (apt-get install {package})");
    }

    /// <summary>Runs <paramref name="tool"/> and returns its standard output; throws when it exits non-zero.</summary>
    public static string Run(string tool, IEnumerable<string> arguments, CancellationToken cancellation = default, bool check = true)
    {
        var start = new ProcessStartInfo(Require(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new LabToolException($"could not start {tool}");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using (cancellation.Register(() => KillQuietly(process)))
        {
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                throw new LabToolException($"'{tool} {string.Join(' ', start.ArgumentList)}' did not finish in 30 s");
            }
        }
        cancellation.ThrowIfCancellationRequested();
        if (check && process.ExitCode != 0)
            throw new LabToolException($"'{tool} {string.Join(' ', start.ArgumentList)}' failed: {error.Result.Trim()}");
        return output.Result;
    }

    // Runs inside the Ctrl-C handler's Cancel(): an exception there would escape on the signal thread and end the
    // process before the namespaces are removed, so a child that is already gone is simply ignored.
    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
        }
    }
}
