using System.Globalization;
using Pcap.Testing;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests.Support.RealTraffic;

/// <summary>
/// A client and a server namespace joined by a veth pair with fixed MAC addresses, IPv4 and IPv6 (names carry the
/// test's pid). Only private addresses; disposing deletes both namespaces and everything in them.
/// </summary>
internal sealed class TrafficTopology : IDisposable
{
    /// <summary>The client's IPv4 address on eth0.</summary>
    public const string ClientAddress = "10.201.0.1";
    /// <summary>The server's IPv4 address on eth0.</summary>
    public const string ServerAddress = "10.201.0.2";
    /// <summary>The client's IPv6 address on eth0.</summary>
    public const string ClientAddress6 = "fd00:201::1";
    /// <summary>The server's IPv6 address on eth0.</summary>
    public const string ServerAddress6 = "fd00:201::2";
    /// <summary>The client's MAC address (what DHCP shows as "Request from").</summary>
    public const string ClientMac = "02:00:0a:c9:00:01";
    /// <summary>The server's MAC address.</summary>
    public const string ServerMac = "02:00:0a:c9:00:02";
    /// <summary>The interface name on both sides.</summary>
    public const string Interface = "eth0";

    private TrafficTopology(NetworkNamespace client, NetworkNamespace server)
    {
        Client = client;
        Server = server;
    }

    /// <summary>The namespace that runs the clients and the capture.</summary>
    public NetworkNamespace Client { get; }

    /// <summary>The namespace that runs the daemons.</summary>
    public NetworkNamespace Server { get; }

    /// <summary>Builds both namespaces and the link between them; on failure deletes what it made.</summary>
    public static TrafficTopology Create()
    {
        string pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var client = NetworkNamespace.Create($"tc{pid}");
        NetworkNamespace? server = null;
        try
        {
            server = NetworkNamespace.Create($"ts{pid}");
            client.Ip("link", "add", Interface, "address", ClientMac, "type", "veth", "peer", "name", "eth0s", "address", ServerMac, "netns", server.Name);
            server.Ip("link", "set", "eth0s", "name", Interface);
            foreach (var (ns, address, address6) in new[] { (client, ClientAddress, ClientAddress6), (server, ServerAddress, ServerAddress6) })
            {
                ns.Ip("addr", "add", $"{address}/24", "dev", Interface);
                ns.Ip("addr", "add", $"{address6}/64", "dev", Interface, "nodad");
                ns.Ip("link", "set", Interface, "up");
            }
            return new TrafficTopology(client, server);
        }
        catch
        {
            server?.Dispose();
            client.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="program"/> in the client namespace; fails with its output when it exits non-zero.</summary>
    public ExternalTool.Result InClient(string program, params string[] arguments) => Run(Client, program, arguments, mustSucceed: true);

    /// <summary>Runs <paramref name="program"/> in the server namespace; fails with its output when it exits non-zero.</summary>
    public ExternalTool.Result InServer(string program, params string[] arguments) => Run(Server, program, arguments, mustSucceed: true);

    /// <summary>Runs a client whose failure is part of the scenario (a refused login, an unanswered multicast query).</summary>
    public ExternalTool.Result InClientMayFail(string program, params string[] arguments) => Run(Client, program, arguments, mustSucceed: false);

    /// <summary>Deletes both namespaces.</summary>
    public void Dispose()
    {
        Server.Dispose();
        Client.Dispose();
    }

    private static ExternalTool.Result Run(NetworkNamespace ns, string program, string[] arguments, bool mustSucceed)
    {
        var result = ExternalTool.Run("ip", ["netns", "exec", ns.Name, TrafficTools.Require(program), .. arguments], TimeSpan.FromSeconds(30));
        if (mustSucceed && result.ExitCode != 0)
            throw new InvalidOperationException(
                $"'{program} {string.Join(' ', arguments)}' in {ns.Name} exited {result.ExitCode}: {result.StandardError.Trim()} {result.StandardOutput.Trim()}");
        return result;
    }
}
