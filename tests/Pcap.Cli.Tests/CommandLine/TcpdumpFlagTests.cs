using System.Text;
using Pcap.Decode.Files;
using Pcap.Decode.Tests.Golden;
using Pcap.Testing;
using Pcap.Wire;

namespace Pcap.Cli.Tests.CommandLine;

/// <summary>
/// tcpdump 4.99's everyday flags, run through the real executable (<see cref="PcapcoreExecutable"/>, the NativeAOT build
/// too) and through tcpdump on the same generated capture: the same stdout, the same exit status, and stderr in the
/// same words with the program's name swapped.
/// </summary>
public sealed class TcpdumpFlagTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-flags-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Capture(int linkType)
    {
        var path = Path.Combine(_directory, $"mixed-{linkType}.pcap");
        var factory = new MixedPacketFactory(linkType, seed: 1400 + linkType);
        using var stream = File.Create(path);
        using var writer = new PcapWriter(stream, new LinkType((uint)linkType), 262144);
        var time = 1_700_000_000_000_000_000L;
        for (var i = 0; i < 1500; i++)
        {
            var (data, wire) = factory.Next();
            writer.WritePacket(time += 1_234_567_000L, data, (uint)wire);
        }
        return path;
    }

    public static TheoryData<string> Flags() =>
    [
        "-A", "-AA", "-A -x", "-X -A", "-S", "-S -v", "-#", "--number -X", "-#A -c 5", "--count", "--count -c 7",
        "--count icmp", "--nano", "--micro", "-u", "-b", "-u -b -v", "-tttttt", "-T rtp", "-T PTP", "-T nosuchtype", "-T quic", "-y NOSUCHTYPE",
        "-y LINUX_SLL2", "--time-stamp-precision=nano -A", "-K", "-K -v", "-vv -K", "--dont-verify-checksums -v", "-N -v",
        "-T domain", "-T DOMAIN -v", "-T vxlan", "-T vxlan -e", "-T tftp -vv", "-T domain udp or tcp", "-T snmp -v", "-T radius -vv",
    ];

    [Theory]
    [MemberData(nameof(Flags))]
    public void The_flag_does_what_tcpdump_does(string flags)
    {
        foreach (int linkType in new[] { 1, 276 })
        {
            string file = Capture(linkType);
            string[] arguments = ["-n", "-r", file, .. flags.Split(' ')];
            var theirs = ExternalTool.Run("tcpdump", arguments);
            var ours = ExternalTool.Run(PcapcoreExecutable.Path, arguments);
            if (flags is "-T rtp" or "-T PTP")
            {
                // tcpdump would print UDP as RTP (PTP: names match in any case); pcapcore cannot, so it refuses rather
                // than print something else.
                Assert.Equal(0, theirs.ExitCode);
                Assert.Equal(1, ours.ExitCode);
                Assert.Contains($"pcapcore does not decode {flags[3..]} packets", ours.StandardError, StringComparison.Ordinal);
                continue;
            }
            Assert.Equal(theirs.ExitCode, ours.ExitCode);
            if (theirs.ExitCode == 0)
            {
                Assert.Equal(theirs.StandardError, ours.StandardError);
                Assert.Equal(theirs.StandardOutput, ours.StandardOutput);
            }
            else
            {
                // tcpdump refuses on the command line, before reading the file: its one line, in its words.
                Assert.Equal(theirs.StandardError.Replace("tcpdump: ", "pcapcore: ", StringComparison.Ordinal), ours.StandardError);
            }
        }
    }

    [Fact]
    public void N_prints_host_names_without_their_domain_as_tcpdump_does()
    {
        // Names come from /etc/hosts: both tools run with a hosts file of our own bind-mounted over it, in a private mount
        // and network namespace so no lookup leaves the machine.
        string capture = Capture(1);
        string hosts = Path.Combine(_directory, "hosts"), resolver = Path.Combine(_directory, "resolv.conf");
        var names = new List<string>();
        foreach (var line in ExternalTool.Run("tcpdump", ["-n", "-r", capture]).StandardOutput.Split('\n'))
        {
            var match = System.Text.RegularExpressions.Regex.Match(line, @"IP (\d+\.\d+\.\d+\.\d+)\b");
            if (match.Success && !names.Contains(match.Groups[1].Value))
                names.Add(match.Groups[1].Value);
        }
        Assert.True(names.Count >= 2, "the capture has fewer than two IPv4 sources");
        File.WriteAllLines(hosts, names.Select((address, i) => $"{address} host{i}.lab{i % 2}.example.test alias{i}"));
        File.WriteAllText(resolver, "");
        foreach (var flags in new[] { "-N", "-N -v -c 200", "-c 200" })
        {
            string Print(string tool) =>
                ExternalTool.Run("unshare", ["-m", "-n", "sh", "-c",
                    $"mount --bind {hosts} /etc/hosts && mount --bind {resolver} /etc/resolv.conf && exec {tool} -r {capture} {flags} 2>/dev/null"],
                    TimeSpan.FromMinutes(2)).StandardOutput;
            var theirs = Print("tcpdump");
            Assert.Contains(flags.StartsWith("-N", StringComparison.Ordinal) ? " host0 " : " host0.lab0.example.test", theirs, StringComparison.Ordinal);
            Assert.Equal(theirs, Print(PcapcoreExecutable.Path));
        }
    }

    [Fact]
    public void Print_with_w_writes_the_file_and_prints_the_packets()
    {
        string file = Capture(1);
        string theirFile = Path.Combine(_directory, "theirs.pcap");
        string ourFile = Path.Combine(_directory, "ours.pcap");
        var theirs = ExternalTool.Run("tcpdump", ["-n", "-r", file, "-w", theirFile, "--print", "-c", "40"]);
        var ours = ExternalTool.Run(PcapcoreExecutable.Path, ["-n", "-r", file, "-w", ourFile, "--print", "-c", "40"]);
        Assert.Equal(theirs.ExitCode, ours.ExitCode);
        Assert.Equal(theirs.StandardOutput, ours.StandardOutput);
        Assert.Equal(File.ReadAllBytes(theirFile), File.ReadAllBytes(ourFile));
    }

    [Fact]
    public void A_file_list_reads_each_file_in_turn()
    {
        string list = Path.Combine(_directory, "list.txt");
        // The same file twice: the second pass continues the first's TCP sequence state; the blank line between fails, as tcpdump's does.
        string file = Capture(1);
        File.WriteAllText(list, $"{file}\n\n{file}\n");
        var theirs = ExternalTool.Run("tcpdump", ["-n", "-V", list, "-c", "20"]);
        var ours = ExternalTool.Run(PcapcoreExecutable.Path, ["-n", "-V", list, "-c", "20"]);
        Assert.Equal(theirs.ExitCode, ours.ExitCode);
        Assert.Equal(theirs.StandardOutput, ours.StandardOutput);
        Assert.Equal(theirs.StandardError.Replace("tcpdump: ", "pcapcore: ", StringComparison.Ordinal), ours.StandardError);

        var missing = Path.Combine(_directory, "no-list.txt");
        theirs = ExternalTool.Run("tcpdump", ["-n", "-V", missing]);
        ours = ExternalTool.Run(PcapcoreExecutable.Path, ["-n", "-V", missing]);
        Assert.Equal(theirs.ExitCode, ours.ExitCode);
        Assert.Equal(theirs.StandardError.Replace("tcpdump: ", "pcapcore: ", StringComparison.Ordinal), ours.StandardError);
    }

    [Fact]
    public void Nothing_but_the_text_reaches_a_terminal()
    {
        // .NET's console writes ESC[?1h ESC= to a terminal on first use; script(1) gives the process a terminal.
        var run = ExternalTool.Run("script", ["-qec", $"'{PcapcoreExecutable.Path}' --version", "/dev/null"]);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("\u001b", run.StandardOutput, StringComparison.Ordinal);
        Assert.StartsWith("pcapcore version", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Stdout_and_stderr_into_one_file_do_not_overwrite_each_other()
    {
        string file = Capture(1);
        string log = Path.Combine(_directory, "log.txt");
        var run = ExternalTool.Run("sh", ["-c", "\"$1\" -n -r \"$2\" -c 3 > \"$3\" 2>&1", "_", PcapcoreExecutable.Path, file, log]);
        Assert.Equal(0, run.ExitCode);
        var tcpdump = ExternalTool.Run("tcpdump", ["-n", "-r", file, "-c", "3"]);
        Assert.Equal(tcpdump.StandardError + tcpdump.StandardOutput, File.ReadAllText(log, Encoding.UTF8));
    }
}
