using System.Runtime.InteropServices;

namespace Pcap.Cli.Output;

/// <summary>
/// A write-only stream over an inherited descriptor (1 or 2) that calls write(2) directly. A FileStream would track its
/// own offset and pwrite at it, so stdout and stderr redirected to one file (<c>&gt; log 2&gt;&amp;1</c>) would overwrite
/// each other; write(2) uses the shared offset, as stdio does for tcpdump.
/// </summary>
internal sealed partial class DescriptorStream(int descriptor) : WriteOnlyStream
{
    private const int Interrupted = 4; // EINTR
    private const int SeekCurrent = 1;

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long SeekNative(int descriptor, long offset, int whence);

    /// <summary>The descriptor's file offset, or null when it has none (a pipe, a socket, a terminal).</summary>
    public long? Offset => SeekNative(descriptor, 0, SeekCurrent) is var offset and >= 0 ? offset : null;

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteNative(int descriptor, byte* buffer, nuint count);

    /// <inheritdoc/>
    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            int done = 0;
            while (done < buffer.Length)
            {
                nint written = WriteNative(descriptor, start + done, (nuint)(buffer.Length - done));
                if (written < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == Interrupted)
                        continue;
                    throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
                }
                done += (int)written;
            }
        }
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override void Flush()
    {
    }
}
