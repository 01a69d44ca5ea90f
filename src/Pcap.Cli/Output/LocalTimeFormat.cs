using System.Runtime.InteropServices;
using System.Text;

namespace Pcap.Cli.Output;

/// <summary>C's <c>strftime</c> on <c>localtime</c>, through libc, so <c>-G</c> names its files exactly as tcpdump does (every conversion, TZ included).</summary>
internal static partial class LocalTimeFormat
{
    // struct tm is 56 bytes on 64-bit glibc and musl; the buffer leaves room to spare.
    private const int TmSize = 128;
    private const int PathMax = 4096;

    /// <summary><paramref name="format"/> expanded for <paramref name="unixSeconds"/> in local time.</summary>
    public static unsafe string Format(string format, long unixSeconds)
    {
        byte* tm = stackalloc byte[TmSize];
        if (LocalTime(&unixSeconds, tm) is 0)
            throw new IOException($"localtime failed for {unixSeconds}");
        byte[] output = new byte[PathMax + 1];
        byte[] pattern = Encoding.UTF8.GetBytes(format + "\0");
        nuint length;
        fixed (byte* patternPointer = pattern)
        fixed (byte* outputPointer = output)
            length = StringFormatTime(outputPointer, PathMax, patternPointer, tm);
        // As tcpdump: a result of 0 is not told apart from an empty expansion.
        return Encoding.UTF8.GetString(output, 0, (int)length);
    }

    [LibraryImport("libc", EntryPoint = "localtime_r")]
    private static unsafe partial nint LocalTime(long* time, byte* result);

    [LibraryImport("libc", EntryPoint = "strftime")]
    private static unsafe partial nuint StringFormatTime(byte* output, nuint size, byte* format, byte* tm);
}
