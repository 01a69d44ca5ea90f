using System.IO.Compression;
using System.Xml.Linq;
using Pcap.Testing;

namespace Pcap.Packaging.Tests;

/// <summary>
/// Issue 7's package consumer test: the packed libraries work from a fresh project that only knows the local package
/// folder and nuget.org, the packed tool installs and prints what the in-repo build prints, and each package carries
/// its README, license, XML docs, symbols and repository link.
/// </summary>
public sealed class PackageConsumerTests(PackageFeed feed) : IClassFixture<PackageFeed>
{
    private const string Expression = "icmp or arp";

    private string Sample => Path.Combine(feed.RepositoryRoot, "samples", "docker0-arp-icmp.pcap");

    [Fact]
    public void A_fresh_console_project_filters_and_decodes_a_capture_with_the_packed_libraries()
    {
        var project = Path.Combine(feed.WorkDirectory, "consumer");
        Directory.CreateDirectory(project);
        var templates = Path.Combine(AppContext.BaseDirectory, "Consumer");
        File.Copy(Path.Combine(templates, "Program.cs.txt"), Path.Combine(project, "Program.cs"));
        File.Copy(Path.Combine(templates, "Consumer.csproj.txt"), Path.Combine(project, "Consumer.csproj"));
        File.WriteAllText(Path.Combine(project, "nuget.config"),
            File.ReadAllText(Path.Combine(templates, "nuget.config.txt")).Replace("$(LocalFeed)", feed.Folder, StringComparison.Ordinal));

        Dotnet.Run(project, "build", "-c", "Release", "-nologo", "--disable-build-servers", $"-p:PcapCoreVersion={feed.Version}");
        var restored = File.ReadAllText(Path.Combine(project, "obj", "project.assets.json"));
        Assert.Contains($"Pcap.Filter/{feed.Version}", restored, StringComparison.Ordinal);
        Assert.Contains($"Pcap.Wire/{feed.Version}", restored, StringComparison.Ordinal); // comes with Filter and Decode
        var consumer = Dotnet.Run(project, Path.Combine(project, "bin", "Release", "net10.0", "Consumer.dll"), Sample, Expression);

        // The oracle: tcpdump reading the same file with the same filter.
        var tcpdump = ExternalTool.Run("tcpdump", ["-r", Sample, "-n", Expression]);
        Assert.True(tcpdump.ExitCode == 0, $"tcpdump failed: {tcpdump.StandardError}");
        var expected = Lines(tcpdump.StandardOutput);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Lines(consumer.StandardOutput));
        Assert.Contains($"matched {expected.Length}, program ", consumer.StandardError, StringComparison.Ordinal);
        Assert.Contains("loopback listed True", consumer.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void The_packed_tool_installs_and_prints_what_the_in_repo_build_prints()
    {
        var toolPath = Path.Combine(feed.WorkDirectory, "tools");
        Dotnet.Run(feed.WorkDirectory, "tool", "install", "--tool-path", toolPath, "--add-source", feed.Folder,
            "pcapcore", "--version", feed.Version);
        var installed = Dotnet.RunProcess(Path.Combine(toolPath, "pcapcore"), feed.WorkDirectory, "-r", Sample, "-n");

        var inRepo = Dotnet.RunProcess(Path.Combine(AppContext.BaseDirectory, "pcapcore"), feed.WorkDirectory, "-r", Sample, "-n");
        Assert.NotEmpty(Lines(inRepo.StandardOutput));
        Assert.Equal(Lines(inRepo.StandardOutput), Lines(installed.StandardOutput));
        Assert.Equal(inRepo.StandardError, installed.StandardError);
    }

    [Theory]
    [InlineData("Pcap.Wire")]
    [InlineData("Pcap.Filter")]
    [InlineData("Pcap.Decode")]
    [InlineData("Pcap.Native")]
    [InlineData("pcapcore")]
    public void Each_package_carries_readme_license_xml_docs_symbols_and_repository(string id)
    {
        Assert.True(File.Exists(feed.Package(id)), $"{feed.Package(id)} was not produced:\n{feed.PackOutput}");
        using var package = ZipFile.OpenRead(feed.Package(id));
        var entries = package.Entries.Select(e => e.FullName).ToList();
        var assembly = id == "pcapcore" ? "tools/net10.0/any/pcapcore" : $"lib/net10.0/{id}";
        Assert.Contains("README.md", entries);
        Assert.Contains($"{assembly}.dll", entries);
        Assert.Contains($"{assembly}.xml", entries);

        var metadata = Nuspec(package, id);
        Assert.Equal("README.md", Element(metadata, "readme").Value);
        Assert.Equal("MIT", Element(metadata, "license").Value);
        Assert.Equal("expression", Element(metadata, "license").Attribute("type")?.Value);
        var repository = Element(metadata, "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.StartsWith("https://github.com/", repository.Attribute("url")?.Value, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");

        Assert.True(File.Exists(feed.Package(id, "snupkg")), $"{feed.Package(id, "snupkg")} was not produced");
        using var symbols = ZipFile.OpenRead(feed.Package(id, "snupkg"));
        var pdb = symbols.GetEntry($"{assembly}.pdb");
        Assert.True(pdb is not null, $"the symbol package has no {assembly}.pdb: {string.Join(", ", symbols.Entries.Select(e => e.FullName))}");
        using var stream = pdb.Open();
        var magic = new byte[4];
        stream.ReadExactly(magic);
        Assert.Equal("BSJB"u8.ToArray(), magic); // a portable PDB, which is what symbol servers and SourceLink read
    }

    private static XElement Nuspec(ZipArchive package, string id)
    {
        var entry = package.GetEntry($"{id}.nuspec") ?? throw new InvalidOperationException($"{id}.nuspec missing from the package");
        using var stream = entry.Open();
        var document = XDocument.Load(stream);
        return document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static XElement Element(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)
        ?? throw new InvalidOperationException($"the nuspec has no <{name}>: {metadata}");

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
