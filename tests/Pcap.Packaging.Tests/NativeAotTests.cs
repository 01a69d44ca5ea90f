using System.Text.RegularExpressions;
using Pcap.Testing;

namespace Pcap.Packaging.Tests;

/// <summary>
/// Issue 14's NativeAOT test, from the repository as a user builds it: <c>dotnet pack</c> makes the .NET 10
/// platform-specific tool packages (the pointer package, the NativeAOT <c>pcapcore.linux-x64</c>, with no trim or AOT
/// warning, and the framework-dependent <c>pcapcore.any</c> fallback); <c>dotnet tool install</c> from that folder brings
/// the native binary on linux-x64; and the whole CLI test suite (Pcap.Cli.Tests) passes against the installed command.
/// With <see cref="PcapcoreExecutable.Variable"/> set, every run those tests would make in-process (PcapcoreRunner) runs
/// the native binary instead; the same suite runs in-process against the framework-dependent build as a project of its
/// own in the same <c>dotnet test</c>.
/// </summary>
public sealed partial class NativeAotTests : IDisposable
{
    // Tests of parts of the tool that have no command line (the parser's types, the sinks' classes, the allocation
    // loop) run in-process either way: there is no executable behind them to choose.
    private const int LeastTestsThroughTheBinary = 300;

    private readonly string _root = PackageFeed.FindRepositoryRoot();
    private readonly string _work = Directory.CreateTempSubdirectory("pcapcore-nativeaot-").FullName;
    private readonly string _version = $"0.0.0-nativetool.{DateTime.UtcNow:yyyyMMddHHmmss}.{Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public void Pcapcore_packs_as_a_native_tool_without_warnings_installs_from_a_folder_and_passes_the_CLI_test_suite()
    {
        // NativeAOT links with clang against zlib; without them the publish fails after minutes with a linker message.
        Assert.True(OnPath("clang"), "clang is missing: NativeAOT links with it (apt-get install clang zlib1g-dev; eng/test.sh installs both)");
        Assert.True(File.Exists("/usr/include/zlib.h"), "zlib.h is missing: NativeAOT links against zlib (apt-get install zlib1g-dev; eng/test.sh installs it)");

        // The three packs the README's build-from-source command makes: -r linux-x64 compiles NativeAOT.
        string feed = Path.Combine(_work, "feed");
        string native = Pack("-r", "linux-x64");
        var warnings = native.Split('\n').Where(line => WarningLine().IsMatch(line) && !line.Contains("SourceLink", StringComparison.OrdinalIgnoreCase)
                                                          && !line.Contains("Build.Tasks.Git", StringComparison.OrdinalIgnoreCase))
            .Distinct().ToList();
        Assert.True(warnings.Count == 0, $"the NativeAOT pack warned {warnings.Count} time(s):\n{string.Join('\n', warnings)}");
        Pack("-r", "any");
        Pack();
        var linux = Entries("pcapcore.linux-x64", "tools/");
        Assert.Contains("tools/any/linux-x64/pcapcore", linux);
        Assert.DoesNotContain(linux, e => e.EndsWith(".dll", StringComparison.Ordinal));
        Assert.Contains("tools/net10.0/any/pcapcore.dll", Entries("pcapcore.any", "tools/"));
        Assert.DoesNotContain(Entries("pcapcore", "tools/"), e => e.EndsWith(".dll", StringComparison.Ordinal));

        string tools = Path.Combine(_work, "tools");
        Dotnet.RunProcess("dotnet", _work, new Dictionary<string, string>(), TimeSpan.FromMinutes(4),
            "tool", "install", "--tool-path", tools, "--add-source", feed, "pcapcore", "--version", _version);
        string command = Path.Combine(tools, "pcapcore");
        // The command runs the binary from pcapcore.linux-x64: an ELF with no pcapcore.dll (no runtime) beside it.
        var store = Directory.GetFiles(Path.Combine(tools, ".store"), "pcapcore*", SearchOption.AllDirectories);
        Assert.Contains(store, f => f.EndsWith("/linux-x64/pcapcore", StringComparison.Ordinal));
        Assert.DoesNotContain(store, f => f.EndsWith("pcapcore.dll", StringComparison.Ordinal));
        Assert.True(IsElf(command), $"{command} is not an ELF executable");

        var version = Dotnet.RunProcess(command, _work, "--version");
        // This run's package version, 0.0.0-nativetool.*, makes assembly version 0.0.0.0: the tool is the one packed here.
        Assert.Equal("pcapcore version 0.0.0.0", version.StandardOutput.Trim());
        string sample = Path.Combine(_root, "samples", "docker0-arp-icmp.pcap");
        var installed = Dotnet.RunProcess(command, _work, "-r", sample, "-n");
        var inRepo = Dotnet.RunProcess(PcapcoreExecutable.Path, _work, "-r", sample, "-n");
        Assert.NotEmpty(inRepo.StandardOutput);
        Assert.Equal(inRepo.StandardOutput, installed.StandardOutput);
        Assert.Equal(inRepo.StandardError, installed.StandardError);

        string tests;
        try
        {
            tests = Dotnet.RunProcess("dotnet", _work, new Dictionary<string, string> { [PcapcoreExecutable.Variable] = command },
                TimeSpan.FromMinutes(12), "test", Path.Combine(_root, "tests", "Pcap.Cli.Tests", "Pcap.Cli.Tests.csproj"),
                "-c", "Release", "--no-build", "-nologo", "--logger", "console;verbosity=normal").ToString();
        }
        catch (InvalidOperationException e)
        {
            // A failing test makes dotnet test exit 1: name the failures first, the whole log after.
            tests = e.Message;
        }
        var failed = tests.Split('\n').Where(line => line.TrimStart().StartsWith("Failed ", StringComparison.Ordinal)).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} CLI test(s) failed against {command}:\n{string.Join('\n', failed)}\n\n{tests}");
        var passed = PassedCount().Match(tests);
        Assert.True(passed.Success && int.Parse(passed.Groups[1].Value) >= LeastTestsThroughTheBinary,
            $"fewer than {LeastTestsThroughTheBinary} CLI tests passed against {command}:\n{tests}");
    }

    // dotnet pack src/Pcap.Cli with this run's version into the feed folder, build output under the temp directory.
    private string Pack(params string[] runtime) =>
        Dotnet.RunProcess("dotnet", _work, new Dictionary<string, string>(), TimeSpan.FromMinutes(12),
            ["pack", Path.Combine(_root, "src", "Pcap.Cli", "Pcap.Cli.csproj"), "-c", "Release", .. runtime, "-nologo",
             "--disable-build-servers", "--artifacts-path", Path.Combine(_work, "artifacts"), "-o", Path.Combine(_work, "feed"),
             $"-p:Version={_version}"]).ToString();

    private List<string> Entries(string id, string prefix)
    {
        string package = Path.Combine(_work, "feed", $"{id}.{_version}.nupkg");
        Assert.True(File.Exists(package), $"{package} was not packed: {string.Join(", ", Directory.GetFiles(Path.Combine(_work, "feed")).Select(Path.GetFileName))}");
        using var zip = System.IO.Compression.ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    private static bool IsElf(string path)
    {
        var head = new byte[4];
        using var file = File.OpenRead(path);
        return file.Read(head) == 4 && head.AsSpan().SequenceEqual("\u007fELF"u8);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The tool install put this run's packages in the NuGet cache: remove them, as PackageFeed does for its own.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string id in new[] { "pcapcore", "pcapcore.linux-x64", "pcapcore.any" })
        {
            string versions = Path.Combine(cache, id);
            if (Directory.Exists(Path.Combine(versions, _version)))
                Directory.Delete(Path.Combine(versions, _version), recursive: true);
            if (Directory.Exists(versions) && !Directory.EnumerateFileSystemEntries(versions).Any())
                Directory.Delete(versions);
        }
        Directory.Delete(_work, recursive: true);
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Any(directory => File.Exists(Path.Combine(directory, command)));

    [GeneratedRegex(@"\bwarning\b", RegexOptions.IgnoreCase)]
    private static partial Regex WarningLine();

    [GeneratedRegex(@"Passed:\s*(\d+)")]
    private static partial Regex PassedCount();
}
