using Pcap.Cli.CommandLine;

namespace Pcap.Cli.Tests.CommandLine;

/// <summary><c>--parquet</c> and its companions: what they set, and the combinations refused with the reason.</summary>
public sealed class ParquetArgumentsTests
{
    [Fact]
    public void Parquet_flags_set_the_export()
    {
        var options = CliParser.Parse(["-r", "in.pcap", "--parquet", "out", "--parquet-raw", "--parquet-line", "--parquet-row-group=1000", "-G", "60", "udp"]);
        Assert.Equal("out", options.ParquetOutput);
        Assert.True(options.ParquetRawFrame);
        Assert.True(options.ParquetTcpdumpLine);
        Assert.Equal(1000, options.ParquetRowGroupRows);
        Assert.Equal(60, options.RotateSeconds);
        Assert.Equal("udp", options.Expression);
    }

    [Theory]
    [InlineData(new[] { "-r", "x", "--parquet" }, "option '--parquet' requires an argument")]
    [InlineData(new[] { "-r", "x", "--parquet-raw" }, "--parquet-raw, --parquet-line and --parquet-row-group need --parquet OUT")]
    [InlineData(new[] { "-r", "x", "--parquet", "o", "--parquet-row-group", "0" }, "invalid row count '0' for --parquet-row-group")]
    [InlineData(new[] { "-r", "x", "--parquet", "o", "-w", "y" }, "--parquet and -w write different files")]
    [InlineData(new[] { "-r", "x", "--parquet", "o", "-C", "1", "-W", "3" }, "-W and -z apply to -w files")]
    [InlineData(new[] { "-r", "x", "--parquet", "o", "--count" }, "--parquet takes packets from -r FILE or -i INTERFACE")]
    public void Parquet_combinations_it_cannot_honour_are_refused(string[] args, string expected)
    {
        var error = Assert.Throws<CliUsageException>(() => CliParser.Parse(args));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
