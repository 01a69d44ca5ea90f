using Pcap.Cli.CommandLine;
using Pcap.Decode.Files;

namespace Pcap.Cli.Output;

/// <summary>
/// The <c>-w FILE</c> sink under <c>-C</c>/<c>-G</c>, with tcpdump 4.99.3's rules: before each packet, a new file when
/// <c>-G</c> seconds have passed since the current one was opened (the numbering starts over; with <c>-W</c> and no
/// <c>-C</c>, the Nth such rotation ends the capture), then a new file when the current one is larger than <c>-C</c>
/// bytes (numbered on, wrapping to 0 at <c>-W</c>). Each closed file is handed to <c>-z</c>'s command; the last is not.
/// </summary>
internal sealed class RotatingCaptureSink : IPacketSink
{
    private readonly string _template;
    private readonly long _sizeBytes;
    private readonly int _seconds;
    private readonly int _fileCount;
    private readonly int _digits;
    private readonly string? _postRotateCommand;
    private readonly Func<string, CaptureFileSink> _open;
    private readonly Func<long> _clock;
    private readonly TextWriter _errors;
    private CaptureFileSink? _file;
    private string _fileName;
    private long _openedAt;
    private int _timeRotations;
    private int _number;

    /// <summary>Opens the first file.</summary>
    /// <param name="options">The command line: -w's name, -C, -G, -W and -z.</param>
    /// <param name="open">Opens a capture file by name (header written).</param>
    /// <param name="errors">Where a failed -z command is reported.</param>
    /// <param name="clock">Seconds since the epoch, as time(2); the wall clock when null.</param>
    public RotatingCaptureSink(CliOptions options, Func<string, CaptureFileSink> open, TextWriter errors, Func<long>? clock = null)
    {
        _template = options.WriteFile ?? throw new ArgumentException("-C and -G rotate the -w file", nameof(options));
        _sizeBytes = options.RotateSizeBytes;
        _seconds = options.RotateSeconds;
        _fileCount = options.FileCount;
        _digits = RotationFileNames.Digits(options.FileCount);
        _postRotateCommand = options.PostRotateCommand;
        _open = open;
        _errors = errors;
        _clock = clock ?? (() => DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        _openedAt = _clock();
        _fileName = RotationFileNames.Make(_template, 0, _sizeBytes > 0 ? _digits : 0, StrftimeTime());
        _file = _open(_fileName);
    }

    /// <summary>
    /// Whether <paramref name="options"/> rotate the -w file (-C or -G with -w; tcpdump ignores them without -w). With
    /// <c>-w -</c> too, as tcpdump: the first file is stdout and the next ones are files named <c>-1</c>, <c>-2</c>...
    /// </summary>
    public static bool Applies(CliOptions options) =>
        options.WriteFile is not null && (options.RotateSizeBytes > 0 || options.RotateSeconds > 0);

    /// <inheritdoc/>
    public void Write(in CapturedPacket packet)
    {
        var file = _file ?? throw new ObjectDisposedException(nameof(RotatingCaptureSink));
        if (_seconds > 0)
        {
            long now = _clock();
            if (now - _openedAt >= _seconds)
            {
                _openedAt = now;
                _timeRotations++;
                Close();
                if (_sizeBytes == 0 && _fileCount > 0 && _timeRotations >= _fileCount)
                    throw new RotationLimitReachedException(_fileCount);
                _number = 0;
                file = Open(RotationFileNames.Make(_template, 0, _sizeBytes > 0 ? _digits : 0, now));
            }
        }
        // As tcpdump: checked before writing, so a file ends just past the size with the packet that crossed it.
        if (_sizeBytes > 0 && file.Length > _sizeBytes)
        {
            Close();
            _number++;
            if (_fileCount > 0 && _number >= _fileCount)
                _number = 0;
            file = Open(RotationFileNames.Make(_template, _number, _digits, StrftimeTime()));
        }
        file.Write(packet);
    }

    private long? StrftimeTime() => _seconds > 0 ? _openedAt : null;

    private void Close()
    {
        var file = _file!;
        _file = null;
        file.Dispose();
        if (_postRotateCommand is not null)
            PostRotateCommand.Start(_postRotateCommand, _fileName, _errors);
    }

    private CaptureFileSink Open(string name)
    {
        _fileName = name;
        _file = _open(name);
        return _file;
    }

    /// <inheritdoc/>
    public void Flush() => _file?.Flush();

    /// <inheritdoc/>
    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }
}
