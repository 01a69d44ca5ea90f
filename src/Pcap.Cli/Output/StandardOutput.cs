namespace Pcap.Cli.Output;

/// <summary>
/// The process's stdout as a plain file descriptor. .NET's console stream drops writes to a closed pipe silently, so
/// <c>pcapcore ... | head -2</c> would go on capturing (or reading the whole file) after head exits; write(2) on
/// descriptor 1 reports EPIPE as tcpdump sees it.
/// </summary>
internal static class StandardOutput
{
    /// <summary>tcpdump's exit status when it cannot write its output (S_ERR_ND_WRITE_FILE).</summary>
    public const int WriteFailedExitCode = 14;

    /// <summary>Descriptor 1, unbuffered (the sinks buffer); disposing does not close it.</summary>
    public static Stream Open() => new DescriptorStream(1);

    /// <summary>tcpdump's message for a failed write to its output.</summary>
    public static string Describe(StandardOutputException e) => $"Unable to write output: {e.Message}";
}

/// <summary>Writing to stdout failed (a closed pipe, a full disk); the message is the system's reason ("Broken pipe").</summary>
internal sealed class StandardOutputException(string message, Exception inner) : IOException(message, inner);

/// <summary>
/// Wraps stdout so a failed write surfaces once as <see cref="StandardOutputException"/>; after that writes are dropped,
/// so that disposing the sinks on the way out does not fail a second time.
/// </summary>
internal sealed class StandardOutputStream(Stream inner) : WriteOnlyStream
{
    private bool _broken;

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Guard(() => inner.Write(buffer, offset, count));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_broken)
            return;
        try
        {
            inner.Write(buffer);
        }
        catch (IOException e) when (e is not StandardOutputException)
        {
            _broken = true;
            throw new StandardOutputException(e.Message, e);
        }
    }

    /// <inheritdoc/>
    public override void Flush() => Guard(inner.Flush);

    private void Guard(Action write)
    {
        if (_broken)
            return;
        try
        {
            write();
        }
        catch (IOException e) when (e is not StandardOutputException)
        {
            _broken = true;
            throw new StandardOutputException(e.Message, e);
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                inner.Dispose();
            }
            catch (IOException) when (_broken)
            {
                // Already reported.
            }
        }
        base.Dispose(disposing);
    }
}
