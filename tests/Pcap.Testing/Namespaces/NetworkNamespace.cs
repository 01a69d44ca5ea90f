using System.Security.Cryptography;

namespace Pcap.Testing.Namespaces;

/// <summary>
/// A network namespace with a unique name (<c>pc-</c> plus random hex) that is deleted on <see cref="Dispose"/>,
/// taking its links, addresses, routes and firewall rules with it. Tests send traffic only inside these.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    /// <summary>The prefix every test namespace name starts with, so leftovers are recognisable.</summary>
    public const string Prefix = "pc-";

    private int _disposed;

    private NetworkNamespace(string name) => Name = name;

    /// <summary>The namespace name, as <c>ip netns</c> knows it.</summary>
    public string Name { get; }

    /// <summary>Creates a fresh namespace with loopback up; <paramref name="role"/> (short) makes the name readable.</summary>
    public static NetworkNamespace Create(string role = "t")
    {
        string name = $"{Prefix}{role}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        RunIp("netns", "add", name);
        var created = new NetworkNamespace(name);
        try
        {
            created.Ip("link", "set", "lo", "up");
            return created;
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Wraps a namespace someone else created and will delete (for example the lab's); disposing this wrapper deletes
    /// nothing.
    /// </summary>
    public static NetworkNamespace Attach(string name)
    {
        if (!Exists(name))
            throw new InvalidOperationException($"network namespace '{name}' does not exist");
        return new NetworkNamespace(name) { _disposed = 1 };
    }

    /// <summary>Runs <c>ip -n NAME ARGS</c> and fails with ip's message when it fails.</summary>
    public string Ip(params string[] arguments) => RunIp(["-n", Name, .. arguments]);

    /// <summary>Runs a program inside the namespace (<c>ip netns exec</c>) and fails when it exits non-zero.</summary>
    public ExternalTool.Result Exec(string program, params string[] arguments)
    {
        var result = ExternalTool.Run("ip", ["netns", "exec", Name, ExternalTool.Require(program), .. arguments], TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
            throw new InvalidOperationException(
                $"'{program} {string.Join(' ', arguments)}' in namespace {Name} exited {result.ExitCode}: {result.StandardError.Trim()} {result.StandardOutput.Trim()}");
        return result;
    }

    /// <summary>The full argument list to start <paramref name="program"/> inside the namespace with <c>ip netns exec</c>.</summary>
    public string[] ExecArguments(string program, params string[] arguments) =>
        ["netns", "exec", Name, ExternalTool.Require(program), .. arguments];

    /// <summary>Deletes the namespace (idempotent).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        ExternalTool.Run("ip", ["netns", "del", Name], TimeSpan.FromSeconds(30));
    }

    /// <summary>Whether a namespace called <paramref name="name"/> exists.</summary>
    public static bool Exists(string name) => File.Exists($"/run/netns/{name}");

    private static string RunIp(params string[] arguments)
    {
        var result = ExternalTool.Run("ip", arguments, TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"'ip {string.Join(' ', arguments)}' failed: {result.StandardError.Trim()}");
        return result.StandardOutput;
    }
}
