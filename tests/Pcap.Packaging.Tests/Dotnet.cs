using System.Diagnostics;

namespace Pcap.Packaging.Tests;

/// <summary>Runs the .NET CLI in a directory and fails with everything it printed when it exits non-zero.</summary>
internal static class Dotnet
{
    public static ProcessOutput Run(string workingDirectory, params string[] arguments) =>
        RunProcess("dotnet", workingDirectory, arguments);

    // A pack of the whole solution took over 4 minutes on a 2-core machine at load average 90; the limit only catches a hang.
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(12);

    /// <summary>Runs <paramref name="fileName"/> (TZ=UTC, LC_ALL=C), returns what it printed, throws on a non-zero exit.</summary>
    public static ProcessOutput RunProcess(string fileName, string workingDirectory, params string[] arguments) =>
        RunProcess(fileName, workingDirectory, new Dictionary<string, string>(), DefaultLimit, arguments);

    /// <summary>Runs <paramref name="fileName"/> with extra environment variables and a time limit; as above otherwise.</summary>
    public static ProcessOutput RunProcess(string fileName, string workingDirectory, IReadOnlyDictionary<string, string> environment,
        TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["TZ"] = "UTC";
        start.Environment["LC_ALL"] = "C";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The test host's own MSBuild variables would steer the child build; it must see a clean environment.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {limit.TotalMinutes} minutes");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}\n{output.Result}\n{error.Result}");
        return new ProcessOutput(output.Result, error.Result);
    }
}

/// <summary>What a finished process printed.</summary>
internal sealed record ProcessOutput(string StandardOutput, string StandardError)
{
    /// <inheritdoc />
    public override string ToString() => StandardOutput + StandardError;
}
