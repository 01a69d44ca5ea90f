namespace Pcap.Decode.Application;

/// <summary>What <see cref="DnsName.MoveNext"/> found.</summary>
public enum DnsNameStep
{
    /// <summary>An ordinary label at <see cref="DnsName.LabelOffset"/> of <see cref="DnsName.LabelLength"/> bytes (may run past the capture).</summary>
    Label,
    /// <summary>An RFC 2673 bit-string label whose bit count is at <see cref="DnsName.LabelOffset"/>.</summary>
    BitLabel,
    /// <summary>The name is the root: a single zero byte.</summary>
    Root,
    /// <summary>The name ended (or the capture did); <see cref="DnsName.EndOffset"/> is where the data after it starts.</summary>
    End,
    /// <summary>A length byte or pointer byte was not captured.</summary>
    Truncated,
    /// <summary>A compression pointer that does not point backwards (this is also what stops pointer loops).</summary>
    BadPointer,
    /// <summary>An extended label type other than the bit-string label; its type is <see cref="DnsName.ExtendedLabelType"/>.</summary>
    UnknownExtendedLabel,
    /// <summary>A label with the reserved type bits 10.</summary>
    ReservedLabelType,
}

/// <summary>
/// Walks the labels of a DNS name without allocating, following compression pointers. As BIND and tcpdump require, a pointer
/// must point before every place the walk has been, so a loop ends in <see cref="DnsNameStep.BadPointer"/>.
/// </summary>
public ref struct DnsName
{
    private readonly ReadOnlySpan<byte> _message;
    private readonly int _base;
    private int _position;
    private int _labelByte;
    private int _length;
    private int _end;
    private uint _limit;
    private bool _compressed;
    private bool _advance;
    private bool _started;

    /// <summary>A name at <paramref name="offset"/> of <paramref name="message"/>; pointers count from <paramref name="pointerBase"/>.</summary>
    public DnsName(ReadOnlySpan<byte> message, int offset, int pointerBase)
    {
        _message = message;
        _base = pointerBase;
        _position = offset;
        _end = -1;
    }

    /// <summary>Where the current label's bytes start (after its length byte).</summary>
    public readonly int LabelOffset => _position;
    /// <summary>The current label's length in bytes.</summary>
    public readonly int LabelLength => _length;
    /// <summary>The extended label type of an <see cref="DnsNameStep.UnknownExtendedLabel"/>.</summary>
    public readonly int ExtendedLabelType => _labelByte & 0x3f;
    /// <summary>After <see cref="DnsNameStep.End"/> or <see cref="DnsNameStep.Root"/>: the offset after the name in the record (after the first pointer when compressed).</summary>
    public readonly int EndOffset => _end;

    /// <summary>Steps to the next label or to the end of the name.</summary>
    public DnsNameStep MoveNext()
    {
        DnsNameStep error;
        if (!_started)
        {
            _started = true;
            if (!TryLabelLength(_position, out _length, out error))
                return error;
            _limit = unchecked((uint)(_position - _base));
            _labelByte = _message[_position++];
            if ((_labelByte & 0xc0) != 0xc0)
                _end = _position + _length;
            if (_labelByte == 0)
                return DnsNameStep.Root;
        }
        else if (_advance)
        {
            _advance = false;
            _position += _length;
            if (!TryLabelLength(_position, out var length, out error))
                return error;
            _labelByte = _message[_position++];
            _length = length;
            if (!_compressed)
                _end += _length + 1;
        }
        while (true)
        {
            if (_labelByte == 0 || _position >= _message.Length)
                return DnsNameStep.End;
            switch (_labelByte & 0xc0)
            {
                case 0xc0:
                    if (!_compressed)
                    {
                        _end = _position + 1;
                        _compressed = true;
                    }
                    var offset = ((_labelByte << 8) | _message[_position]) & 0x3fff;
                    if ((uint)offset >= _limit)
                        return DnsNameStep.BadPointer;
                    _limit = (uint)offset;
                    _position = _base + offset;
                    if (!TryLabelLength(_position, out _length, out error))
                        return error;
                    _labelByte = _message[_position++];
                    continue;
                case 0x40:
                    if ((_labelByte & 0x3f) != 1)
                        return DnsNameStep.UnknownExtendedLabel;
                    _advance = true;
                    return DnsNameStep.BitLabel;
                case 0x80:
                    return DnsNameStep.ReservedLabelType;
                default:
                    _advance = true;
                    return DnsNameStep.Label;
            }
        }
    }

    // tcpdump's labellen: the bytes a label occupies after its first byte, or why it cannot be read.
    private bool TryLabelLength(int position, out int length, out DnsNameStep error)
    {
        length = 0;
        if (position < 0 || position >= _message.Length)
        {
            error = DnsNameStep.Truncated;
            return false;
        }
        int first = _message[position];
        switch (first & 0xc0)
        {
            case 0x40:
                if ((first & 0x3f) != 1)
                {
                    _labelByte = first;
                    error = DnsNameStep.UnknownExtendedLabel;
                    return false;
                }
                if (position + 1 >= _message.Length)
                {
                    error = DnsNameStep.Truncated;
                    return false;
                }
                var bits = _message[position + 1] == 0 ? 256 : _message[position + 1];
                length = (bits + 7) / 8 + 1;
                break;
            case 0x80:
                error = DnsNameStep.ReservedLabelType;
                return false;
            default:
                length = first;
                break;
        }
        error = default;
        return true;
    }

    /// <summary>The offset after the name at <paramref name="offset"/> without following pointers, or -1 (tcpdump's ns_nskip).</summary>
    public static int Skip(ReadOnlySpan<byte> message, int offset)
    {
        if ((uint)offset >= (uint)message.Length)
            return -1;
        int i = message[offset++];
        while (i != 0)
        {
            switch (i & 0xc0)
            {
                case 0xc0:
                    return offset + 1;
                case 0x40:
                    if ((i & 0x3f) != 1 || (uint)offset >= (uint)message.Length)
                        return -1;
                    var bits = message[offset] == 0 ? 256 : message[offset];
                    offset += 1 + (bits + 7) / 8;
                    break;
                case 0x80:
                    return -1;
                default:
                    offset += i;
                    break;
            }
            if ((uint)offset >= (uint)message.Length)
                return -1;
            i = message[offset++];
        }
        return offset;
    }
}
