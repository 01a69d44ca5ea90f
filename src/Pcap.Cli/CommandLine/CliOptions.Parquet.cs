namespace Pcap.Cli.CommandLine;

/// <summary>Our Parquet export options (tcpdump has none): packets as table rows for DuckDB, Spark and Trino.</summary>
internal sealed partial record CliOptions
{
    /// <summary><c>--parquet OUT</c>: write a row per packet to the Parquet file OUT, or with <c>-C</c>/<c>-G</c> (or an OUT that is a directory) to a Hive-partitioned directory.</summary>
    public string? ParquetOutput { get; init; }

    /// <summary><c>--parquet-raw</c>: add the captured bytes as <c>frame_raw</c>.</summary>
    public bool ParquetRawFrame { get; init; }

    /// <summary><c>--parquet-line</c>: add the tcpdump line (as the printing flags -n, -v, -e... print it) as <c>tcpdump_line</c>.</summary>
    public bool ParquetTcpdumpLine { get; init; }

    /// <summary><c>--parquet-row-group N</c>: rows per row group (null: the library's default).</summary>
    public int? ParquetRowGroupRows { get; init; }
}
