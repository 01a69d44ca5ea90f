using Pcap.Cli.CommandLine;
using Pcap.Cli.Output;
using Pcap.Decode.Files;
using Pcap.Filter;
using Pcap.Testing;

namespace Pcap.Cli.Tests.Output;

/// <summary>
/// <c>-G</c> on a clock the test moves: files named by strftime (checked against GNU date, which formats with the
/// same libc), the numbering with <c>-C</c>, and the end at <c>-W</c> files when there is no <c>-C</c>.
/// </summary>
public sealed class RotatingCaptureSinkTests : IDisposable
{
    private const long Start = 1_764_774_000; // 2025-12-03 15:00:00 UTC
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-G-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CapturedPacket Packet(byte[] data) =>
        new(data, (uint)data.Length, 1_700_000_000L * 1_000_000_000, 0, LinkType.Ethernet);

    private RotatingCaptureSink Sink(CliOptions options, Func<long> clock) =>
        new(options, name => CaptureFileSink.Create(name, LinkType.Ethernet, 262144, false, false, null), TextWriter.Null, clock);

    private static string DateFormat(string format, long seconds) =>
        ExternalTool.Run("date", ["-d", $"@{seconds}", $"+{format}"]).StandardOutput.TrimEnd('\n');

    [Fact]
    public void G_with_W_names_files_by_strftime_and_stops_after_W_files()
    {
        string template = Path.Combine(_directory, "g-%Y%m%d-%H%M%S.pcap");
        long now = Start;
        var options = new CliOptions { WriteFile = template, RotateSeconds = 1, FileCount = 2 };
        var sink = Sink(options, () => now);
        var packet = new byte[60];
        sink.Write(Packet(packet));
        now += 1;
        sink.Write(Packet(packet));
        sink.Write(Packet(packet));
        now += 1;
        var stop = Assert.Throws<RotationLimitReachedException>(() => sink.Write(Packet(packet)));
        sink.Dispose();

        Assert.Equal("Maximum file limit reached: 2", stop.Message);
        string first = Path.Combine(_directory, DateFormat("g-%Y%m%d-%H%M%S.pcap", Start));
        string second = Path.Combine(_directory, DateFormat("g-%Y%m%d-%H%M%S.pcap", Start + 1));
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), Directory.GetFiles(_directory).Order(StringComparer.Ordinal));
        Assert.Equal(24 + 76, new FileInfo(first).Length);
        Assert.Equal(24 + 2 * 76, new FileInfo(second).Length);
    }

    [Fact]
    public void G_with_C_numbers_from_zero_in_each_period_and_W_wraps_without_stopping()
    {
        string template = Path.Combine(_directory, "gc-%S-");
        long now = Start;
        var options = new CliOptions { WriteFile = template, RotateSeconds = 10, RotateSizeBytes = 100, FileCount = 3 };
        var sink = Sink(options, () => now);
        var packet = new byte[60];
        for (int i = 0; i < 4; i++)
            sink.Write(Packet(packet)); // files 0 (2 packets: past 100 bytes after the 2nd), 1 (2 packets)
        now += 10;
        sink.Write(Packet(packet));
        sink.Dispose();

        string period1 = DateFormat("gc-%S-", Start);
        string period2 = DateFormat("gc-%S-", Start + 10);
        string[] expected = [period1 + "0", period1 + "1", period2 + "0"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_digits_of_W_pad_the_file_number()
    {
        Assert.Equal(new[] { 0, 1, 1, 1, 2, 2 }, new[] { 1, 2, 3, 10, 11, 100 }.Select(RotationFileNames.Digits));
        Assert.Equal("out", RotationFileNames.Make("out", 0, 0, null));
        Assert.Equal("out7", RotationFileNames.Make("out", 7, 0, null));
        Assert.Equal("out07", RotationFileNames.Make("out", 7, 2, null));
    }
}
