using Parquet;
using Parquet.Schema;

namespace Pcap.Parquet.Columns;

/// <summary>A nullable number or flag column: null where the packet has no such field.</summary>
internal sealed class ValueColumn<T> : PacketColumn where T : struct
{
    private readonly T?[] _values;

    /// <summary>A column named <paramref name="name"/> holding up to <paramref name="capacity"/> rows.</summary>
    public ValueColumn(string name, int capacity) : base(new DataField<T?>(name)) => _values = new T?[capacity];

    /// <summary>The value at <paramref name="row"/> (null when unset).</summary>
    public T? this[int row]
    {
        get => _values[row];
        set => _values[row] = value;
    }

    /// <inheritdoc/>
    public override Task WriteAsync(ParquetRowGroupWriter writer, int rows) =>
        writer.WriteAsync<T>(Field, _values.AsMemory(0, rows));

    /// <inheritdoc/>
    public override void Clear(int rows) => Array.Clear(_values, 0, rows);
}
