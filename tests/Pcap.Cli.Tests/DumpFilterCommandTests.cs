using Pcap.Cli.CommandLine;
using Pcap.Cli.Commands;
using Pcap.Filter;
using Pcap.Filter.Bpf;
using Pcap.Testing;

namespace Pcap.Cli.Tests;

/// <summary>
/// <c>pcapcore -y LINKTYPE -d/-dd/-ddd -O EXPRESSION</c> prints what <c>tcpdump</c> prints for the same flags
/// (tcpdump is run as the oracle), and a bad expression prints a caret under its position and exits 1.
/// </summary>
public sealed class DumpFilterCommandTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        string[] expressions =
        [
            "arp or icmp", "tcp port 80 and not host 10.0.0.1", "vlan 100 and udp", "ip6 and icmp6",
            "tcp[tcpflags] & tcp-syn != 0", "inbound", "ifindex 3", "less 64", "", "ip broadcast",
        ];
        foreach (var y in new[] { "EN10MB", "LINUX_SLL", "LINUX_SLL2", "RAW", "IPV4", "IPV6", "NULL", "LOOP" })
        {
            foreach (var e in expressions)
            {
                foreach (var d in new[] { "-d", "-dd", "-ddd" })
                    data.Add(y, d, e);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnoptimizedDumpsMatchTcpdump(string linkType, string dump, string expression)
    {
        var tcpdump = ExternalTool.Run("tcpdump", ["-y", linkType, dump, "-O", expression]);
        var ours = PcapcoreRunner.Run(["-y", linkType, dump, "-O", expression]);
        if (tcpdump.ExitCode != 0)
        {
            // tcpdump refuses some primitives on some link types (vlan on RAW, ...); so must we.
            Assert.Equal(1, ours.ExitCode);
            return;
        }
        Assert.True(ours.ExitCode == 0, ours.StandardError);
        Assert.Equal(tcpdump.StandardOutput, ours.StandardOutput);
    }

    [Fact]
    public void ABadExpressionPrintsLibpcapsWordsThenACaretUnderItsPositionAndExitsOne()
    {
        var ours = PcapcoreRunner.Run(["-d", "tcp", "port", "70000"]);
        Assert.Equal(1, ours.ExitCode);
        Assert.Equal("", ours.StandardOutput);
        Assert.Equal(
            "pcapcore: illegal port number 70000 > 65535\n" +
            "tcp port 70000\n" +
            "         ^^^^^\n",
            ours.StandardError.Replace("\r\n", "\n"));
    }

    public static TheoryData<string> BadExpressions() =>
    [
        "tcp port", "tcp and", "tcp $", "ether host 02:00:0a:4d:00", "host 0a:0b:", "ether host 1:2:3:4:5:6:7",
        "port 70000", "ether host 1:2::", "((tcp)", "ip[1:3] = 1", "ether host 02:00:0a:4d:00:11 and",
    ];

    /// <summary>The first line is tcpdump's own (scripts match on it); the caret and our detail follow.</summary>
    [Theory]
    [MemberData(nameof(BadExpressions))]
    public void TheFirstLineOfAFilterErrorIsTcpdumps(string expression)
    {
        var tcpdump = ExternalTool.Run("tcpdump", ["-y", "EN10MB", "-d", expression]);
        Assert.Equal(1, tcpdump.ExitCode);
        var ours = PcapcoreRunner.Run(["-y", "EN10MB", "-d", expression]);
        Assert.Equal(1, ours.ExitCode);
        string error = ours.StandardError;
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(tcpdump.StandardError.Trim().Replace("tcpdump: ", "pcapcore: ", StringComparison.Ordinal), lines[0]);
        Assert.Equal(expression, lines[1]);
        Assert.Matches(@"^ *\^+$", lines[2]);
    }

    [Fact]
    public void ABogusEthernetAddressIsPointedAtAsAWhole()
    {
        var ours = PcapcoreRunner.Run(["-d", "ether host 02:00:0a:4d:00"]);
        Assert.Equal(1, ours.ExitCode);
        string error = ours.StandardError;
        Assert.Equal(
            "pcapcore: bogus ethernet address 02:00:0a:4d:\n" +
            "ether host 02:00:0a:4d:00\n" +
            "           ^^^^^^^^^^^^\n",
            error.ToString());
    }

    [Fact]
    public void ASyntaxErrorKeepsOurPositionAndExpectation()
    {
        var ours = PcapcoreRunner.Run(["-d", "tcp port"]);
        Assert.Equal(1, ours.ExitCode);
        string error = ours.StandardError;
        Assert.Equal(
            "pcapcore: can't parse filter expression: syntax error\n" +
            "tcp port\n" +
            "        ^\n" +
            "pcapcore: unexpected end of expression at 8: expected an address, a name or a number\n",
            error.ToString());
    }

    [Fact]
    public void WithAFileTheProgramIsForTheFilesLinkType()
    {
        string directory = Directory.CreateTempSubdirectory("pcapcore-d-r-").FullName;
        try
        {
            foreach (uint linkType in new uint[] { 276, 113, 101, 0, 108 })
            {
                string path = Path.Combine(directory, $"{linkType}.pcap");
                using (var stream = File.Create(path))
                using (new Pcap.Decode.Files.PcapWriter(stream, new Pcap.Wire.LinkType(linkType), 1500, false))
                {
                }
                foreach (var dump in new[] { "-d", "-dd" })
                {
                    var tcpdump = ExternalTool.Run("tcpdump", ["-r", path, dump, "icmp or arp"]);
                    // -y is for live capture: with -r tcpdump ignores it, and so do we.
                    var ours = PcapcoreRunner.Run(["-r", path, "-y", "EN10MB", dump, "icmp or arp"]);
                    Assert.Equal(tcpdump.ExitCode, ours.ExitCode);
                    Assert.Equal(tcpdump.StandardOutput, ours.StandardOutput);
                    Assert.Equal(tcpdump.StandardError.Split('\n')[0], ours.StandardError.Split('\n')[0]);
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(1u, "inbound")]
    [InlineData(1u, "ifindex 1")]
    [InlineData(276u, "inbound")]
    [InlineData(1u, "ip broadcast")]
    [InlineData(276u, "not ip broadcast")]
    public void WithAFileDirectionAndInterfaceIndexAreCompiledAsForASavefile(uint linkType, string filter)
    {
        string path = Path.Combine(Path.GetTempPath(), $"pcapcore-d-r-{Guid.NewGuid():N}.pcap");
        try
        {
            using (var stream = File.Create(path))
            using (new Pcap.Decode.Files.PcapWriter(stream, new Pcap.Wire.LinkType(linkType), 65535, false))
            {
            }
            var tcpdump = ExternalTool.Run("tcpdump", ["-r", path, "-d", filter]);
            var ours = PcapcoreRunner.Run(["-r", path, "-d", filter]);
            Assert.Equal(tcpdump.ExitCode, ours.ExitCode);
            Assert.Equal(tcpdump.StandardOutput, ours.StandardOutput);
            if (ours.ExitCode != 0)
                Assert.Equal(tcpdump.StandardError.Split('\n')[1].Replace("tcpdump: ", "pcapcore: ", StringComparison.Ordinal),
                             ours.StandardError.Split('\n')[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ARefusedMegabyteExpressionIsShownAroundItsErrorOnly()
    {
        // 1 MB: an unknown host name of 500,000 characters, then a stray ')' at the end. Given with -F: an argument
        // longer than 128 KiB cannot reach any program (MAX_ARG_STRLEN), and the suite also runs the executable.
        string expression = "host " + new string('a', 500_000) + " or " + string.Concat(Enumerable.Repeat("ip and ", 70_000)) + ")";
        var ours = RunWithFilterFile(expression);
        Assert.Equal(1, ours.ExitCode);
        var lines = ours.StandardError.Replace("\r\n", "\n").Split('\n');
        Assert.Equal(5, lines.Length);
        // libpcap's words, then the last 120 characters with the cut marked, then ours.
        Assert.Equal("pcapcore: can't parse filter expression: syntax error", lines[0]);
        Assert.Equal("..." + expression[^120..], lines[1]);
        Assert.Equal(new string(' ', lines[1].Length - 1) + "^", lines[2]);
        Assert.Equal($"pcapcore: unexpected ')' at {expression.Length - 1}: expected a primitive such as 'host', 'port', 'tcp'", lines[3]);

        ours = RunWithFilterFile("host " + new string('a', 1_000_000));
        Assert.Equal(1, ours.ExitCode);
        Assert.True(ours.StandardError.Length < 400, $"{ours.StandardError.Length} characters on stderr");
        Assert.Contains("pcapcore: unknown host 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...(999954 more characters)...aaaaaaa'", ours.StandardError);
    }

    private static PcapcoreRunner.Outcome RunWithFilterFile(string expression)
    {
        string path = Path.Combine(Path.GetTempPath(), $"pcapcore-filter-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(path, expression);
            return PcapcoreRunner.Run(["-d", "-F", path]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ControlCharactersInAFilterFileAreNotWrittenRaw()
    {
        string path = Path.Combine(Path.GetTempPath(), $"pcapcore-filter-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(path, "ip and\ttcp and \0 udp");
                var ours = PcapcoreRunner.Run(["-d", "-F", path]);
            Assert.Equal(1, ours.ExitCode);
            string error = ours.StandardError;
            Assert.Equal(
                "pcapcore: can't parse filter expression: syntax error\n" +
                "ip and tcp and   udp\n" +
                "               ^\n" +
                "pcapcore: illegal character '\\x00' at 15\n",
                error.ToString().Replace("\r\n", "\n"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Live (-i), a filter longer than the kernel's 4,096 instructions is split: -d prints the kernel's prefilter and the
    // whole filter that runs in user space, each under a line saying where it goes.
    [Fact]
    public void ALiveFilterTooLongForTheKernelPrintsThePrefilterAndTheUserSpaceProgram()
    {
        var random = new Random(20261203);
        var hosts = new HashSet<string>();
        while (hosts.Count < 10_000)
            hosts.Add($"10.{random.Next(1, 100)}.{random.Next(256)}.{random.Next(1, 255)}");
        string expression = string.Join(" or ", hosts.Select(h => "host " + h));
        string path = Path.Combine(Path.GetTempPath(), $"pcapcore-filter-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(path, expression);
            var output = new StringWriter();
            var error = new StringWriter();
            Assert.Equal(0, DumpFilterCommand.Run(CliParser.Parse(["-i", "lo", "-d", "-F", path]), output, error));
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var headers = lines.Select((line, index) => (line, index)).Where(l => l.line.StartsWith(';')).ToList();
            Assert.Equal(2, headers.Count);
            Assert.Equal(0, headers[0].index);
            Assert.StartsWith("; kernel prefilter (", headers[0].line);
            Assert.StartsWith("; user space (JIT), on each packet the prefilter accepts: the whole filter (", headers[1].line);
            int kernelLength = headers[1].index - 1;
            Assert.InRange(kernelLength, 2, BpfProgram.MaxInstructions);
            var whole = FilterCompiler.Compile(expression, LinkType.Ethernet, FilterOptions.UserSpace);
            Assert.Equal(BpfDisassembler.Format(whole, BpfDumpFormat.Assembly).TrimEnd('\n').Split('\n'), lines[(headers[1].index + 1)..]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheExpressionCanComeFromAFileWithComments()
    {
        string path = Path.Combine(Path.GetTempPath(), $"pcapcore-filter-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(path, "# the seed's filter\narp or   # ARP first\n icmp\n");
            var tcpdump = ExternalTool.Run("tcpdump", ["-y", "EN10MB", "-d", "-O", "-F", path]);
            Assert.Equal(0, tcpdump.ExitCode);
            var ours = PcapcoreRunner.Run(["-d", "-O", "-F", path]);
            Assert.Equal(0, ours.ExitCode);
            Assert.Equal(tcpdump.StandardOutput, ours.StandardOutput);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AnUnknownLinkTypeIsRefusedInTcpdumpsWords()
    {
        var tcpdump = ExternalTool.Run("tcpdump", ["-y", "NOSUCHTYPE", "-d", "ip"]);
        Assert.Equal(1, tcpdump.ExitCode);
        var e = Assert.Throws<CliUsageException>(() => CliParser.Parse(["-y", "NOSUCHTYPE", "-d", "ip"]));
        Assert.Equal(tcpdump.StandardError.Trim(), $"tcpdump: {e.Message}");
    }

    [Fact]
    public void ALinkTypeLibpcapKnowsButTheCompilerDoesNotIsRefusedSayingSo()
    {
        Assert.Equal(0, ExternalTool.Run("tcpdump", ["-y", "FDDI", "-d", "ip"]).ExitCode);
        Assert.Equal("FDDI", CliParser.Parse(["-y", "fddi"]).LinkTypeName);
        var ours = PcapcoreRunner.Run(["-y", "FDDI", "-d", "ip"]);
        Assert.Equal(1, ours.ExitCode);
        Assert.Contains("pcapcore: data link type FDDI is not supported by pcapcore's filter compiler", ours.StandardError);
    }

    [Fact]
    public void LinkTypeNamesAreReadAsLibpcapReadsThem()
    {
        foreach (var (given, canonical) in new[] { ("en10mb", "EN10MB"), ("linux_sll2", "LINUX_SLL2"), ("raw", "RAW"), ("Ipv6", "IPV6") })
        {
            Assert.Equal(0, ExternalTool.Run("tcpdump", ["-y", given, "-d", "less 100"]).ExitCode);
            Assert.Equal(canonical, CliParser.Parse(["-y", given]).LinkTypeName);
        }
    }
}
