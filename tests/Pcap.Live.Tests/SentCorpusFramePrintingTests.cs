using System.Globalization;
using Pcap.Live.Tests.Support;
using Pcap.Live.Tests.Support.RealTraffic;
using Pcap.Testing.Namespaces;
using Pcap.Testing.Packets;
using Xunit.Abstractions;

namespace Pcap.Live.Tests;

/// <summary>
/// Issue 12's protocols that this kernel cannot originate (it has no GRE, IP-in-IP, SIT, ip6gre, Geneve or MPLS devices,
/// no routing daemons): valid frames of the seeded issue-12 corpus, a few per protocol, sent from an AF_PACKET socket in
/// one namespace to its veth peer in another, recorded there by tcpdump, then read back by <c>tcpdump -r</c> and
/// <c>pcapcore -r</c> at -n, -n -v, -n -vv and -n -e. The protocols in <see cref="EverydayProtocolPayloads.Implemented"/>
/// must print every line as tcpdump does; the identical share of the rest is printed (the issue-12 gap report).
/// </summary>
public sealed class SentCorpusFramePrintingTests(SentCorpusFramePrintingTests.Recording recording, ITestOutputHelper output)
    : IClassFixture<SentCorpusFramePrintingTests.Recording>
{
    /// <summary>The scenario name in messages and the recorded file's name.</summary>
    private const string Scenario = "sent-corpus-frames";

    public static TheoryData<string> FlagSets() => new("-n", "-n -v", "-n -vv", "-n -e");

    [Fact]
    public void The_receiving_end_records_every_frame_as_sent()
    {
        var records = PcapFileRecords.Read(recording.PcapPath);
        Assert.True(records.Count == recording.Frames.Count,
            $"tcpdump on the receiving end recorded {records.Count} frames, {recording.Frames.Count} were sent");
        for (int i = 0; i < records.Count; i++)
            Assert.True(records[i].Data.AsSpan().SequenceEqual(recording.Frames[i]),
                $"frame {i + 1} ({recording.Protocols[i]}) arrived as {Convert.ToHexString(records[i].Data)}, sent as {Convert.ToHexString(recording.Frames[i])}");
    }

    [Theory]
    [MemberData(nameof(FlagSets))]
    public void Implemented_protocols_print_as_tcpdump_prints_them_on_a_wire(string flags)
    {
        var outcome = PrintedFileComparison.Compare(Scenario, recording.PcapPath, flags.Split(' '));
        Assert.True(outcome.Packets == recording.Frames.Count,
            $"tcpdump {flags} printed {outcome.Packets} packets for {recording.Frames.Count} frames sent");
        Assert.True(outcome.PcapcoreExitCode == 0, $"pcapcore {flags} exited {outcome.PcapcoreExitCode}: {outcome.PcapcoreError}");

        var differing = outcome.Differences.GroupBy(d => d.Packet).ToDictionary(g => g.Key, g => g.ToList());
        var shares = new Dictionary<string, (int Same, int Total)>(StringComparer.Ordinal);
        var failures = new List<string>();
        for (int i = 0; i < recording.Frames.Count; i++)
        {
            bool differs = differing.TryGetValue(i + 1, out var lines);
            string tcpdumpText = differs ? string.Join('\n', lines!.Select(d => d.Tcpdump)) : "";
            string protocol = EverydayProtocolPayloads.ChargedTo(recording.Protocols[i], differs ? tcpdumpText : null);
            var (same, total) = shares.GetValueOrDefault(protocol);
            shares[protocol] = (same + (differs ? 0 : 1), total + 1);
            if (differs && EverydayProtocolPayloads.Implemented.Contains(protocol))
                failures.Add($"{protocol} frame {i + 1} {Convert.ToHexString(recording.Frames[i])}\n" + string.Join('\n', lines!.Select(d =>
                    $"  tcpdump:  {d.Tcpdump ?? "(no line)"}\n  pcapcore: {d.Pcapcore ?? "(no line)"}")));
        }

        int identical = shares.Values.Sum(s => s.Same);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{flags}: {identical} of {recording.Frames.Count} frames printed identically ({100.0 * identical / recording.Frames.Count:F1}%); * = implemented, held to 100%"));
        foreach (var protocol in EverydayProtocolPayloads.Protocols.Concat(shares.Keys).Distinct())
        {
            if (shares.TryGetValue(protocol, out var share))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {protocol + (EverydayProtocolPayloads.Implemented.Contains(protocol) ? "*" : ""),-12} {share.Same,3}/{share.Total,-3} {100.0 * share.Same / share.Total,5:F1}%"));
        }
        foreach (var protocol in EverydayProtocolPayloads.Implemented.Where(p => !shares.ContainsKey(p)))
            failures.Add($"{protocol}: implemented, but no valid frame of it was sent");
        Assert.True(failures.Count == 0, $"implemented protocols print differently from tcpdump {flags} on {Scenario}.pcap:\n" +
            string.Join('\n', failures.Take(8)) + "\n" + PrintedFileComparison.Describe(outcome));
    }

    /// <summary>Sends and records the frames once for the class; the namespaces are gone when it returns.</summary>
    public sealed class Recording : IDisposable
    {
        /// <summary>Valid frames sent per protocol.</summary>
        private const int PerProtocol = 6;

        /// <summary>The largest frame a veth with the default MTU of 1500 passes (Ethernet header included).</summary>
        private const int MaxFrame = 1514;

        private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-sent-frames-").FullName;

        public Recording()
        {
            // The corpus' seed and 40 tries per protocol (about a quarter is damaged), valid frames kept.
            var (frames, protocols, damage) = EverydayProtocolCorpus.Build(1, 40, 12);
            var picked = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < frames.Count; i++)
            {
                if (damage[i] != "valid" || frames[i].Data.Length > MaxFrame || picked.GetValueOrDefault(protocols[i]) == PerProtocol)
                    continue;
                picked[protocols[i]] = picked.GetValueOrDefault(protocols[i]) + 1;
                Frames.Add(frames[i].Data);
                Protocols.Add(protocols[i]);
            }
            try
            {
                Record();
            }
            catch
            {
                Directory.Delete(_directory, recursive: true);
                throw;
            }
        }

        /// <summary>The frames sent, in order.</summary>
        public List<byte[]> Frames { get; } = [];

        /// <summary>The protocol of each frame sent.</summary>
        public List<string> Protocols { get; } = [];

        /// <summary>The pcap tcpdump wrote on the receiving end.</summary>
        public string PcapPath => TrafficRecorder.PcapPath(_directory, Scenario);

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        private void Record()
        {
            string pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            using var sender = NetworkNamespace.Create($"fs{pid}");
            using var receiver = NetworkNamespace.Create($"fr{pid}");
            sender.Ip("link", "add", TrafficTopology.Interface, "type", "veth", "peer", "name", "eth0r", "netns", receiver.Name);
            receiver.Ip("link", "set", "eth0r", "name", TrafficTopology.Interface);
            foreach (var ns in new[] { sender, receiver })
            {
                // No addresses and no IPv6: neither kernel sends anything of its own, so the capture holds the frames alone.
                ns.Exec("sysctl", "-q", "-w", $"net.ipv6.conf.{TrafficTopology.Interface}.disable_ipv6=1");
                ns.Ip("link", "set", TrafficTopology.Interface, "up");
            }
            using var session = TcpdumpSession.Start(receiver, TrafficTopology.Interface, "");
            RawFrameSender.Send(sender.Name, TrafficTopology.Interface, Frames, pauseMilliseconds: 2, burst: 10);
            Thread.Sleep(300);
            session.StopAndRead();
            File.Copy(session.File, PcapPath, overwrite: true);
            string? export = Environment.GetEnvironmentVariable(TrafficRecorder.ExportVariable);
            if (!string.IsNullOrEmpty(export))
            {
                Directory.CreateDirectory(export);
                File.Copy(PcapPath, TrafficRecorder.PcapPath(export, Scenario), overwrite: true);
            }
        }
    }
}
