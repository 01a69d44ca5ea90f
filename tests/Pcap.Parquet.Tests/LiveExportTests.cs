using System.Diagnostics;
using Pcap.Parquet.Tests.Support;
using Pcap.Testing;
using Pcap.Testing.Namespaces;

namespace Pcap.Parquet.Tests;

/// <summary><c>pcapcore -i IF --parquet OUT</c> on a veth between two namespaces: the pings it saw are rows.</summary>
public sealed class LiveExportTests
{
    [Fact]
    public async Task Live_capture_exports_the_pings_it_sees()
    {
        using var topology = VethTopology.Create();
        string directory = Directory.CreateTempSubdirectory("pcapcore-parquet-live-").FullName;
        try
        {
            string output = Path.Combine(directory, "live.parquet");
            var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { "netns", "exec", topology.Right.Name, PcapcoreExecutable.Path, "-i", VethTopology.InterfaceName,
                         "-c", "6", "--parquet", output, "icmp" })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var banner = new System.Text.StringBuilder();
            var stopwatch = Stopwatch.StartNew();
            while (!banner.ToString().Contains("listening on", StringComparison.Ordinal))
            {
                Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited, $"pcapcore did not start listening: {banner}");
                banner.Append(process.StandardError.ReadLine()).Append('\n');
            }
            var error = process.StandardError.ReadToEndAsync();
            topology.Left.Exec("ping", "-c", "3", "-i", "0.2", VethTopology.RightAddress);
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
            {
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill();
                    Assert.Fail($"pcapcore -c 6 did not stop after 3 pings and 3 replies: {banner}");
                }
            }
            Assert.True(process.ExitCode == 0, $"pcapcore exited {process.ExitCode}: {banner}{await error}");
            Assert.Equal("", await stdout);

            using var duck = new DuckDb();
            var rows = duck.Rows($"SELECT ip_src, ip_dst, icmp_type FROM read_parquet({DuckDb.Literal(output)}) ORDER BY frame_number");
            Assert.Equal(6, rows.Count);
            Assert.Equal(3, rows.Count(r => r["ip_src"] as string == VethTopology.LeftAddress && Convert.ToInt32(r["icmp_type"], System.Globalization.CultureInfo.InvariantCulture) == 8));
            Assert.Equal(3, rows.Count(r => r["ip_src"] as string == VethTopology.RightAddress && Convert.ToInt32(r["icmp_type"], System.Globalization.CultureInfo.InvariantCulture) == 0));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
