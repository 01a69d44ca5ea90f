namespace Pcap.Testing.Namespaces;

/// <summary>
/// Two namespaces joined by a veth pair: <c>Left</c> has <c>eth0</c> 10.200.0.1/24 and <c>Right</c> has <c>eth0</c>
/// 10.200.0.2/24. Disposing deletes both (and with them the pair).
/// </summary>
public sealed class VethTopology : IDisposable
{
    /// <summary>The left end's IPv4 address.</summary>
    public const string LeftAddress = "10.200.0.1";
    /// <summary>The right end's IPv4 address.</summary>
    public const string RightAddress = "10.200.0.2";
    /// <summary>The interface name on both sides.</summary>
    public const string InterfaceName = "eth0";

    private VethTopology(NetworkNamespace left, NetworkNamespace right)
    {
        Left = left;
        Right = right;
    }

    /// <summary>The namespace holding 10.200.0.1.</summary>
    public NetworkNamespace Left { get; }

    /// <summary>The namespace holding 10.200.0.2.</summary>
    public NetworkNamespace Right { get; }

    /// <summary>Builds the pair; <paramref name="disableIpv6"/> keeps router solicitations and ND out of captures.</summary>
    public static VethTopology Create(bool disableIpv6 = true)
    {
        var left = NetworkNamespace.Create("l");
        NetworkNamespace? right = null;
        try
        {
            right = NetworkNamespace.Create("r");
            left.Ip("link", "add", InterfaceName, "type", "veth", "peer", "name", "peer0", "netns", right.Name);
            right.Ip("link", "set", "peer0", "name", InterfaceName);
            foreach (var (ns, address) in new[] { (left, LeftAddress), (right, RightAddress) })
            {
                if (disableIpv6)
                    ns.Exec("sysctl", "-q", "-w", $"net.ipv6.conf.{InterfaceName}.disable_ipv6=1");
                ns.Ip("addr", "add", $"{address}/24", "dev", InterfaceName);
                ns.Ip("link", "set", InterfaceName, "up");
            }
            return new VethTopology(left, right);
        }
        catch
        {
            right?.Dispose();
            left.Dispose();
            throw;
        }
    }

    /// <summary>Deletes both namespaces.</summary>
    public void Dispose()
    {
        Right.Dispose();
        Left.Dispose();
    }
}
