using Pcap.Cli.CommandLine;
using Pcap.Native;

namespace Pcap.Cli.Tests.CommandLine;

public class FanoutArgumentsTests
{
    [Fact]
    public void Workers_mode_flags_and_selectors_become_fanout_options()
    {
        var options = CliParser.Parse(["-i", "eth0", "--workers", "4", "--fanout=lb,defrag,rollover", "-n", "tcp"]);
        var fanout = FanoutArguments.ToFanoutOptions(options);
        Assert.Equal(4, fanout.Workers);
        Assert.Equal(FanoutMode.LoadBalance, fanout.Mode);
        Assert.True(fanout.Defrag);
        Assert.True(fanout.Rollover);
        Assert.Equal("tcp", options.Expression);

        var selected = FanoutArguments.ToFanoutOptions(CliParser.Parse(["--workers", "3", "--fanout-select", "tcp port 80", "--fanout-select", "udp"]));
        Assert.Equal(FanoutMode.Bpf, selected.Mode);
        Assert.Equal(["tcp port 80", "udp"], selected.Selectors);

        var plain = FanoutArguments.ToFanoutOptions(CliParser.Parse(["--workers", "2"]));
        Assert.Equal(FanoutMode.Hash, plain.Mode);
        Assert.False(plain.Defrag || plain.Rollover);
        Assert.True(plain.TimeOrdered); // the command line always merges the workers in time order
        Assert.Null(CliParser.Parse(["-i", "eth0"]).Workers);
    }

    [Theory]
    [InlineData(new[] { "--workers" }, "option '--workers' requires an argument")]
    [InlineData(new[] { "--workers", "0" }, "invalid worker count '0' for --workers")]
    [InlineData(new[] { "--workers", "257" }, "invalid worker count '257' for --workers")]
    [InlineData(new[] { "--fanout", "spread" }, "invalid fanout 'spread' for --fanout (use MODE[,defrag][,rollover]")]
    [InlineData(new[] { "--fanout", "hash,fast" }, "invalid fanout 'hash,fast' for --fanout")]
    [InlineData(new[] { "-r", "f.pcap", "--workers", "2" }, "--workers, --fanout and --fanout-select apply to a live capture (-i), not to -r FILE")]
    [InlineData(new[] { "--fanout", "lb", "-r", "f.pcap" }, "--workers, --fanout and --fanout-select apply to a live capture")]
    public void Bad_fanout_flags_are_refused_with_what_and_where(string[] args, string expected)
    {
        var error = Assert.Throws<CliUsageException>(() => CliParser.Parse(args));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--workers", "2", "--fanout", "cbpf" }, "--fanout cbpf needs at least one --fanout-select EXPRESSION")]
    [InlineData(new[] { "--fanout", "hash", "--fanout-select", "tcp" }, "--fanout-select needs --fanout cbpf, not 'hash'")]
    public void Inconsistent_fanout_flags_are_refused(string[] args, string expected)
    {
        var error = Assert.Throws<CliUsageException>(() => FanoutArguments.ToFanoutOptions(CliParser.Parse(args)));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
