using System.Text;

namespace Pcap.Decode.Files;

/// <summary>
/// Writes pcapng: a Section Header Block at construction (and on <see cref="StartSection"/>), an Interface
/// Description Block per <see cref="AddInterface"/> (with <c>if_name</c> and <c>if_tsresol</c>), and Enhanced
/// or Simple Packet Blocks. Little-endian by default; big-endian sections on request.
/// </summary>
/// <example><code>
/// using var writer = new PcapNgWriter(File.Create("out.pcapng"));
/// int eth0 = writer.AddInterface(LinkType.Ethernet, name: "eth0");
/// writer.WritePacket(eth0, timestampNanoseconds, frame, (uint)frame.Length);
/// </code></example>
public sealed class PcapNgWriter : IDisposable
{
    private static readonly byte[] Padding = new byte[4];
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly List<CaptureInterface> _interfaces = [];
    private ByteOrder _order;
    private bool _disposed;

    /// <summary>Writes the first section header block to <paramref name="stream"/>.</summary>
    /// <param name="stream">Where the capture goes.</param>
    /// <param name="bigEndian">True to write the first section big-endian.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when the writer is disposed.</param>
    public PcapNgWriter(Stream stream, bool bigEndian = false, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        StartSection(bigEndian);
    }

    /// <summary>The interfaces of the current section, indexed by interface id.</summary>
    public IReadOnlyList<CaptureInterface> Interfaces => _interfaces;

    /// <summary>Starts a new section (interface ids restart at 0) in the given byte order.</summary>
    /// <param name="bigEndian">True to write this section big-endian.</param>
    public void StartSection(bool bigEndian = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _order = new ByteOrder(bigEndian);
        _interfaces.Clear();
        Span<byte> block = stackalloc byte[28];
        _order.Write(block, PcapMagic.PcapNgSectionHeader);
        _order.Write(block[4..], 28u);
        _order.Write(block[8..], PcapMagic.PcapNgByteOrder);
        _order.Write(block[12..], (ushort)1);
        _order.Write(block[14..], (ushort)0);
        _order.Write(block[16..], ulong.MaxValue); // section length -1: not known in advance
        _order.Write(block[24..], 28u);
        _stream.Write(block);
    }

    /// <summary>Describes an interface in the current section and returns its id.</summary>
    /// <param name="linkType">The link type; pcapng stores 16 bits of its number.</param>
    /// <param name="name">The <c>if_name</c> option, or null to omit it.</param>
    /// <param name="snapLength">The snapshot length; 0 means no limit.</param>
    /// <param name="timestampResolution">
    /// The <c>if_tsresol</c> byte: n for 10^-n seconds, 0x80|n for 2^-n; 6 (microseconds, the pcapng default) omits the option.
    /// </param>
    public int AddInterface(LinkType linkType, string? name = null, uint snapLength = 0, byte timestampResolution = CaptureInterface.MicrosecondResolution)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (linkType.Value > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(linkType), linkType, "pcapng link types are 16 bits");
        if (!PcapNgTimestamp.IsSupported(timestampResolution))
            throw new ArgumentOutOfRangeException(nameof(timestampResolution), timestampResolution, "finer than a 64-bit count can hold");

        byte[] nameBytes = name is null ? [] : Encoding.UTF8.GetBytes(name);
        if (nameBytes.Length > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(name), "an interface name must fit a pcapng option (65535 bytes)");
        bool writeResolution = timestampResolution != CaptureInterface.MicrosecondResolution;
        int optionsLength = (name is null ? 0 : 4 + Pad(nameBytes.Length)) + (writeResolution ? 8 : 0);
        if (optionsLength > 0)
            optionsLength += 4; // opt_endofopt
        uint total = (uint)(8 + 8 + optionsLength + 4);

        Span<byte> fixedPart = stackalloc byte[16];
        _order.Write(fixedPart, PcapNgBlockType.InterfaceDescription);
        _order.Write(fixedPart[4..], total);
        _order.Write(fixedPart[8..], (ushort)linkType.Value);
        _order.Write(fixedPart[10..], (ushort)0);
        _order.Write(fixedPart[12..], snapLength);
        _stream.Write(fixedPart);
        if (name is not null)
            WriteOption(PcapNgOption.InterfaceName, nameBytes);
        if (writeResolution)
            WriteOption(PcapNgOption.InterfaceTimestampResolution, [timestampResolution]);
        if (optionsLength > 0)
            WriteOption(PcapNgOption.EndOfOptions, []);
        WriteUInt32(total);

        _interfaces.Add(new CaptureInterface(linkType, snapLength, name, timestampResolution, 0));
        return _interfaces.Count - 1;
    }

    /// <summary>Writes an Enhanced Packet Block; data longer than the interface's nonzero snapshot length is cut to it.</summary>
    /// <param name="interfaceId">An id returned by <see cref="AddInterface"/> in the current section.</param>
    /// <param name="timestampNanoseconds">Capture time in nanoseconds since the Unix epoch (not negative).</param>
    /// <param name="data">The captured bytes, starting with the link-layer header.</param>
    /// <param name="wireLength">The packet's length on the wire.</param>
    public void WritePacket(int interfaceId, long timestampNanoseconds, ReadOnlySpan<byte> data, uint wireLength)
    {
        var described = Interface(interfaceId);
        ArgumentOutOfRangeException.ThrowIfNegative(timestampNanoseconds);
        data = Cut(data, described);
        ulong units = PcapNgTimestamp.FromNanoseconds(timestampNanoseconds, described.TimestampResolution);
        uint total = (uint)(8 + 20 + Pad(data.Length) + 4);

        Span<byte> header = stackalloc byte[28];
        _order.Write(header, PcapNgBlockType.EnhancedPacket);
        _order.Write(header[4..], total);
        _order.Write(header[8..], (uint)interfaceId);
        _order.Write(header[12..], (uint)(units >> 32));
        _order.Write(header[16..], (uint)units);
        _order.Write(header[20..], (uint)data.Length);
        _order.Write(header[24..], wireLength);
        _stream.Write(header);
        WritePadded(data);
        WriteUInt32(total);
    }

    /// <summary>Writes a Simple Packet Block (interface 0, no timestamp); data is cut to interface 0's nonzero snapshot length.</summary>
    /// <param name="data">The captured bytes.</param>
    /// <param name="wireLength">The packet's length on the wire; readers take min(wire length, snapshot length) as the captured length.</param>
    public void WriteSimplePacket(ReadOnlySpan<byte> data, uint wireLength)
    {
        var described = Interface(0);
        data = Cut(data, described);
        uint total = (uint)(8 + 4 + Pad(data.Length) + 4);
        Span<byte> header = stackalloc byte[12];
        _order.Write(header, PcapNgBlockType.SimplePacket);
        _order.Write(header[4..], total);
        _order.Write(header[8..], wireLength);
        _stream.Write(header);
        WritePadded(data);
        WriteUInt32(total);
    }

    /// <summary>Writes a block of any type with the given body (padded to 4 bytes), e.g. a custom block readers must skip.</summary>
    /// <param name="blockType">The block type number; must not be one this writer manages (section, interface, packets).</param>
    /// <param name="body">The block body between the length fields.</param>
    public void WriteBlock(uint blockType, ReadOnlySpan<byte> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (blockType is PcapNgBlockType.SectionHeader or PcapNgBlockType.InterfaceDescription)
            throw new ArgumentException("use StartSection or AddInterface for section and interface blocks", nameof(blockType));
        uint total = (uint)(8 + Pad(body.Length) + 4);
        Span<byte> header = stackalloc byte[8];
        _order.Write(header, blockType);
        _order.Write(header[4..], total);
        _stream.Write(header);
        WritePadded(body);
        WriteUInt32(total);
    }

    /// <summary>Flushes buffered blocks to the stream.</summary>
    public void Flush() => _stream.Flush();

    /// <summary>Flushes, then closes the stream unless it was left open.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _stream.Flush();
        if (!_leaveOpen)
            _stream.Dispose();
    }

    private CaptureInterface Interface(int interfaceId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)interfaceId >= (uint)_interfaces.Count)
            throw new ArgumentOutOfRangeException(nameof(interfaceId), interfaceId, $"the current section has {_interfaces.Count} interfaces");
        return _interfaces[interfaceId];
    }

    private static ReadOnlySpan<byte> Cut(ReadOnlySpan<byte> data, CaptureInterface described) =>
        described.SnapLength != 0 && data.Length > described.SnapLength ? data[..(int)described.SnapLength] : data;

    private static int Pad(int length) => (length + 3) & ~3;

    private void WriteOption(ushort code, ReadOnlySpan<byte> value)
    {
        Span<byte> header = stackalloc byte[4];
        _order.Write(header, code);
        _order.Write(header[2..], (ushort)value.Length);
        _stream.Write(header);
        WritePadded(value);
    }

    private void WritePadded(ReadOnlySpan<byte> data)
    {
        _stream.Write(data);
        _stream.Write(Padding.AsSpan(0, Pad(data.Length) - data.Length));
    }

    private void WriteUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        _order.Write(bytes, value);
        _stream.Write(bytes);
    }
}
