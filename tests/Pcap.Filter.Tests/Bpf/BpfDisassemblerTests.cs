using System.Runtime.InteropServices;
using Pcap.Filter.Bpf;
using Pcap.Testing;

namespace Pcap.Filter.Tests.Bpf;

public partial class BpfDisassemblerTests
{
    // libpcap's own one-instruction printer, the oracle for -d lines (libpcap.so.0.8 exports it).
    [LibraryImport("libpcap.so.0.8", EntryPoint = "bpf_image")]
    private static unsafe partial nint BpfImage(BpfInstruction* instruction, int index);

    private static unsafe string LibPcapImage(BpfInstruction instruction, int index)
    {
        _ = LibPcap.Version; // fails with an install hint when the oracle is missing
        return Marshal.PtrToStringUTF8(BpfImage(&instruction, index))!;
    }

    private static readonly string[] CommonExpressions =
    [
        "ip", "ip6", "tcp", "udp", "icmp", "icmp6", "tcp port 80", "udp port 53 or tcp port 53", "host 10.0.0.1",
        "src net 192.168.0.0/16 and dst port 443", "portrange 6000-6010", "ip[8] < 64", "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0",
        "ip and len > 100", "ip6 host ::1", "ip6 and tcp dst port 22", "not ip", "ip proto 47", "ip multicast", "ip broadcast",
        "icmp[icmptype] = icmp-echo", "greater 1000", "less 64", "ip[2:2] - ((ip[0] & 0xf) << 2) > 20",
        "net 10.0.0.0/8 or net 172.16.0.0/12", "udp and ip[6:2] & 0x1fff = 0", "ip6 protochain 6",
    ];

    private static readonly string[] EthernetExpressions =
    [
        "arp or icmp", "ether host 01:02:03:04:05:06", "vlan and ip", "vlan 100 and tcp", "mpls and ip", "ether broadcast",
        "pppoes and ip", "ether proto 0x88cc", "stp", "arp host 10.0.0.1",
    ];

    [Theory]
    [InlineData("EN10MB")]
    [InlineData("LINUX_SLL")]
    [InlineData("LINUX_SLL2")]
    [InlineData("RAW")]
    public void Dumps_are_byte_identical_to_tcpdump(string linkType)
    {
        var expressions = linkType == "EN10MB" ? CommonExpressions.Concat(EthernetExpressions) : CommonExpressions;
        if (linkType is "LINUX_SLL" or "LINUX_SLL2")
            expressions = expressions.Append("inbound and ip").Append("outbound");
        if (linkType == "LINUX_SLL2")
            expressions = expressions.Append("ifindex 3 and tcp");
        var compared = 0;
        foreach (var expression in expressions)
        {
            CompareWithTcpdump(["-y", linkType], expression);
            compared++;
        }
        Assert.True(compared >= 20);
    }

    [Fact]
    public void Ancillary_loads_print_as_tcpdump_prints_them_on_a_live_socket()
    {
        // A private network namespace: tcpdump opens its own loopback, nothing of the host is touched.
        ExternalTool.Require("unshare");
        foreach (var (device, expression) in new[] { ("lo", "vlan 5 and inbound"), ("lo", "vlan and ip"), ("any", "inbound and ifindex 1"), ("any", "outbound") })
        {
            var tcpdump = ExternalTool.Require("tcpdump");
            var ddd = Run("unshare", ["-n", "sh", "-c", $"ip link set lo up && exec {tcpdump} -i {device} -ddd '{expression}'"]);
            var program = BpfDumpParser.Parse(ddd);
            foreach (var (flag, format) in new[] { ("-d", BpfDumpFormat.Assembly), ("-dd", BpfDumpFormat.CArray), ("-ddd", BpfDumpFormat.Decimal) })
            {
                var expected = Run("unshare", ["-n", "sh", "-c", $"ip link set lo up && exec {tcpdump} -i {device} {flag} '{expression}'"]);
                Assert.Equal(expected, BpfDisassembler.Format(program, format));
            }
            if (device == "lo")
                Assert.Contains("[vlanp]", BpfDisassembler.Format(program, BpfDumpFormat.Assembly), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_instruction_line_matches_libpcap_bpf_image()
    {
        var random = new RandomPrograms(seed: 777);
        var differences = new List<string>();
        for (var i = 0; i < 20000; i++)
        {
            var code = (ushort)(i < 0x10000 / 4 ? i * 4 % 0x10000 + random.Next(4) : random.Next(0x100));
            var instruction = new BpfInstruction(code, (byte)random.Next(256), (byte)random.Next(256),
                random.Next(3) == 0 ? random.Offset() : random.Constant());
            var index = random.Next(5) == 0 ? random.Next(5000) : random.Next(100);
            var expected = LibPcapImage(instruction, index);
            var actual = BpfDisassembler.FormatInstruction(instruction, index);
            if (expected != actual && differences.Count < 10)
                differences.Add($"{instruction} at {index}: libpcap \"{expected}\", ours \"{actual}\"");
        }
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Theory]
    [InlineData("", "line 1: expected the instruction count, found nothing")]
    [InlineData("x\n", "line 1: the instruction count \"x\" is not a number from 1 to 4096")]
    [InlineData("0\n", "line 1: the instruction count \"0\" is not a number from 1 to 4096")]
    [InlineData("2\n6 0 0 0\n", "line 1: the count says 2 instructions but 1 lines follow")]
    [InlineData("1\n6 0 0\n", "line 2: expected 4 numbers \"code jt jf k\", found 3 field(s): \"6 0 0\"")]
    [InlineData("2\n40 0 0 12\n21 300 1 2048\n", "line 3: jt \"300\" is not a number from 0 to 255")]
    [InlineData("1\n70000 0 0 0\n", "line 2: code \"70000\" is not a number from 0 to 65535")]
    [InlineData("1\n6 0 0 4294967296\n", "line 2: k \"4294967296\" is not a number from 0 to 4294967295")]
    public void Bad_dump_text_is_refused_naming_the_line(string text, string message)
    {
        Assert.False(BpfDumpParser.TryParse(text, out var program, out var error));
        Assert.Null(program);
        Assert.Equal(message, error);
        Assert.Equal(message, Assert.Throws<FormatException>(() => BpfDumpParser.Parse(text)).Message);
    }

    private static void CompareWithTcpdump(string[] target, string expression)
    {
        var ddd = Run("tcpdump", [.. target, "-ddd", expression]);
        var program = BpfDumpParser.Parse(ddd);
        Assert.Equal(ddd, BpfDisassembler.Format(program, BpfDumpFormat.Decimal));
        Assert.Equal(Run("tcpdump", [.. target, "-dd", expression]), BpfDisassembler.Format(program, BpfDumpFormat.CArray));
        Assert.Equal(Run("tcpdump", [.. target, "-d", expression]), BpfDisassembler.Format(program, BpfDumpFormat.Assembly));
    }

    private static string Run(string tool, string[] arguments)
    {
        var result = ExternalTool.Run(tool, arguments);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.StandardError}");
        return result.StandardOutput;
    }
}
