using System.Buffers.Binary;

namespace Pcap.Decode.Text;

/// <summary>Appends text to a caller's <see cref="Span{T}"/> without allocating; remembers overflow instead of throwing.</summary>
internal ref struct LineWriter
{
    private readonly Span<char> _destination;
    private int _position;

    /// <summary>Starts writing at the beginning of <paramref name="destination"/>.</summary>
    public LineWriter(Span<char> destination)
    {
        _destination = destination;
        _position = 0;
        Overflowed = false;
    }

    /// <summary>Characters written so far.</summary>
    public readonly int Length => _position;
    /// <summary>True when some text did not fit.</summary>
    public bool Overflowed { get; private set; }
    /// <summary>The text written so far.</summary>
    public readonly ReadOnlySpan<char> Written => _destination[.._position];

    /// <summary>Appends one character.</summary>
    public void Append(char c)
    {
        if (_position < _destination.Length)
            _destination[_position++] = c;
        else
            Overflowed = true;
    }

    /// <summary>Appends text.</summary>
    public void Append(scoped ReadOnlySpan<char> text)
    {
        if (text.TryCopyTo(_destination[_position..]))
            _position += text.Length;
        else
            Overflowed = true;
    }

    /// <summary>tcpdump's bracketed notes such as <c> [bad length N]</c>: the text, the number, the closing character.</summary>
    public void AppendNote(string text, ulong value, char close = ']')
    {
        Append(text);
        AppendDecimal(value);
        Append(close);
    }

    /// <summary>tcpdump's <c>, length N</c> ending.</summary>
    public void AppendLengthSuffix(int length)
    {
        Append(", length ");
        AppendDecimal((uint)length);
    }

    /// <summary>Appends an unsigned decimal number.</summary>
    public void AppendDecimal(ulong value)
    {
        if (value.TryFormat(_destination[_position..], out var written))
            _position += written;
        else
            Overflowed = true;
    }

    /// <summary>Appends a signed decimal number.</summary>
    public void AppendSigned(long value)
    {
        if (value.TryFormat(_destination[_position..], out var written))
            _position += written;
        else
            Overflowed = true;
    }

    /// <summary>Appends <paramref name="value"/> as zero-padded decimal of at least <paramref name="digits"/> digits.</summary>
    public void AppendPadded(ulong value, int digits)
    {
        Span<char> scratch = stackalloc char[20];
        value.TryFormat(scratch, out var written);
        for (var i = written; i < digits; i++)
            Append('0');
        Append(scratch[..written]);
    }

    /// <summary>Appends lower-case hex, zero-padded to at least <paramref name="digits"/> digits (0 = no padding).</summary>
    public void AppendHex(ulong value, int digits = 0)
    {
        Span<char> scratch = stackalloc char[16];
        var count = 0;
        do
        {
            scratch[15 - count++] = HexDigit((int)(value & 0xf));
            value >>= 4;
        }
        while (value != 0);
        for (var i = count; i < digits; i++)
            Append('0');
        Append(scratch[(16 - count)..]);
    }

    /// <summary>Appends one byte as two lower-case hex digits.</summary>
    public void AppendHexByte(byte value)
    {
        Append(HexDigit(value >> 4));
        Append(HexDigit(value & 0xf));
    }

    /// <summary>Appends a dotted-quad IPv4 address.</summary>
    public void AppendIpv4(scoped ReadOnlySpan<byte> address)
    {
        for (var i = 0; i < 4; i++)
        {
            if (i > 0)
                Append('.');
            AppendDecimal(address[i]);
        }
    }

    /// <summary>Appends bytes as colon-separated hex pairs (a MAC address or other link address).</summary>
    public void AppendLinkAddress(scoped ReadOnlySpan<byte> address)
    {
        for (var i = 0; i < address.Length; i++)
        {
            if (i > 0)
                Append(':');
            AppendHexByte(address[i]);
        }
    }

    /// <summary>Appends an IPv6 address in RFC 5952 text (the longest run of two or more zero groups becomes <c>::</c>; IPv4-mapped in dotted form).</summary>
    public void AppendIpv6(scoped ReadOnlySpan<byte> address)
    {
        Span<ushort> words = stackalloc ushort[8];
        for (var i = 0; i < 8; i++)
            words[i] = BinaryPrimitives.ReadUInt16BigEndian(address[(2 * i)..]);
        int bestStart = -1, bestLength = 0;
        for (var i = 0; i < 8;)
        {
            if (words[i] != 0)
            {
                i++;
                continue;
            }
            var start = i;
            while (i < 8 && words[i] == 0)
                i++;
            if (i - start > bestLength)
            {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2)
            bestStart = -1;
        for (var i = 0; i < 8; i++)
        {
            if (bestStart >= 0 && i >= bestStart && i < bestStart + bestLength)
            {
                if (i == bestStart)
                    Append(':');
                continue;
            }
            if (i != 0)
                Append(':');
            // Dotted tail for ::a.b.c.d and ::ffff:a.b.c.d, as inet_ntop writes them.
            if (i == 6 && bestStart == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xffff)))
            {
                AppendIpv4(address[12..]);
                return;
            }
            AppendHex(words[i]);
        }
        if (bestStart >= 0 && bestStart + bestLength == 8)
            Append(':');
    }

    private static char HexDigit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
