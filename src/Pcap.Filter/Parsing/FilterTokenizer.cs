using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Superpower.Model;

namespace Pcap.Filter.Parsing;

/// <summary>
/// Splits an expression into tokens with libpcap's scanner rules: the longest match wins and, on a tie,
/// keywords and named constants beat MAC addresses, which beat numbers, dotted addresses, IPv6 addresses and names.
/// A backslash makes the rest of a word a name (<c>\tcp</c>).
/// </summary>
internal static class FilterTokenizer
{
    /// <summary>
    /// The tokens of <paramref name="text"/>, or false with the illegal character's message and position. Builds the
    /// token array directly: the one array backs the parser's <see cref="TokenList{TKind}"/> and its look-behind.
    /// </summary>
    public static bool TryTokenize(string text, out Token<FilterTokenKind>[] tokens, out string? error, out int errorPosition) =>
        TryTokenize(text, [], out tokens, out error, out errorPosition, out _, out _);

    /// <summary>
    /// As <see cref="TryTokenize(string, out Token{FilterTokenKind}[], out string?, out int)"/>, also saying how much text
    /// the error covers and whether libpcap reports it as its bare "syntax error" (an illegal character) or in its
    /// own words (a bogus Ethernet address). Tokens that all scan are also refused where they first nest deeper than
    /// <see cref="Nesting"/> allows: the parsers recurse on '(', '[' and unary '-', and this loop already sees each token.
    /// The keyword each keyword token spells goes into <paramref name="keywords"/> at the token's index (as far as it
    /// reaches; other indexes are left as they were), so the parsers need not look it up again.
    /// </summary>
    // Superpower reads each kind's [Token] description by reflection for "expected ..." messages: keep the fields trimmed builds drop.
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicFields, typeof(FilterTokenKind))]
    public static bool TryTokenize(string text, Span<FilterKeywords.Keyword> keywords, out Token<FilterTokenKind>[] tokens,
        out string? error, out int errorPosition, out int errorLength, out bool grammarError)
    {
        // A short expression's tokens (at most one per character) are gathered in this thread's scratch array and copied
        // out once: cheaper than renting from the shared pool, which every parse did.
        bool inScratch = text.Length is > 0 and <= ScratchLength;
        var found = inScratch ? t_scratch ??= new Token<FilterTokenKind>[ScratchLength] : new Token<FilterTokenKind>[EstimateCount(text)];
        int count = 0, i = 0;
        error = null;
        errorPosition = 0;
        errorLength = 0;
        grammarError = false;
        int depth = 0, minusRun = 0, nestedAt = -1, nestedLength = 0, nestedLimit = 0;
        while (true)
        {
            while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\r')
                i++;
            if (i >= text.Length)
                break;
            if (!TryMatch(text, i, out var kind, out int length, out var keyword))
            {
                Release(found, count, inScratch);
                tokens = [];
                error = $"illegal character '{text[i]}' at {i}";
                errorPosition = i;
                errorLength = 1;
                grammarError = true;
                return false;
            }
            // libpcap's scanner rule {B}:+({B}:+)+ wins when it is the longest match: "02:00:0a:4d:00" is one bad
            // Ethernet address (libpcap names the part the rule matched), not an address followed by a stray ':'.
            int bogus = IsHex(text[i]) && (At(text, i + 1) == ':' || At(text, i + 2) == ':') ? BogusMacLength(text, i) : 0;
            if (bogus > length)
            {
                Release(found, count, inScratch);
                tokens = [];
                error = $"bogus ethernet address {text.Substring(i, bogus)} at {i}";
                errorPosition = i;
                errorLength = bogus;
                return false;
            }
            if (count == found.Length && !inScratch)
                Array.Resize(ref found, count * 2);
            if (kind == FilterTokenKind.Keyword && (uint)count < (uint)keywords.Length)
                keywords[count] = keyword;
            found[count++] = new Token<FilterTokenKind>(kind, new TextSpan(text, new Position(i, 1, i + 1), length));
            depth += kind is FilterTokenKind.LeftParen or FilterTokenKind.LeftBracket ? 1
                : kind is FilterTokenKind.RightParen or FilterTokenKind.RightBracket ? -1 : 0;
            minusRun = kind == FilterTokenKind.Minus ? minusRun + 1 : 0;
            if (nestedAt < 0 && (depth > Nesting.MaxParentheses || minusRun > Nesting.MaxOperatorRun))
            {
                nestedLimit = depth > Nesting.MaxParentheses ? Nesting.MaxParentheses : Nesting.MaxOperatorRun;
                nestedAt = i;
                nestedLength = length;
            }
            i += length;
        }
        tokens = inScratch || count != found.Length ? found[..count] : found;
        Release(found, count, inScratch);
        if (nestedAt >= 0)
        {
            tokens = [];
            error = $"expression nested more than {nestedLimit} levels deep at {nestedAt}";
            errorPosition = nestedAt;
            errorLength = nestedLength;
            return false;
        }
        return true;
    }

    /// <summary>The longest expression whose tokens (and, in the parser, keywords) go in a per-thread scratch array.</summary>
    internal const int ScratchLength = 1024;

    [ThreadStatic]
    private static Token<FilterTokenKind>[]? t_scratch;

    // Leaves the scratch array without the references to the text its tokens held.
    private static void Release(Token<FilterTokenKind>[] found, int count, bool inScratch)
    {
        if (inScratch)
            Array.Clear(found, 0, count);
    }

    // Almost every token but the first follows a separator or is an operator character: one array, rarely grown.
    private static int EstimateCount(string text)
    {
        int count = 1;
        foreach (char c in text)
            if (c is ' ' or '\t' or '\n' or '\r' or '(' or ')' or '[' or ']' or ':' or '+' or '-' or '*' or '/' or '%'
                or '&' or '|' or '^' or '!' or '<' or '>' or '=' or '\\')
                count++;
        return count;
    }

    private static bool TryMatch(string text, int i, out FilterTokenKind kind, out int length, out FilterKeywords.Keyword keyword)
    {
        keyword = default;
        char c = text[i];
        if (c == '\\')
        {
            int j = i + 1;
            while (j < text.Length && text[j] is not (' ' or '!' or '(' or ')' or '\n' or '\t'))
                j++;
            kind = FilterTokenKind.Name;
            length = j - i;
            return length > 1;
        }

        int idLen = NameLength(text, i);
        int numLen = 0, hidLen = 0, macLen = 0, v6Len = 0;
        // Numbers and addresses start with a hex digit or ':'; a word starting with any other letter is a name or keyword.
        if (IsHex(c) || c == ':')
        {
            // The run of hex digits and the character after it rule out most candidates before their scans: keywords
            // such as 'and', 'dst' or 'ether' start with a hex letter.
            int hex = i;
            while (hex < text.Length && IsHex(text[hex]))
                hex++;
            char after = hex < text.Length ? text[hex] : '\0';
            if (char.IsAsciiDigit(c))
            {
                numLen = NumberLength(text, i);
                hidLen = i + numLen < text.Length && text[i + numLen] == '.' ? DottedLength(text, i) : 0;
            }
            // A MAC address starts with four hex digits, or one or two and a separator.
            if (hex - i >= 4 || (hex > i && after is ':' or '-' or '.'))
                macLen = MacLength(text, i);
            // An IPv6 address has a ':' in its run of hex digits, ':' and '.'.
            if (after is ':' or '.')
                v6Len = Ipv6Length(text, i);
        }
        int best = Math.Max(Math.Max(idLen, numLen), Math.Max(Math.Max(hidLen, macLen), v6Len));
        if (best > 0)
        {
            length = best;
            // No keyword or named constant starts with a digit: numbers and addresses skip the lookup.
            if (idLen == best && !char.IsAsciiDigit(c) && FilterKeywords.TryGet(text.AsSpan(i, best), out keyword))
                kind = keyword.Kind;
            else if (macLen == best)
                kind = FilterTokenKind.MacAddress;
            else if (numLen == best)
                kind = FilterTokenKind.Number;
            else if (hidLen == best)
                kind = FilterTokenKind.HostAddress;
            else if (v6Len == best)
                kind = FilterTokenKind.Ipv6Address;
            else
                kind = FilterTokenKind.Name;
            return true;
        }

        char second = i + 1 < text.Length ? text[i + 1] : '\0';
        (kind, length) = (c, second) switch
        {
            ('>', '=') => (FilterTokenKind.GreaterOrEqual, 2),
            ('<', '=') => (FilterTokenKind.LessOrEqual, 2),
            ('!', '=') => (FilterTokenKind.NotEqual, 2),
            ('=', '=') => (FilterTokenKind.Equal, 2),
            ('<', '<') => (FilterTokenKind.ShiftLeft, 2),
            ('>', '>') => (FilterTokenKind.ShiftRight, 2),
            ('&', '&') => (FilterTokenKind.And, 2),
            ('|', '|') => (FilterTokenKind.Or, 2),
            _ => (FilterTokenKind.Number, 0),
        };
        if (length == 2)
            return true;
        length = 1;
        switch (c)
        {
            case '+': kind = FilterTokenKind.Plus; return true;
            case '-': kind = FilterTokenKind.Minus; return true;
            case '*': kind = FilterTokenKind.Star; return true;
            case '/': kind = FilterTokenKind.Slash; return true;
            case '%': kind = FilterTokenKind.Percent; return true;
            case ':': kind = FilterTokenKind.Colon; return true;
            case '[': kind = FilterTokenKind.LeftBracket; return true;
            case ']': kind = FilterTokenKind.RightBracket; return true;
            case '!': kind = FilterTokenKind.Not; return true;
            case '<': kind = FilterTokenKind.Less; return true;
            case '>': kind = FilterTokenKind.Greater; return true;
            case '(': kind = FilterTokenKind.LeftParen; return true;
            case ')': kind = FilterTokenKind.RightParen; return true;
            case '&': kind = FilterTokenKind.Ampersand; return true;
            case '|': kind = FilterTokenKind.Pipe; return true;
            case '^': kind = FilterTokenKind.Caret; return true;
            case '=': kind = FilterTokenKind.Equal; return true;
        }
        length = 0;
        return false;
    }

    private static char At(string t, int i) => i < t.Length ? t[i] : '\0';

    private static bool IsAlnum(char c) => (ClassOf(c) & AlnumClass) != 0;
    private static bool IsHex(char c) => (ClassOf(c) & HexClass) != 0;
    private static bool IsNameChar(char c) => (ClassOf(c) & NameClass) != 0;

    // One table lookup per character instead of a chain of range tests: the scanners read every character of every word.
    private const byte AlnumClass = 1, HexClass = 2, NameClass = 4;

    private static byte ClassOf(char c) => c < 128 ? CharClasses[c] : (byte)0;

    // Per ASCII character: AlnumClass for [A-Za-z0-9], HexClass for [0-9A-Fa-f], NameClass for [-_.A-Za-z0-9].
    private static ReadOnlySpan<byte> CharClasses => new byte[]
    {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 0, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0, 0,
        0, 7, 7, 7, 7, 7, 7, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 0, 0, 0, 4,
        0, 7, 7, 7, 7, 7, 7, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 0, 0, 0, 0,
    };

    // [A-Za-z0-9]([-_.A-Za-z0-9]*[.A-Za-z0-9])?
    private static int NameLength(string t, int i)
    {
        if (i >= t.Length || !IsAlnum(t[i]))
            return 0;
        int j = i + 1;
        while (j < t.Length && IsNameChar(t[j]))
            j++;
        while (j > i + 1 && t[j - 1] is '-' or '_')
            j--;
        return j - i;
    }

    // [0-9]+ | 0[xX][0-9A-Fa-f]+
    private static int NumberLength(string t, int i)
    {
        if (i >= t.Length || t[i] is < '0' or > '9')
            return 0;
        if (t[i] == '0' && i + 2 < t.Length && t[i + 1] is 'x' or 'X' && IsHex(t[i + 2]))
        {
            int k = i + 2;
            while (k < t.Length && IsHex(t[k]))
                k++;
            return k - i;
        }
        int j = i;
        while (j < t.Length && t[j] is >= '0' and <= '9')
            j++;
        return j - i;
    }

    // N.N, N.N.N or N.N.N.N
    private static int DottedLength(string t, int i)
    {
        int n = NumberLength(t, i);
        if (n == 0)
            return 0;
        int end = i + n, best = 0, parts = 1;
        while (parts < 4 && end < t.Length && t[end] == '.')
        {
            int m = NumberLength(t, end + 1);
            if (m == 0)
                break;
            end += 1 + m;
            parts++;
            best = end - i;
        }
        return best;
    }

    private static int HexRun(string t, int i, int max)
    {
        int j = i;
        while (j < t.Length && j - i < max && IsHex(t[j]))
            j++;
        return j - i;
    }

    // xx:xx:xx:xx:xx:xx, xx-xx-..., xx.xx.xx.xx.xx.xx (1-2 digits each), xxxx.xxxx.xxxx, or 12 hex digits.
    private static int MacLength(string t, int i)
    {
        // Every form starts with one or two hex digits and a separator, or with four hex digits: most words do neither.
        int lead = HexRun(t, i, 2);
        if (lead == 0)
            return 0;
        char first = i + lead < t.Length ? t[i + lead] : '\0';
        int best = 0;
        // Six parts joined by ':', '-' or '.': only the separator after the first part can join them.
        if (first is ':' or '-' or '.')
        {
            int j = i, parts = 0;
            while (true)
            {
                int h = HexRun(t, j, 2);
                if (h == 0)
                    break;
                j += h;
                parts++;
                if (parts == 6 || j >= t.Length || t[j] != first)
                    break;
                j++;
            }
            if (parts == 6)
                best = j - i;
        }
        // xxxx.xxxx.xxxx and twelve hex digits start with four hex digits.
        if (HexRun(t, i, 4) < 4)
            return best;
        {
            int j = i, parts = 0;
            while (parts < 3)
            {
                if (HexRun(t, j, 4) != 4)
                    break;
                j += 4;
                parts++;
                if (parts == 3 || j >= t.Length || t[j] != '.')
                    break;
                j++;
            }
            if (parts == 3)
                best = Math.Max(best, j - i);
        }
        if (HexRun(t, i, 12) == 12)
            best = Math.Max(best, 12);
        return best;
    }

    // {B}:+({B}:+)+ with B one or two hex digits: at least two groups, each ending in one or more colons.
    private static int BogusMacLength(string t, int i)
    {
        int j = i, groups = 0;
        while (true)
        {
            int h = HexRun(t, j, 2);
            if (h == 0 || j + h >= t.Length || t[j + h] != ':')
                break;
            j += h;
            while (j < t.Length && t[j] == ':')
                j++;
            groups++;
        }
        return groups >= 2 ? j - i : 0;
    }

    private static int Ipv6Length(string t, int i)
    {
        int j = i;
        bool colon = false;
        while (j < t.Length && (IsHex(t[j]) || t[j] is ':' or '.'))
        {
            colon |= t[j] == ':';
            j++;
        }
        if (!colon)
            return 0;
        // An IPv6 address has a '::', or six colons (before a dotted quad) or seven: other prefixes are not tried.
        for (int end = j; end > i + 1; end--)
        {
            var candidate = t.AsSpan(i, end - i);
            if (candidate.IndexOf("::") < 0 && candidate.Count(':') < 6)
                continue;
            if (IPAddress.TryParse(candidate, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6)
                return end - i;
        }
        return 0;
    }
}
