namespace Pcap.Decode.Text;

/// <summary>Port-to-service names for printing without <c>-n</c>, read once from /etc/services as tcpdump does.</summary>
internal static class ServiceNames
{
    private static readonly Lazy<(Dictionary<ushort, string> Tcp, Dictionary<ushort, string> Udp)> Tables = new(() => Load("/etc/services"));

    /// <summary>The service name of <paramref name="port"/>, or null.</summary>
    public static string? Find(ushort port, bool tcp) => (tcp ? Tables.Value.Tcp : Tables.Value.Udp).GetValueOrDefault(port);

    private static (Dictionary<ushort, string>, Dictionary<ushort, string>) Load(string path)
    {
        var tcp = new Dictionary<ushort, string>();
        var udp = new Dictionary<ushort, string>();
        try
        {
            foreach (var raw in File.ReadLines(path))
            {
                var line = raw;
                var hash = line.IndexOf('#', StringComparison.Ordinal);
                if (hash >= 0)
                    line = line[..hash];
                var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2)
                    continue;
                var slash = fields[1].IndexOf('/', StringComparison.Ordinal);
                if (slash < 0 || !ushort.TryParse(fields[1].AsSpan(0, slash), out var port))
                    continue;
                var protocol = fields[1][(slash + 1)..];
                if (protocol == "tcp")
                    tcp.TryAdd(port, fields[0]);
                else if (protocol == "udp")
                    udp.TryAdd(port, fields[0]);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return (tcp, udp);
    }
}
