using System.Globalization;

namespace Pcap.Cli.CommandLine;

/// <summary>The values of <c>-C</c>, <c>-G</c> and <c>-W</c>, read as tcpdump 4.99.3 reads them (strtol for -C, atoi for the others) with its messages.</summary>
internal static class RotationArguments
{
    /// <summary><c>-C</c>: a whole decimal number of millions of bytes, above zero.</summary>
    public static long FileSizeBytes(string value)
    {
        string text = value.TrimStart(' ', '\t', '\n', '\v', '\f', '\r');
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long millions) || millions <= 0)
            throw new CliUsageException($"invalid file size {value}");
        if (millions > long.MaxValue / 1_000_000)
            throw new CliUsageException($"file size {value} is too large");
        return millions * 1_000_000;
    }

    /// <summary><c>-G</c>: atoi, so "x" is 0 (no rotation) and only a negative number is refused.</summary>
    public static int RotateSeconds(string value)
    {
        int seconds = Atoi(value);
        return seconds < 0 ? throw new CliUsageException($"invalid number of seconds {value}") : seconds;
    }

    /// <summary><c>-W</c>: atoi, above zero.</summary>
    public static int FileCount(string value)
    {
        int count = Atoi(value);
        return count <= 0 ? throw new CliUsageException($"invalid number of output files {value}") : count;
    }

    // C's atoi: leading white space, a sign, then digits up to the first other character; nothing read is 0.
    private static int Atoi(string value)
    {
        int index = 0;
        while (index < value.Length && value[index] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
            index++;
        bool negative = false;
        if (index < value.Length && value[index] is '+' or '-')
            negative = value[index++] == '-';
        long number = 0;
        for (; index < value.Length && char.IsAsciiDigit(value[index]); index++)
            number = Math.Min(number * 10 + (value[index] - '0'), (long)int.MaxValue + 1);
        return (int)Math.Clamp(negative ? -number : number, int.MinValue, int.MaxValue);
    }
}
