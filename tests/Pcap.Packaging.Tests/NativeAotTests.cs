using System.Text.RegularExpressions;
using Pcap.Testing;

namespace Pcap.Packaging.Tests;

/// <summary>
/// Issue 14's NativeAOT test: pcapcore publishes as a native linux-x64 executable from the repository with no trim or AOT
/// warning, and the CLI's process-level tests (the ones that run <see cref="PcapcoreExecutable"/>) pass against it.
/// </summary>
public sealed partial class NativeAotTests : IDisposable
{
    // The process-level CLI test classes; the rest of Pcap.Cli.Tests runs in-process and would not see the native binary.
    private const string ProcessTests = "FullyQualifiedName~Pcap.Cli.Tests.CommandLine.TcpdumpFlagTests|FullyQualifiedName~Pcap.Cli.Tests.Commands.BrokenPipeTests";

    private readonly string _root = PackageFeed.FindRepositoryRoot();
    private readonly string _work = Directory.CreateTempSubdirectory("pcapcore-nativeaot-").FullName;

    [Fact]
    public void Pcapcore_publishes_as_NativeAOT_without_warnings_and_passes_the_process_level_CLI_tests()
    {
        // NativeAOT links with clang against zlib; without them the publish fails after minutes with a linker message.
        Assert.True(OnPath("clang"), "clang is missing: NativeAOT links with it (apt-get install clang zlib1g-dev; eng/test.sh installs both)");
        Assert.True(File.Exists("/usr/include/zlib.h"), "zlib.h is missing: NativeAOT links against zlib (apt-get install zlib1g-dev; eng/test.sh installs it)");

        var output = Path.Combine(_work, "native");
        var publish = Dotnet.RunProcess("dotnet", _work, new Dictionary<string, string>(), TimeSpan.FromMinutes(10),
            "publish", Path.Combine(_root, "src", "Pcap.Cli", "Pcap.Cli.csproj"), "-c", "Release", "-r", "linux-x64",
            "-p:PublishAot=true", "-nologo", "--disable-build-servers",
            "--artifacts-path", Path.Combine(_work, "artifacts"), "-o", output).ToString();

        // SourceLink's "no remote" notes in a clone without an origin say nothing about the binary; every other warning counts.
        var warnings = publish.Split('\n').Where(line => WarningLine().IsMatch(line) && !line.Contains("SourceLink", StringComparison.OrdinalIgnoreCase)
                                                          && !line.Contains("Build.Tasks.Git", StringComparison.OrdinalIgnoreCase))
            .Distinct().ToList();
        Assert.True(warnings.Count == 0, $"the NativeAOT publish warned {warnings.Count} time(s):\n{string.Join('\n', warnings)}");

        var native = Path.Combine(output, "pcapcore");
        Assert.True(File.Exists(native), $"the publish made no {native}:\n{publish}");
        Assert.False(File.Exists(Path.Combine(output, "pcapcore.dll")), "the publish output has pcapcore.dll: it is not a NativeAOT build");

        var tests = Dotnet.RunProcess("dotnet", _work, new Dictionary<string, string> { [PcapcoreExecutable.Variable] = native },
            TimeSpan.FromMinutes(6), "test", Path.Combine(_root, "tests", "Pcap.Cli.Tests", "Pcap.Cli.Tests.csproj"),
            "-c", "Release", "--no-build", "-nologo", "--filter", ProcessTests).ToString();
        var passed = PassedCount().Match(tests);
        Assert.True(passed.Success && int.Parse(passed.Groups[1].Value) > 0, $"no process-level CLI test ran against {native}:\n{tests}");
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Any(directory => File.Exists(Path.Combine(directory, command)));

    [GeneratedRegex(@"\bwarning\b", RegexOptions.IgnoreCase)]
    private static partial Regex WarningLine();

    [GeneratedRegex(@"Passed:\s*(\d+)")]
    private static partial Regex PassedCount();
}
