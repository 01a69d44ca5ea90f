using Pcap.Decode.Files;

namespace Pcap.Parquet.Writing;

/// <summary>
/// Writes packets to one Parquet file. The file is written as <c>PATH.inprogress</c> and renamed to PATH once its footer
/// is written, so PATH, when it exists, is always a complete file (a killed or failed export leaves no half file under it).
/// </summary>
public sealed class PacketParquetFile : IDisposable
{
    private readonly string _temporary;
    private PacketParquetWriter? _writer;
    private long _closedRows;

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

    /// <summary>Bytes of whole row groups written so far.</summary>
    public long BytesWritten => _writer?.BytesWritten ?? 0;

    /// <summary>Adds one packet as a row.</summary>
    public void Write(in CapturedPacket packet)
    {
        ObjectDisposedException.ThrowIf(_writer is null, this);
        _writer.Write(packet);
    }

    /// <summary>Drops the unfinished file (after a write error); nothing is left at <see cref="Path"/> or beside it.</summary>
    public void Abandon()
    {
        var writer = _writer;
        _writer = null;
        try
        {
            writer?.Abandon();
        }
        finally
        {
            File.Delete(_temporary);
        }
    }

    /// <summary>Writes the last row group and the footer, then moves the file to <see cref="Path"/>.</summary>
    public void Dispose()
    {
        var writer = _writer;
        if (writer is null)
            return;
        _writer = null;
        _closedRows = writer.Rows;
        writer.Dispose();
        File.Move(_temporary, Path, overwrite: true);
    }
}
