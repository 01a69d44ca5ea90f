using Pcap.Cli.CommandLine;

namespace Pcap.Cli.Tests.CommandLine;

public class CliParserTests
{
    [Fact]
    public void Clusters_count_repeated_letters_and_take_a_trailing_value()
    {
        var options = CliParser.Parse(["-nnei", "docker0", "-tttt", "-c5", "arp", "or", "icmp"]);
        Assert.Equal(2, options.NoResolve);
        Assert.True(options.LinkHeader);
        Assert.Equal("docker0", options.Interface);
        Assert.Equal(4, options.TimestampStyle);
        Assert.Equal(5, options.Count);
        Assert.Equal("arp or icmp", options.Expression);
    }

    [Fact]
    public void Dump_levels_and_long_options()
    {
        var options = CliParser.Parse(["-ddd", "-y", "LINUX_SLL2", "--time-stamp-precision=nano", "--immediate-mode", "-Q", "in"]);
        Assert.Equal(3, options.DumpFilter);
        Assert.Equal("LINUX_SLL2", options.LinkTypeName);
        Assert.True(options.NanosecondPrecision);
        Assert.True(options.ImmediateMode);
        Assert.Equal("in", options.Direction);
        Assert.Null(options.Expression);
    }

    [Fact]
    public void Lab_is_a_leading_word()
    {
        Assert.True(CliParser.Parse(["lab"]).Lab);
        Assert.Equal("lab", CliParser.Parse(["-n", "lab"]).Expression);
    }

    [Theory]
    [InlineData(new[] { "-c" }, "option requires an argument -- 'c'")]
    [InlineData(new[] { "-c", "0" }, "invalid packet count '0' for -c")]
    [InlineData(new[] { "-Q", "sideways" }, "invalid direction 'sideways' for -Q")]
    [InlineData(new[] { "-k" }, "invalid option -- 'k'")]
    [InlineData(new[] { "--frobnicate" }, "unrecognized option '--frobnicate'")]
    [InlineData(new[] { "--time-stamp-precision=pico" }, "unsupported time stamp precision 'pico'")]
    public void Bad_flags_are_refused_with_what_and_where(string[] args, string expected)
    {
        var error = Assert.Throws<CliUsageException>(() => CliParser.Parse(args));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
