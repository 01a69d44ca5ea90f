using System.Buffers;

namespace Pcap.Filter.Parsing;

/// <summary>
/// How deeply an expression may nest, and whether it nests deeply enough to need a thread with a larger stack: the
/// parser and the code generator recurse once or twice per parenthesis, bracket or <c>not</c>.
/// </summary>
internal static class Nesting
{
    /// <summary>
    /// Parentheses and brackets nested inside each other. libpcap's parser takes a few thousand (its stack of 10,000
    /// states runs out between 5,000 and 10,000 parentheses); this is the depth we accept.
    /// </summary>
    public const int MaxParentheses = 4000;

    /// <summary>A run of unary minus, or of '%' and '^' (each nests the rest of the arithmetic one level deeper).</summary>
    public const int MaxOperatorRun = 200;

    /// <summary>
    /// The recursion depth the boolean rules allow: up to three levels per parenthesis ('not (' is a term, a term and an
    /// expression) plus a run of 'not'.
    /// </summary>
    public const int MaxBooleanDepth = 3 * MaxParentheses + 400;

    /// <summary>The AST depth the code generator allows (each boolean level can add one node, each arithmetic one).</summary>
    public const int MaxTreeDepth = 3 * MaxParentheses + 800;

    // Up to this estimate the caller's stack is enough (a thread-pool thread has 1.5 MB on Linux).
    private const int ShallowEstimate = 64;

    /// <summary>The stack a deep compile runs on: about 10 KB per level at most, with room to spare.</summary>
    public const int DeepStackBytes = 256 * 1024 * 1024;

    /// <summary>
    /// An upper bound, from the characters alone, of how deeply <paramref name="expression"/> can make the parser and code
    /// generator recurse; true when it exceeds what the caller's stack surely holds.
    /// </summary>
    public static bool NeedsDeepStack(string expression)
    {
        // Each counted character adds at most one to the estimate: an expression no longer than the bound is within it.
        if (expression.Length <= ShallowEstimate)
            return false;
        var text = expression.AsSpan();
        int depth = 0, maxDepth = 0, unary = 0;
        for (int i = 0; ; i++)
        {
            // Only these characters change the estimate: skip to the next one a vector at a time.
            int skip = text[i..].IndexOfAny(Counted);
            if (skip < 0)
                return false;
            i += skip;
            switch (text[i])
            {
                case '(' or '[':
                    maxDepth = Math.Max(maxDepth, ++depth);
                    break;
                case ')' or ']':
                    depth--;
                    break;
                case '!' or '-' or '%' or '^':
                    unary++;
                    break;
                case 'n' when i + 2 < text.Length && text[i + 1] == 'o' && text[i + 2] == 't':
                    unary++;
                    break;
            }
            if (maxDepth + unary > ShallowEstimate)
                return true;
        }
    }

    private static readonly SearchValues<char> Counted = SearchValues.Create("([)]!-%^n");
}
