using System.Buffers.Binary;
using System.Text;

namespace Pcap.Decode.Files;

/// <summary>
/// Reads pcapng: sections (each with its own byte order) of blocks. Interface Description Blocks give each
/// interface's link type, snapshot length, name and timestamp resolution; Enhanced, Simple and the obsolete
/// Packet blocks carry packets; every other block type is skipped.
/// </summary>
public sealed class PcapNgReader : CaptureReader
{
    private const int BlockHeaderLength = 8;
    private const int BlockTrailerLength = 4;
    private const int SectionHeaderMinimumLength = 28;

    private ByteOrder _order;
    private List<CaptureInterface> _interfaces = [];
    private int _sectionCount;

    internal PcapNgReader(Stream stream, bool leaveOpen, ReadOnlySpan<byte> magicBytes) : base(stream, leaveOpen, magicBytes)
    {
        // libpcap reports the first interface's link type and snapshot length for the whole file, so find it now.
        while (_interfaces.Count == 0)
        {
            if (!TryReadBlock(out uint type, out var body, out long offset))
                throw new CaptureFileException($"pcapng file has no interface description block (end of file at offset {Position})", Position);
            if (IsPacketBlock(type))
                throw new CaptureFileException($"packet block at offset {offset} comes before any interface description block", offset);
            HandleStructuralBlock(type, body, offset);
        }
        LinkType = _interfaces[0].LinkType;
        SnapLength = _interfaces[0].SnapLength;
    }

    /// <inheritdoc/>
    public override CaptureFileFormat Format => CaptureFileFormat.PcapNg;

    /// <summary>The interfaces described so far in the current section, indexed by interface id.</summary>
    public IReadOnlyList<CaptureInterface> Interfaces => _interfaces;

    /// <summary>The number of section header blocks read so far.</summary>
    public int SectionCount => _sectionCount;

    /// <summary>True when the current section's integers are big-endian.</summary>
    public bool IsBigEndian => _order.IsBigEndian;

    /// <inheritdoc/>
    public override bool TryReadPacket(out CapturedPacket packet)
    {
        while (TryReadBlock(out uint type, out var body, out long offset))
        {
            if (IsPacketBlock(type))
            {
                packet = ReadPacketBlock(type, body, offset);
                return true;
            }
            HandleStructuralBlock(type, body, offset);
        }
        packet = default;
        return false;
    }

    private static bool IsPacketBlock(uint type) =>
        type is PcapNgBlockType.EnhancedPacket or PcapNgBlockType.SimplePacket or PcapNgBlockType.Packet;

    /// <summary>Reads one whole block; <paramref name="body"/> excludes the 8-byte header and the trailing length.</summary>
    private bool TryReadBlock(out uint type, out ReadOnlySpan<byte> body, out long offset)
    {
        offset = Position;
        body = default;
        Span<byte> header = stackalloc byte[BlockHeaderLength];
        if (!ReadExactly(header, "pcapng block header", endIsClean: true))
        {
            type = 0;
            return false;
        }

        uint rawType = BinaryPrimitives.ReadUInt32LittleEndian(header);
        Span<byte> block;
        uint length;
        if (rawType == PcapNgBlockType.SectionHeader)
        {
            // A section declares its own byte order: read the byte-order magic before trusting the length.
            Span<byte> magicBytes = stackalloc byte[4];
            ReadExactly(magicBytes, "pcapng section header", endIsClean: false);
            uint magic = BinaryPrimitives.ReadUInt32LittleEndian(magicBytes);
            if (magic == PcapMagic.PcapNgByteOrder)
                _order = new ByteOrder(bigEndian: false);
            else if (BinaryPrimitives.ReverseEndianness(magic) == PcapMagic.PcapNgByteOrder)
                _order = new ByteOrder(bigEndian: true);
            else
                throw new CaptureFileException($"bad pcapng section header at offset {offset}: byte-order magic 0x{magic:x8} is not 0x1a2b3c4d in either byte order", offset);
            type = PcapNgBlockType.SectionHeader;
            length = _order.UInt32(header[4..]);
            CheckLength(length, SectionHeaderMinimumLength, offset);
            magicBytes.CopyTo(Buffer.Span);
            block = ReadBody(4, length, offset);
        }
        else
        {
            type = _order.UInt32(header);
            length = _order.UInt32(header[4..]);
            CheckLength(length, BlockHeaderLength + BlockTrailerLength, offset);
            block = ReadBody(0, length, offset);
        }

        uint trailer = _order.UInt32(block[^BlockTrailerLength..]);
        if (trailer != length)
            throw new CaptureFileException($"bad pcapng block at offset {offset}: length {length} at the start but {trailer} at the end", offset);
        body = block[..^BlockTrailerLength];
        return true;
    }

    private static void CheckLength(uint length, int minimum, long offset)
    {
        if (length < minimum || length % 4 != 0 || length > CaptureLimits.MaxBlockLength)
            throw new CaptureFileException(
                $"bad pcapng block at offset {offset}: total length {length} must be a multiple of 4 between {minimum} and {CaptureLimits.MaxBlockLength}", offset);
    }

    /// <summary>Reads the rest of a block (after the header and <paramref name="start"/> body bytes already in the buffer).</summary>
    private Span<byte> ReadBody(int start, uint length, long offset)
    {
        int wanted = (int)length - BlockHeaderLength - start;
        int got = ReadIntoBuffer(start, wanted);
        if (got < wanted)
            throw Truncated("pcapng block", offset, length, BlockHeaderLength + start + got);
        return Buffer.Span[..((int)length - BlockHeaderLength)];
    }

    private void HandleStructuralBlock(uint type, ReadOnlySpan<byte> body, long offset)
    {
        if (type == PcapNgBlockType.SectionHeader)
            ReadSectionHeader(body, offset);
        else if (type == PcapNgBlockType.InterfaceDescription)
            ReadInterfaceDescription(body, offset);
        // Statistics, name resolution, custom and unknown blocks carry nothing a packet reader needs.
    }

    private void ReadSectionHeader(ReadOnlySpan<byte> body, long offset)
    {
        ushort major = _order.UInt16(body[4..]);
        ushort minor = _order.UInt16(body[6..]);
        if (major != 1)
            throw new CaptureFileException($"unsupported pcapng version {major}.{minor} in section header at offset {offset}", offset);
        _sectionCount++;
        // Interface ids restart in every section; the old list may still be referenced through Interfaces, so replace it.
        if (_interfaces.Count > 0)
            _interfaces = [];
    }

    private void ReadInterfaceDescription(ReadOnlySpan<byte> body, long offset)
    {
        if (body.Length < 8)
            throw new CaptureFileException($"bad interface description block at offset {offset}: body of {body.Length} bytes is shorter than 8", offset);
        var linkType = new LinkType(_order.UInt16(body));
        uint snapLength = _order.UInt32(body[4..]);
        string? name = null;
        byte resolution = CaptureInterface.MicrosecondResolution;
        long timestampOffset = 0;

        var options = body[8..];
        long optionOffset = offset + BlockHeaderLength + 8;
        while (options.Length >= 4)
        {
            ushort code = _order.UInt16(options);
            ushort valueLength = _order.UInt16(options[2..]);
            if (code == PcapNgOption.EndOfOptions)
                break;
            int padded = (valueLength + 3) & ~3;
            if (4 + padded > options.Length)
                throw new CaptureFileException($"bad option {code} at offset {optionOffset}: value of {valueLength} bytes runs past the end of the block", optionOffset);
            var value = options.Slice(4, valueLength);
            switch (code)
            {
                case PcapNgOption.InterfaceName:
                    name = Encoding.UTF8.GetString(value.TrimEnd((byte)0));
                    break;
                case PcapNgOption.InterfaceTimestampResolution when valueLength == 1:
                    resolution = value[0];
                    if (!PcapNgTimestamp.IsSupported(resolution))
                        throw new CaptureFileException($"unsupported if_tsresol 0x{resolution:x2} at offset {optionOffset}: finer than a 64-bit count can hold", optionOffset);
                    break;
                case PcapNgOption.InterfaceTimestampOffset when valueLength == 8:
                    timestampOffset = (long)_order.UInt64(value);
                    break;
            }
            options = options[(4 + padded)..];
            optionOffset += 4 + padded;
        }
        _interfaces.Add(new CaptureInterface(linkType, snapLength, name, resolution, timestampOffset));
    }

    private CapturedPacket ReadPacketBlock(uint type, ReadOnlySpan<byte> body, long offset)
    {
        string blockName = type switch
        {
            PcapNgBlockType.EnhancedPacket => "enhanced packet block",
            PcapNgBlockType.SimplePacket => "simple packet block",
            _ => "packet block",
        };
        int fixedLength = type switch
        {
            PcapNgBlockType.EnhancedPacket or PcapNgBlockType.Packet => 20,
            _ => 4,
        };
        if (body.Length < fixedLength)
            throw new CaptureFileException($"bad {blockName} at offset {offset}: body of {body.Length} bytes is shorter than {fixedLength}", offset);

        uint interfaceId;
        ulong units = 0;
        uint capturedLength;
        uint wireLength;
        if (type == PcapNgBlockType.SimplePacket)
        {
            interfaceId = 0;
            wireLength = _order.UInt32(body);
        }
        else
        {
            interfaceId = type == PcapNgBlockType.EnhancedPacket ? _order.UInt32(body) : _order.UInt16(body);
            units = ((ulong)_order.UInt32(body[4..]) << 32) | _order.UInt32(body[8..]);
            wireLength = _order.UInt32(body[16..]);
        }
        if (interfaceId >= (uint)_interfaces.Count)
            throw new CaptureFileException(
                $"bad {blockName} at offset {offset}: interface {interfaceId} is not described (the section has {_interfaces.Count})", offset);
        var described = _interfaces[(int)interfaceId];
        int room = body.Length - fixedLength;

        if (type == PcapNgBlockType.SimplePacket)
        {
            // A simple packet block has no captured length: it is the wire length cut by the snapshot length and the block.
            capturedLength = wireLength;
            if (described.SnapLength != 0 && capturedLength > described.SnapLength)
                capturedLength = described.SnapLength;
            if (capturedLength > room)
                capturedLength = (uint)room;
        }
        else
        {
            capturedLength = _order.UInt32(body[12..]);
            if (capturedLength > CaptureLimits.MaxPacketLength)
                throw new CaptureFileException($"bad {blockName} at offset {offset}: captured length {capturedLength} is larger than the {CaptureLimits.MaxPacketLength}-byte limit", offset);
            if (described.SnapLength != 0 && capturedLength > described.SnapLength)
                throw new CaptureFileException($"bad {blockName} at offset {offset}: captured length {capturedLength} is larger than interface {interfaceId}'s snapshot length {described.SnapLength}", offset);
            if (capturedLength > room)
                throw new CaptureFileException($"bad {blockName} at offset {offset}: captured length {capturedLength} is larger than the {room} data bytes in the block", offset);
        }

        long timestamp = PcapNgTimestamp.ToNanoseconds(units, described.TimestampResolution, described.TimestampOffsetSeconds);
        var data = body.Slice(fixedLength, (int)capturedLength);
        return new CapturedPacket(data, wireLength, timestamp, (int)interfaceId, described.LinkType);
    }
}
