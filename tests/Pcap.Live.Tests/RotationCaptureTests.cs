using System.Text.RegularExpressions;
using Pcap.Live.Tests.Support;
using Pcap.Testing;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests;

/// <summary>
/// <c>-G 1 -W 2</c> live in a namespace, pcapcore and tcpdump side by side: two files named by strftime from the
/// <c>-w</c> name, a second apart, each readable by tcpdump, then "Maximum file limit reached: 2" and exit status 0.
/// </summary>
public sealed partial class RotationCaptureTests
{
    [GeneratedRegex(@"^g-(\d{14})\.pcap$")]
    private static partial Regex StrftimeName();

    [Fact]
    public void G_with_W_writes_W_strftime_named_files_then_stops_as_tcpdump_does()
    {
        using var topology = VethTopology.Create();
        string directory = Directory.CreateTempSubdirectory("pcapcore-G-").FullName;
        try
        {
            string theirs = Directory.CreateDirectory(Path.Combine(directory, "tcpdump")).FullName;
            string ours = Directory.CreateDirectory(Path.Combine(directory, "pcapcore")).FullName;
            string[] prefix = ["ip", "netns", "exec", topology.Right.Name];
            // -Z root: as root, tcpdump would otherwise drop to its own user before opening the first file.
            using var tcpdump = PcapcoreProcess.StartTool("tcpdump", prefix, "-Z", "root", "-i", "eth0", "-G", "1", "-W", "2",
                "-w", Path.Combine(theirs, "g-%Y%m%d%H%M%S.pcap"), "icmp");
            using var run = PcapcoreProcess.Start(prefix, "-i", "eth0", "-G", "1", "-W", "2", "-w", Path.Combine(ours, "g-%Y%m%d%H%M%S.pcap"), "icmp");
            run.WaitFor(text => text.Contains("listening on eth0", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "its listening line");
            tcpdump.WaitFor(text => text.Contains("listening on eth0", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "tcpdump's listening line");
            // Packets for more than two seconds: the rotations happen on the first packet of each new second.
            topology.Left.Exec("ping", "-c", "20", "-i", "0.2", VethTopology.RightAddress);

            Assert.Equal(0, tcpdump.WaitForExit(TimeSpan.FromSeconds(15)));
            Assert.Equal(0, run.WaitForExit(TimeSpan.FromSeconds(15)));
            Assert.Contains("Maximum file limit reached: 2\n", tcpdump.StandardError, StringComparison.Ordinal);
            Assert.Contains("Maximum file limit reached: 2\n", run.StandardError, StringComparison.Ordinal);
            Assert.Contains("packets captured", run.StandardError, StringComparison.Ordinal);

            foreach (string written in new[] { theirs, ours })
            {
                string[] names = Directory.GetFiles(written).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
                Assert.Equal(2, names.Length);
                var stamps = names.Select(name => StrftimeName().Match(name)).ToArray();
                Assert.All(stamps, match => Assert.True(match.Success, $"{match.Value} is not g-%Y%m%d%H%M%S.pcap"));
                var times = stamps.Select(match => DateTime.ParseExact(match.Groups[1].Value, "yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                Assert.InRange((times[1] - times[0]).TotalSeconds, 1, 3);
                // A file may hold no packet (the rotation waits for the first packet of a new second), but tcpdump reads each.
                string text = "";
                foreach (string name in names)
                {
                    var read = ExternalTool.Run("tcpdump", ["-n", "-r", Path.Combine(written, name)]);
                    Assert.True(read.ExitCode == 0, $"tcpdump -r {name}: {read.StandardError}");
                    text += read.StandardOutput;
                }
                Assert.Contains("ICMP echo", text, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
