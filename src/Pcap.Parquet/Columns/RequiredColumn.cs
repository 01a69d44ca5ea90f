using Parquet;
using Parquet.Schema;

namespace Pcap.Parquet.Columns;

/// <summary>A column every packet has a value for (time stamp, lengths): stored without a null bitmap.</summary>
internal sealed class RequiredColumn<T> : PacketColumn where T : struct
{
    private readonly T[] _values;

    /// <summary>A column named <paramref name="name"/> holding up to <paramref name="capacity"/> rows.</summary>
    public RequiredColumn(string name, int capacity) : base(new DataField<T>(name, nullable: false)) => _values = new T[capacity];

    /// <summary>The value at <paramref name="row"/>.</summary>
    public T this[int row]
    {
        get => _values[row];
        set => _values[row] = value;
    }

    /// <inheritdoc/>
    public override Task WriteAsync(ParquetRowGroupWriter writer, int rows) =>
        writer.WriteAsync<T>(Field, (ReadOnlyMemory<T>)_values.AsMemory(0, rows));

    /// <inheritdoc/>
    public override void Clear(int rows) => Array.Clear(_values, 0, rows);
}
