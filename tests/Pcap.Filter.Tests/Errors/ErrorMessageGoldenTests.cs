using System.Runtime.CompilerServices;
using System.Text;
using Pcap.Testing;
using Xunit;

namespace Pcap.Filter.Tests.Errors;

/// <summary>
/// The exact error text, position and length for malformed expressions, kept in a golden file that was reviewed by
/// hand. Every input must also be refused by libpcap, so we never refuse what libpcap accepts.
/// Set PCAPCORE_WRITE_GOLDEN=1 to rewrite the golden file after an intended change, then review the diff.
/// </summary>
public sealed class ErrorMessageGoldenTests
{
    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static string Render()
    {
        var sb = new StringBuilder();
        foreach (var expression in File.ReadAllLines(Path.Combine(Here(), "MalformedInputs.txt")))
        {
            bool ok = FilterCompiler.TryCompile(expression, LinkType.Ethernet, out _, out var error, new FilterOptions { Optimize = false });
            sb.Append("expression: ").Append(expression).Append('\n');
            if (ok)
            {
                sb.Append("ACCEPTED\n\n");
                continue;
            }
            sb.Append("           ").Append(new string(' ', error!.Position)).Append(new string('^', Math.Max(1, error.Length))).Append('\n');
            sb.Append($"position {error.Position}, length {error.Length}: {error.Message}\n\n");
        }
        return sb.ToString();
    }

    [Fact]
    public void EveryMalformedInputIsAlsoRefusedByLibpcap()
    {
        var inputs = File.ReadAllLines(Path.Combine(Here(), "MalformedInputs.txt"));
        Assert.True(inputs.Length >= 50, $"only {inputs.Length} malformed inputs");
        var acceptedByLibpcap = inputs.Where(e => LibPcap.Compile(e, (int)LinkType.Ethernet, out _, optimize: false) is not null).ToList();
        Assert.True(acceptedByLibpcap.Count == 0, "libpcap accepts: " + string.Join(" | ", acceptedByLibpcap));
    }

    [Fact]
    public void ErrorTextsMatchTheGoldenFile()
    {
        string golden = Path.Combine(Here(), "ErrorMessages.golden");
        string actual = Render();
        if (Environment.GetEnvironmentVariable("PCAPCORE_WRITE_GOLDEN") == "1")
            File.WriteAllText(golden, actual);
        Assert.True(File.Exists(golden), $"golden file {golden} is missing; run with PCAPCORE_WRITE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(golden), actual);
        Assert.DoesNotContain("ACCEPTED", actual);
    }
}
