using System.Text.RegularExpressions;
using Pcap.Parquet.Tests.Support;

namespace Pcap.Parquet.Tests;

/// <summary>The README's DuckDB query runs as printed over a partitioned export of the recorded real traffic and agrees with a plain count.</summary>
[Collection(ExportsCollection.Name)]
public sealed partial class ReadmeQueryTests(ExportedCaptures captures)
{
    [Fact]
    public void Readme_duckdb_query_ranks_the_dns_names_of_each_hour()
    {
        string readme = File.ReadAllText(ExportedCaptures.RepositoryFile("README.md"));
        var block = DuckDbBlock().Match(readme);
        Assert.True(block.Success, "the README has no ```sql block starting with '-- DuckDB'");
        string table = captures.Scratch("readme-table");
        Pcapcore.Export("-r", captures.Real.Pcap, "--parquet", table, "-G", "3600");

        using var duck = new DuckDb();
        string glob = DuckDb.Literal(Path.Combine(table, "**", "*.parquet"));
        string date = duck.Rows($"SELECT min(CAST(date AS VARCHAR)) AS d FROM read_parquet({glob}, hive_partitioning = true) WHERE app_protocol = 'dns'")[0]["d"]!.ToString()!;
        string sql = block.Groups["sql"].Value.Replace("'/data/packets/**/*.parquet'", glob, StringComparison.Ordinal)
            .Replace("'2026-12-03'", DuckDb.Literal(date), StringComparison.Ordinal);
        var ranked = duck.Rows(sql);
        Assert.NotEmpty(ranked);
        // The same numbers from the single-file export, without partitions or window functions.
        foreach (var row in ranked)
        {
            long expected = duck.Scalar($"""
                SELECT count(*) FROM read_parquet({DuckDb.Literal(captures.Real.Parquet)})
                WHERE app_protocol = 'dns' AND NOT dns_response AND dns_question IS NOT DISTINCT FROM {(row["dns_question"] is string q ? DuckDb.Literal(q) : "NULL")}
                  AND hour(make_timestamp(frame_timestamp_ns // 1000)) = {row["hour"]}
                  AND CAST(make_timestamp(frame_timestamp_ns // 1000) AS DATE) = DATE {DuckDb.Literal(date)}
                """);
            Assert.Equal(expected, Convert.ToInt64(row["queries"], System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Contains(ranked, row => row["dns_question"] as string == "www.example.test");
    }

    [GeneratedRegex(@"```sql\n-- DuckDB\n(?<sql>.*?)```", RegexOptions.Singleline)]
    private static partial Regex DuckDbBlock();
}
