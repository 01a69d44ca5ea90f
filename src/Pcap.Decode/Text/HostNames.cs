using System.Net;

namespace Pcap.Decode.Text;

/// <summary>
/// Address-to-name lookups for printing without <c>-n</c>: only /etc/hosts, read once, so printing never blocks on DNS.
/// </summary>
internal sealed class HostNames
{
    private readonly Dictionary<UInt128, string> _names = new();

    /// <summary>The names from the machine's /etc/hosts.</summary>
    public static HostNames Shared { get; } = Load("/etc/hosts");

    /// <summary>Reads a hosts file; a missing or unreadable file gives no names.</summary>
    public static HostNames Load(string path)
    {
        var hosts = new HostNames();
        try
        {
            foreach (var raw in File.ReadLines(path))
            {
                var line = raw;
                var hash = line.IndexOf('#', StringComparison.Ordinal);
                if (hash >= 0)
                    line = line[..hash];
                var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2 || !IPAddress.TryParse(fields[0], out var address))
                    continue;
                var key = Key(address.GetAddressBytes());
                hosts._names.TryAdd(key, fields[1]);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return hosts;
    }

    /// <summary>The same names cut at their first dot, as tcpdump's <c>-N</c> prints them.</summary>
    public HostNames WithoutDomains()
    {
        var hosts = new HostNames();
        foreach (var (key, name) in _names)
            hosts._names[key] = name.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot ? name[..dot] : name;
        return hosts;
    }

    /// <summary>The first name for <paramref name="address"/> (4 or 16 bytes), or null.</summary>
    public string? Find(ReadOnlySpan<byte> address) => _names.GetValueOrDefault(Key(address));

    private static UInt128 Key(ReadOnlySpan<byte> address)
    {
        UInt128 key = address.Length == 4 ? (UInt128)1 << 127 : 0;
        foreach (var b in address)
            key = key << 8 | b;
        return key;
    }
}
