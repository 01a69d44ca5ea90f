using Parquet;
using Parquet.Schema;

namespace Pcap.Parquet.Columns;

/// <summary>One column of the row group being filled: its Parquet field and a buffer of one value per row.</summary>
internal abstract class PacketColumn
{
    protected PacketColumn(DataField field) => Field = field;

    /// <summary>The column's field in the schema.</summary>
    public DataField Field { get; }

    /// <summary>Writes the first <paramref name="rows"/> values as this column's chunk of the row group.</summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter writer, int rows);

    /// <summary>Empties the first <paramref name="rows"/> values (null again) for the next row group.</summary>
    public abstract void Clear(int rows);
}
