using Parquet;
using Parquet.Schema;

namespace Pcap.Parquet.Columns;

/// <summary>A nullable UTF-8 text column (addresses, names, the tcpdump line).</summary>
internal sealed class StringColumn : PacketColumn
{
    private readonly string?[] _values;

    /// <summary>A column named <paramref name="name"/> holding up to <paramref name="capacity"/> rows.</summary>
    public StringColumn(string name, int capacity) : base(new DataField<string>(name, nullable: true)) => _values = new string?[capacity];

    /// <summary>The value at <paramref name="row"/> (null when unset).</summary>
    public string? this[int row]
    {
        get => _values[row];
        set => _values[row] = value;
    }

    /// <inheritdoc/>
    public override Task WriteAsync(ParquetRowGroupWriter writer, int rows) =>
        writer.WriteAsync(Field, new ArraySegment<string>(_values!, 0, rows));

    /// <inheritdoc/>
    public override void Clear(int rows) => Array.Clear(_values, 0, rows);
}
