using Pcap.Testing;

namespace Pcap.Parquet.Tests.Support;

/// <summary>Runs the pcapcore built beside the tests.</summary>
internal static class Pcapcore
{
    /// <summary>Runs pcapcore with <paramref name="arguments"/>; fails with its output unless it exits 0.</summary>
    public static ExternalTool.Result Export(params string[] arguments)
    {
        var result = ExternalTool.Run(PcapcoreExecutable.Path, arguments, TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0, $"pcapcore {string.Join(' ', arguments)} exited {result.ExitCode}:\n{result.StandardError}");
        return result;
    }

    /// <summary>Runs pcapcore and returns whatever happened.</summary>
    public static ExternalTool.Result Run(params string[] arguments) => ExternalTool.Run(PcapcoreExecutable.Path, arguments, TimeSpan.FromMinutes(5));
}
