namespace Pcap.Decode.Network;

/// <summary>
/// The options of an IPv6 hop-by-hop or destination-options header (see <see cref="Ipv6ExtensionHeader.Options"/>), one at
/// a time. An option whose length byte or data runs past the options ends the walk with <see cref="Error"/> set.
/// </summary>
public ref struct Ipv6Options
{
    private readonly ReadOnlySpan<byte> _bytes;
    private int _next;

    /// <summary>Walks <paramref name="options"/>.</summary>
    public Ipv6Options(ReadOnlySpan<byte> options)
    {
        _bytes = options;
        _next = 0;
        Current = default;
        Error = default;
    }

    /// <summary>The current option.</summary>
    public Ipv6Option Current { get; private set; }

    /// <summary>Why the walk stopped early, or a default value (<see cref="DecodeErrorKind.None"/>).</summary>
    public DecodeError Error { get; private set; }

    /// <summary>Returns this walker (for <c>foreach</c>, which walks a copy: read <see cref="Error"/> after a <c>while (MoveNext())</c>).</summary>
    public readonly Ipv6Options GetEnumerator() => this;

    /// <summary>Moves to the next option.</summary>
    public bool MoveNext()
    {
        var at = _next;
        if (at >= _bytes.Length)
            return false;
        int length;
        if (_bytes[at] == 0)
        {
            length = 1;
        }
        else if (at + 1 < _bytes.Length)
        {
            length = _bytes[at + 1] + 2;
        }
        else
        {
            Error = DecodeError.Truncated("ip6-option", 2, 1);
            _next = _bytes.Length;
            return false;
        }
        if (at + length > _bytes.Length)
        {
            Error = DecodeError.Truncated("ip6-option", length, _bytes.Length - at);
            _next = _bytes.Length;
            return false;
        }
        Current = new Ipv6Option(at, _bytes.Slice(at, length), _bytes.Length - at);
        _next = at + length;
        return true;
    }
}
