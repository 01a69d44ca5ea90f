using System.Diagnostics;
using System.Globalization;
using Pcap.Decode.Files;
using Pcap.Decode.Tests.Golden;
using Pcap.Live.Tests.Support;
using Pcap.Parquet.Tests.Support;
using Pcap.Testing;

namespace Pcap.Parquet.Tests;

/// <summary>
/// <c>--parquet DIR</c> with <c>-G</c>/<c>-C</c>: Hive partitions (<c>date=…/hour=…</c>) that DuckDB reads as one table,
/// files closed one by one, and a killed export that leaves every file it completed readable.
/// </summary>
public sealed class PartitionedExportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-parquet-parts-").FullName;

    [Fact]
    public void Time_rotation_writes_hive_partitions_read_as_one_table()
    {
        // 3,000 packets 3 s apart from 22:10 UTC: two and a half hours across midnight, so two dates and three hours.
        var start = new DateTimeOffset(2026, 12, 2, 22, 10, 0, TimeSpan.Zero);
        string pcap = GeneratedPcap.Write(Path.Combine(_directory, "hours.pcap"), 3000, start, TimeSpan.FromSeconds(3));
        string table = Path.Combine(_directory, "table");
        var result = Pcapcore.Export("-r", pcap, "--parquet", table, "-G", "1800");
        Assert.Contains("3000 rows written", result.StandardError, StringComparison.Ordinal);

        var files = GeneratedPcap.ParquetFiles(table);
        var partitions = files.Select(f => Path.GetRelativePath(table, Path.GetDirectoryName(f)!)).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["date=2026-12-02/hour=22", "date=2026-12-02/hour=23", "date=2026-12-03/hour=00"], partitions);
        // A file per half hour: 22:10-22:30, 22:30-23:00, ... 00:30-00:40.
        Assert.Equal(6, files.Length);
        Assert.Empty(Directory.GetFiles(table, "*.inprogress", SearchOption.AllDirectories));

        using var duck = new DuckDb();
        string glob = DuckDb.Literal(Path.Combine(table, "**", "*.parquet"));
        Assert.Equal(3000, duck.Scalar($"SELECT count(*) FROM read_parquet({glob}, hive_partitioning = true)"));
        Assert.Equal(3000, duck.Scalar($"SELECT count(DISTINCT frame_number) FROM read_parquet({glob}, hive_partitioning = true)"));
        // Each row sits in the partition of its own time stamp.
        Assert.Equal(0, duck.Scalar($"""
            SELECT count(*) FROM read_parquet({glob}, hive_partitioning = true)
            WHERE CAST(date AS VARCHAR) <> strftime(make_timestamp(frame_timestamp_ns // 1000), '%Y-%m-%d')
               OR CAST(hour AS INTEGER) <> hour(make_timestamp(frame_timestamp_ns // 1000))
            """));
    }

    [Fact]
    public void Size_rotation_closes_files_at_row_group_boundaries()
    {
        string pcap = GeneratedPcap.Write(Path.Combine(_directory, "size.pcap"), 40_000, DateTimeOffset.UnixEpoch.AddDays(20000), TimeSpan.FromMilliseconds(1));
        string table = Path.Combine(_directory, "sized");
        Pcapcore.Export("-r", pcap, "--parquet", table, "-C", "1", "--parquet-row-group", "2000");
        var files = GeneratedPcap.ParquetFiles(table);
        Assert.True(files.Length >= 2, $"-C 1 on 40,000 packets closed only {files.Length} file");
        using var duck = new DuckDb();
        long total = 0;
        foreach (var file in files)
        {
            // Every file but the last passed 1,000,000 bytes with its last row group, and not long before.
            long rows = duck.Scalar($"SELECT count(*) FROM read_parquet({DuckDb.Literal(file)})");
            Assert.True(rows % 2000 == 0 || file == files[^1], $"{file} holds {rows} rows, not whole row groups of 2000");
            if (file != files[^1])
                Assert.InRange(new FileInfo(file).Length, 1_000_000, 2_000_000);
            total += rows;
        }
        Assert.Equal(40_000, total);
    }

    [Fact]
    public void Killing_the_export_leaves_every_completed_file_readable()
    {
        // pcapcore reads a pcap from a pipe that never ends; once it has closed two files it is killed with SIGKILL.
        string table = Path.Combine(_directory, "killed");
        var start = new ProcessStartInfo(PcapcoreExecutable.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-r", "-", "--parquet", table, "-C", "1", "--parquet-row-group", "1000" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var mixed = new MixedPacketFactory(1, 99, extended: true);
        var stopwatch = Stopwatch.StartNew();
        long sent = 0;
        try
        {
            using (var writer = new PcapWriter(process.StandardInput.BaseStream, LinkType.Ethernet))
            {
                while (GeneratedPcap.ParquetFiles(table).Length < 2)
                {
                    Assert.True(stopwatch.Elapsed < TimeSpan.FromMinutes(3), $"pcapcore closed fewer than 2 files in 3 minutes ({sent} packets sent)");
                    Assert.False(process.HasExited, "pcapcore exited before it was killed");
                    for (int i = 0; i < 1000; i++)
                    {
                        var (data, wire) = mixed.Next();
                        writer.WritePacket(1_764_000_000_000_000_000L + sent++ * 1_000_000L, data, (uint)Math.Max(wire, data.Length));
                    }
                    writer.Flush();
                }
                // Keep it busy in the middle of the next file, then kill it without warning.
                for (int i = 0; i < 5000; i++)
                {
                    var (data, wire) = mixed.Next();
                    writer.WritePacket(1_764_000_000_000_000_000L + sent++ * 1_000_000L, data, (uint)Math.Max(wire, data.Length));
                }
                writer.Flush();
                Signals.Send(process.Id, "KILL");
                Assert.True(process.WaitForExit(30_000), "pcapcore did not die on SIGKILL");
            }
        }
        catch (IOException)
        {
            // The pipe closes under the writer when the process dies first; what is on disk is what the test checks.
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
            process.WaitForExit();
        }
        Assert.Equal(137, process.ExitCode);

        var files = GeneratedPcap.ParquetFiles(table);
        Assert.True(files.Length >= 2, $"only {files.Length} files were completed");
        using var duck = new DuckDb();
        long total = 0;
        foreach (var file in files)
            total += duck.Scalar($"SELECT count(*) FROM read_parquet({DuckDb.Literal(file)})");
        // The completed files hold the first rows without a gap: rows 1..N, N below what was sent.
        string glob = DuckDb.Literal(Path.Combine(table, "**", "*.parquet"));
        Assert.Equal(total, duck.Scalar($"SELECT max(frame_number) FROM read_parquet({glob})"));
        Assert.Equal(total, duck.Scalar($"SELECT count(DISTINCT frame_number) FROM read_parquet({glob})"));
        Assert.InRange(total, 1, sent - 1);
        // The file it was writing is there only under its hidden in-progress name, which the engines' globs skip.
        Assert.All(Directory.GetFiles(table, "*", SearchOption.AllDirectories).Except(files),
            f => Assert.Matches(@"/\.part-[^/]*\.parquet\.inprogress$", f));
        _ = error;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
