using System.Diagnostics;

namespace Pcap.Testing;

/// <summary>Runs an oracle program (tcpdump, ip, ping, ...) and fails loudly when it is missing.</summary>
public static class ExternalTool
{
    /// <summary>The outcome of a finished process.</summary>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>The full path of <paramref name="name"/> on PATH, or an exception that says how to install it.</summary>
    public static string Require(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
                     .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]))
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
                return path;
        }
        throw new InvalidOperationException(
            $"The test needs '{name}', which is not installed. Run eng/test.sh (it installs tcpdump, libpcap0.8, iproute2, iptables and iputils-ping).");
    }

    /// <summary>Runs <paramref name="name"/> with <paramref name="arguments"/> and waits at most <paramref name="timeout"/>.</summary>
    public static Result Run(string name, IEnumerable<string> arguments, TimeSpan? timeout = null, string? standardInput = null)
    {
        var start = new ProcessStartInfo(Require(name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C";
        start.Environment["TZ"] = "UTC";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} {string.Join(' ', arguments)} did not finish in time.");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
