using Pcap.Testing;

namespace Pcap.Live.Tests.Support.RealTraffic;

/// <summary>The daemons and clients the real-traffic scenarios run, each with the Debian package eng/test.sh installs it from.</summary>
internal static class TrafficTools
{
    /// <summary>Program name to Debian package; eng/test.sh's <c>missing()</c> checks the same commands.</summary>
    public static readonly IReadOnlyDictionary<string, string> Packages = new Dictionary<string, string>
    {
        ["tcpdump"] = "tcpdump",
        ["ip"] = "iproute2",
        ["ss"] = "iproute2",
        ["ping"] = "iputils-ping",
        ["python3"] = "python3",
        ["dnsmasq"] = "dnsmasq-base",
        ["dig"] = "bind9-dnsutils",
        ["busybox"] = "busybox",
        ["chronyd"] = "chrony",
        ["curl"] = "curl",
        ["openssl"] = "openssl",
        ["sshd"] = "openssh-server",
        ["ssh"] = "openssh-client",
        ["ssh-keygen"] = "openssh-client",
        ["socat"] = "socat",
        ["logger"] = "bsdutils",
        ["avahi-daemon"] = "avahi-daemon",
    };

    /// <summary>The full path of <paramref name="program"/>, or an exception naming the package that provides it.</summary>
    public static string Require(string program)
    {
        try
        {
            return ExternalTool.Require(program);
        }
        catch (InvalidOperationException)
        {
            string package = Packages.TryGetValue(program, out var name) ? name : "?";
            throw new InvalidOperationException($"{program} not found: eng/test.sh installs it (Debian package {package})");
        }
    }

    /// <summary>Fails naming every missing program at once, so one run tells everything that needs installing.</summary>
    public static void RequireAll()
    {
        var missing = Packages.Keys.Where(p => !Exists(p)).Select(p => $"{p} (Debian package {Packages[p]})").ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"the real-traffic scenarios need {string.Join(", ", missing)}: eng/test.sh installs them");
    }

    private static bool Exists(string program)
    {
        try
        {
            ExternalTool.Require(program);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
