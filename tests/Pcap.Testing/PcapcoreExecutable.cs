namespace Pcap.Testing;

/// <summary>
/// The <c>pcapcore</c> executable the process-level tests run: the NativeAOT build when <c>PCAPCORE_EXECUTABLE</c>
/// names one (Pcap.Packaging.Tests' NativeAotTests runs the process-level CLI tests a second time that way),
/// otherwise the framework-dependent apphost the test project builds next to itself.
/// </summary>
public static class PcapcoreExecutable
{
    /// <summary>The environment variable that points the tests at another build.</summary>
    public const string Variable = "PCAPCORE_EXECUTABLE";

    /// <summary>The full path; fails with a message when it is missing.</summary>
    public static string Path
    {
        get
        {
            string path = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } chosen
                ? System.IO.Path.GetFullPath(chosen)
                : System.IO.Path.Combine(AppContext.BaseDirectory, "pcapcore");
            if (!File.Exists(path))
                throw new InvalidOperationException($"{path} is missing: build the solution (dotnet build PcapCore.sln -c Release) first, or set {Variable}");
            return path;
        }
    }
}
