using System.Text.RegularExpressions;
using Pcap.Parquet.Tests.Support;
using Pcap.Testing;

namespace Pcap.Parquet.Tests;

/// <summary>
/// Counts per protocol, per host and per DNS question, by SQL over the export (DuckDB), equal the number of packets
/// <c>tcpdump -r FILE -n FILTER</c> prints with the matching filter. tcpdump's filters look at the outermost headers only
/// (no VLAN tag unless asked, the IPv6 fixed header's next header), so the SQL says the same: untagged, and the protocol
/// field of the IP header itself.
/// </summary>
public sealed partial class ExportAgainstTcpdumpTests(ExportedCaptures captures) : IClassFixture<ExportedCaptures>
{
    private const string Untagged = "vlan_id IS NULL";

    public static TheoryData<string, string, string> Protocols()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var capture in new[] { "generated", "real" })
        {
            data.Add(capture, "ip", $"eth_type = 2048 AND ip_version = 4 AND {Untagged}");
            data.Add(capture, "ip6", $"eth_type = 34525 AND ip_version = 6 AND {Untagged}");
            data.Add(capture, "arp", $"eth_type = 2054 AND arp_operation IS NOT NULL AND {Untagged}");
            data.Add(capture, "tcp", $"ip_proto = 6 AND {Untagged}");
            data.Add(capture, "udp", $"ip_proto = 17 AND {Untagged}");
            data.Add(capture, "icmp", $"ip_version = 4 AND ip_proto = 1 AND {Untagged}");
            data.Add(capture, "icmp6", $"ip_version = 6 AND ip_proto = 58 AND {Untagged}");
            data.Add(capture, "vlan", "vlan_id IS NOT NULL");
            data.Add(capture, "port 53", $"ip_proto IN (6, 17) AND 53 IN (tcp_src_port, tcp_dst_port, udp_src_port, udp_dst_port) AND {Untagged}");
            data.Add(capture, "tcp port 80", $"ip_proto = 6 AND 80 IN (tcp_src_port, tcp_dst_port) AND {Untagged}");
            data.Add(capture, "udp port 67 or udp port 68", $"ip_proto = 17 AND (udp_src_port IN (67, 68) OR udp_dst_port IN (67, 68)) AND {Untagged}");
            data.Add(capture, "udp port 4789", $"ip_proto = 17 AND 4789 IN (udp_src_port, udp_dst_port) AND {Untagged}");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Count_per_protocol_equals_tcpdump(string name, string filter, string where)
    {
        var capture = Capture(name);
        using var duck = new DuckDb();
        long rows = duck.Scalar($"SELECT count(*) FROM read_parquet({DuckDb.Literal(capture.Parquet)}) WHERE {where}");
        long printed = TcpdumpCount(capture.Pcap, filter);
        Assert.True(printed > 0, $"tcpdump finds no '{filter}' packet in {name}: the capture does not exercise it");
        Assert.Equal(printed, rows);
    }

    [Theory]
    [InlineData("generated")]
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
            long printed = TcpdumpCount(capture.Pcap, $"host {host}");
            if (rows != printed)
                differences.Add($"host {host}: tcpdump {printed}, parquet {rows}");
        }
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Theory]
    [InlineData("generated")]
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

    private ExportedCaptures.Capture Capture(string name) => name == "real" ? captures.Real : captures.Generated;

    // The packets tcpdump selects, counted from the lines it prints (one per packet without -v).
    private static long TcpdumpCount(string pcap, string filter)
    {
        var result = ExternalTool.Run("tcpdump", ["-n", "-r", pcap, filter]);
        Assert.True(result.ExitCode == 0, $"tcpdump -r {pcap} {filter}: {result.StandardError}");
        return result.StandardOutput.Split('\n').Count(line => line.Length > 0 && char.IsAsciiDigit(line[0]));
    }

    [GeneratedRegex(@"^\S+ IP6? \S+ > \S+: \d+[+%]*(?: \[[^\]]*\])* [A-Z0-9]+\? (?<name>\S+) \(")]
    private static partial Regex QueryLine();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$")]
    private static partial Regex PlainName();
}
