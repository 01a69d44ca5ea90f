using System.Globalization;
using System.Text.RegularExpressions;
using Pcap.Parquet.Tests.Support;
using Pcap.Testing;
using Pcap.Testing.Namespaces;

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
        Assert.Matches($"pcapcore: {Regex.Escape(output)}: (Not a directory|No such file or directory)", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Full_disk_keeps_every_completed_row_group_of_a_single_file_and_says_so()
    {
        string output = "out.parquet";
        var (result, kept) = ExportOntoFullDisk(output, []);
        var match = Regex.Match(result.StandardError,
            $@"^pcapcore: (?<path>\S+/{Regex.Escape(output)}): No space left on device \((?<rows>\d+) rows in complete row groups kept in \k<path>, the rest lost\)$",
            RegexOptions.Multiline);
        Assert.True(match.Success, $"no full-disk message naming the file and the rows kept:\n{result.StandardError}");
        long reported = long.Parse(match.Groups["rows"].Value, CultureInfo.InvariantCulture);
        Assert.True(reported > 0 && reported % RowGroupRows == 0, $"{reported} rows kept is not a positive number of whole {RowGroupRows}-row groups");

        string file = Path.Combine(kept, output);
        Assert.True(File.Exists(file), $"{output} was not kept");
        Assert.False(File.Exists(file + ".inprogress"), "the unfinished file was left beside it");
        AssertHoldsFirstRows([file], reported);
    }

    [Fact]
    public void Full_disk_keeps_every_completed_file_and_row_group_when_rotating_and_says_so()
    {
        var (result, kept) = ExportOntoFullDisk("table", ["-C", "1"]);
        var match = Regex.Match(result.StandardError,
            @"^pcapcore: \S+/table: No space left on device \((?<rows>\d+) rows kept in (?<files>\d+) complete files(, the last cut back to its (?<cut>\d+) complete rows|, the unfinished one removed)\)$",
            RegexOptions.Multiline);
        Assert.True(match.Success, $"no full-disk message naming the directory and the rows kept:\n{result.StandardError}");
        long reported = long.Parse(match.Groups["rows"].Value, CultureInfo.InvariantCulture);

        var files = GeneratedPcap.ParquetFiles(Path.Combine(kept, "table"));
        Assert.Equal(int.Parse(match.Groups["files"].Value, CultureInfo.InvariantCulture), files.Length);
        Assert.True(files.Length >= 1, "no file was completed before the disk filled");
        Assert.Empty(Directory.GetFiles(kept, "*.inprogress", SearchOption.AllDirectories));
        if (match.Groups["cut"].Success)
            Assert.Equal(0, long.Parse(match.Groups["cut"].Value, CultureInfo.InvariantCulture) % RowGroupRows);
        AssertHoldsFirstRows(files, reported);
    }

    [Fact]
    public void Full_disk_during_a_live_capture_keeps_every_completed_row_group_and_says_so()
    {
        // A ping flood of 1,000-byte echoes into a 1 MB tmpfs, with each frame's bytes in the rows: full within a second.
        using var topology = VethTopology.Create();
        string mount = Directory.CreateDirectory(Path.Combine(_directory, "mount")).FullName;
        string kept = Path.Combine(_directory, "kept");
        string script = $"""
            mount -t tmpfs -o size=1m tmpfs '{mount}' || exit 99
            ip netns exec {topology.Left.Name} ping -f -q -s 1000 -w 60 {VethTopology.RightAddress} >/dev/null 2>&1 &
            flood=$!
            ip netns exec {topology.Right.Name} timeout 60 '{PcapcoreExecutable.Path}' -i {VethTopology.InterfaceName} --parquet '{mount}/live.parquet' --parquet-row-group 100 --parquet-raw icmp
            status=$?
            kill $flood
            cp -r '{mount}' '{kept}'
            exit $status
            """;
        var result = ExternalTool.Run("unshare", ["-m", "sh", "-c", script], TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode != 99, $"could not mount a tmpfs in a private mount namespace: {result.StandardError}");
        Assert.True(result.ExitCode == 1, $"pcapcore -i on a full disk exited {result.ExitCode}:\n{result.StandardError}");
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        var match = Regex.Match(result.StandardError,
            @"^pcapcore: (?<path>\S+/live\.parquet): No space left on device \((?<rows>\d+) rows in complete row groups kept in \k<path>, the rest lost\)$",
            RegexOptions.Multiline);
        Assert.True(match.Success, $"no full-disk message naming the file and the rows kept:\n{result.StandardError}");
        long reported = long.Parse(match.Groups["rows"].Value, CultureInfo.InvariantCulture);
        Assert.True(reported > 0 && reported % 100 == 0, $"{reported} rows kept is not a positive number of whole 100-row groups");
        AssertHoldsFirstRows([Path.Combine(kept, "live.parquet")], reported);
    }

    private const int RowGroupRows = 2000;

    // Exports 200,000 packets into a 3 MB tmpfs in a private mount namespace (unshare -m), then copies what is left out.
    private (ExternalTool.Result Result, string Kept) ExportOntoFullDisk(string output, string[] rotation)
    {
        string pcap = GeneratedPcap.Write(Path.Combine(_directory, "big.pcap"), 200_000, DateTimeOffset.UnixEpoch.AddDays(20000), TimeSpan.FromMilliseconds(1));
        string mount = Directory.CreateDirectory(Path.Combine(_directory, "mount")).FullName;
        string kept = Path.Combine(_directory, "kept");
        string script = $"""
            mount -t tmpfs -o size=3m tmpfs '{mount}' || exit 99
            '{PcapcoreExecutable.Path}' -r '{pcap}' --parquet '{mount}/{output}' {string.Join(' ', rotation)} --parquet-row-group {RowGroupRows}
            status=$?
            cp -r '{mount}' '{kept}'
            exit $status
            """;
        var result = ExternalTool.Run("unshare", ["-m", "sh", "-c", script], TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode != 99, $"could not mount a tmpfs in a private mount namespace: {result.StandardError}");
        Assert.True(result.ExitCode == 1, $"pcapcore on a full disk exited {result.ExitCode}:\n{result.StandardError}");
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        return (result, kept);
    }

    // DuckDB reads every kept file, every row of every column: exactly the first `rows` packets, each once.
    private static void AssertHoldsFirstRows(string[] files, long rows)
    {
        using var duck = new DuckDb();
        string list = "[" + string.Join(", ", files.Select(DuckDb.Literal)) + "]";
        Assert.Equal(rows, duck.Scalar($"SELECT count(DISTINCT frame_number) FROM read_parquet({list})"));
        Assert.Equal(rows, duck.Scalar($"SELECT count(*) FROM read_parquet({list})"));
        Assert.Equal(rows, duck.Scalar($"SELECT max(frame_number) FROM read_parquet({list})"));
        // Every column chunk is decoded (a cut in the middle of one would fail here).
        Assert.Equal(rows, duck.Scalar($"SELECT count(*) FROM (SELECT DISTINCT * FROM read_parquet({list}))"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
