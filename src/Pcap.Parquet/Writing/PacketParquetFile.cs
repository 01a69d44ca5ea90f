using Pcap.Decode.Files;

namespace Pcap.Parquet.Writing;

/// <summary>
/// Writes packets to one Parquet file. The file is written as <c>PATH.inprogress</c> and renamed to PATH once its footer
/// is written, so PATH, when it exists, is always a complete file (a killed export leaves no half file under it). After a
/// write error (a full disk) <see cref="Salvage"/> cuts the file back to its last complete row group and still moves it to PATH.
/// </summary>
public sealed class PacketParquetFile : IDisposable
{
    private readonly string _temporary;
    private PacketParquetWriter? _writer;
    private long _closedRows;
    private long _closedCompleteRows;

    /// <summary>Starts the file at <paramref name="path"/> (replaced when it is closed).</summary>
    public PacketParquetFile(string path, PacketExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _temporary = path + ".inprogress";
        var stream = new FileStream(_temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        try
        {
            _writer = new PacketParquetWriter(stream, options);
        }
        catch
        {
            stream.Dispose();
            File.Delete(_temporary);
            throw;
        }
    }

    /// <summary>The file's final path.</summary>
    public string Path { get; }

    /// <summary>Rows taken so far.</summary>
    public long Rows => _writer?.Rows ?? _closedRows;

    /// <summary>Rows in the row groups written complete, footer included: what the file holds if the export stops now.</summary>
    public long CompleteRows => _writer?.CompleteRows ?? _closedCompleteRows;

    /// <summary>Bytes of whole row groups written so far.</summary>
    public long BytesWritten => _writer?.BytesWritten ?? 0;

    /// <summary>Adds one packet as a row.</summary>
    public void Write(in CapturedPacket packet)
    {
        ObjectDisposedException.ThrowIf(_writer is null, this);
        _writer.Write(packet);
    }

    /// <summary>
    /// Ends after a write error: the file is cut back to its last complete row group, footer included, and moved to
    /// <see cref="Path"/>, so every completed row group stays readable (<see cref="CompleteRows"/> rows). Returns false
    /// when even that failed and the unfinished file was removed instead.
    /// </summary>
    public bool Salvage()
    {
        var writer = _writer;
        if (writer is null)
            return File.Exists(Path);
        _writer = null;
        _closedRows = writer.Rows;
        _closedCompleteRows = writer.CompleteRows;
        var point = writer.CompletePoint;
        try
        {
            // Closing may fail again on the bytes still buffered; they lie past the complete point and are cut anyway.
            writer.Abandon();
        }
        catch (IOException)
        {
        }
        if (point is not null)
        {
            try
            {
                point.Restore(_temporary);
                File.Move(_temporary, Path, overwrite: true);
                return true;
            }
            catch (IOException)
            {
            }
        }
        _closedCompleteRows = 0;
        File.Delete(_temporary);
        return false;
    }

    /// <summary>Writes the last row group and the footer, then moves the file to <see cref="Path"/>.</summary>
    public void Dispose()
    {
        var writer = _writer;
        if (writer is null)
            return;
        // Kept until the footer is written: when that fails, Salvage still knows the last complete point.
        writer.Dispose();
        _writer = null;
        _closedRows = writer.Rows;
        _closedCompleteRows = writer.CompleteRows;
        File.Move(_temporary, Path, overwrite: true);
    }
}
