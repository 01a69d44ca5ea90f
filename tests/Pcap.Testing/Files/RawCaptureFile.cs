using System.Buffers.Binary;

namespace Pcap.Testing.Files;

/// <summary>
/// Builds pcap and pcapng files byte by byte, with any field value a writer would refuse (hostile snapshot lengths,
/// captured lengths above the snapshot length, fractions of a second at a million or more), for tests that compare
/// what tcpdump and PcapCore make of them. Little-endian unless asked otherwise.
/// </summary>
public sealed class RawCaptureFile
{
    private readonly MemoryStream _bytes = new();
    private bool _bigEndian;

    /// <summary>The file built so far.</summary>
    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>A pcap file header.</summary>
    public static RawCaptureFile Pcap(uint linkType, uint snapLength, uint magic = 0xA1B2C3D4, ushort major = 2, ushort minor = 4, bool bigEndian = false)
    {
        var file = new RawCaptureFile { _bigEndian = bigEndian };
        file.U32(magic).U16(major).U16(minor).U32(0).U32(0).U32(snapLength).U32(linkType);
        return file;
    }

    /// <summary>A pcap record: the header's four fields as given, then <paramref name="data"/> (its length need not match).</summary>
    public RawCaptureFile Record(uint seconds, uint fraction, uint capturedLength, uint wireLength, ReadOnlySpan<byte> data)
    {
        U32(seconds).U32(fraction).U32(capturedLength).U32(wireLength);
        _bytes.Write(data);
        return this;
    }

    /// <summary>A pcap record whose captured length is <paramref name="data"/>'s.</summary>
    public RawCaptureFile Record(uint seconds, uint fraction, ReadOnlySpan<byte> data, uint wireLength) =>
        Record(seconds, fraction, (uint)data.Length, wireLength, data);

    /// <summary>A pcapng file: its section header block.</summary>
    public static RawCaptureFile PcapNg()
    {
        var file = new RawCaptureFile();
        file.U32(0x0A0D0D0A).U32(28).U32(0x1A2B3C4D).U16(1).U16(0).U64(ulong.MaxValue).U32(28);
        return file;
    }

    /// <summary>An interface description block; <paramref name="resolution"/> adds an <c>if_tsresol</c> option.</summary>
    public RawCaptureFile Interface(ushort linkType, uint snapLength, byte? resolution = null, long? offsetSeconds = null)
    {
        int options = (resolution is null ? 0 : 8) + (offsetSeconds is null ? 0 : 12);
        if (options > 0)
            options += 4;
        uint total = (uint)(16 + options + 4);
        U32(1).U32(total).U16(linkType).U16(0).U32(snapLength);
        if (resolution is byte r)
            U16(9).U16(1).U32(r);
        if (offsetSeconds is long o)
            U16(14).U16(8).U64((ulong)o);
        if (options > 0)
            U32(0);
        return U32(total);
    }

    /// <summary>An enhanced packet block with any captured length.</summary>
    public RawCaptureFile Enhanced(uint interfaceId, ulong units, ReadOnlySpan<byte> data, uint wireLength, uint? capturedLength = null)
    {
        int padded = (data.Length + 3) & ~3;
        uint total = (uint)(28 + padded + 4);
        U32(6).U32(total).U32(interfaceId).U32((uint)(units >> 32)).U32((uint)units).U32(capturedLength ?? (uint)data.Length).U32(wireLength);
        _bytes.Write(data);
        _bytes.Write(new byte[padded - data.Length]);
        return U32(total);
    }

    /// <summary>Writes the file to <paramref name="path"/> and returns the path.</summary>
    public string Save(string path)
    {
        File.WriteAllBytes(path, ToArray());
        return path;
    }

    private RawCaptureFile U16(ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        if (_bigEndian)
            BinaryPrimitives.WriteUInt16BigEndian(b, value);
        else
            BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        _bytes.Write(b);
        return this;
    }

    private RawCaptureFile U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        if (_bigEndian)
            BinaryPrimitives.WriteUInt32BigEndian(b, value);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        _bytes.Write(b);
        return this;
    }

    private RawCaptureFile U64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        if (_bigEndian)
            BinaryPrimitives.WriteUInt64BigEndian(b, value);
        else
            BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        _bytes.Write(b);
        return this;
    }
}
