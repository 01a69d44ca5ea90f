using System.Globalization;
using Pcap.Testing;

namespace Pcap.Decode.Tests.Files;

/// <summary>
/// The oracle's view of a capture file: runs <c>tcpdump -r FILE -tt -xx -n</c> (with nanosecond precision when asked)
/// and parses each packet's timestamp and hex dump.
/// </summary>
internal sealed class TcpdumpDump
{
    /// <summary>One packet as tcpdump printed it.</summary>
    public sealed record Packet(long TimestampNanoseconds, byte[] Data, string Summary);

    private TcpdumpDump(IReadOnlyList<Packet> packets, string standardError)
    {
        Packets = packets;
        StandardError = standardError;
    }

    /// <summary>The packets in file order.</summary>
    public IReadOnlyList<Packet> Packets { get; }

    /// <summary>Everything tcpdump wrote to stderr.</summary>
    public string StandardError { get; }

    /// <summary>Runs tcpdump on <paramref name="path"/>; fails the test (with tcpdump's stderr) if tcpdump exits non-zero.</summary>
    public static TcpdumpDump Read(string path, bool nanoseconds)
    {
        var arguments = new List<string> { "-r", path, "-tt", "-xx", "-n" };
        if (nanoseconds)
            arguments.Add("--time-stamp-precision=nano");
        var result = ExternalTool.Run("tcpdump", arguments);
        Assert.True(result.ExitCode == 0, $"tcpdump -r {path} exited {result.ExitCode}: {result.StandardError}");
        return new TcpdumpDump(Parse(result.StandardOutput, nanoseconds), result.StandardError);
    }

    private static List<Packet> Parse(string output, bool nanoseconds)
    {
        var packets = new List<Packet>();
        long? timestamp = null;
        string summary = "";
        var bytes = new List<byte>();
        void Finish()
        {
            if (timestamp is { } ts)
                packets.Add(new Packet(ts, bytes.ToArray(), summary));
            bytes.Clear();
        }

        foreach (string line in output.Split('\n'))
        {
            if (line.StartsWith("\t0x", StringComparison.Ordinal) && timestamp is not null)
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                foreach (string group in line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    for (int i = 0; i + 2 <= group.Length; i += 2)
                        bytes.Add(byte.Parse(group.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                continue;
            }
            // A packet line starts "seconds.fraction "; anything else is a protocol's continuation text.
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            int dot = line.IndexOf('.', StringComparison.Ordinal);
            if (space > 0 && dot > 0 && dot < space && line[..dot].All(char.IsAsciiDigit) && line[(dot + 1)..space].All(char.IsAsciiDigit)
                && space - dot - 1 == (nanoseconds ? 9 : 6))
            {
                Finish();
                long seconds = long.Parse(line[..dot], CultureInfo.InvariantCulture);
                long fraction = long.Parse(line[(dot + 1)..space], CultureInfo.InvariantCulture);
                timestamp = seconds * 1_000_000_000L + fraction * (nanoseconds ? 1 : 1000);
                summary = line[(space + 1)..];
            }
        }
        Finish();
        return packets;
    }
}
