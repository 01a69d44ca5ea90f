namespace Pcap.Packaging.Tests;

/// <summary>
/// The five packages packed once per test run, with a version no earlier run used, into a local folder under a temp
/// directory outside the repository (so that a solution build never sees the temp projects). On dispose the temp
/// directory goes and so do the test version's folders in the NuGet cache, so no later restore can pick them up.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    /// <summary>The package ids, libraries first.</summary>
    public static readonly string[] PackageIds = ["Pcap.Wire", "Pcap.Filter", "Pcap.Decode", "Pcap.Native", "pcapcore"];

    private static readonly string[] ProjectPaths =
        ["src/Pcap.Wire/Pcap.Wire.csproj", "src/Pcap.Filter/Pcap.Filter.csproj", "src/Pcap.Decode/Pcap.Decode.csproj", "src/Pcap.Native/Pcap.Native.csproj", "src/Pcap.Cli/Pcap.Cli.csproj"];

    /// <summary>Packs the five projects (build output under the temp directory, not the repository's bin/obj).</summary>
    public PackageFeed()
    {
        RepositoryRoot = FindRepositoryRoot();
        Version = $"0.0.0-packagetest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Guid.NewGuid().ToString("N")[..8]}";
        WorkDirectory = Directory.CreateTempSubdirectory("pcapcore-packaging-").FullName;
        Folder = Path.Combine(WorkDirectory, "feed");
        var solution = Path.Combine(WorkDirectory, "packages.slnx");
        File.WriteAllText(solution, "<Solution>\n" + string.Concat(ProjectPaths.Select(p =>
            $"  <Project Path=\"{Path.Combine(RepositoryRoot, p)}\" />\n")) + "</Solution>\n");
        PackOutput = Dotnet.Run(WorkDirectory, "pack", solution, "-c", "Release", "-nologo", "--disable-build-servers",
            "--artifacts-path", Path.Combine(WorkDirectory, "artifacts"), "-o", Folder, $"-p:Version={Version}",
            // The classic single tool package (framework-dependent); NativeAotTests packs the platform-specific ones.
            "-p:FrameworkDependentTool=true").ToString();
    }

    /// <summary>The directory holding PcapCore.sln.</summary>
    public string RepositoryRoot { get; }

    /// <summary>This run's package version.</summary>
    public string Version { get; }

    /// <summary>The temp directory everything of this run lives in.</summary>
    public string WorkDirectory { get; }

    /// <summary>The local package folder (.nupkg and .snupkg files).</summary>
    public string Folder { get; }

    /// <summary>What <c>dotnet pack</c> printed, for failure messages.</summary>
    public string PackOutput { get; }

    /// <summary>The path of a package file of this run, e.g. <c>Package("Pcap.Filter", "snupkg")</c>.</summary>
    public string Package(string id, string extension = "nupkg") => Path.Combine(Folder, $"{id}.{Version}.{extension}");

    /// <inheritdoc />
    public void Dispose()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in PackageIds)
        {
            var versions = Path.Combine(cache, id.ToLowerInvariant());
            if (Directory.Exists(Path.Combine(versions, Version)))
                Directory.Delete(Path.Combine(versions, Version), recursive: true);
            if (Directory.Exists(versions) && !Directory.EnumerateFileSystemEntries(versions).Any())
                Directory.Delete(versions);
        }
        Directory.Delete(WorkDirectory, recursive: true);
    }

    internal static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PcapCore.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"PcapCore.sln not found above {AppContext.BaseDirectory}: run the test from the repository's build output.");
    }
}
