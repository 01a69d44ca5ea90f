using System.Diagnostics;
using System.Text;
using Pcap.Cli.CommandLine;
using Pcap.Cli.Commands;
using Pcap.Cli.Output;
using Pcap.Testing;

namespace Pcap.Cli.Tests;

/// <summary>
/// Runs <c>pcapcore ARGS</c> for a test: in-process through the command <c>Program</c> would pick (fast, the default),
/// or, when <see cref="PcapcoreExecutable.Variable"/> names a build, as that executable with the same arguments and
/// standard input. NativeAotTests sets it to the NativeAOT binary, so the same tests check both builds.
/// </summary>
internal static class PcapcoreRunner
{
    /// <summary>What one run left: exit status, stderr text, stdout bytes.</summary>
    internal sealed record Outcome(int ExitCode, string StandardError, byte[] StandardOutputBytes)
    {
        /// <summary>Stdout as UTF-8 text.</summary>
        public string StandardOutput => Encoding.UTF8.GetString(StandardOutputBytes);
    }

    /// <summary>True when the tests run an executable (<see cref="PcapcoreExecutable.Variable"/> is set).</summary>
    public static bool OutOfProcess => Environment.GetEnvironmentVariable(PcapcoreExecutable.Variable) is { Length: > 0 };

    /// <summary>Runs pcapcore with <paramref name="args"/>, <paramref name="standardInput"/> on stdin (empty when null).</summary>
    public static Outcome Run(IReadOnlyList<string> args, byte[]? standardInput = null) =>
        OutOfProcess ? Execute(args, standardInput) : InProcess(args, standardInput);

    // Program.Main's dispatch and error mapping for the commands a test can run without a device.
    private static Outcome InProcess(IReadOnlyList<string> args, byte[]? standardInput)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        int exit;
        try
        {
            var options = CliParser.Parse([.. args]);
            if (options.DumpFilter > 0)
            {
                var text = new StringWriter();
                exit = DumpFilterCommand.Run(options, text, stderr);
                stdout.Write(Encoding.UTF8.GetBytes(text.ToString()));
            }
            else
            {
                exit = ReadFileCommand.Run(options, () => new MemoryStream(standardInput ?? []), () => stdout, stderr);
            }
        }
        catch (CliUsageException e)
        {
            stderr.WriteLine($"pcapcore: {e.Message}");
            exit = 1;
        }
        catch (StandardOutputException e)
        {
            stderr.WriteLine($"pcapcore: {StandardOutput.Describe(e)}");
            exit = StandardOutput.WriteFailedExitCode;
        }
        return new Outcome(exit, stderr.ToString(), stdout.ToArray());
    }

    private static Outcome Execute(IReadOnlyList<string> args, byte[]? standardInput)
    {
        var start = new ProcessStartInfo(PcapcoreExecutable.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in args)
            start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C";
        start.Environment["TZ"] = "UTC";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var stdout = new MemoryStream();
        var output = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            process.StandardInput.BaseStream.Write(standardInput ?? []);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // pcapcore exited without reading all of stdin (a usage error, -c): its status and stderr say why.
        }
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', args)} did not finish in 2 minutes");
        }
        output.Wait();
        return new Outcome(process.ExitCode, error.Result, stdout.ToArray());
    }
}
