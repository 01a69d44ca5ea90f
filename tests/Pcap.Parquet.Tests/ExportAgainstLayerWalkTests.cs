using System.Globalization;
using Pcap.Decode.Files;
using Pcap.Decode.Walk;
using Pcap.Parquet.Tests.Support;

namespace Pcap.Parquet.Tests;

/// <summary>
/// Every column of every row, read back through DuckDB, equals what the layer walk gives for that packet: 100,000
/// generated Ethernet frames, 10,000 generated SLL2 frames and the recorded real traffic.
/// </summary>
[Collection(ExportsCollection.Name)]
public sealed class ExportAgainstLayerWalkTests(ExportedCaptures captures)
{
    public static TheoryData<string> Captures() => ["generated", "generated-sll2", "real"];

    [Theory]
    [MemberData(nameof(Captures))]
    public void Every_column_equals_the_layer_walk(string name)
    {
        var capture = name switch { "generated" => captures.Generated, "generated-sll2" => captures.GeneratedSll2, _ => captures.Real };
        using var duck = new DuckDb();
        using var reader = CaptureReader.Open(capture.Pcap);
        var walker = new LayerWalker();
        var differences = new List<string>();
        long rows = 0, differing = 0, filled = 0;
        var columnsSeen = new HashSet<string>(StringComparer.Ordinal);
        duck.Each($"SELECT * FROM read_parquet({DuckDb.Literal(capture.Parquet)}) ORDER BY frame_number", row =>
        {
            Assert.True(reader.TryReadPacket(out var packet), $"the export has more rows than {capture.Pcap} has packets");
            var expected = WalkOracle.Expected(walker, packet, ++rows);
            bool same = true;
            for (int i = 0; i < row.FieldCount; i++)
            {
                string column = row.GetName(i);
                object? actual = row.IsDBNull(i) ? null : Normalize(row.GetValue(i));
                object? wanted = expected.TryGetValue(column, out var value) ? Normalize(value) : null;
                if (actual is not null)
                {
                    filled++;
                    columnsSeen.Add(column);
                }
                if (Equals(actual, wanted))
                    continue;
                same = false;
                if (differences.Count < 25)
                    differences.Add($"packet {rows} {column}: parquet {actual ?? "NULL"}, walk {wanted ?? "NULL"}");
            }
            foreach (var column in expected.Keys)
                Assert.True(HasColumn(row, column), $"the export has no column {column}");
            if (!same)
                differing++;
        });
        Assert.False(reader.TryReadPacket(out _), $"{capture.Pcap} has more packets than the export has rows ({rows})");
        Assert.Equal(capture.Packets, rows);
        Assert.True(differing == 0, $"{differing} of {rows} rows differ from the layer walk:\n{string.Join('\n', differences)}");
        // A test that compares NULL with NULL everywhere proves nothing: the captures must fill the application columns.
        var expectedFilled = name == "generated-sll2"
            ? new[] { "link_ifindex", "link_packet_type", "ip_src", "tcp_flags", "dns_question" }
            : ["eth_src", "ip_src", "ip_fragment_offset", "tcp_seq", "udp_length", "dns_question", "dns_answers",
               "dhcp_message_type", "dhcp_client_mac", "http_method", "http_host", "http_path", "http_status", "vxlan_vni"];
        if (name == "generated")
            expectedFilled = [.. expectedFilled, "vlan_id", "decode_error", "arp_sender_ip", "icmp_type", "icmp6_type", "vlan_inner_id"];
        var missing = expectedFilled.Where(c => !columnsSeen.Contains(c)).ToList();
        Assert.True(missing.Count == 0, $"no row of {name} has a value in {string.Join(", ", missing)}");
        Assert.True(filled > rows * 10, $"only {filled} values in {rows} rows");
    }

    private static bool HasColumn(System.Data.Common.DbDataReader row, string column)
    {
        for (int i = 0; i < row.FieldCount; i++)
        {
            if (row.GetName(i) == column)
                return true;
        }
        return false;
    }

    // DuckDB hands back INTEGER as int and BIGINT as long; the walk's values are widened the same way.
    private static object? Normalize(object? value) => value switch
    {
        null => null,
        bool or string => value,
        IConvertible number => Convert.ToInt64(number, CultureInfo.InvariantCulture),
        _ => value,
    };
}
