using System.Text;
using System.Text.RegularExpressions;
using Pcap.Testing;

namespace Pcap.Live.Tests.Support.RealTraffic;

/// <summary>
/// <c>tcpdump FLAGS -r FILE</c> against <c>pcapcore FLAGS -r FILE</c>: the stdout lines are split into packets (a packet
/// starts at a line that starts with a time stamp) and compared packet by packet, line by line, so one missing line
/// costs one packet, not the rest of the file.
/// </summary>
internal static partial class PrintedFileComparison
{
    /// <summary>How many differing lines a failure message shows.</summary>
    private const int Shown = 6;

    /// <summary>One differing line: the packet (1-based), the line within the whole output (1-based), both texts.</summary>
    public sealed record Difference(int Packet, int Line, string? Tcpdump, string? Pcapcore);

    /// <summary>The outcome for one file and one flag set.</summary>
    public sealed record Outcome(string Scenario, string Flags, string File, int TcpdumpLines, int PcapcoreLines, int IdenticalLines,
        int Packets, int IdenticalPackets, int PcapcoreExitCode, string PcapcoreError, IReadOnlyList<Difference> Differences)
    {
        /// <summary>Whether pcapcore printed exactly what tcpdump printed and exited as cleanly.</summary>
        public bool Identical => Differences.Count == 0 && TcpdumpLines == PcapcoreLines && PcapcoreExitCode == 0;
    }

    /// <summary>Runs both readers on <paramref name="file"/> with <paramref name="flags"/> and compares what they print.</summary>
    public static Outcome Compare(string scenario, string file, string[] flags)
    {
        var tcpdump = ExternalTool.Run("tcpdump", [.. flags, "-r", file], TimeSpan.FromSeconds(60));
        if (tcpdump.ExitCode != 0)
            throw new InvalidOperationException($"tcpdump {string.Join(' ', flags)} -r {file} exited {tcpdump.ExitCode}: {tcpdump.StandardError}");
        var pcapcore = ExternalTool.Run(PcapcoreProcess.ExecutablePath, [.. flags, "-r", file], TimeSpan.FromSeconds(60));
        var expected = Packets(tcpdump.StandardOutput);
        var actual = Packets(pcapcore.StandardOutput);

        var differences = new List<Difference>();
        int identicalLines = 0, identicalPackets = 0, line = 0;
        for (int p = 0; p < Math.Max(expected.Count, actual.Count); p++)
        {
            var theirs = p < expected.Count ? expected[p] : [];
            var ours = p < actual.Count ? actual[p] : [];
            bool same = theirs.Count == ours.Count;
            for (int i = 0; i < Math.Max(theirs.Count, ours.Count); i++)
            {
                string? t = i < theirs.Count ? theirs[i] : null, o = i < ours.Count ? ours[i] : null;
                if (t is not null)
                    line++;
                if (t == o)
                {
                    identicalLines++;
                    continue;
                }
                same = false;
                differences.Add(new Difference(p + 1, line, t, o));
            }
            if (same && p < expected.Count)
                identicalPackets++;
        }
        return new Outcome(scenario, string.Join(' ', flags), file, expected.Sum(p => p.Count), actual.Sum(p => p.Count), identicalLines,
            expected.Count, identicalPackets, pcapcore.ExitCode, pcapcore.StandardError.Trim(), differences);
    }

    /// <summary>The failure message: the counts, pcapcore's error if it failed, the first differing lines, the commands.</summary>
    public static string Describe(Outcome outcome)
    {
        var text = new StringBuilder();
        text.Append($"{outcome.Scenario}, flags '{outcome.Flags}': {outcome.IdenticalLines} of {outcome.TcpdumpLines} tcpdump lines identical ")
            .Append($"({outcome.IdenticalPackets} of {outcome.Packets} packets); pcapcore printed {outcome.PcapcoreLines} lines");
        text.AppendLine(outcome.PcapcoreExitCode == 0 ? "." : $" and exited {outcome.PcapcoreExitCode}: {outcome.PcapcoreError}");
        if (outcome.Differences.Count > 0)
            text.AppendLine($"first {Math.Min(Shown, outcome.Differences.Count)} of {outcome.Differences.Count} differing lines:");
        foreach (var d in outcome.Differences.Take(Shown))
        {
            text.AppendLine($"  packet {d.Packet}, tcpdump line {d.Line}, from column {FirstDifference(d.Tcpdump, d.Pcapcore) + 1}:");
            text.AppendLine($"    tcpdump:  {d.Tcpdump ?? "(no line)"}");
            text.AppendLine($"    pcapcore: {d.Pcapcore ?? "(no line)"}");
        }
        text.Append($"reproduce: tcpdump {outcome.Flags} -r F > a; pcapcore {outcome.Flags} -r F > b; diff a b (F = {outcome.Scenario}.pcap; ")
            .Append($"set {TrafficRecorder.ExportVariable}=DIR to keep the recorded files)");
        return text.ToString();
    }

    /// <summary>The index of the first character where the lines differ (the shorter length when one extends the other).</summary>
    private static int FirstDifference(string? a, string? b)
    {
        a ??= "";
        b ??= "";
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
            i++;
        return i;
    }

    /// <summary>The output's lines grouped by packet; lines before the first time stamp form a packet of their own.</summary>
    private static List<List<string>> Packets(string output)
    {
        var packets = new List<List<string>>();
        var lines = output.Split('\n');
        int count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (int i = 0; i < count; i++)
        {
            if (packets.Count == 0 || TimeStamp().IsMatch(lines[i]))
                packets.Add([]);
            packets[^1].Add(lines[i]);
        }
        return packets;
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d{6} ")]
    private static partial Regex TimeStamp();
}
