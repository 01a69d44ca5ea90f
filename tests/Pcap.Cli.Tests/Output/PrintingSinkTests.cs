using System.Text;
using Pcap.Cli.CommandLine;
using Pcap.Cli.Commands;
using Pcap.Decode.Files;
using Pcap.Decode.Tests.Golden;
using Pcap.Testing;

namespace Pcap.Cli.Tests.Output;

/// <summary><c>pcapcore -r FILE [flags] [EXPRESSION]</c> prints byte for byte what <c>tcpdump -r FILE</c> prints with the same arguments.</summary>
public sealed class PrintingSinkTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-print-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (var linkType in new[] { 1, 113, 276, 101 })
            foreach (var arguments in new[] { "-n -tt", "-n -e -tt", "-n -v -tt", "-n -X -tt", "-n -q -ttt", "-e -tt", "-n -tt -c 50", "-n -tt arp or icmp", "-n -e -tt tcp" })
                data.Add(linkType, arguments);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pcapcore_prints_what_tcpdump_prints(int linkType, string arguments)
    {
        var path = Path.Combine(_directory, $"capture-{linkType}.pcap");
        var factory = new MixedPacketFactory(linkType, seed: 9000 + linkType);
        using (var stream = File.Create(path))
        using (var writer = new PcapWriter(stream, (LinkType)linkType, 262144))
        {
            var time = 1_700_000_000_000_000_000L;
            for (var i = 0; i < 2000; i++)
            {
                var (data, wire) = factory.Next();
                writer.WritePacket(time += 1_234_567_000L, data, (uint)wire);
            }
        }
        string[] args = ["-r", path, .. arguments.Split(' ')];
        var expected = ExternalTool.Run("tcpdump", args);
        Assert.True(expected.ExitCode == 0, expected.StandardError);

        var ours = PcapcoreRunner.Run(args);
        Assert.True(ours.ExitCode == 0, ours.StandardError);

        var expectedLines = expected.StandardOutput.Split('\n');
        var actualLines = ours.StandardOutput.Split('\n');
        for (var i = 0; i < Math.Min(expectedLines.Length, actualLines.Length); i++)
            Assert.True(expectedLines[i] == actualLines[i], $"line {i + 1} differs (after: {(i > 0 ? expectedLines[i - 1] : "")}; then {(i + 1 < expectedLines.Length ? expectedLines[i + 1] : "")}):\n  tcpdump:  {expectedLines[i]}\n  pcapcore: {actualLines[i]}");
        Assert.Equal(expectedLines.Length, actualLines.Length);
    }
}
