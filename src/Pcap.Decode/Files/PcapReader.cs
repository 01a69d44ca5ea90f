using System.Buffers.Binary;

namespace Pcap.Decode.Files;

/// <summary>
/// Reads the classic pcap format: a 24-byte file header, then 16-byte record headers each followed by the
/// captured bytes. Handles both byte orders, microsecond and nanosecond magic, and the modified (Kuznetzov)
/// variant whose records carry 8 extra bytes. Follows libpcap 1.10's sf-pcap.c: a record longer than the
/// snapshot length is cut to it and reading goes on; one longer than the link type's maximum (262,144 bytes
/// for most) ends the file with an error.
/// </summary>
public sealed class PcapReader : CaptureReader
{
    private const int FileHeaderLength = 24;
    private readonly ByteOrder _order;
    private readonly int _recordHeaderLength;
    private readonly uint _maxCapturedLength;
    private readonly LengthOrder _lengthOrder;

    // Before version 2.3 the captured and wire lengths came in the other order; 2.3 files may have either (libpcap).
    private enum LengthOrder { Normal, Swapped, MaybeSwapped }

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
        _recordHeaderLength = magic == PcapMagic.Modified ? 24 : 16;

        ushort major = _order.UInt16(header[4..]);
        ushort minor = _order.UInt16(header[6..]);
        // libpcap accepts 2.x up to 2.4 and the odd 543.0 some writers produced; anything else is not a pcap it can read.
        if (!((major == 2 && minor <= 4) || (major == 543 && minor == 0)))
            throw new CaptureFileException($"unsupported pcap file version {major}.{minor} at offset 4", 4);
        _lengthOrder = major == 543 || minor < 3 ? LengthOrder.Swapped : minor == 3 ? LengthOrder.MaybeSwapped : LengthOrder.Normal;

        // The top bits of the link-type field carry FCS information (pcap spec); the link type is the low 26 bits.
        LinkType = LinkTypeNames.Canonical(new LinkType(_order.UInt32(header[20..]) & 0x03FF_FFFF));
        uint snapLength = LinkTypeNames.EffectiveSnapLength(LinkType, _order.UInt32(header[16..]));
        // A modified-format Ethernet capture may have been taken in cooked mode with a faked 14-byte header (libpcap).
        if (magic == PcapMagic.Modified && LinkType == LinkType.Ethernet)
            snapLength = snapLength <= int.MaxValue - 14 ? snapLength + 14 : int.MaxValue;
        SnapLength = snapLength;
        _maxCapturedLength = LinkTypeNames.MaxSnapLength(LinkType);
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

        // libpcap's record header holds signed 32-bit seconds and fraction, but its byte swap yields unsigned values:
        // a top bit set reads negative in a file of the host's byte order and positive in the other.
        bool swapped = _order.IsBigEndian == BitConverter.IsLittleEndian;
        long seconds = swapped ? _order.UInt32(header) : (int)_order.UInt32(header);
        long fraction = swapped ? _order.UInt32(header[4..]) : (int)_order.UInt32(header[4..]);
        uint capturedLength = _order.UInt32(header[8..]);
        uint wireLength = _order.UInt32(header[12..]);
        if (_lengthOrder == LengthOrder.Swapped || (_lengthOrder == LengthOrder.MaybeSwapped && capturedLength > wireLength))
            (capturedLength, wireLength) = (wireLength, capturedLength);

        if (capturedLength > _maxCapturedLength)
        {
            // libpcap's words, with the place in the file.
            string limit = capturedLength > SnapLength ? $"snaplen of {SnapLength}" : $"maximum of {_maxCapturedLength}";
            throw new CaptureFileException(
                $"invalid packet capture length {capturedLength}, bigger than {limit}, in the packet record at offset {recordOffset}", recordOffset);
        }

        // A record longer than the snapshot length is cut to it, the rest skipped (libpcap: damaged or Solaris 2.3 files).
        uint kept = Math.Min(capturedLength, SnapLength);
        int got = ReadIntoBuffer(0, (int)kept);
        if (got < kept)
            throw Truncated("packet record", recordOffset, capturedLength, got);
        long skipped = Skip(capturedLength - kept);
        if (skipped < capturedLength - kept)
            throw Truncated("packet record", recordOffset, capturedLength, got + skipped);

        long fractionNanoseconds = IsNanosecondResolution ? fraction : fraction * 1000;
        packet = new CapturedPacket(Buffer.Span[..got], wireLength, seconds, fractionNanoseconds, interfaceId: 0, LinkType, SnapLength);
        return true;
    }
}
