namespace Pcap.Decode.Network;

/// <summary>
/// The options of an IPv4 or TCP header, one at a time: <c>foreach (var option in tcp.OptionList)</c>. End-of-list and
/// no-op are one byte; every other option has a length byte. A length that is too short or runs past the options ends
/// the walk with <see cref="Error"/> set (tcpdump prints such an option as bad).
/// </summary>
public ref struct TlvOptions
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly string _layer;
    private int _next;

    /// <summary>Walks <paramref name="options"/> (the bytes between a header's fixed part and its header length).</summary>
    /// <param name="options">The option bytes.</param>
    /// <param name="layer">The layer named in <see cref="Error"/>, e.g. <c>"tcp-option"</c>.</param>
    public TlvOptions(ReadOnlySpan<byte> options, string layer)
    {
        _bytes = options;
        _layer = layer;
        _next = 0;
        Current = default;
        Error = default;
    }

    /// <summary>The current option.</summary>
    public TlvOption Current { get; private set; }

    /// <summary>Why the walk stopped early, or a default value (<see cref="DecodeErrorKind.None"/>).</summary>
    public DecodeError Error { get; private set; }

    /// <summary>Returns this walker (for <c>foreach</c>).</summary>
    public readonly TlvOptions GetEnumerator() => this;

    /// <summary>Moves to the next option.</summary>
    public bool MoveNext()
    {
        if (!TlvOption.TryReadNext(_bytes, _next, _layer, out var option, out _next, out var error))
        {
            Error = error;
            return false;
        }
        Current = option;
        return true;
    }
}
