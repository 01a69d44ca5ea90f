using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>NTP as tcpdump 4.99's print-ntp.c prints it: version and mode, and at <c>-v</c> the time or control message fields.</summary>
internal static class NtpPrinter
{
    private const double TwoToThe32 = 4294967296.0;
    private const long SecondsFrom1900To1970 = 2208988800;

    /// <summary>Prints a message of <paramref name="length"/> bytes; true when tcpdump long-jumps (after writing <c> [|ntp]</c>).</summary>
    public static bool Write(ref LineWriter writer, ReadOnlySpan<byte> payload, int length, int verbose)
    {
        if (!NtpPacket.TryRead(payload, out var ntp, out _))
            return Jump(ref writer);
        writer.Append("NTPv");
        writer.AppendDecimal((uint)ntp.Version);
        writer.Append(", ");
        writer.Append(ModeName(ntp.Mode));
        writer.Append(", length ");
        writer.AppendDecimal((uint)length);
        if (verbose == 0)
            return false;
        writer.Append("\n\tLeap indicator: ");
        writer.Append(ntp.LeapIndicator switch { 0x40 => "+1s", 0x80 => "-1s", 0xc0 => "clock unsynchronized", _ => "" });
        writer.Append(" (");
        writer.AppendDecimal((uint)ntp.LeapIndicator);
        writer.Append(')');
        if (ntp.Mode <= 5)
            return WriteTime(ref writer, in ntp, length);
        if (ntp.Mode == NtpPacket.ControlMode)
            return WriteControl(ref writer, in ntp, length);
        return false;
    }

    private static bool WriteTime(ref LineWriter writer, in NtpPacket ntp, int length)
    {
        if (length < NtpPacket.TimeMessageLength)
            return Invalid(ref writer, in ntp, length);
        if (ntp.Captured < 2)
            return Jump(ref writer);
        var stratum = ntp.Stratum;
        writer.Append(", Stratum ");
        writer.AppendDecimal(stratum);
        writer.Append(" (");
        writer.Append(stratum switch { 0 => "unspecified", 1 => "primary reference", >= 2 and <= 15 => "secondary reference", _ => "reserved" });
        writer.Append(')');
        if (ntp.Captured < 3)
            return Jump(ref writer);
        writer.Append(", poll ");
        writer.AppendSigned(ntp.Poll);
        if (ntp.Poll > -32 && ntp.Poll < 32)
        {
            writer.Append(ntp.Poll >= 0 ? " (" : " (1/");
            writer.AppendDecimal(1u << Math.Abs(ntp.Poll));
            writer.Append("s)");
        }
        if (ntp.Captured < 4)
            return Jump(ref writer);
        writer.Append(", precision ");
        writer.AppendSigned(ntp.Precision);
        if (ntp.Captured < 8)
            return Truncated(ref writer);
        writer.Append("\n\tRoot Delay: ");
        WriteShortFixed(ref writer, ntp.RootDelay);
        if (ntp.Captured < 12)
            return Truncated(ref writer);
        writer.Append(", Root dispersion: ");
        WriteShortFixed(ref writer, ntp.RootDispersion);
        if (ntp.Captured < 16)
            return Truncated(ref writer);
        writer.Append(", Reference-ID: ");
        var reference = ntp.ReferenceId;
        switch (stratum)
        {
            case 0:
                writer.Append("(unspec)");
                break;
            case 1:
                for (var shift = 24; shift >= 0; shift -= 8)
                    PrintableText.Append(ref writer, (byte)(reference >> shift));
                break;
            case 62:
            case 63:
                for (var shift = 24; shift >= 0; shift -= 8)
                {
                    writer.AppendDecimal((reference >> shift) & 0xff);
                    if (shift > 0)
                        writer.Append('.');
                }
                writer.Append(stratum == 62 ? " INFO_QUERY" : " INFO_REPLY");
                return false;
            default:
                writer.Append("0x");
                writer.AppendHex(reference, 8);
                break;
        }
        ReadOnlySpan<string> labels = ["\n\t  Reference Timestamp:  ", "\n\t  Originator Timestamp: ", "\n\t  Receive Timestamp:    ", "\n\t  Transmit Timestamp:   "];
        for (var i = 0; i < 4; i++)
        {
            if (ntp.Captured < 24 + 8 * i)
                return Truncated(ref writer);
            writer.Append(labels[i]);
            WriteTimestamp(ref writer, i switch { 0 => ntp.ReferenceTimestamp, 1 => ntp.OriginTimestamp, 2 => ntp.ReceiveTimestamp, _ => ntp.TransmitTimestamp });
        }
        writer.Append("\n\t    Originator - Receive Timestamp:  ");
        WriteDelta(ref writer, ntp.OriginTimestamp, ntp.ReceiveTimestamp);
        writer.Append("\n\t    Originator - Transmit Timestamp: ");
        WriteDelta(ref writer, ntp.OriginTimestamp, ntp.TransmitTimestamp);
        var digest = length - NtpPacket.TimeMessageLength - 4;
        if (digest is 0 or 16 or 20)
        {
            if (ntp.Captured < 52)
                return Jump(ref writer);
            writer.Append("\n\tKey id: ");
            writer.AppendDecimal(ntp.KeyId);
            if (digest == 0)
                return false;
            if (ntp.Captured < 52 + digest)
                return Truncated(ref writer);
            writer.Append("\n\tAuthentication: ");
            foreach (var b in ntp.Digest[..digest])
                writer.AppendHexByte(b);
        }
        else if (length > NtpPacket.TimeMessageLength)
        {
            writer.Append("\n\t(");
            writer.AppendDecimal((uint)(length - NtpPacket.TimeMessageLength));
            writer.Append(" more bytes after the header)");
        }
        return false;
    }

    private static bool WriteControl(ref LineWriter writer, in NtpPacket ntp, int length)
    {
        if (length < NtpPacket.ControlHeaderLength)
            return Invalid(ref writer, in ntp, length);
        if (ntp.Captured < 2)
            return Jump(ref writer);
        var control = ntp.Control;
        writer.Append((control & 0x80) != 0 ? ", Response" : ", Request");
        writer.Append((control & 0x40) != 0 ? ", Error" : ", OK");
        writer.Append((control & 0x20) != 0 ? ", More" : ", Last");
        writer.Append(", OpCode=");
        writer.AppendDecimal((uint)(control & 0x1f));
        writer.Append('\n');
        ReadOnlySpan<string> labels = ["\tSequence=", ", Status=", ", Assoc.=", ", Offset=", ", Count="];
        for (var i = 0; i < 5; i++)
        {
            if (ntp.Captured < 4 + 2 * i)
                return Jump(ref writer);
            writer.Append(labels[i]);
            var value = i switch { 0 => ntp.Sequence, 1 => ntp.Status, 2 => ntp.AssociationId, 3 => ntp.Offset, _ => ntp.Count };
            if (i == 1 && value != 0)
            {
                writer.Append("0x");
                writer.AppendHex(value);
            }
            else
            {
                writer.AppendDecimal(value);
            }
        }
        if (NtpPacket.ControlHeaderLength + ntp.Count > length)
            return Invalid(ref writer, in ntp, length);
        if (ntp.Count != 0)
        {
            if (ntp.Captured < NtpPacket.ControlHeaderLength + ntp.Count)
                return Truncated(ref writer);
            writer.Append("\n\tTO-BE-DONE: data not interpreted");
        }
        return false;
    }

    private static bool Invalid(ref LineWriter writer, in NtpPacket ntp, int length)
    {
        writer.Append(" (invalid)");
        if (ntp.Captured < length)
            return Truncated(ref writer);
        return false;
    }

    private static bool Truncated(ref LineWriter writer)
    {
        writer.Append(" [|ntp]");
        return false;
    }

    private static bool Jump(ref LineWriter writer)
    {
        writer.Append(" [|ntp]");
        return true;
    }

    private static string ModeName(int mode) => mode switch
    {
        0 => "unspecified", 1 => "symmetric active", 2 => "symmetric passive", 3 => "Client", 4 => "Server", 5 => "Broadcast",
        6 => "Control Message", _ => "Reserved",
    };

    /// <summary>16.16 fixed point as tcpdump's p_sfix: integer part, then millionths truncated.</summary>
    private static void WriteShortFixed(ref LineWriter writer, uint value)
    {
        writer.AppendDecimal(value >> 16);
        writer.Append('.');
        writer.AppendPadded((ulong)(int)((value & 0xffff) / 65536.0 * 1000000.0), 6);
    }

    /// <summary>32.32 seconds since 1900 with billionths, and the UTC date when the seconds are not zero (tcpdump's p_ntp_time).</summary>
    internal static void WriteTimestamp(ref LineWriter writer, ulong value)
    {
        var seconds = (uint)(value >> 32);
        writer.AppendDecimal(seconds);
        writer.Append('.');
        writer.AppendPadded(Billionths((uint)value), 9);
        if (seconds == 0)
            return;
        var time = DateTime.UnixEpoch.AddSeconds(seconds - SecondsFrom1900To1970);
        writer.Append(" (");
        writer.AppendPadded((ulong)time.Year, 4);
        writer.Append('-');
        writer.AppendPadded((ulong)time.Month, 2);
        writer.Append('-');
        writer.AppendPadded((ulong)time.Day, 2);
        writer.Append('T');
        writer.AppendPadded((ulong)time.Hour, 2);
        writer.Append(':');
        writer.AppendPadded((ulong)time.Minute, 2);
        writer.Append(':');
        writer.AppendPadded((ulong)time.Second, 2);
        writer.Append("Z)");
    }

    private static uint Billionths(uint fraction) => (uint)(fraction / TwoToThe32 * 1000000000.0);

    /// <summary>tcpdump's p_ntp_delta: the signed difference of two time stamps, or the second one when the first is zero.</summary>
    private static void WriteDelta(ref LineWriter writer, ulong origin, ulong other)
    {
        if (origin == 0)
        {
            WriteTimestamp(ref writer, other);
            return;
        }
        uint u = (uint)(other >> 32), uf = (uint)other, ou = (uint)(origin >> 32), ouf = (uint)origin;
        bool negative;
        uint seconds, fraction;
        unchecked
        {
            if (u > ou)
            {
                negative = false;
                seconds = u - ou;
                fraction = uf - ouf;
                if (ouf > uf)
                    seconds--;
            }
            else if (u < ou)
            {
                negative = true;
                seconds = ou - u;
                fraction = ouf - uf;
                if (uf > ouf)
                    seconds--;
            }
            else
            {
                seconds = 0;
                negative = uf <= ouf;
                fraction = negative ? ouf - uf : uf - ouf;
            }
        }
        writer.Append(negative ? '-' : '+');
        writer.AppendDecimal(seconds);
        writer.Append('.');
        writer.AppendPadded(Billionths(fraction), 9);
    }
}
