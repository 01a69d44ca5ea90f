using System.Globalization;

namespace Pcap.Cli.CommandLine;

/// <summary>Parses <c>--workers</c>, <c>--fanout</c> and <c>--fanout-select</c>, kept apart from tcpdump's own flags.</summary>
internal static class FanoutArguments
{
    /// <summary>The mode names <c>--fanout</c> takes.</summary>
    public static readonly IReadOnlyDictionary<string, Pcap.Native.FanoutMode> Modes = new Dictionary<string, Pcap.Native.FanoutMode>(StringComparer.Ordinal)
    {
        ["hash"] = Pcap.Native.FanoutMode.Hash,
        ["lb"] = Pcap.Native.FanoutMode.LoadBalance,
        ["cpu"] = Pcap.Native.FanoutMode.Cpu,
        ["rollover"] = Pcap.Native.FanoutMode.Rollover,
        ["random"] = Pcap.Native.FanoutMode.Random,
        ["qm"] = Pcap.Native.FanoutMode.QueueMapping,
        ["cbpf"] = Pcap.Native.FanoutMode.Bpf,
    };

    /// <summary>True when <paramref name="name"/> is one of ours; then <paramref name="result"/> holds the options with it applied.</summary>
    public static bool TryParse(CliOptions options, string name, string? value, IReadOnlyList<string> args, ref int index, out CliOptions result)
    {
        result = options;
        if (name is not ("--workers" or "--fanout" or "--fanout-select"))
            return false;
        if (value is null)
        {
            if (index + 1 >= args.Count)
                throw new CliUsageException($"option '{name}' requires an argument");
            value = args[++index];
        }
        result = name switch
        {
            "--workers" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int workers) && workers is >= 1 and <= Pcap.Native.FanoutOptions.MaxWorkers
                ? options with { Workers = workers }
                : throw new CliUsageException($"invalid worker count '{value}' for --workers (a whole number from 1 to {Pcap.Native.FanoutOptions.MaxWorkers} is needed)"),
            "--fanout" => options with { FanoutMode = CheckMode(value) },
            _ => options with { FanoutSelectors = [.. options.FanoutSelectors ?? [], value] },
        };
        return true;
    }

    /// <summary>Refuses our fanout flags where no live capture runs (<c>-r</c>): they would change nothing.</summary>
    public static void CheckApplies(CliOptions options)
    {
        bool any = options.Workers is not null || options.FanoutMode is not null || options.FanoutSelectors is not null;
        if (any && options.ReadFile is not null)
            throw new CliUsageException("--workers, --fanout and --fanout-select apply to a live capture (-i), not to -r FILE");
    }

    /// <summary>The fanout settings for the parsed options (hash unless <c>--fanout</c> or <c>--fanout-select</c> says otherwise).</summary>
    public static Pcap.Native.FanoutOptions ToFanoutOptions(CliOptions options)
    {
        var words = (options.FanoutMode ?? (options.FanoutSelectors is null ? "hash" : "cbpf")).Split(',');
        var mode = Modes[words[0]];
        if (options.FanoutSelectors is not null && mode != Pcap.Native.FanoutMode.Bpf)
            throw new CliUsageException($"--fanout-select needs --fanout cbpf, not '{words[0]}'");
        if (mode == Pcap.Native.FanoutMode.Bpf && options.FanoutSelectors is null)
            throw new CliUsageException("--fanout cbpf needs at least one --fanout-select EXPRESSION (one per worker, the last worker takes the rest)");
        return new Pcap.Native.FanoutOptions
        {
            Workers = options.Workers ?? 2,
            Mode = mode,
            Defrag = words.Contains("defrag"),
            Rollover = words.Skip(1).Contains("rollover"),
            Selectors = options.FanoutSelectors,
            // The command line always merges the workers in time order: 10 ms blocks bound what a trickling worker holds.
            TimeOrdered = true,
        };
    }

    private static string CheckMode(string value)
    {
        var words = value.Split(',');
        if (!Modes.ContainsKey(words[0]) || words.Skip(1).Any(w => w is not ("defrag" or "rollover")))
            throw new CliUsageException(
                $"invalid fanout '{value}' for --fanout (use MODE[,defrag][,rollover] with MODE one of {string.Join(", ", Modes.Keys)})");
        return value;
    }
}
