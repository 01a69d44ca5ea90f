using System.Globalization;

namespace Pcap.Cli.CommandLine;

/// <summary>
/// Parses tcpdump's command line with getopt rules (<c>-nn</c>, <c>-tttt</c>, <c>-nei eth0</c>, <c>-c5</c>),
/// which general-purpose parsers such as System.CommandLine do not model: repeated letters count, and a
/// cluster may end in a flag that takes the next word as its value.
/// </summary>
internal static class CliParser
{
    // tcpdump's letters that take a value.
    private const string LettersWithValue = "cirwFsyBQjTVZCGWz";

    /// <summary>Parses <paramref name="args"/>; throws <see cref="CliUsageException"/> on anything tcpdump would refuse.</summary>
    public static CliOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CliOptions();
        var positional = new List<string>();
        int index = 0;
        if (args.Count > 0 && args[0] == "lab")
        {
            options = options with { Lab = true };
            index = 1;
        }

        for (; index < args.Count; index++)
        {
            string arg = args[index];
            if (arg == "--")
            {
                positional.AddRange(args.Skip(index + 1));
                break;
            }
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                options = ParseLong(options, arg, args, ref index);
                continue;
            }
            if (arg.Length < 2 || arg[0] != '-')
            {
                positional.Add(arg);
                continue;
            }

            for (int letterIndex = 1; letterIndex < arg.Length; letterIndex++)
            {
                char letter = arg[letterIndex];
                if (LettersWithValue.Contains(letter, StringComparison.Ordinal))
                {
                    string value;
                    if (letterIndex + 1 < arg.Length)
                        value = arg[(letterIndex + 1)..];
                    else if (index + 1 < args.Count)
                        value = args[++index];
                    else
                        throw new CliUsageException($"option requires an argument -- '{letter}'");
                    options = WithValue(options, letter, value);
                    break;
                }
                options = WithFlag(options, letter);
            }
        }

        // As tcpdump: the count is checked once the whole command line is read.
        if (options.TimestampStyle > 5)
            throw new CliUsageException("only -t, -tt, -ttt, -tttt and -ttttt are supported");
        FanoutArguments.CheckApplies(options);
        ParquetArguments.CheckApplies(options);
        return positional.Count == 0 ? options : options with { Expression = string.Join(' ', positional) };
    }

    private static CliOptions ParseLong(CliOptions options, string arg, IReadOnlyList<string> args, ref int index)
    {
        string name = arg;
        string? value = null;
        int equals = arg.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            name = arg[..equals];
            value = arg[(equals + 1)..];
        }

        if (FanoutArguments.TryParse(options, name, value, args, ref index, out var withFanout))
            return withFanout;
        if (ParquetArguments.TryParse(options, name, value, args, ref index, out var withParquet))
            return withParquet;

        bool needsValue = name is "--interface" or "--linktype" or "--snapshot-length" or "--buffer-size"
            or "--direction" or "--time-stamp-precision" or "--time-stamp-type" or "--relinquish-privileges";
        if (needsValue && value is null)
        {
            if (index + 1 >= args.Count)
                throw new CliUsageException($"option '{name}' requires an argument");
            value = args[++index];
        }
        string RequireValue() => value!;

        switch (name)
        {
            case "--help":
                return options with { Help = true };
            case "--version":
                return options with { Version = true };
            case "--number":
                return options with { Number = true };
            case "--dont-verify-checksums":
                return options with { SkipChecksums = true };
            case "--count":
                return options with { CountOnly = true };
            case "--print":
                return options with { PrintWhileWriting = true };
            case "--micro":
                return options with { NanosecondPrecision = false };
            case "--nano":
                return options with { NanosecondPrecision = true };
            case "--list-time-stamp-types":
                return options with { ListTimestampTypes = true };
            case "--time-stamp-type":
                return WithValue(options, 'j', RequireValue());
            case "--relinquish-privileges":
                return WithValue(options, 'Z', RequireValue());
            case "--monitor-mode":
                return options with { MonitorMode = true };
            case "--immediate-mode":
                return options with { ImmediateMode = true };
            case "--list-interfaces":
                return options with { ListInterfaces = true };
            case "--no-optimize":
                return options with { NoOptimize = true };
            case "--no-promiscuous-mode":
                return options with { NoPromiscuous = true };
            case "--packet-buffered":
                return options with { PacketBuffered = true };
            case "--interface":
                return WithValue(options, 'i', RequireValue());
            case "--linktype":
                return WithValue(options, 'y', RequireValue());
            case "--snapshot-length":
                return WithValue(options, 's', RequireValue());
            case "--buffer-size":
                return WithValue(options, 'B', RequireValue());
            case "--direction":
                return WithValue(options, 'Q', RequireValue());
            case "--time-stamp-precision":
                return RequireValue() switch
                {
                    "micro" => options with { NanosecondPrecision = false },
                    "nano" => options with { NanosecondPrecision = true },
                    var other => throw new CliUsageException($"unsupported time stamp precision '{other}' (use micro or nano)"),
                };
            default:
                throw new CliUsageException($"unrecognized option '{arg}'; see 'pcapcore --help'");
        }
    }

    private static CliOptions WithFlag(CliOptions options, char letter) => letter switch
    {
        'h' => options with { Help = true },
        'D' => options with { ListInterfaces = true },
        'd' => options with { DumpFilter = options.DumpFilter + 1 },
        'O' => options with { NoOptimize = true },
        'n' => options with { NoResolve = options.NoResolve + 1 },
        'e' => options with { LinkHeader = true },
        'q' => options with { Quiet = true },
        't' => options with { TimestampStyle = options.TimestampStyle + 1 },
        'v' => options with { Verbose = options.Verbose + 1 },
        'x' => options with { Hex = options.Hex + 1 },
        'X' => options with { HexAscii = options.HexAscii + 1 },
        'p' => options with { NoPromiscuous = true },
        'l' => options with { LineBuffered = true },
        'U' => options with { PacketBuffered = true },
        'A' => options with { Ascii = options.Ascii + 1 },
        'S' => options with { AbsoluteTcpSequence = true },
        'K' => options with { SkipChecksums = true },
        'N' => options with { StripDomains = true },
        '#' => options with { Number = true },
        'L' => options with { ListDataLinkTypes = true },
        'J' => options with { ListTimestampTypes = true },
        'I' => options with { MonitorMode = true },
        // NFS file handles and BGP AS numbers: pcapcore decodes neither protocol, so the flags change nothing.
        'u' or 'b' => options,
        _ => throw new CliUsageException($"invalid option -- '{letter}'; see 'pcapcore --help'"),
    };

    private static CliOptions WithValue(CliOptions options, char letter, string value) => letter switch
    {
        'c' => options with { Count = ParsePositive(value, "packet count", 'c') },
        'i' => options with { Interface = value },
        'r' => options with { ReadFile = value },
        'w' => options with { WriteFile = value },
        'F' => options with { FilterFile = value },
        'y' => options with { LinkTypeName = LinkTypeOption.Canonical(value) },
        's' => options with { SnapLength = (int)ParseRange(value, "snaplen", 's', 0, int.MaxValue) },
        'B' => options with { BufferSizeKiB = (int)ParseRange(value, "buffer size", 'B', 1, int.MaxValue) },
        'Q' => value is "in" or "out" or "inout"
            ? options with { Direction = value }
            : throw new CliUsageException($"invalid direction '{value}' for -Q (use in, out or inout)"),
        'j' => options with { TimestampType = TimestampTypeOption.Check(value) },
        'T' => PacketTypeOption.Forced(value) is { } forced
            ? options with { ForcedApplication = forced }
            : throw new CliUsageException(PacketTypeOption.Refusal(value)),
        'V' => options with { FileList = value },
        'Z' => options with { User = value },
        'C' => options with { RotateSizeBytes = RotationArguments.FileSizeBytes(value) },
        'G' => options with { RotateSeconds = RotationArguments.RotateSeconds(value) },
        'W' => options with { FileCount = RotationArguments.FileCount(value) },
        'z' => options with { PostRotateCommand = value },
        _ => throw new CliUsageException($"invalid option -- '{letter}'"),
    };

    private static long ParsePositive(string value, string what, char letter) => ParseRange(value, what, letter, 1, long.MaxValue);

    private static long ParseRange(string value, string what, char letter, long minimum, long maximum)
    {
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long number)
            || number < minimum || number > maximum)
            throw new CliUsageException($"invalid {what} '{value}' for -{letter} (a whole number from {minimum} is needed)");
        return number;
    }
}
