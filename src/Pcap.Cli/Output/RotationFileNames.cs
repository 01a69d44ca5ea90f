namespace Pcap.Cli.Output;

/// <summary>
/// The names tcpdump 4.99.3 gives rotated <c>-w</c> files (its MakeFilename): the -w name, through strftime when -G is
/// set, then the file number zero-padded to the width of <c>-W</c>'s largest number (no number on the first file
/// without -W).
/// </summary>
internal static class RotationFileNames
{
    /// <summary>The digits of the largest file number with <c>-W</c> <paramref name="fileCount"/> (0 without -W).</summary>
    public static int Digits(int fileCount)
    {
        int digits = 0;
        for (int largest = fileCount - 1; largest > 0; largest /= 10)
            digits++;
        return digits;
    }

    /// <summary>The name of file <paramref name="number"/> (null <paramref name="unixSeconds"/>: no strftime).</summary>
    public static string Make(string template, int number, int digits, long? unixSeconds)
    {
        if (template.Length == 0)
            throw new IOException("an empty string is not a valid file name");
        string name = unixSeconds is { } seconds ? LocalTimeFormat.Format(template, seconds) : template;
        return number == 0 && digits == 0 ? name : name + number.ToString(new string('0', Math.Max(digits, 1)), System.Globalization.CultureInfo.InvariantCulture);
    }
}
