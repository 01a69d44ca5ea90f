using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests.Support.RealTraffic;

/// <summary>
/// Records one pcap per scenario: tcpdump writes the client's eth0 while the scenario's traffic runs, and the file is
/// kept as <c>DIRECTORY/SCENARIO.pcap</c> (and copied to <c>$PCAPCORE_TRAFFIC_CAPTURES</c> when that is set, so the
/// captures can be read outside the test). Owns the topology, a scratch folder for configuration files, and every
/// daemon it started; disposing stops them and deletes the namespaces, whatever happened.
/// </summary>
internal sealed class TrafficRecorder : IDisposable
{
    /// <summary>The environment variable naming a folder to copy each recorded pcap into.</summary>
    public const string ExportVariable = "PCAPCORE_TRAFFIC_CAPTURES";

    private readonly List<NamespaceDaemon> _daemons = [];
    private readonly string _scratch;

    /// <summary>Builds the topology; the pcaps go to <paramref name="directory"/>.</summary>
    public TrafficRecorder(string directory)
    {
        Directory = directory;
        Topology = TrafficTopology.Create();
        _scratch = System.IO.Directory.CreateTempSubdirectory("pcapcore-traffic-work-").FullName;
    }

    /// <summary>The client and server namespaces.</summary>
    public TrafficTopology Topology { get; }

    /// <summary>Where the pcaps are written.</summary>
    public string Directory { get; }

    /// <summary>The path of a scenario's pcap.</summary>
    public string PcapPath(string scenario) => PcapPath(Directory, scenario);

    /// <summary>The path of <paramref name="scenario"/>'s pcap in <paramref name="directory"/>.</summary>
    public static string PcapPath(string directory, string scenario) => Path.Combine(directory, scenario + ".pcap");

    /// <summary>Captures on the client's eth0 while <paramref name="traffic"/> runs and keeps the file.</summary>
    public void Record(string scenario, Action traffic)
    {
        using (var session = TcpdumpSession.Start(Topology.Client, TrafficTopology.Interface, ""))
        {
            try
            {
                traffic();
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"scenario {scenario}: {e.Message}", e);
            }
            // The last segments (FIN, ACK) and delayed reports follow the client's exit by a few milliseconds.
            Thread.Sleep(300);
            session.StopAndRead();
            File.Copy(session.File, PcapPath(scenario), overwrite: true);
        }
        string? export = Environment.GetEnvironmentVariable(ExportVariable);
        if (!string.IsNullOrEmpty(export))
        {
            System.IO.Directory.CreateDirectory(export);
            File.Copy(PcapPath(scenario), PcapPath(export, scenario), overwrite: true);
        }
    }

    /// <summary>Starts a daemon in <paramref name="ns"/> that lives until the recorder is disposed (or stopped earlier).</summary>
    public NamespaceDaemon Start(NetworkNamespace ns, string program, params string[] arguments)
    {
        var daemon = NamespaceDaemon.Start(ns, program, arguments);
        _daemons.Add(daemon);
        return daemon;
    }

    /// <summary>Writes <paramref name="content"/> to a scratch file and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        string path = ScratchPath(name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A path in the scratch folder (deleted on dispose).</summary>
    public string ScratchPath(string name) => Path.Combine(_scratch, name);

    /// <summary>The path of a helper script shipped beside the test assembly.</summary>
    public static string Script(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "RealTrafficScripts", name);
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} is missing: the test project copies Support/RealTraffic/Scripts to its output");
        return path;
    }

    /// <summary>Stops every daemon, deletes the namespaces and the scratch folder.</summary>
    public void Dispose()
    {
        foreach (var daemon in _daemons)
            daemon.Dispose();
        Topology.Dispose();
        System.IO.Directory.Delete(_scratch, recursive: true);
    }
}
