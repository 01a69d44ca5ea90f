using System.Text.RegularExpressions;
using Pcap.Parquet.Tests.Support;
using Pcap.Testing;

namespace Pcap.Parquet.Tests;

/// <summary>
/// Counts per protocol, per host and per DNS question, by SQL over the export (DuckDB), equal the number of packets
/// tcpdump selects with the matching filter (<c>tcpdump -r FILE -w OUT FILTER</c>, read back, so that a packet tcpdump
/// prints on several lines counts once; per protocol the very packets, by time stamp, must be the same). tcpdump's filters look at the outermost headers only
/// (no VLAN tag unless asked, an Ethernet type rather than LLC/SNAP, the IPv6 fixed header's next header or the one after a
/// single Fragment header), so the SQL says the same. The generated capture is compared on its frames the walk decodes without error (tcpdump
/// matches damaged headers too, where the export has no columns); the real traffic is compared whole.
/// </summary>
[Collection(ExportsCollection.Name)]
public sealed partial class ExportAgainstTcpdumpTests(ExportedCaptures captures)
{
    private const string Untagged = "vlan_id IS NULL";

    // libpcap's "tcp", "udp": IPv4's protocol field, or IPv6's next header, which it also reads after one Fragment header.
    private static string IpProtocol(int protocol) => $"""
        {Untagged} AND ip_proto = {protocol} AND ((eth_type = 2048 AND ip_version = 4)
          OR (eth_type = 34525 AND ip_version = 6 AND coalesce(ip6_extensions, '44') = '44'))
        """;

    // libpcap's "port": TCP or UDP right after the IPv4 header, or after the IPv6 fixed header (no extension header).
    private static string Port(string ports) => $"""
        {Untagged} AND {ports} AND ((eth_type = 2048 AND ip_version = 4) OR (eth_type = 34525 AND ip6_extensions IS NULL))
        """;

    public static TheoryData<string, string, string> Protocols()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var capture in new[] { "generated-clean", "real" })
        {
            data.Add(capture, "ip", $"eth_type = 2048 AND ip_version = 4 AND {Untagged}");
            data.Add(capture, "ip6", $"eth_type = 34525 AND ip_version = 6 AND {Untagged}");
            data.Add(capture, "arp", $"eth_type = 2054 AND arp_operation IS NOT NULL AND {Untagged}");
            data.Add(capture, "tcp", IpProtocol(6));
            data.Add(capture, "udp", IpProtocol(17));
            data.Add(capture, "icmp", $"eth_type = 2048 AND ip_version = 4 AND ip_proto = 1 AND {Untagged}");
            data.Add(capture, "icmp6", $"eth_type = 34525 AND ip_version = 6 AND ip_proto = 58 AND coalesce(ip6_extensions, '44') = '44' AND {Untagged}");
            if (capture != "real")
                data.Add(capture, "vlan", "vlan_id IS NOT NULL");
            data.Add(capture, "port 53", Port("53 IN (tcp_src_port, tcp_dst_port, udp_src_port, udp_dst_port)"));
            data.Add(capture, "tcp port 80", Port("80 IN (tcp_src_port, tcp_dst_port)"));
            data.Add(capture, "udp port 67 or udp port 68", Port("(udp_src_port IN (67, 68) OR udp_dst_port IN (67, 68))"));
            data.Add(capture, "udp port 4789", Port("4789 IN (udp_src_port, udp_dst_port)"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Count_per_protocol_equals_tcpdump(string name, string filter, string where)
    {
        var capture = Capture(name);
        using var duck = new DuckDb();
        var rows = duck.Rows($"SELECT frame_timestamp_ns FROM read_parquet({DuckDb.Literal(capture.Parquet)}) WHERE {where}")
            .Select(r => Convert.ToInt64(r["frame_timestamp_ns"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var selected = TcpdumpTimestamps(capture.Pcap, filter);
        Assert.True(selected.Count > 0, $"tcpdump finds no '{filter}' packet in {name}: the capture does not exercise it");
        Assert.True(selected.Count == rows.Count && selected.Order().SequenceEqual(rows.Order()), Explain(capture, filter, selected, rows));
    }

    // The packets tcpdump selects, by time stamp (unique in these captures): tcpdump -r FILE -w OUT FILTER, read back.
    private static List<long> TcpdumpTimestamps(string pcap, string filter)
    {
        string output = Path.Combine(Path.GetDirectoryName(pcap)!, $"tcpdump-{Guid.NewGuid():N}.pcap");
        try
        {
            var result = ExternalTool.Run("tcpdump", ["-n", "-r", pcap, "-w", output, filter]);
            Assert.True(result.ExitCode == 0, $"tcpdump -r {pcap} -w {output} {filter}: {result.StandardError}");
            var stamps = new List<long>();
            using var reader = Pcap.Decode.Files.CaptureReader.Open(output);
            while (reader.TryReadPacket(out var packet))
                stamps.Add(packet.TimestampNanoseconds);
            return stamps;
        }
        finally
        {
            File.Delete(output);
        }
    }

    // The differing packets as tcpdump prints them with -e, for whoever reads the failure.
    private static string Explain(ExportedCaptures.Capture capture, string filter, List<long> selected, List<long> rows)
    {
        var lines = ExternalTool.Run("tcpdump", ["-tt", "-n", "-e", "-r", capture.Pcap]).StandardOutput.Split('\n')
            .Where(l => l.Length > 17 && char.IsAsciiDigit(l[0])).GroupBy(l => l[..17]).ToDictionary(g => g.Key, g => g.First());
        string Line(long ns) => lines.GetValueOrDefault(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ns / 1_000_000_000}.{ns / 1000 % 1_000_000:D6}"), $"? {ns}");
        return $"'{filter}': tcpdump {selected.Count} packets, parquet {rows.Count} rows\n" +
            string.Join('\n', selected.Except(rows).Take(8).Select(n => $"only tcpdump: {Line(n)}")) + "\n" +
            string.Join('\n', rows.Except(selected).Take(8).Select(n => $"only parquet: {Line(n)}"));
    }

    [Theory]
    [InlineData("generated-clean")]
    [InlineData("real")]
    public void Count_per_host_equals_tcpdump(string name)
    {
        var capture = Capture(name);
        using var duck = new DuckDb();
        string table = $"read_parquet({DuckDb.Literal(capture.Parquet)})";
        var hosts = duck.Rows($"""
            SELECT host, count(*) AS n FROM (
              SELECT ip_src AS host FROM {table} UNION ALL SELECT ip_dst FROM {table}
              UNION ALL SELECT arp_sender_ip FROM {table} UNION ALL SELECT arp_target_ip FROM {table})
            WHERE host IS NOT NULL GROUP BY host ORDER BY n DESC, host LIMIT 8
            """).Select(r => (string)r["host"]!).ToList();
        Assert.True(hosts.Count >= 4, $"only {hosts.Count} hosts in {name}");
        var differences = new List<string>();
        foreach (var host in hosts)
        {
            string literal = DuckDb.Literal(host);
            string where = host.Contains(':', StringComparison.Ordinal)
                ? $"eth_type = 34525 AND ip_version = 6 AND (ip_src = {literal} OR ip_dst = {literal}) AND {Untagged}"
                : $"""
                   {Untagged} AND ((eth_type = 2048 AND ip_version = 4 AND (ip_src = {literal} OR ip_dst = {literal}))
                     OR (eth_type IN (2054, 32821) AND (arp_sender_ip = {literal} OR arp_target_ip = {literal})))
                   """;
            long rows = duck.Scalar($"SELECT count(*) FROM {table} WHERE {where}");
            long printed = TcpdumpTimestamps(capture.Pcap, $"host {host}").Count;
            if (rows != printed)
                differences.Add($"host {host}: tcpdump {printed}, parquet {rows}");
        }
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Theory]
    [InlineData("real")]
    public void Count_per_dns_question_equals_tcpdump(string name)
    {
        var capture = Capture(name);
        // tcpdump prints a query's question as "TYPE? NAME." after the id; count the queries per name it prints.
        var printed = ExternalTool.Run("tcpdump", ["-n", "-r", capture.Pcap, "udp port 53"]).StandardOutput
            .Split('\n').Select(line => QueryLine().Match(line)).Where(m => m.Success)
            .GroupBy(m => m.Groups["name"].Value.TrimEnd('.'))
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        using var duck = new DuckDb();
        var exported = duck.Rows($"""
            SELECT dns_question, count(*) AS n FROM read_parquet({DuckDb.Literal(capture.Parquet)})
            WHERE app_protocol = 'dns' AND udp_src_port IS NOT NULL AND NOT dns_response AND dns_question IS NOT NULL AND {Untagged}
            GROUP BY dns_question
            """).ToDictionary(r => (string)r["dns_question"]!, r => Convert.ToInt64(r["n"], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        // Only names tcpdump prints plainly take part: it escapes odd bytes its own way.
        var plain = printed.Keys.Where(n => PlainName().IsMatch(n)).ToList();
        Assert.True(plain.Count >= 3, $"tcpdump prints only {plain.Count} plain DNS questions in {name}");
        var differences = plain.Where(n => exported.GetValueOrDefault(n) != printed[n])
            .Select(n => $"{n}: tcpdump {printed[n]}, parquet {exported.GetValueOrDefault(n)}").ToList();
        differences.AddRange(exported.Keys.Where(n => PlainName().IsMatch(n) && !printed.ContainsKey(n)).Select(n => $"{n}: tcpdump 0, parquet {exported[n]}"));
        Assert.True(differences.Count == 0, string.Join('\n', differences.Take(30)));
    }

    private ExportedCaptures.Capture Capture(string name) => name == "real" ? captures.Real : captures.GeneratedClean;

    [GeneratedRegex(@"^\S+ IP6? \S+ > \S+: \d+[+%]*(?: \[[^\]]*\])* [A-Za-z0-9]+\? (?<name>\S+) \(")]
    private static partial Regex QueryLine();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$")]
    private static partial Regex PlainName();
}
