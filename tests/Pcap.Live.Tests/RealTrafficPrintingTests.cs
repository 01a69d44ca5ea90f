using Pcap.Live.Tests.Support.RealTraffic;
using Pcap.Testing;

namespace Pcap.Live.Tests;

/// <summary>
/// Real traffic between two namespaces (DNS over UDP, TCP and IPv6 with EDNS, DNSSEC-sized answers and NXDOMAIN; DHCP;
/// NTP; HTTP GET, POST and HEAD; TLS; SSH; syslog; IGMP v1-v3 joins, queries and leaves; mDNS; a VXLAN overlay; two
/// bridges with STP on, one the IGMP and MLD querier), one pcap per scenario recorded by tcpdump, then read back by
/// <c>tcpdump -r</c> and <c>pcapcore -r</c> with each flag set: every line must be identical.
/// </summary>
public sealed class RealTrafficPrintingTests : IClassFixture<RealTrafficPrintingTests.Recording>
{
    private static readonly string[] FlagSets = ["-n", "-n -v", "-n -vv", "-n -e", "-n -A", "-n -X", "-n -S"];

    private readonly Recording _recording;

    public RealTrafficPrintingTests(Recording recording) => _recording = recording;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var scenario in RealTrafficScenarios.All)
            foreach (var flags in FlagSets)
                data.Add(scenario.Name, flags);
        return data;
    }

    public static TheoryData<string> Scenarios() => new(RealTrafficScenarios.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pcapcore_reads_the_recorded_traffic_as_tcpdump_does(string scenario, string flags)
    {
        var outcome = PrintedFileComparison.Compare(scenario, _recording.PcapPath(scenario), flags.Split(' '));
        Assert.True(outcome.Packets >= 2, $"{scenario}: tcpdump {flags} printed only {outcome.Packets} packets; the recording is empty");
        Assert.True(outcome.Identical, PrintedFileComparison.Describe(outcome));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Each_recording_holds_the_traffic_its_scenario_claims(string scenario)
    {
        string file = _recording.PcapPath(scenario);
        var printed = ExternalTool.Run("tcpdump", ["-n", "-r", file]).StandardOutput + ExternalTool.Run("tcpdump", ["-n", "-v", "-r", file]).StandardOutput;
        var missing = RealTrafficScenarios.All.Single(s => s.Name == scenario).Markers
            .Where(marker => !printed.Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"tcpdump -n and -n -v show no {string.Join(", no ", missing.Select(m => $"'{m}'"))} in {scenario}:\n{printed}");
    }

    /// <summary>Records every scenario once for the class; the namespaces and daemons are gone when it returns.</summary>
    public sealed class Recording : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-traffic-").FullName;

        public Recording()
        {
            try
            {
                using var recorder = new TrafficRecorder(_directory);
                RealTrafficScenarios.RecordAll(recorder);
            }
            catch
            {
                Directory.Delete(_directory, recursive: true);
                throw;
            }
        }

        /// <summary>The pcap of <paramref name="scenario"/>.</summary>
        public string PcapPath(string scenario) => TrafficRecorder.PcapPath(_directory, scenario);

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }
}
