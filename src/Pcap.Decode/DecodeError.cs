namespace Pcap.Decode;

/// <summary>Why a header could not be read: which layer, what was wrong, how many bytes it needed and had.</summary>
/// <param name="Layer">The protocol whose header failed, e.g. <c>"ipv4"</c>.</param>
/// <param name="Kind">What was wrong.</param>
/// <param name="Required">Bytes (or the value) the header needed.</param>
/// <param name="Available">Bytes (or the value) it found.</param>
public readonly record struct DecodeError(string Layer, DecodeErrorKind Kind, int Required, int Available)
{
    /// <summary>A too-short error for <paramref name="layer"/>.</summary>
    public static DecodeError Truncated(string layer, int required, int available) =>
        new(layer, DecodeErrorKind.Truncated, required, available);

    /// <summary>An invalid-field error for <paramref name="layer"/>.</summary>
    public static DecodeError Invalid(string layer, int expected, int found) =>
        new(layer, DecodeErrorKind.InvalidField, expected, found);

    /// <summary>True when this is an error (not the default value).</summary>
    public bool IsError => Kind != DecodeErrorKind.None;

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        DecodeErrorKind.Truncated => $"{Layer}: truncated, needs {Required} bytes, has {Available}",
        DecodeErrorKind.InvalidField => $"{Layer}: invalid field, expected {Required}, found {Available}",
        DecodeErrorKind.Unsupported => $"{Layer}: unsupported type {Available}",
        DecodeErrorKind.TooManyLayers => $"{Layer}: more than {Required} layers",
        _ => "no error",
    };
}

/// <summary>The kinds of <see cref="DecodeError"/>.</summary>
public enum DecodeErrorKind
{
    /// <summary>No error.</summary>
    None = 0,
    /// <summary>Fewer bytes than the header needs.</summary>
    Truncated,
    /// <summary>A field holds a value the header cannot have (version, header length, ...).</summary>
    InvalidField,
    /// <summary>A link type the walk does not decode (<see cref="DecodeError.Available"/> is its number).</summary>
    Unsupported,
    /// <summary>More layers than a walk holds (<see cref="DecodeError.Required"/> is the limit).</summary>
    TooManyLayers,
}
