namespace Pcap.Decode.Files;

/// <summary>
/// A capture file that cannot be read: corrupt, truncated, or asking for more than the reader allows.
/// The message names the byte <see cref="Offset"/> where the problem starts.
/// </summary>
public sealed class CaptureFileException : Exception
{
    /// <summary>Creates the exception for a problem at <paramref name="offset"/>.</summary>
    /// <param name="message">What is wrong, already naming the offset.</param>
    /// <param name="offset">Byte offset from the start of the file where the bad structure begins.</param>
    public CaptureFileException(string message, long offset) : base(message) => Offset = offset;

    /// <summary>Creates the exception for a problem at <paramref name="offset"/> caused by <paramref name="inner"/>.</summary>
    /// <param name="message">What is wrong, already naming the offset.</param>
    /// <param name="offset">Byte offset from the start of the file where the bad structure begins.</param>
    /// <param name="inner">The I/O failure underneath.</param>
    public CaptureFileException(string message, long offset, Exception inner) : base(message, inner) => Offset = offset;

    /// <summary>Byte offset from the start of the file where the bad structure begins.</summary>
    public long Offset { get; }
}
