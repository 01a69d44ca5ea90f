using System.Buffers.Binary;

namespace Pcap.Decode.Application;

/// <summary>
/// A BOOTP/DHCP message (RFC 951, RFC 2131): the fixed 236-byte header and the vendor area, which holds DHCP's options after
/// the RFC 1048 magic cookie (<see cref="HasOptions"/>; enumerate them with <see cref="NextOption"/>). Header fields read as
/// zero past the captured bytes; check <see cref="Captured"/> first.
/// </summary>
public readonly ref struct DhcpMessage
{
    /// <summary>The BOOTP server port.</summary>
    public const ushort ServerPort = 67;
    /// <summary>The BOOTP client port.</summary>
    public const ushort ClientPort = 68;
    /// <summary>Offset of the vendor area (options).</summary>
    public const int VendorOffset = 236;
    /// <summary>Offset of the server host name (64 bytes).</summary>
    public const int ServerNameOffset = 44;
    /// <summary>Offset of the boot file name (128 bytes).</summary>
    public const int FileOffset = 108;
    /// <summary>Offset of the client hardware address (16 bytes).</summary>
    public const int ClientHardwareAddressOffset = 28;
    /// <summary>The RFC 1048 magic cookie, 99.130.83.99.</summary>
    public const uint MagicCookie = 0x63825363;

    private readonly ReadOnlySpan<byte> _bytes;

    private DhcpMessage(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads a message at the start of a UDP payload; only the opcode must be present.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out DhcpMessage message, out DecodeError error)
    {
        if (bytes.Length < 1)
        {
            message = default;
            error = DecodeError.Truncated("bootp", 1, 0);
            return false;
        }
        message = new DhcpMessage(bytes);
        error = default;
        return true;
    }

    /// <summary>The captured bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
    /// <summary>Bytes captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>1 request, 2 reply.</summary>
    public byte Operation => _bytes[0];
    /// <summary>Hardware address type (1 Ethernet).</summary>
    public byte HardwareType => Byte(1);
    /// <summary>Hardware address length.</summary>
    public byte HardwareLength => Byte(2);
    /// <summary>Relay hops.</summary>
    public byte Hops => Byte(3);
    /// <summary>Transaction identifier.</summary>
    public uint TransactionId => UInt32(4);
    /// <summary>Seconds since the client began.</summary>
    public ushort Seconds => (ushort)UInt16(8);
    /// <summary>Flags (0x8000 broadcast).</summary>
    public ushort Flags => (ushort)UInt16(10);
    /// <summary>Client, your, server and gateway IPv4 addresses at offsets 12, 16, 20 and 24.</summary>
    public ReadOnlySpan<byte> Address(int offset) => _bytes.Slice(offset, 4);
    /// <summary>The client hardware address as its length says, for Ethernet the MAC (6 bytes).</summary>
    public ReadOnlySpan<byte> ClientHardwareAddress => _bytes.Slice(ClientHardwareAddressOffset, Math.Min((int)HardwareLength, 16));
    /// <summary>True when the vendor area starts with the RFC 1048 magic cookie.</summary>
    public bool HasOptions => UInt32(VendorOffset) == MagicCookie && Captured >= VendorOffset + 4;

    /// <summary>
    /// The option at <paramref name="offset"/> (start at <see cref="VendorOffset"/> + 4): its code and value; pad and end have
    /// no length byte. Returns the offset after it, or -1 when the option is not captured.
    /// </summary>
    public int NextOption(int offset, out byte code, out ReadOnlySpan<byte> value)
    {
        value = default;
        code = 0;
        if (offset >= _bytes.Length)
            return -1;
        code = _bytes[offset];
        if (code is 0 or 255)
            return offset + 1;
        if (offset + 1 >= _bytes.Length || offset + 2 + _bytes[offset + 1] > _bytes.Length)
            return -1;
        value = _bytes.Slice(offset + 2, _bytes[offset + 1]);
        return offset + 2 + value.Length;
    }

    private byte Byte(int offset) => offset < _bytes.Length ? _bytes[offset] : (byte)0;
    private int UInt16(int offset) => offset + 2 <= _bytes.Length ? BinaryPrimitives.ReadUInt16BigEndian(_bytes[offset..]) : 0;
    private uint UInt32(int offset) => offset + 4 <= _bytes.Length ? BinaryPrimitives.ReadUInt32BigEndian(_bytes[offset..]) : 0;
}
