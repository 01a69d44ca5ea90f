using System.Globalization;

namespace Pcap.Cli.CommandLine;

/// <summary>Parses <c>--parquet</c>, <c>--parquet-raw</c>, <c>--parquet-line</c> and <c>--parquet-row-group</c>, kept apart from tcpdump's own flags.</summary>
internal static class ParquetArguments
{
    /// <summary>True when <paramref name="name"/> is one of ours; then <paramref name="result"/> holds the options with it applied.</summary>
    public static bool TryParse(CliOptions options, string name, string? value, IReadOnlyList<string> args, ref int index, out CliOptions result)
    {
        result = options;
        switch (name)
        {
            case "--parquet-raw":
                result = options with { ParquetRawFrame = true };
                return true;
            case "--parquet-line":
                result = options with { ParquetTcpdumpLine = true };
                return true;
            case "--parquet" or "--parquet-row-group":
                break;
            default:
                return false;
        }
        if (value is null)
        {
            if (index + 1 >= args.Count)
                throw new CliUsageException($"option '{name}' requires an argument");
            value = args[++index];
        }
        result = name == "--parquet"
            ? options with { ParquetOutput = value.Length > 0 ? value : throw new CliUsageException("--parquet needs a file or directory name") }
            : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int rows) && rows >= 1
                ? options with { ParquetRowGroupRows = rows }
                : throw new CliUsageException($"invalid row count '{value}' for --parquet-row-group (a whole number from 1 is needed)");
        return true;
    }

    /// <summary>Refuses combinations the export does not take, each with the reason.</summary>
    public static void CheckApplies(CliOptions options)
    {
        if (options.ParquetOutput is null)
        {
            if (options.ParquetRawFrame || options.ParquetTcpdumpLine || options.ParquetRowGroupRows is not null)
                throw new CliUsageException("--parquet-raw, --parquet-line and --parquet-row-group need --parquet OUT");
            return;
        }
        if (options.WriteFile is not null)
            throw new CliUsageException("--parquet and -w write different files: use one of them (run twice for both)");
        if (options.FileCount > 0 || options.PostRotateCommand is not null)
            throw new CliUsageException("-W and -z apply to -w files; --parquet keeps every file it closes");
        if (options.CountOnly || options.FileList is not null)
            throw new CliUsageException("--parquet takes packets from -r FILE or -i INTERFACE, not with --count or -V");
    }
}
