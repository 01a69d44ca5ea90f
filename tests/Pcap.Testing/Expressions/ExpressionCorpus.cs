using System.Reflection;

namespace Pcap.Testing.Expressions;

/// <summary>
/// The filter-expression corpus for conformance tests: a hand-written list covering every pcap-filter primitive
/// (HandWritten.txt, embedded) plus seeded random compositions.
/// </summary>
public static class ExpressionCorpus
{
    /// <summary>The seed the conformance suite uses, fixed so that every run tests the same expressions.</summary>
    public const int DefaultSeed = 20261124;

    private static readonly Lazy<string[]> HandWrittenLines = new(LoadHandWritten);

    /// <summary>The hand-written expressions, in file order, comments and blank lines removed.</summary>
    public static IReadOnlyList<string> HandWritten => HandWrittenLines.Value;

    /// <summary>
    /// At least <paramref name="total"/> distinct expressions: all hand-written ones, then random compositions from
    /// <paramref name="seed"/>.
    /// </summary>
    public static IReadOnlyList<string> All(int total = 5000, int seed = DefaultSeed)
    {
        var result = new List<string>(total);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expression in HandWritten)
            if (seen.Add(expression))
                result.Add(expression);
        var composer = new RandomExpressionComposer(seed);
        int attempts = 0;
        while (result.Count < total && attempts++ < total * 20)
        {
            var expression = composer.Next();
            if (seen.Add(expression))
                result.Add(expression);
        }
        return result;
    }

    private static string[] LoadHandWritten()
    {
        var assembly = typeof(ExpressionCorpus).Assembly;
        string name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("HandWritten.txt", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded expression list {name} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToArray();
    }
}
