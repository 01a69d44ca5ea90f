namespace Pcap.Decode.Text;

/// <summary>Interface index to name, as <c>if_indextoname</c> gives tcpdump for SLL2 lines; read from /sys/class/net and cached.</summary>
internal sealed class InterfaceNames
{
    private Dictionary<uint, string> _names = new();
    private long _lastRefreshTicks;
    private bool _scanned;

    /// <summary>The name of interface <paramref name="index"/> on this machine, or null.</summary>
    public string? Find(uint index)
    {
        if (_names.TryGetValue(index, out var name))
            return name;
        // An unknown index may be a new interface: rescan, but at most once a second.
        var now = Environment.TickCount64;
        if (_scanned && now - _lastRefreshTicks < 1000)
            return null;
        _scanned = true;
        _lastRefreshTicks = now;
        _names = Scan();
        return _names.GetValueOrDefault(index);
    }

    private static Dictionary<uint, string> Scan()
    {
        var names = new Dictionary<uint, string>();
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries("/sys/class/net"))
            {
                var indexFile = Path.Combine(entry, "ifindex");
                if (File.Exists(indexFile) && uint.TryParse(File.ReadAllText(indexFile).Trim(), out var index))
                    names.TryAdd(index, Path.GetFileName(entry));
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
