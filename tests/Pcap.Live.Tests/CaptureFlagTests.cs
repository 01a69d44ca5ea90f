using Pcap.Live.Tests.Support;
using Pcap.Testing;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests;

/// <summary>
/// tcpdump's capture flags, pcapcore and tcpdump side by side in a namespace: <c>-Z</c> (the file belongs to the user),
/// <c>-L</c>, <c>-J</c>, <c>-j</c>, <c>-I</c>, <c>-y</c> and <c>--print</c>.
/// </summary>
public sealed class CaptureFlagTests
{
    [Fact]
    public void Z_drops_to_the_user_after_opening_the_socket_so_the_file_is_theirs()
    {
        using var topology = VethTopology.Create();
        string directory = Directory.CreateTempSubdirectory("pcapcore-Z-").FullName;
        try
        {
            // The user must be able to create the file: a world-writable, sticky directory like /tmp.
            Assert.Equal(0, ExternalTool.Run("chmod", ["1777", directory]).ExitCode);
            string ours = Path.Combine(directory, "ours.pcap");
            string theirs = Path.Combine(directory, "theirs.pcap");
            using var tcpdump = PcapcoreProcess.StartTool("tcpdump", ["ip", "netns", "exec", topology.Right.Name], "-Z", "nobody", "-i", "eth0", "-c", "4", "-w", theirs, "icmp");
            using var run = PcapcoreProcess.Start(["ip", "netns", "exec", topology.Right.Name], "-Z", "nobody", "-i", "eth0", "-c", "4", "-w", ours, "icmp");
            run.WaitFor(text => text.Contains("listening on eth0", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "its listening line");
            tcpdump.WaitFor(text => text.Contains("listening on eth0", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "tcpdump's listening line");
            topology.Left.Exec("ping", "-c", "3", "-i", "0.2", VethTopology.RightAddress);
            Assert.Equal(0, run.WaitForExit(TimeSpan.FromSeconds(15)));
            Assert.Equal(0, tcpdump.WaitForExit(TimeSpan.FromSeconds(15)));
            var owner = ExternalTool.Run("stat", ["-c", "%u:%g", theirs, ours]).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("65534:65534", owner[0]);
            Assert.Equal(owner[0], owner[1]);
            Assert.Equal(4, PcapFileRecords.Read(ours).Count);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static TheoryData<string> Refusals() =>
    [
        "-Z nosuchuser -i eth0", "-I -i eth0", "-j nosuchtype -i eth0", "-y FDDI -i eth0", "-y NOSUCH -i eth0",
        "-L -i eth0", "-J -i eth0", "-L -i any", "-J -i any", "-L -i lo",
    ];

    /// <summary>One-shot commands and refusals: the same stdout, status and stderr as tcpdump's.</summary>
    [Theory]
    [MemberData(nameof(Refusals))]
    public void Answers_as_tcpdump_answers(string flags)
    {
        using var topology = VethTopology.Create();
        string[] prefix = ["netns", "exec", topology.Right.Name];
        var theirs = ExternalTool.Run("ip", [.. prefix, ExternalTool.Require("tcpdump"), .. flags.Split(' ')], TimeSpan.FromSeconds(20));
        var ours = ExternalTool.Run("ip", [.. prefix, PcapcoreExecutable.Path, .. flags.Split(' ')], TimeSpan.FromSeconds(20));
        Assert.Equal(theirs.ExitCode, ours.ExitCode);
        Assert.Equal(theirs.StandardOutput, ours.StandardOutput);
        if (flags.StartsWith("-y FDDI", StringComparison.Ordinal))
            Assert.Equal("pcapcore: FDDI is not one of the DLTs supported by this device\n", ours.StandardError);
        else
            Assert.Equal(theirs.StandardError.Replace("tcpdump: ", "pcapcore: ", StringComparison.Ordinal), ours.StandardError);
    }

    [Fact]
    public void A_time_stamp_type_the_device_lacks_is_a_warning_and_the_capture_goes_on()
    {
        using var topology = VethTopology.Create();
        using var run = PcapcoreProcess.Start(["ip", "netns", "exec", topology.Right.Name], "-j", "adapter", "-i", "eth0", "-c", "1", "-n", "icmp");
        run.WaitFor(text => text.Contains("listening on eth0", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "its listening line");
        topology.Left.Exec("ping", "-c", "2", "-i", "0.2", VethTopology.RightAddress);
        Assert.Equal(0, run.WaitForExit(TimeSpan.FromSeconds(15)));
        Assert.StartsWith("pcapcore: WARNING: When trying to set timestamp type 'adapter' on eth0: That type of time stamp is not supported by that device\n",
            run.StandardError, StringComparison.Ordinal);
        Assert.Contains("ICMP echo request", run.StandardOutput, StringComparison.Ordinal);
    }
}
