using System.Buffers.Binary;
using Pcap.Decode.Buffers;

namespace Pcap.Decode.Files;

/// <summary>
/// Reads packets from a pcap or pcapng capture, whichever the file's magic number says. Packet bytes come back as
/// spans over one pooled buffer that is reused for every read, so steady-state reading allocates nothing.
/// Every problem in the file surfaces as a <see cref="CaptureFileException"/> naming the byte offset.
/// </summary>
/// <example><code>
/// using var reader = CaptureReader.Open("capture.pcap");
/// while (reader.TryReadPacket(out var packet))
///     Console.WriteLine($"{packet.TimestampNanoseconds} {packet.WireLength}");
/// </code></example>
public abstract class CaptureReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private uint _pushback;
    private int _pushbackCount;
    private bool _disposed;

    private protected CaptureReader(Stream stream, bool leaveOpen, ReadOnlySpan<byte> alreadyRead)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Buffer = new PacketBuffer();
        // The magic was consumed to pick the format; hand it back to the format's own header parser.
        _pushback = BinaryPrimitives.ReadUInt32LittleEndian(alreadyRead);
        _pushbackCount = alreadyRead.Length;
    }

    /// <summary>The container format: pcap or pcapng.</summary>
    public abstract CaptureFileFormat Format { get; }

    /// <summary>The LINKTYPE_ number of the file (pcap) or of the first interface (pcapng), as tcpdump reports it.</summary>
    public LinkType LinkType { get; private protected set; }

    /// <summary>The snapshot length of the file (pcap) or of the first interface (pcapng); 0 in pcapng means no limit.</summary>
    public uint SnapLength { get; private protected set; }

    /// <summary>The number of bytes consumed from the start of the file so far.</summary>
    public long Position { get; private set; }

    /// <summary>The pooled buffer that packet spans point into.</summary>
    private protected PacketBuffer Buffer { get; }

    /// <summary>Opens the capture file at <paramref name="path"/>; throws <see cref="CaptureFileException"/> for a bad header.</summary>
    /// <param name="path">The file to read.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened for reading.</exception>
    public static CaptureReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1 << 16);
        try
        {
            return Open(stream, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens a capture from <paramref name="stream"/>, which need not be seekable (a pipe or stdin works).</summary>
    /// <param name="stream">The capture bytes, positioned at the file header. Wrap unbuffered streams in a <see cref="BufferedStream"/>.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when the reader is disposed.</param>
    public static CaptureReader Open(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> magicBytes = stackalloc byte[4];
        int got = ReadSome(stream, magicBytes, 0);
        if (got == 0)
            throw new CaptureFileException("empty capture file at offset 0: no file header", 0);
        if (got < 4)
            throw new CaptureFileException($"truncated file header at offset 0: needs 4 bytes for the magic number, file has {got}", 0);

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(magicBytes);
        uint swapped = BinaryPrimitives.ReverseEndianness(magic);
        if (magic == PcapMagic.PcapNgSectionHeader)
            return new PcapNgReader(stream, leaveOpen, magicBytes);
        if (IsPcapMagic(magic) || IsPcapMagic(swapped))
            return new PcapReader(stream, leaveOpen, magicBytes);
        throw new CaptureFileException($"unknown file format at offset 0: magic number 0x{magic:x8} is neither pcap nor pcapng", 0);

        static bool IsPcapMagic(uint value) =>
            value is PcapMagic.Microseconds or PcapMagic.Nanoseconds or PcapMagic.Modified;
    }

    /// <summary>
    /// Reads the next packet. Returns false at a clean end of file; throws <see cref="CaptureFileException"/> for a
    /// corrupt or truncated record. The packet's <see cref="CapturedPacket.Data"/> is valid until the next call.
    /// </summary>
    /// <param name="packet">The packet read, or default at the end of the file.</param>
    public abstract bool TryReadPacket(out CapturedPacket packet);

    /// <summary>
    /// Fills <paramref name="destination"/> completely. Returns false when the file ends exactly before it and
    /// <paramref name="endIsClean"/> allows that; otherwise a short read throws, naming <paramref name="what"/>.
    /// </summary>
    private protected bool ReadExactly(Span<byte> destination, string what, bool endIsClean)
    {
        long start = Position;
        int got = ReadAvailable(destination);
        if (got == destination.Length)
            return true;
        if (got == 0 && endIsClean)
            return false;
        throw new CaptureFileException($"truncated {what} at offset {start}: needs {destination.Length} bytes, file has {got}", start);
    }

    /// <summary>Reads as much of <paramref name="destination"/> as the file still holds; returns the count.</summary>
    private protected int ReadAvailable(Span<byte> destination)
    {
        int got = 0;
        while (_pushbackCount > 0 && got < destination.Length)
        {
            destination[got++] = (byte)_pushback;
            _pushback >>= 8;
            _pushbackCount--;
        }
        got += ReadSome(_stream, destination[got..], Position + got);
        Position += got;
        return got;
    }

    /// <summary>
    /// Reads up to <paramref name="length"/> bytes into the pooled buffer at <paramref name="start"/>, keeping the bytes
    /// before it. The buffer grows only as data actually arrives, so a corrupt length in a short file costs no big
    /// allocation. Returns the number of bytes read; fewer than asked means the file ended.
    /// </summary>
    private protected int ReadIntoBuffer(int start, int length)
    {
        const int GrowthStep = 1 << 20;
        int got = 0;
        while (got < length)
        {
            int filled = start + got;
            Buffer.EnsureCapacity((int)Math.Min(start + (long)length, Math.Max(Buffer.Capacity, filled + (long)GrowthStep)), filled);
            int chunk = Math.Min(length - got, Buffer.Capacity - filled);
            int read = ReadAvailable(Buffer.Span.Slice(filled, chunk));
            got += read;
            if (read < chunk)
                break;
        }
        return got;
    }

    /// <summary>Builds the error for a packet whose header promises more bytes than the file holds.</summary>
    private protected static CaptureFileException Truncated(string what, long offset, long promised, long present) =>
        new($"truncated {what} at offset {offset}: header says {promised} bytes, file has {present}", offset);

    private static int ReadSome(Stream stream, Span<byte> destination, long offset)
    {
        try
        {
            return stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        }
        catch (IOException e)
        {
            throw new CaptureFileException($"read error at offset {offset}: {e.Message}", offset, e);
        }
    }

    /// <summary>Closes the stream (unless left open) and returns the pooled buffer.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the stream and buffer.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
            return;
        _disposed = true;
        Buffer.Dispose();
        if (!_leaveOpen)
            _stream.Dispose();
    }
}
