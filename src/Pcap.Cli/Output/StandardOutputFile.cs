namespace Pcap.Cli.Output;

/// <summary>
/// stdout as a <c>-w -</c> capture file. Its position is what tcpdump's <c>pcap_dump_ftell</c> gets from ftell(3): the
/// descriptor's offset when stdout is a file, so <c>-C</c> rotates after the same packet; on a pipe there is none, and
/// <c>-C</c> fails on the first packet with tcpdump's "ftell fails on output file".
/// </summary>
internal sealed class StandardOutputFile : WriteOnlyStream
{
    private readonly Stream _inner;
    private readonly long? _start;
    private long _written;

    private StandardOutputFile(Stream inner, long? start)
    {
        _inner = inner;
        _start = start;
    }

    /// <summary>Wraps <paramref name="stdout"/> (descriptor 1, or a test's stream) with a 64 KiB buffer, as stdio's.</summary>
    public static StandardOutputFile Open(Stream stdout)
    {
        long? start = stdout switch
        {
            DescriptorStream descriptor => descriptor.Offset,
            { CanSeek: true } seekable => seekable.Position,
            _ => null,
        };
        return new StandardOutputFile(new BufferedStream(new StandardOutputStream(stdout), 1 << 16), start);
    }

    /// <summary>The offset ftell(3) would report, buffered bytes included.</summary>
    public override long Position
    {
        get => _start is { } start ? start + _written : throw new OutputPositionException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _inner.Write(buffer);
        _written += buffer.Length;
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override void Flush() => _inner.Flush();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>ftell(3) has no answer for stdout (a pipe), and <c>-C</c> needs one: tcpdump stops with this message.</summary>
internal sealed class OutputPositionException() : IOException("ftell fails on output file");
