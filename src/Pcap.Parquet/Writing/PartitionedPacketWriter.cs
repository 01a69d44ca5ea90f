using System.Globalization;
using Pcap.Decode.Files;

namespace Pcap.Parquet.Writing;

/// <summary>
/// Writes packets as a directory of Parquet files partitioned by packet time, Hive style
/// (<c>DIR/date=2026-12-03/hour=16/part-….parquet</c>, UTC), which DuckDB, Spark and Trino read as one table. A file is
/// written under a hidden name (<c>.part-….parquet.inprogress</c>, which those engines skip) and renamed when its footer
/// is written, so at any moment, even after the process is killed, every <c>*.parquet</c> file in the tree is complete.
/// </summary>
public sealed class PartitionedPacketWriter : IDisposable
{
    private const long NanosecondsPerSecond = 1_000_000_000L;
    private const long NanosecondsPerHour = 3600 * NanosecondsPerSecond;
    private readonly string _directory;
    private readonly PacketExportOptions _options;
    private readonly PartitionRotation _rotation;
    private readonly List<string> _completed = [];
    private readonly string _runId;
    private PacketParquetWriter? _current;
    private string? _currentTemporary;
    private string? _currentFinal;
    private long _currentHour;
    private long _currentInterval;
    private int _sequence;
    private bool _disposed;

    /// <summary>Exports into <paramref name="directory"/> (created when missing).</summary>
    /// <param name="directory">The table's root directory.</param>
    /// <param name="options">The columns, row group size and compression of every file.</param>
    /// <param name="rotation">When a file closes and the next begins.</param>
    public PartitionedPacketWriter(string directory, PacketExportOptions? options = null, PartitionRotation? rotation = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = directory;
        _options = options ?? new PacketExportOptions();
        _rotation = rotation ?? new PartitionRotation();
        Directory.CreateDirectory(directory);
        // Names from one run sort by time and never collide with another run's in the same partition.
        _runId = Guid.NewGuid().ToString("N")[..8];
    }

    /// <summary>The files closed so far, complete and readable, in the order written.</summary>
    public IReadOnlyList<string> CompletedFiles => _completed;

    /// <summary>The file being written (under its final name; it exists only once closed), or null between files.</summary>
    public string? CurrentFile => _currentFinal;

    /// <summary>Rows written to closed files plus rows taken by the open one.</summary>
    public long Rows { get; private set; }

    /// <summary>Rows in closed files plus the complete row groups of the open one: what the table holds if the export stops now.</summary>
    public long CompleteRows => _closedRows + (_current?.CompleteRows ?? 0);

    /// <summary>Bytes in closed files plus the whole row groups of the open one.</summary>
    public long BytesWritten => _closedBytes + (_current?.BytesWritten ?? 0);

    private long _closedBytes;
    private long _closedRows;

    /// <summary>Called with each file's path once it is closed and complete (for example to upload it).</summary>
    public Action<string>? FileCompleted { get; init; }

    /// <summary>Adds one packet as a row, starting a new file first when the rotation or the hour says so.</summary>
    public void Write(in CapturedPacket packet)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long timestamp = packet.TimestampNanoseconds;
        long hour = Math.DivRem(timestamp, NanosecondsPerHour, out long rest) - (rest < 0 ? 1 : 0);
        long interval = _rotation.Seconds > 0 ? FloorDiv(timestamp, _rotation.Seconds * NanosecondsPerSecond) : 0;
        if (_current is not null && (hour != _currentHour || interval != _currentInterval ||
            (_rotation.MaxBytes > 0 && _current.BytesWritten > _rotation.MaxBytes) ||
            (_rotation.MaxRows > 0 && _current.Rows >= _rotation.MaxRows)))
            CloseCurrent();
        if (_current is null)
            Open(timestamp, hour, interval);
        long before = _current!.RowGroups;
        _current.Write(packet);
        Rows++;
        // -C counts whole row groups: a file closes after the group that takes it past the limit.
        if (_current.RowGroups != before && _rotation.MaxBytes > 0 && _current.BytesWritten > _rotation.MaxBytes)
            CloseCurrent();
    }

    /// <summary>Closes the open file (footer written, renamed to its final name); the next packet starts another.</summary>
    public void CloseCurrent()
    {
        if (_current is null)
            return;
        // Kept open until the footer is written: when that fails, Salvage still knows the last complete point.
        _current.Dispose();
        _closedRows += _current.Rows;
        _current = null;
        Complete();
    }

    /// <summary>
    /// Ends the open file after a write error (a full disk): it is cut back to its last complete row group, footer
    /// included, renamed to its final name and added to <see cref="CompletedFiles"/>, so every completed row group stays
    /// readable; without one it is removed. The files already closed stay as they are. Returns the rows the cut file keeps.
    /// </summary>
    public long Salvage()
    {
        var writer = _current;
        if (writer is null)
            return 0;
        _current = null;
        var point = writer.CompletePoint;
        try
        {
            // Closing may fail again on the bytes still buffered; they lie past the complete point and are cut anyway.
            writer.Abandon();
        }
        catch (IOException)
        {
        }
        if (point is { Rows: > 0 })
        {
            try
            {
                point.Restore(_currentTemporary!);
                Complete();
                _closedRows += point.Rows;
                return point.Rows;
            }
            catch (IOException)
            {
            }
        }
        TryDelete(_currentTemporary!);
        _currentTemporary = _currentFinal = null;
        return 0;
    }

    /// <summary>Closes the open file; every file is then complete.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        try
        {
            CloseCurrent();
        }
        finally
        {
            _disposed = true;
        }
    }

    // Moves the closed file to its final name, where it counts as part of the table.
    private void Complete()
    {
        _closedBytes += new FileInfo(_currentTemporary!).Length;
        File.Move(_currentTemporary!, _currentFinal!, overwrite: false);
        var completed = _currentFinal!;
        _completed.Add(completed);
        _currentTemporary = _currentFinal = null;
        FileCompleted?.Invoke(completed);
    }

    private void Open(long timestamp, long hour, long interval)
    {
        var start = DateTimeOffset.UnixEpoch.AddTicks(FloorDiv(timestamp, 100));
        string partition = Path.Combine(_directory,
            string.Create(CultureInfo.InvariantCulture, $"date={start:yyyy-MM-dd}"),
            string.Create(CultureInfo.InvariantCulture, $"hour={start:HH}"));
        Directory.CreateDirectory(partition);
        string name = string.Create(CultureInfo.InvariantCulture, $"part-{start:yyyyMMdd'T'HHmmss}-{_runId}-{_sequence++:D5}.parquet");
        _currentFinal = Path.Combine(partition, name);
        _currentTemporary = Path.Combine(partition, "." + name + ".inprogress");
        var stream = new FileStream(_currentTemporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        try
        {
            _current = new PacketParquetWriter(stream, _options, leaveOpen: false, precedingRows: Rows);
        }
        catch
        {
            stream.Dispose();
            TryDelete(_currentTemporary);
            _currentTemporary = _currentFinal = null;
            throw;
        }
        _currentHour = hour;
        _currentInterval = interval;
    }

    private static long FloorDiv(long value, long divisor) => Math.DivRem(value, divisor, out long rest) - (rest < 0 ? 1 : 0);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
