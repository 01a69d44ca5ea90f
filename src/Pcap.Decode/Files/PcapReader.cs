using System.Buffers.Binary;

namespace Pcap.Decode.Files;

/// <summary>
/// Reads the classic pcap format: a 24-byte file header, then 16-byte record headers each followed by the
/// captured bytes. Handles both byte orders, microsecond and nanosecond magic, and the modified (Kuznetzov)
/// variant whose records carry 8 extra bytes.
/// </summary>
public sealed class PcapReader : CaptureReader
{
    private const int FileHeaderLength = 24;
    private readonly ByteOrder _order;
    private readonly long _nanosecondsPerFractionUnit;
    private readonly int _recordHeaderLength;
    private readonly uint _captureLimit;

    internal PcapReader(Stream stream, bool leaveOpen, ReadOnlySpan<byte> magicBytes) : base(stream, leaveOpen, magicBytes)
    {
        Span<byte> header = stackalloc byte[FileHeaderLength];
        ReadExactly(header, "pcap file header", endIsClean: false);

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        bool bigEndian = magic is not (PcapMagic.Microseconds or PcapMagic.Nanoseconds or PcapMagic.Modified);
        _order = new ByteOrder(bigEndian);
        if (bigEndian)
            magic = BinaryPrimitives.ReverseEndianness(magic);
        IsNanosecondResolution = magic == PcapMagic.Nanoseconds;
        _nanosecondsPerFractionUnit = IsNanosecondResolution ? 1 : 1000;
        _recordHeaderLength = magic == PcapMagic.Modified ? 24 : 16;

        ushort major = _order.UInt16(header[4..]);
        ushort minor = _order.UInt16(header[6..]);
        // libpcap accepts 2.x up to 2.4 and the odd 543.0 some writers produced; anything else is not a pcap it can read.
        if (!((major == 2 && minor <= 4) || (major == 543 && minor == 0)))
            throw new CaptureFileException($"unsupported pcap file version {major}.{minor} at offset 4", 4);

        SnapLength = _order.UInt32(header[16..]);
        // The top bits of the link-type field carry FCS information (pcap spec); the link type is the low 26 bits.
        LinkType = new LinkType(_order.UInt32(header[20..]) & 0x03FF_FFFF);
        _captureLimit = SnapLength == 0 || SnapLength > CaptureLimits.MaxPacketLength ? CaptureLimits.MaxPacketLength : SnapLength;
    }

    /// <inheritdoc/>
    public override CaptureFileFormat Format => CaptureFileFormat.Pcap;

    /// <summary>True when the file's magic says timestamps carry nanoseconds rather than microseconds.</summary>
    public bool IsNanosecondResolution { get; }

    /// <summary>True when the file's integers are big-endian.</summary>
    public bool IsBigEndian => _order.IsBigEndian;

    /// <inheritdoc/>
    public override bool TryReadPacket(out CapturedPacket packet)
    {
        packet = default;
        long recordOffset = Position;
        Span<byte> header = stackalloc byte[24];
        header = header[.._recordHeaderLength];
        if (!ReadExactly(header, "packet record header", endIsClean: true))
            return false;

        uint seconds = _order.UInt32(header);
        uint fraction = _order.UInt32(header[4..]);
        uint capturedLength = _order.UInt32(header[8..]);
        uint wireLength = _order.UInt32(header[12..]);
        if (capturedLength > _captureLimit)
        {
            string limit = _captureLimit == SnapLength
                ? $"the file's snapshot length {SnapLength}"
                : $"the {CaptureLimits.MaxPacketLength}-byte limit";
            throw new CaptureFileException(
                $"bad packet record at offset {recordOffset}: captured length {capturedLength} is larger than {limit}", recordOffset);
        }

        int got = ReadIntoBuffer(0, (int)capturedLength);
        if (got < capturedLength)
            throw Truncated("packet record", recordOffset, capturedLength, got);
        var data = Buffer.Span[..got];

        long timestamp = seconds * 1_000_000_000L + fraction * _nanosecondsPerFractionUnit;
        packet = new CapturedPacket(data, wireLength, timestamp, interfaceId: 0, LinkType);
        return true;
    }
}
