using Pcap.Decode.Files;

namespace Pcap.Decode.Tests.Walk;

public sealed class ReadmeWalkExampleTests
{
    [Fact]
    public void The_readme_shows_the_compiled_example_line_for_line()
    {
        var root = RepositoryRoot();
        var source = File.ReadAllLines(Path.Combine(root, "tests", "Pcap.Decode.Tests", "Walk", "ReadmeWalkExample.cs"));
        var example = Between(source, "// README-BEGIN", "// README-END");
        var readme = File.ReadAllLines(Path.Combine(root, "README.md"));
        int start = Array.FindIndex(readme, line => line.Trim() == example[0]);
        Assert.True(start >= 0, $"README.md does not show the walk example; its first line is: {example[0]}");
        Assert.Equal(example, readme.Skip(start).Take(example.Length).Select(Dedent(readme[start])).ToArray());
    }

    [Fact]
    public void The_example_prints_tcp_segments_and_dns_payloads()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pcapcore-readme-walk-{Environment.ProcessId}.pcap");
        try
        {
            using (var writer = new PcapWriter(File.Create(path), LinkType.Ethernet))
            {
                writer.WritePacket(1_700_000_000_000_000_000L, Fixtures.TcpSyn, (uint)Fixtures.TcpSyn.Length);
                writer.WritePacket(1_700_000_000_000_000_000L, WalkPackets.DnsQuery, (uint)WalkPackets.DnsQuery.Length);
            }
            var output = new StringWriter { NewLine = "\n" };
            ReadmeWalkExample.Run(path, output);
            Assert.Equal("10.0.0.1.40000 > 45000: Syn\nDNS, 34 bytes\n", output.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string[] Between(string[] lines, string begin, string end)
    {
        int from = Array.FindIndex(lines, l => l.Trim() == begin) + 1;
        int to = Array.FindIndex(lines, l => l.Trim() == end);
        var body = lines[from..to];
        return body.Select(Dedent(body[0])).ToArray();
    }

    // Removes the indentation of the example's first line from every line.
    private static Func<string, string> Dedent(string first)
    {
        int indent = first.Length - first.TrimStart().Length;
        return line => line.Length >= indent && string.IsNullOrWhiteSpace(line[..indent]) ? line[indent..] : line.TrimStart();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PcapCore.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"no PcapCore.sln above {AppContext.BaseDirectory}");
    }
}
