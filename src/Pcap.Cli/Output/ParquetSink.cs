using System.Globalization;
using Pcap.Cli.CommandLine;
using Pcap.Decode.Files;
using Pcap.Parquet;
using Pcap.Parquet.Writing;

namespace Pcap.Cli.Output;

/// <summary>
/// <c>--parquet OUT</c>: a row per packet into one Parquet file, or with <c>-C</c>/<c>-G</c> (or a directory OUT) into a
/// Hive-partitioned directory. <see cref="Flush"/> at the end of input writes the footers; a write error (a full disk) cuts
/// the unfinished file back to its last complete row group, so every completed row group stays readable, and the message
/// says how many rows and files were kept.
/// </summary>
internal sealed class ParquetSink : IPacketSink
{
    private readonly string _output;
    private readonly PacketParquetFile? _file;
    private readonly PartitionedPacketWriter? _directory;
    private readonly ParquetProgress? _progress;
    private readonly TextWriter _notices;
    private bool _finished;

    private ParquetSink(string output, PacketParquetFile? file, PartitionedPacketWriter? directory, ParquetProgress? progress, TextWriter notices)
    {
        _output = output;
        _file = file;
        _directory = directory;
        _progress = progress;
        _notices = notices;
    }

    /// <summary>True when the options write a partitioned directory rather than one file.</summary>
    public static bool WritesDirectory(CliOptions options) =>
        options.RotateSizeBytes > 0 || options.RotateSeconds > 0 || Directory.Exists(options.ParquetOutput) ||
        options.ParquetOutput!.EndsWith('/');

    /// <summary>Opens the output named by <c>--parquet</c>; an unwritable path fails here, before any packet is read.</summary>
    /// <param name="options">The parsed command line (<see cref="CliOptions.ParquetOutput"/> is set).</param>
    /// <param name="progress">The progress line for a long file on a terminal, or null.</param>
    /// <param name="notices">Where the summary goes (stderr).</param>
    public static ParquetSink Open(CliOptions options, ParquetProgress? progress, TextWriter notices)
    {
        string output = options.ParquetOutput!;
        var export = new PacketExportOptions
        {
            IncludeRawFrame = options.ParquetRawFrame,
            TcpdumpLine = options.ParquetTcpdumpLine ? PrintingSink.OptionsFor(options) : null,
            RowGroupRows = options.ParquetRowGroupRows ?? new PacketExportOptions().RowGroupRows,
        };
        try
        {
            if (!WritesDirectory(options))
                return new ParquetSink(output, new PacketParquetFile(output, export), null, progress, notices);
            var rotation = new PartitionRotation { MaxBytes = options.RotateSizeBytes, Seconds = options.RotateSeconds };
            return new ParquetSink(output, null, new PartitionedPacketWriter(output, export, rotation), progress, notices);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CaptureSinkException(Describe(e));
        }
    }

    /// <inheritdoc/>
    public void Write(in CapturedPacket packet)
    {
        try
        {
            if (_file is not null)
                _file.Write(packet);
            else
                _directory!.Write(packet);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(e);
        }
        _progress?.Tick(Rows);
    }

    /// <summary>Ends the export: the last row group and the footer of each open file, then a one-line summary.</summary>
    public void Flush()
    {
        if (_finished)
            return;
        _finished = true;
        try
        {
            _file?.Dispose();
            _directory?.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(e);
        }
        _progress?.Done();
        long bytes = _file is not null ? new FileInfo(_file.Path).Length : _directory!.BytesWritten;
        string files = _directory is null ? "" : string.Create(CultureInfo.InvariantCulture, $" in {_directory.CompletedFiles.Count} files");
        _notices.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pcapcore: {Rows} rows written to {_output}{files}, {bytes} bytes ({(Rows == 0 ? 0 : (double)bytes / Rows):F1} bytes per row)"));
    }

    /// <summary>Ends without finishing the open file when <see cref="Flush"/> was never reached (an error elsewhere).</summary>
    public void Dispose()
    {
        if (_finished)
            return;
        _finished = true;
        _progress?.Done();
        Salvage();
    }

    private long Rows => _file?.Rows ?? _directory!.Rows;

    private CaptureSinkException Fail(Exception e)
    {
        _finished = true;
        _progress?.Done();
        string kept = Salvage();
        return new CaptureSinkException($"{Describe(e)} ({kept})");
    }

    // Cuts the unfinished file back to its complete row groups and says what the output holds now.
    private string Salvage()
    {
        try
        {
            if (_file is not null)
            {
                return _file.Salvage()
                    ? string.Create(CultureInfo.InvariantCulture, $"{_file.CompleteRows} rows in complete row groups kept in {_file.Path}, the rest lost")
                    : "the unfinished file could not be cut back to its complete row groups and was removed";
            }
            long salvaged = _directory!.Salvage();
            string last = salvaged > 0
                ? string.Create(CultureInfo.InvariantCulture, $", the last cut back to its {salvaged} complete rows")
                : ", the unfinished one removed";
            return string.Create(CultureInfo.InvariantCulture,
                $"{_directory.CompleteRows} rows kept in {_directory.CompletedFiles.Count} complete files{last}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"the unfinished file could not be cut back: {Describe(e)}";
        }
    }

    // strerror's words for the usual cases, as tcpdump reports them; .NET's message otherwise.
    private static string Describe(Exception e) => e switch
    {
        UnauthorizedAccessException => "Permission denied",
        DirectoryNotFoundException => "No such file or directory",
        IOException when e.HResult == 28 || e.Message.Contains("No space left", StringComparison.Ordinal) => "No space left on device",
        IOException when e.HResult == 20 || e.Message.Contains("Not a directory", StringComparison.Ordinal) => "Not a directory",
        _ => e.Message,
    };
}
