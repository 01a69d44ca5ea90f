using Pcap.Decode.Files;
using Pcap.Parquet.Tests.Support;
using Pcap.Parquet.Writing;

namespace Pcap.Parquet.Tests;

/// <summary>
/// The writer leaves a complete Parquet file after every row group (the footer follows each), and a write error inside the
/// next group is undone by putting the last footer back: what a full disk relies on, checked here without one.
/// </summary>
public sealed class CompleteAfterEachRowGroupTests : IDisposable
{
    private const int GroupRows = 1000;
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-parquet-groups-").FullName;

    [Fact]
    public void The_stream_is_a_readable_file_after_every_row_group_and_a_cut_group_is_undone()
    {
        string pcap = GeneratedPcap.Write(Path.Combine(_directory, "small.pcap"), 2 * GroupRows + GroupRows / 2,
            DateTimeOffset.UnixEpoch.AddDays(20000), TimeSpan.FromMilliseconds(1));
        using var stream = new MemoryStream();
        var snapshots = new List<(long Rows, byte[] Bytes, CompleteFilePoint Point)>();
        using (var writer = new PacketParquetWriter(stream, new PacketExportOptions { RowGroupRows = GroupRows }, leaveOpen: true))
        {
            snapshots.Add((0, stream.ToArray(), writer.CompletePoint!));
            using var reader = CaptureReader.Open(pcap);
            while (reader.TryReadPacket(out var packet))
            {
                int groups = writer.RowGroups;
                writer.Write(packet);
                if (writer.RowGroups != groups)
                    snapshots.Add((writer.CompleteRows, stream.ToArray(), writer.CompletePoint!));
            }
            // Half a group is buffered: the stream still ends with the second group's footer.
            Assert.Equal(2 * GroupRows + GroupRows / 2, writer.Rows);
            Assert.Equal(2 * GroupRows, writer.CompleteRows);
            Assert.Equal(stream.Length, writer.BytesWritten);
        }

        using var duck = new DuckDb();
        Assert.Equal([0L, GroupRows, 2 * GroupRows], snapshots.Select(s => s.Rows));
        foreach (var (rows, bytes, point) in snapshots)
        {
            Assert.Equal(point.Length, bytes.Length);
            string file = Path.Combine(_directory, $"after-{rows}.parquet");
            File.WriteAllBytes(file, bytes);
            Assert.Equal(rows, duck.Scalar($"SELECT count(*) FROM read_parquet({DuckDb.Literal(file)})"));
        }

        // The second group cut halfway, over the first group's footer, as a full disk leaves it; the first footer put back.
        var (_, _, first) = snapshots[1];
        var (_, complete, second) = snapshots[2];
        string cut = Path.Combine(_directory, "cut.parquet");
        File.WriteAllBytes(cut, complete[..(int)(first.DataEnd + (second.DataEnd - first.DataEnd) / 2)]);
        first.Restore(cut);
        Assert.Equal(first.Length, new FileInfo(cut).Length);
        Assert.Equal(GroupRows, duck.Scalar($"SELECT count(*) FROM read_parquet({DuckDb.Literal(cut)})"));
        Assert.Equal(GroupRows, duck.Scalar($"SELECT max(frame_number) FROM read_parquet({DuckDb.Literal(cut)})"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
