namespace Pcap.Decode.Text;

/// <summary>IP protocol names from /etc/protocols for printing without <c>-n</c> (tcpdump's <c>netdb_protoname</c>).</summary>
internal static class ProtocolNames
{
    private static readonly Lazy<Dictionary<byte, string>> Table = new(() => Load("/etc/protocols"));

    /// <summary>The name of <paramref name="protocol"/>, or null.</summary>
    public static string? Find(byte protocol) => protocol switch
    {
        // tcpdump's own table follows IANA, which names the two experimental numbers /etc/protocols leaves out.
        253 => "exptest-253",
        254 => "exptest-254",
        _ => Table.Value.GetValueOrDefault(protocol),
    };

    private static Dictionary<byte, string> Load(string path)
    {
        var names = new Dictionary<byte, string>();
        try
        {
            foreach (var raw in File.ReadLines(path))
            {
                var line = raw;
                var hash = line.IndexOf('#', StringComparison.Ordinal);
                if (hash >= 0)
                    line = line[..hash];
                var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 2 && byte.TryParse(fields[1], out var number))
                    names.TryAdd(number, fields[0]);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return names;
    }
}
