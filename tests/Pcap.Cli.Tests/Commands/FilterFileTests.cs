using Pcap.Cli.CommandLine;
using Pcap.Cli.Commands;
using Pcap.Testing;

namespace Pcap.Cli.Tests.Commands;

/// <summary>
/// <c>-F FILE</c> with <c>-r</c>: the filter comes from the file (with <c>#</c> comments), exactly as tcpdump reads it,
/// and the packets printed are the ones tcpdump prints.
/// </summary>
public sealed class FilterFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-F-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string SamplePath()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PcapCore.sln")))
            root = root.Parent;
        Assert.True(root is not null, $"PcapCore.sln not found above {AppContext.BaseDirectory}");
        return Path.Combine(root.FullName, "samples", "docker0-arp-icmp.pcap");
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var run = PcapcoreRunner.Run(args);
        return (run.ExitCode, run.StandardOutput, run.StandardError);
    }

    public static TheoryData<string> FilterFiles() =>
    [
        "icmp\n",
        "# echo requests only\nicmp[icmptype] = icmp-echo # the type byte\n",
        "arp or   # ARP first\n icmp\n# trailing comment",
        "  # nothing but a comment\n",
        "arp and\nnot\n(host 172.17.0.9)\n",
        "ip broadcast or icmp\n", // tcpdump compiles with netmask 0; refused as "netmask not known" before
    ];

    [Theory]
    [MemberData(nameof(FilterFiles))]
    public void Prints_what_tcpdump_prints_with_the_same_filter_file(string text)
    {
        string file = Path.Combine(_directory, "filter.txt");
        File.WriteAllText(file, text);
        var tcpdump = ExternalTool.Run("tcpdump", ["-n", "-r", SamplePath(), "-F", file]);
        var ours = Run("-n", "-r", SamplePath(), "-F", file);
        Assert.Equal(tcpdump.ExitCode, ours.ExitCode);
        Assert.NotEqual("", tcpdump.StandardOutput);
        Assert.Equal(tcpdump.StandardOutput, ours.Output);
    }

    [Fact]
    public void The_file_wins_over_words_on_the_command_line()
    {
        string file = Path.Combine(_directory, "arp.txt");
        File.WriteAllText(file, "arp");
        var tcpdump = ExternalTool.Run("tcpdump", ["-n", "-r", SamplePath(), "-F", file, "icmp"]);
        var ours = Run("-n", "-r", SamplePath(), "-F", file, "icmp");
        Assert.Equal(tcpdump.StandardOutput, ours.Output);
        Assert.Contains("ignoring the expression on the command line", ours.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_filter_file_is_reported_in_tcpdumps_words()
    {
        string file = Path.Combine(_directory, "absent.txt");
        var tcpdump = ExternalTool.Run("tcpdump", ["-n", "-r", SamplePath(), "-F", file]);
        var ours = Run("-n", "-r", SamplePath(), "-F", file);
        Assert.Equal(tcpdump.ExitCode, ours.ExitCode);
        Assert.Equal(tcpdump.StandardError.Replace("tcpdump: ", "pcapcore: ", StringComparison.Ordinal), ours.Error);
    }

    [Fact]
    public void A_bad_filter_in_the_file_is_reported_with_tcpdumps_line_first()
    {
        string file = Path.Combine(_directory, "bad.txt");
        File.WriteAllText(file, "# a typo\ntcp port\n");
        var tcpdump = ExternalTool.Run("tcpdump", ["-n", "-r", SamplePath(), "-F", file]);
        var ours = Run("-n", "-r", SamplePath(), "-F", file);
        Assert.Equal(tcpdump.ExitCode, ours.ExitCode);
        var theirLines = tcpdump.StandardError.Split('\n');
        var ourLines = ours.Error.Split('\n');
        Assert.Equal(theirLines[0], ourLines[0]);
        Assert.Equal(theirLines[1].Replace("tcpdump: ", "pcapcore: ", StringComparison.Ordinal), ourLines[1]);
    }
}
