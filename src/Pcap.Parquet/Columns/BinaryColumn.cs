using Parquet;
using Parquet.Schema;

namespace Pcap.Parquet.Columns;

/// <summary>A nullable byte-array column (the raw frame).</summary>
internal sealed class BinaryColumn : PacketColumn
{
    private readonly byte[]?[] _values;

    /// <summary>A column named <paramref name="name"/> holding up to <paramref name="capacity"/> rows.</summary>
    public BinaryColumn(string name, int capacity) : base(new DataField<byte[]>(name, nullable: true)) => _values = new byte[]?[capacity];

    /// <summary>The value at <paramref name="row"/> (null when unset).</summary>
    public byte[]? this[int row]
    {
        get => _values[row];
        set => _values[row] = value;
    }

    /// <inheritdoc/>
    public override Task WriteAsync(ParquetRowGroupWriter writer, int rows) =>
        writer.WriteAsync(Field, new ArraySegment<byte[]>(_values!, 0, rows));

    /// <inheritdoc/>
    public override void Clear(int rows) => Array.Clear(_values, 0, rows);
}
