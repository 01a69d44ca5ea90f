namespace Pcap.Filter.Parsing;

/// <summary>Numbers as libpcap reads them: decimal, octal with a leading 0, hex with 0x; at most 32 bits.</summary>
internal static class NumberParser
{
    public static bool TryParse(ReadOnlySpan<char> text, out uint value, out string? error)
    {
        value = 0;
        error = null;
        int radix = 10, i = 0;
        if (text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'X')
        {
            radix = 16;
            i = 2;
        }
        else if (text.Length > 1 && text[0] == '0')
        {
            radix = 8;
            i = 1;
        }
        ulong v = 0;
        for (; i < text.Length; i++)
        {
            int d = HexDigit(text[i]);
            if (d < 0 || d >= radix)
            {
                error = $"number {text} contains non-{(radix == 8 ? "octal" : radix == 16 ? "hex" : "decimal")} digit";
                return false;
            }
            v = v * (ulong)radix + (ulong)d;
            if (v > uint.MaxValue)
            {
                error = $"number {text} overflows 32 bits";
                return false;
            }
        }
        value = (uint)v;
        return true;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
