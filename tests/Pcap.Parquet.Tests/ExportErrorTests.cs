using Pcap.Parquet.Tests.Support;
using Pcap.Testing;

namespace Pcap.Parquet.Tests;

/// <summary>An unwritable path and a full disk end the export with one clear line, never a stack trace, and keep what was complete.</summary>
public sealed class ExportErrorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-parquet-errors-").FullName;

    [Fact]
    public void Unwritable_path_is_named_before_any_packet_is_read()
    {
        string pcap = GeneratedPcap.Write(Path.Combine(_directory, "small.pcap"), 100, DateTimeOffset.UnixEpoch.AddDays(20000), TimeSpan.FromSeconds(1));
        // A path below a regular file cannot be created, even by root.
        string output = Path.Combine(pcap, "out.parquet");
        var result = Pcapcore.Run("-r", pcap, "--parquet", output);
        Assert.Equal(1, result.ExitCode);
        Assert.Matches($"pcapcore: {System.Text.RegularExpressions.Regex.Escape(output)}: (Not a directory|No such file or directory)", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Full_disk_keeps_every_completed_file_and_says_so()
    {
        // A 3 MB tmpfs in a private mount namespace (unshare -m): the export fills it, then the completed files are copied out.
        string pcap = GeneratedPcap.Write(Path.Combine(_directory, "big.pcap"), 200_000, DateTimeOffset.UnixEpoch.AddDays(20000), TimeSpan.FromMilliseconds(1));
        string mount = Directory.CreateDirectory(Path.Combine(_directory, "mount")).FullName;
        string kept = Path.Combine(_directory, "kept");
        string script = $"""
            mount -t tmpfs -o size=3m tmpfs '{mount}' || exit 99
            '{PcapcoreExecutable.Path}' -r '{pcap}' --parquet '{mount}/table' -C 1 --parquet-row-group 2000
            status=$?
            cp -r '{mount}/table' '{kept}'
            exit $status
            """;
        var result = ExternalTool.Run("unshare", ["-m", "sh", "-c", script], TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode != 99, $"could not mount a tmpfs in a private mount namespace: {result.StandardError}");
        Assert.True(result.ExitCode == 1, $"pcapcore on a full disk exited {result.ExitCode}:\n{result.StandardError}");
        Assert.Matches(@"pcapcore: \S+/table: No space left on device \(\d+ complete files kept, the unfinished one removed\)", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);

        var files = GeneratedPcap.ParquetFiles(kept);
        Assert.True(files.Length >= 1, "no file was completed before the disk filled");
        Assert.Empty(Directory.GetFiles(kept, "*.inprogress", SearchOption.AllDirectories));
        using var duck = new DuckDb();
        long total = files.Sum(file => duck.Scalar($"SELECT count(*) FROM read_parquet({DuckDb.Literal(file)})"));
        Assert.InRange(total, 1, 199_999);
        Assert.Equal(total, duck.Scalar($"SELECT max(frame_number) FROM read_parquet({DuckDb.Literal(Path.Combine(kept, "**", "*.parquet"))})"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
