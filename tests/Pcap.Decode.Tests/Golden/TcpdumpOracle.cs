using System.Text;
using Pcap.Decode.Files;
using Pcap.Decode.Text;
using Pcap.Testing;

namespace Pcap.Decode.Tests.Golden;

/// <summary>Writes frames to a pcap, prints it with tcpdump and with <see cref="TcpdumpFormatter"/>, and lists the packets whose text differs.</summary>
internal static class TcpdumpOracle
{
    /// <summary>One packet whose text differs.</summary>
    internal sealed record Difference(int Index, string Expected, string Actual, byte[] Data);

    /// <summary>Compares tcpdump's and our text for every frame; returns the differences (empty when identical).</summary>
    public static IReadOnlyList<Difference> Compare(int linkType, IReadOnlyList<(byte[] Data, int WireLength)> frames, string[] flags, bool nanosecondFile = false)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pcapcore-golden-{Guid.NewGuid():N}.pcap");
        try
        {
            var timestamps = new long[frames.Count];
            var time = 1_700_000_000L * 1_000_000_000L + 123_456_789L;
            using (var stream = File.Create(path))
            using (var writer = new PcapWriter(stream, (LinkType)linkType, 262144, nanosecondResolution: nanosecondFile))
            {
                for (var i = 0; i < frames.Count; i++)
                {
                    // Deltas from microseconds to over an hour exercise every time stamp style.
                    time += (i % 97 == 5 ? 3_700_000_000_000L : 0) + (i % 7 + 1) * 1_234_567_000L / (i % 3 + 1) / 1000 * 1000 + (nanosecondFile ? i % 1000 : 0);
                    timestamps[i] = nanosecondFile ? time : time / 1000 * 1000;
                    writer.WritePacket(timestamps[i], frames[i].Data, (uint)frames[i].WireLength);
                }
            }
            var result = ExternalTool.Run("tcpdump", ["-r", path, .. flags]);
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"tcpdump failed ({result.ExitCode}): {result.StandardError}");
            var expected = SplitPackets(result.StandardOutput);
            var formatter = new TcpdumpFormatter(OptionsFor(flags));
            var differences = new List<Difference>();
            for (var i = 0; i < frames.Count; i++)
            {
                var actual = formatter.Format((LinkType)linkType, timestamps[i], frames[i].Data, frames[i].WireLength).ToString();
                var wanted = i < expected.Count ? expected[i] : "<tcpdump printed nothing>";
                if (actual != wanted)
                    differences.Add(new Difference(i, wanted, actual, frames[i].Data));
            }
            if (expected.Count != frames.Count && differences.Count == 0)
                differences.Add(new Difference(-1, $"{expected.Count} packets", $"{frames.Count} packets", []));
            return differences;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Our options for tcpdump's flags.</summary>
    public static FormatOptions OptionsFor(string[] flags)
    {
        var options = new FormatOptions { NoResolve = false, TimeZone = TimeZoneInfo.Utc };
        foreach (var flag in flags)
        {
            options = flag switch
            {
                "-n" => options with { NoResolve = true },
                "-e" => options with { LinkHeader = true },
                "-q" => options with { Quiet = true },
                "-v" => options with { Verbose = 1 },
                "-vv" => options with { Verbose = 2 },
                "-t" => options with { Timestamps = TimestampStyle.None },
                "-tt" => options with { Timestamps = TimestampStyle.Epoch },
                "-ttt" => options with { Timestamps = TimestampStyle.DeltaFromPrevious },
                "-tttt" => options with { Timestamps = TimestampStyle.DateAndTime },
                "-ttttt" => options with { Timestamps = TimestampStyle.DeltaFromFirst },
                "-x" => options with { Hex = 1 },
                "-xx" => options with { Hex = 2 },
                "-X" => options with { HexAscii = 1 },
                "-XX" => options with { HexAscii = 2 },
                "--time-stamp-precision=nano" => options with { NanosecondPrecision = true },
                _ => throw new ArgumentException($"no mapping for flag {flag}"),
            };
        }
        return options;
    }

    /// <summary>Splits tcpdump's output into one string per packet: continuation lines start with a tab or spaces.</summary>
    private static List<string> SplitPackets(string output)
    {
        var packets = new List<string>();
        var current = new StringBuilder();
        foreach (var line in output.Split('\n'))
        {
            if (line.Length == 0)
                continue;
            var continuation = line[0] == '\t' || line.StartsWith("    ", StringComparison.Ordinal);
            if (!continuation && current.Length > 0)
            {
                packets.Add(current.ToString());
                current.Clear();
            }
            if (current.Length > 0)
                current.Append('\n');
            current.Append(line);
        }
        if (current.Length > 0)
            packets.Add(current.ToString());
        return packets;
    }

    /// <summary>A readable report of the first differences.</summary>
    public static string Describe(IReadOnlyList<Difference> differences, int linkType, string[] flags)
    {
        var text = new StringBuilder();
        text.AppendLine($"{differences.Count} packets differ for link type {linkType} with {string.Join(' ', flags)}:");
        foreach (var d in differences.Take(3))
        {
            text.AppendLine($"#{d.Index} bytes {Convert.ToHexString(d.Data)}");
            text.AppendLine($"  tcpdump: {d.Expected.Replace("\n", "\\n", StringComparison.Ordinal)}");
            text.AppendLine($"  ours:    {d.Actual.Replace("\n", "\\n", StringComparison.Ordinal)}");
        }
        return text.ToString();
    }
}
