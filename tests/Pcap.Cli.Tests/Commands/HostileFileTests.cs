using Pcap.Cli.CommandLine;
using Pcap.Cli.Commands;
using Pcap.Decode.Files;
using Pcap.Testing;
using Pcap.Testing.Files;

namespace Pcap.Cli.Tests.Commands;

/// <summary>
/// Hostile capture files (issue 16), each generated here, read by <c>pcapcore -r</c> and by tcpdump 4.99.3 / libpcap
/// 1.10.3 with the same flags: the same lines on stdout, the same announcement, an error where tcpdump has one.
/// </summary>
public sealed class HostileFileTests : IDisposable
{
    private static readonly byte[] Arp = Convert.FromHexString("ffffffffffff0242ac110002080600010800060400010242ac110002ac110002000000000000ac110001");
    private static readonly byte[] IcmpOverIp = Convert.FromHexString("4500001c0001000040017cd00a0000010a0000020800f7ff00000000");
    private static readonly byte[] IcmpOverEthernet = [.. Convert.FromHexString("0242ac1100020242ac1100030800"), .. IcmpOverIp];

    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-hostile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed record Outcome(int ExitCode, string StandardError, string StandardOutput);

    private static Outcome Ours(params string[] args)
    {
        var run = PcapcoreRunner.Run(args);
        return new Outcome(run.ExitCode, run.StandardError, run.StandardOutput);
    }

    /// <summary>Runs both; stdout must be identical, stderr's first line too, and an error line must be there for both or neither.</summary>
    private static void SameAsTcpdump(string path, params string[] flags)
    {
        string[] args = [.. flags, "-r", path];
        var theirs = ExternalTool.Run("tcpdump", args);
        var ours = Ours(args);
        string label = string.Join(' ', args);
        Assert.True(theirs.StandardOutput == ours.StandardOutput, $"{label}\ntcpdump:\n{theirs.StandardOutput}\npcapcore:\n{ours.StandardOutput}");
        var theirErrors = theirs.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ourErrors = ours.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(theirErrors[0], ourErrors[0]);
        Assert.True(theirErrors.Length == ourErrors.Length, $"{label}\ntcpdump: {theirs.StandardError}\npcapcore: {ours.StandardError}");
        Assert.Equal(theirs.ExitCode, ours.ExitCode);
    }

    private string Save(string name, RawCaptureFile file) => file.Save(Path.Combine(_directory, name));

    public static TheoryData<string> TimeFlags() => new()
    {
        "-tt", "-t", "-ttt", "-tttt", "-ttttt", "--time-stamp-precision=nano",
    };

    [Theory]
    [MemberData(nameof(TimeFlags))]
    public void Fractions_of_a_million_or_more_and_times_tcpdump_cannot_convert_print_as_tcpdump_prints_them(string flag)
    {
        string path = Save("times.pcap", RawCaptureFile.Pcap(1, 65535)
            .Record(1_700_000_000, 1_500_000, Arp, 42)
            .Record(1_700_000_000, uint.MaxValue, Arp, 42)
            .Record(0x8000_0000, 5, Arp, 42)
            .Record(uint.MaxValue, 999_999, Arp, 42)
            .Record(0, 0, Arp, 42)
            .Record(90_000, 7, Arp, 42)
            .Record(1_700_000_000, 3, Arp, 42));
        SameAsTcpdump(path, "-n", flag);
        string nano = Save("times-ns.pcap", RawCaptureFile.Pcap(1, 65535, magic: 0xA1B23C4D)
            .Record(1_700_000_000, 1_999_999_999, Arp, 42)
            .Record(1_700_000_000, uint.MaxValue, Arp, 42)
            .Record(1_700_000_001, 5, Arp, 42));
        SameAsTcpdump(nano, "-n", flag);
        // Found by fuzzing: libpcap's byte swap leaves a big-endian file's fraction unsigned, a native one's signed.
        foreach (bool bigEndian in new[] { false, true })
        {
            foreach (uint magic in new uint[] { 0xA1B2C3D4, 0xA1B23C4D })
            {
                string swapped = Save($"times-{bigEndian}-{magic:x}.pcap", RawCaptureFile.Pcap(1, 65535, magic, bigEndian: bigEndian)
                    .Record(1_700_000_023, 0x88C6_DB25, Arp, 42)
                    .Record(0x9000_0000, 0xFFFF_FFFF, Arp, 42));
                SameAsTcpdump(swapped, "-n", flag);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TimeFlags))]
    public void PcapNg_times_beyond_2106_and_beyond_any_year_print_as_tcpdump_prints_them(string flag)
    {
        string path = Save("times.pcapng", RawCaptureFile.PcapNg()
            .Interface(1, 0, resolution: 0)
            .Enhanced(0, 5_000_000_000UL, Arp, 42)
            .Enhanced(0, 300_000_000_000UL, Arp, 42)
            .Enhanced(0, ulong.MaxValue, Arp, 42)
            .Enhanced(0, 1UL << 62, Arp, 42)
            .Interface(1, 0, offsetSeconds: -10)
            .Enhanced(1, 5, Arp, 42));
        SameAsTcpdump(path, "-n", flag);
    }

    [Theory]
    [InlineData("-tt")]
    [InlineData("-x")]
    [InlineData("-X")]
    public void Invalid_lengths_print_tcpdumps_bracketed_line(string flag)
    {
        string path = Save("lengths.pcap", RawCaptureFile.Pcap(1, 65535)
            .Record(1, 0, Arp, 0)
            .Record(2, 0, Arp, 2_147_483_690)
            .Record(3, 0, Arp, 300_000)
            .Record(4, 0, Arp, 20)
            .Record(5, 0, [], 0)
            .Record(6, 0, Arp, 262_144));
        SameAsTcpdump(path, "-n", flag);
    }

    [Fact]
    public void A_record_longer_than_the_snapshot_length_is_cut_and_reading_goes_on()
    {
        string path = Save("cut.pcap", RawCaptureFile.Pcap(1, 50)
            .Record(1, 0, Arp, 42)
            .Record(2, 0, [.. Arp, .. new byte[100]], 142)
            .Record(3, 0, Arp, 42));
        SameAsTcpdump(path, "-n", "-tt", "-xx");
    }

    [Fact]
    public void A_snapshot_length_of_0_means_262144_so_a_250_MB_record_is_an_error_after_the_packets_before_it()
    {
        string small = Save("snap0.pcap", RawCaptureFile.Pcap(1, 0)
            .Record(1, 0, Arp, 42)
            .Record(2, 0, [.. Arp, .. new byte[200_000]], 200_042)
            .Record(3, 0, Arp, 42));
        SameAsTcpdump(small, "-n", "-tt");
        string huge = Save("snap0-huge.pcap", RawCaptureFile.Pcap(1, 0)
            .Record(1, 0, Arp, 42)
            .Record(2, 0, 250_000_000, 250_000_000, new byte[1000]));
        long before = GC.GetTotalAllocatedBytes(precise: true);
        SameAsTcpdump(huge, "-n", "-tt", "-X", "-v");
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 16_000_000, "the 250 MB record must not be allocated");
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(2, 3)]
    [InlineData(543, 0)]
    public void Old_versions_swap_the_captured_and_wire_lengths_as_libpcap_does(int major, int minor)
    {
        string path = Save($"v{major}.{minor}.pcap", RawCaptureFile.Pcap(1, 65535, major: (ushort)major, minor: (ushort)minor)
            .Record(1, 0, 60, 42, Arp)
            .Record(2, 0, 42, 42, Arp));
        SameAsTcpdump(path, "-n", "-tt");
    }

    [Fact]
    public void The_modified_format_adds_14_to_an_Ethernet_snapshot_length()
    {
        var file = RawCaptureFile.Pcap(1, 40, magic: 0xA1B2CD34);
        file.Record(1, 0, 42, 42, [.. Arp, .. new byte[8]]);
        SameAsTcpdump(Save("kuznetzov.pcap", file), "-n", "-tt");
    }

    [Theory]
    [InlineData("-x")]
    [InlineData("-X")]
    [InlineData("-xx")]
    [InlineData("-e")]
    public void Link_type_12_is_raw_IP_and_an_unknown_link_type_prints_tcpdumps_line_and_hex_dump(string flag)
    {
        SameAsTcpdump(Save("lt12.pcap", RawCaptureFile.Pcap(12, 65535).Record(1, 0, IcmpOverIp, 28)), "-n", flag);
        SameAsTcpdump(Save("lt147.pcap", RawCaptureFile.Pcap(147, 65535).Record(1, 0, IcmpOverIp, 28)), "-n", flag);
        SameAsTcpdump(Save("lt14.pcap", RawCaptureFile.Pcap(14, 65535).Record(1, 0, IcmpOverIp, 28)), "-n", flag);
    }

    [Theory]
    [InlineData("inbound")]
    [InlineData("arp and outbound")]
    [InlineData("ifindex 1")]
    public void Packet_direction_and_interface_index_are_refused_on_an_Ethernet_file_as_tcpdump_refuses_them(string filter)
    {
        string path = Save("eth.pcap", RawCaptureFile.Pcap(1, 65535).Record(1, 0, Arp, 42));
        var theirs = ExternalTool.Run("tcpdump", ["-r", path, filter]);
        var ours = Ours("-r", path, filter);
        Assert.Equal(theirs.ExitCode, ours.ExitCode);
        Assert.Equal(1, ours.ExitCode);
        // tcpdump's text first (scripts match on it), then the expression with a caret under the primitive.
        string theirError = theirs.StandardError.Split('\n')[1].Replace("tcpdump: ", "pcapcore: ", StringComparison.Ordinal);
        Assert.Equal(theirError, ours.StandardError.Split('\n')[1]);
        Assert.Equal(filter, ours.StandardError.Split('\n')[2]);
        Assert.Empty(ours.StandardOutput);
    }

    [Fact]
    public void Pcapng_time_stamps_before_1970_and_after_2106_are_written_to_pcap_as_tcpdump_writes_them()
    {
        string input = Save("wide.pcapng", RawCaptureFile.PcapNg()
            .Interface(1, 262144, offsetSeconds: -5_000_000_000)
            .Enhanced(0, 1_000_000, Arp, 42)
            .Interface(1, 262144, resolution: 0)
            .Enhanced(1, 5_000_000_000, Arp, 42)
            .Enhanced(1, 1_700_000_000, Arp, 42));
        string ours = Path.Combine(_directory, "ours.pcap");
        string theirs = Path.Combine(_directory, "theirs.pcap");
        var ourRun = Ours("-r", input, "-w", ours);
        var theirRun = ExternalTool.Run("tcpdump", ["-r", input, "-w", theirs]);
        Assert.Equal(theirRun.ExitCode, ourRun.ExitCode);
        Assert.Equal(theirRun.StandardError.Replace("tcpdump:", "pcapcore:", StringComparison.Ordinal), ourRun.StandardError);
        Assert.Equal(File.ReadAllBytes(theirs), File.ReadAllBytes(ours));
    }

    // Interfaces 0 Ethernet, 1 raw IP, 2 Ethernet with another snapshot length; packets interleaved.
    private string MixedInterfaces()
    {
        var file = RawCaptureFile.PcapNg().Interface(1, 262144).Interface(101, 262144).Interface(1, 1000);
        for (uint i = 0; i < 4; i++)
        {
            file.Enhanced(0, 1_700_000_000_000_000UL + i * 10 + 0, IcmpOverEthernet, (uint)IcmpOverEthernet.Length);
            file.Enhanced(1, 1_700_000_000_000_000UL + i * 10 + 1, IcmpOverIp, (uint)IcmpOverIp.Length);
            file.Enhanced(2, 1_700_000_000_000_000UL + i * 10 + 2, Arp, 42);
            file.Enhanced(1, 1_700_000_000_000_000UL + i * 10 + 3, IcmpOverIp, (uint)IcmpOverIp.Length);
        }
        return Save("mixed.pcapng", file);
    }

    [Theory]
    [InlineData("not icmp")]
    [InlineData("icmp")]
    [InlineData("ip[0] = 0x45")]
    [InlineData("")]
    public void Each_packet_of_a_pcapng_with_mixed_link_types_is_filtered_for_its_own_link_type(string filter)
    {
        string input = MixedInterfaces();
        // The oracle: tcpdump on a one-packet pcap file per packet, with that packet's link type.
        var expected = new System.Text.StringBuilder();
        using (var reader = CaptureReader.Open(input))
        {
            int n = 0;
            while (reader.TryReadPacket(out var packet))
            {
                string single = Save($"single-{n++}.pcap", RawCaptureFile.Pcap(packet.LinkType.Value, packet.SnapLength)
                    .Record((uint)packet.TimestampSeconds, (uint)(packet.TimestampFractionNanoseconds / 1000), packet.Data, packet.WireLength));
                var run = ExternalTool.Run("tcpdump", ["-n", "-tt", "-r", single, .. filter.Length == 0 ? Array.Empty<string>() : [filter]]);
                Assert.Equal(0, run.ExitCode);
                expected.Append(run.StandardOutput);
            }
        }
        var ours = Ours(["-n", "-tt", "-r", input, .. filter.Length == 0 ? Array.Empty<string>() : [filter]]);
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal(expected.ToString(), ours.StandardOutput);
        if (filter == "not icmp")
            Assert.DoesNotContain("ICMP", ours.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_a_pcapng_with_mixed_link_types_keeps_each_packets_link_type_and_snapshot_length_in_pcapng()
    {
        string input = MixedInterfaces();
        string output = Path.Combine(_directory, "mixed-out");
        var run = Ours("-r", input, "-w", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("the file is written as pcapng instead", run.StandardError, StringComparison.Ordinal);

        using var original = CaptureReader.Open(input);
        using var written = CaptureReader.Open(output);
        Assert.Equal(CaptureFileFormat.PcapNg, written.Format);
        int count = 0;
        while (original.TryReadPacket(out var expected))
        {
            Assert.True(written.TryReadPacket(out var actual));
            Assert.Equal(expected.LinkType, actual.LinkType);
            Assert.Equal(expected.SnapLength, actual.SnapLength);
            Assert.Equal(expected.TimestampNanoseconds, actual.TimestampNanoseconds);
            Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
            count++;
        }
        Assert.False(written.TryReadPacket(out _));
        Assert.Equal(16, count);
    }

    [Fact]
    public void Writing_mixed_link_types_to_a_pipe_is_one_clear_error_after_the_packets_that_fit()
    {
        var ours = PcapcoreRunner.Run(["-r", MixedInterfaces(), "-w", "-"]);
        Assert.Equal(1, ours.ExitCode);
        Assert.Contains("a pipe cannot be rewritten as pcapng", ours.StandardError, StringComparison.Ordinal);
        using var reader = CaptureReader.Open(new MemoryStream(ours.StandardOutputBytes));
        Assert.True(reader.TryReadPacket(out var first));
        Assert.Equal(LinkType.Ethernet, first.LinkType);
    }
}
