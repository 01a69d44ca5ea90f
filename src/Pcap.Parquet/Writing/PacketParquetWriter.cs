using Parquet;
using Parquet.Schema;
using Pcap.Decode.Files;
using Pcap.Decode.Text;
using Pcap.Decode.Walk;
using Pcap.Parquet.Rows;

namespace Pcap.Parquet.Writing;

/// <summary>
/// Writes packets to one Parquet stream, a row per packet with the typed columns of the layer walk (the schema is in the
/// README). Rows are buffered for one row group and written when it is full, so memory stays flat; <see cref="Dispose"/>
/// writes the last group and the footer, without which a Parquet file cannot be read. On an empty readable and seekable
/// stream (a new file) the footer is also written after every row group and overwritten by the next, so the file is
/// complete after each group and a write error (a full disk) can be undone back to the last one.
/// </summary>
public sealed class PacketParquetWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ParquetOptions _parquetOptions;
    // Set when the stream cannot be read back or seeked: one writer for the whole file, footer only at the end.
    private readonly ParquetWriter? _streamingWriter;
    private readonly PacketRowGroup _rows;
    private readonly LayerWalker _walker;
    private readonly AddressText _text = new();
    private readonly TcpdumpFormatter? _formatter;
    private readonly long _precedingRows;
    private bool _disposed;

    /// <summary>Starts a Parquet file on <paramref name="stream"/> (written from its current position on).</summary>
    /// <param name="stream">A writable stream; it is disposed with the writer unless <paramref name="leaveOpen"/>.</param>
    /// <param name="options">Optional columns, row group size and compression.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open after <see cref="Dispose"/>.</param>
    public PacketParquetWriter(Stream stream, PacketExportOptions? options = null, bool leaveOpen = false)
        : this(stream, options, leaveOpen, 0)
    {
    }

    // A partitioned export numbers frames across its files: this file's first row is frame precedingRows + 1.
    internal PacketParquetWriter(Stream stream, PacketExportOptions? options, bool leaveOpen, long precedingRows)
    {
        _precedingRows = precedingRows;
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new PacketExportOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RowGroupRows, 1, nameof(options));
        _stream = stream;
        _leaveOpen = leaveOpen;
        _rows = new PacketRowGroup(options.RowGroupRows, options);
        _walker = new LayerWalker(options.ApplicationPorts);
        if (options.TcpdumpLine is not null)
            _formatter = new TcpdumpFormatter(options.TcpdumpLine);
        Schema = new ParquetSchema(_rows.Columns.Select(c => (Field)c.Field));
        _parquetOptions = new ParquetOptions { CompressionMethod = options.Compression };
        if (stream.CanSeek && stream.CanRead && stream.Length == 0)
            Commit(ParquetWriter.CreateAsync(Schema, stream, _parquetOptions).GetAwaiter().GetResult(), 0);
        else
            _streamingWriter = ParquetWriter.CreateAsync(Schema, stream, _parquetOptions).GetAwaiter().GetResult();
    }

    /// <summary>The schema every file gets: the typed columns, then <c>frame_raw</c> and <c>tcpdump_line</c> when asked for.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>Rows taken so far (written or buffered).</summary>
    public long Rows { get; private set; }

    /// <summary>Row groups written so far.</summary>
    public int RowGroups { get; private set; }

    /// <summary>Bytes written to the stream so far (whole row groups only; the buffered group is not counted).</summary>
    public long BytesWritten => CompletePoint?.Length ?? _stream.Position;

    /// <summary>Rows in the row groups the stream holds complete, footer included (all written rows when the stream is not seekable).</summary>
    public long CompleteRows => CompletePoint?.Rows ?? Rows - _rows.Count;

    // The file as it was after the last row group and its footer were written; null on a stream that is not seekable.
    internal CompleteFilePoint? CompletePoint { get; private set; }

    /// <summary>Rows waiting in the current row group.</summary>
    public int BufferedRows => _rows.Count;

    /// <summary>Adds one packet as a row (the packet's bytes are read during the call only).</summary>
    public void Write(in CapturedPacket packet)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var rows = _rows;
        int row = rows.NextRow();
        rows.TimestampNs[row] = packet.TimestampNanoseconds;
        rows.Number[row] = _precedingRows + ++Rows;
        rows.InterfaceId[row] = packet.InterfaceId;
        rows.LinkType[row] = (int)packet.LinkType.Value;
        rows.CapturedLength[row] = packet.CapturedLength;
        rows.WireLength[row] = packet.WireLength;
        var layers = _walker.Walk(packet.LinkType, packet.Data);
        LinkFields.Fill(rows, row, layers, _text);
        NetworkFields.Fill(rows, row, layers, _text);
        TransportFields.Fill(rows, row, layers);
        ApplicationFields.Fill(rows, row, layers, _text);
        if (layers.Error.IsError)
            rows.DecodeError[row] = layers.Error.ToString();
        if (rows.RawFrame is not null)
            rows.RawFrame[row] = packet.Data.ToArray();
        if (rows.TcpdumpLine is not null)
            rows.TcpdumpLine[row] = new string(_formatter!.Format(packet).TrimEnd('\n'));
        if (rows.IsFull)
            WriteRowGroup();
    }

    /// <summary>Writes the buffered rows as a row group now (a no-op when none are buffered).</summary>
    public void WriteRowGroup()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_rows.Count == 0)
            return;
        if (_streamingWriter is not null)
        {
            WriteRowGroupAsync(_streamingWriter).GetAwaiter().GetResult();
        }
        else
        {
            // Append reopens the complete file before its footer; the group goes there and a new footer after it.
            var writer = ParquetWriter.CreateAsync(Schema, _stream, _parquetOptions, append: true).GetAwaiter().GetResult();
            WriteRowGroupAsync(writer).GetAwaiter().GetResult();
            Commit(writer, _rows.Count);
        }
        _rows.Reset();
        RowGroups++;
    }

    /// <summary>Writes the buffered rows and the footer, and closes the stream unless it was left open.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        try
        {
            WriteRowGroup();
            _streamingWriter?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _stream.Flush();
        }
        finally
        {
            _disposed = true;
            if (!_leaveOpen)
                _stream.Dispose();
        }
    }

    /// <summary>Stops without writing the buffered rows or the footer (after a write error) and closes the stream unless it was left open.</summary>
    public void Abandon()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!_leaveOpen)
            _stream.Dispose();
    }

    private async Task WriteRowGroupAsync(ParquetWriter writer)
    {
        using var group = writer.CreateRowGroup();
        foreach (var column in _rows.Columns)
            await column.WriteAsync(group, _rows.Count).ConfigureAwait(false);
    }

    // Writes the footer after the row groups so far and remembers it, read back, as the point a write error returns to.
    private void Commit(ParquetWriter writer, int groupRows)
    {
        long dataEnd = _stream.Position;
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        // Flushed now, so a full disk fails this group rather than a later one.
        _stream.Flush();
        long end = _stream.Position;
        var footer = new byte[end - dataEnd];
        _stream.Position = dataEnd;
        _stream.ReadExactly(footer);
        CompletePoint = new CompleteFilePoint(dataEnd, footer, (CompletePoint?.Rows ?? 0) + groupRows);
    }
}
