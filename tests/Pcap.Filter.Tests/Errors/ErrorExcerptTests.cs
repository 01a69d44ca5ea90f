using Xunit;

namespace Pcap.Filter.Tests.Errors;

/// <summary>
/// A refused expression is shown around its error only, and nothing from it reaches a message raw: control characters
/// are escaped and a huge word is cut, so a 1 MB expression or a NUL in a filter file gives a short, printable error.
/// </summary>
public sealed class ErrorExcerptTests
{
    private static FilterException Refuse(string expression)
    {
        Assert.False(FilterCompiler.TryCompile(expression, LinkType.Ethernet, out _, out var error));
        return error!;
    }

    [Fact]
    public void AShortExpressionIsShownWholeWithTheCaretUnderTheError()
    {
        Assert.Equal("tcp port 70000\n         ^^^^^", Refuse("tcp port 70000").Excerpt());
    }

    [Fact]
    public void AnErrorInTheMiddleOfALongExpressionIsShownCentred()
    {
        string expression = string.Concat(Enumerable.Repeat("ip and ", 1000)) + "port 70000 and " + string.Concat(Enumerable.Repeat("tcp and ", 1000)) + "ip";
        var error = Refuse(expression);
        string[] lines = error.Excerpt(60).Split('\n');
        Assert.StartsWith("...", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("...", lines[0], StringComparison.Ordinal);
        Assert.Equal(66, lines[0].Length);
        Assert.Equal("70000", lines[0].Substring(lines[1].IndexOf('^', StringComparison.Ordinal), 5));
        Assert.Equal(new string('^', 5), lines[1].TrimStart());
    }

    [Theory]
    [InlineData("ip and \0 tcp", "illegal character '\\x00' at 7")]
    [InlineData("ip and \u001b[31m", "illegal character '\\x1b' at 7")]
    [InlineData("ip and \u007f", "illegal character '\\x7f' at 7")]
    public void ControlCharactersAreEscapedInTheMessageAndBlankInTheExcerpt(string expression, string message)
    {
        var error = Refuse(expression);
        Assert.Equal(message, error.Message);
        Assert.DoesNotContain(error.Excerpt(), c => char.IsControl(c) && c != '\n');
    }

    [Fact]
    public void AHugeWordIsCutInTheMessage()
    {
        var error = Refuse("host " + new string('b', 1_000_000));
        Assert.Equal("unknown host 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb...(999954 more characters)...bbbbbbb' at 5", error.Message);
        Assert.True(error.Excerpt().Length < 250);
    }
}
