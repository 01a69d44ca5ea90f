using System.Diagnostics;
using System.Globalization;

namespace Pcap.Cli.Output;

/// <summary>
/// The progress line of a long <c>-r FILE --parquet</c> export, on a terminal only: rows, share of the file read and rate,
/// redrawn in place twice a second and cleared at the end.
/// </summary>
internal sealed class ParquetProgress
{
    private const int CheckEvery = 4096;
    private static readonly long Interval = Stopwatch.Frequency / 2;
    private readonly TextWriter _terminal;
    private readonly Func<long> _position;
    private readonly long _length;
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _last;
    private bool _shown;

    private ParquetProgress(TextWriter terminal, Func<long> position, long length)
    {
        _terminal = terminal;
        _position = position;
        _length = length;
        _last = _start;
    }

    /// <summary>A progress line for reading <paramref name="path"/> when stderr is a terminal and the input a regular file; null otherwise.</summary>
    public static ParquetProgress? ForFile(string path, Func<long> position, TextWriter terminal)
    {
        if (Console.IsErrorRedirected || path == "-" || !File.Exists(path))
            return null;
        long length = new FileInfo(path).Length;
        return length > 0 ? new ParquetProgress(terminal, position, length) : null;
    }

    /// <summary>Called per row; redraws at most twice a second.</summary>
    public void Tick(long rows)
    {
        if (rows % CheckEvery != 0)
            return;
        long now = Stopwatch.GetTimestamp();
        if (now - _last < Interval)
            return;
        _last = now;
        double seconds = (now - _start) / (double)Stopwatch.Frequency;
        double share = Math.Min(100.0, 100.0 * _position() / _length);
        _terminal.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r{rows} rows, {share:F1}% of the file, {rows / Math.Max(seconds, 1e-3):F0} rows/s   "));
        _shown = true;
    }

    /// <summary>Clears the line so the next message starts clean.</summary>
    public void Done()
    {
        if (_shown)
            _terminal.Write("\r\x1b[K");
        _shown = false;
    }
}
