using System.Buffers.Binary;

namespace Pcap.Decode.Text;

/// <summary>
/// IPv4 options as tcpdump's ip_optprint lists them under <c>-v</c>. It walks the option bytes itself rather than
/// <see cref="Network.TlvOptions"/> because tcpdump tells apart a missing type or length byte (packet abandoned), an
/// option cut by the capture (noted) and a bad length (printed), and reads a length byte past the options.
/// </summary>
internal static class Ipv4OptionsPrinter
{
    public enum Outcome
    {
        Complete,
        /// <summary>An option's code or length byte was not captured: tcpdump abandons the packet.</summary>
        ByteMissing,
        /// <summary>An option's body was not captured: tcpdump notes it and prints the addresses.</summary>
        OptionCut,
    }

    /// <summary>
    /// Prints the options: <paramref name="captured"/> is what was captured from the first option on (past the header
    /// too), <paramref name="length"/> what the header length says they span.
    /// </summary>
    public static Outcome Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> captured, int length)
    {
        var offset = 0;
        var remaining = length;
        var separator = false;
        while (remaining > 0)
        {
            if (separator)
                writer.Append(',');
            separator = true;
            if (offset >= captured.Length)
                return Outcome.ByteMissing;
            var code = captured[offset];
            writer.Append(code switch
            {
                0 => "EOL",
                1 => "NOP",
                7 => "RR",
                68 => "timestamp",
                82 => "traceroute",
                130 => "security",
                131 => "LSRR",
                137 => "SSRR",
                148 => "RA",
                _ => "unknown ",
            });
            if (code is not (0 or 1 or 7 or 68 or 82 or 130 or 131 or 137 or 148))
                writer.AppendDecimal(code);
            int optionLength;
            if (code is 0 or 1)
            {
                optionLength = 1;
            }
            else
            {
                if (offset + 1 >= captured.Length)
                    return Outcome.ByteMissing;
                optionLength = captured[offset + 1];
                if (optionLength < 2)
                {
                    writer.AppendNote(" [bad length ", (uint)optionLength, ']');
                    return Outcome.Complete;
                }
            }
            if (optionLength > remaining)
            {
                writer.AppendNote(" [bad length ", (uint)optionLength, ']');
                return Outcome.Complete;
            }
            if (offset + optionLength > captured.Length)
                return Outcome.OptionCut;
            if (code == 0)
                return Outcome.Complete;
            if (code is 7 or 131 or 137 && !PrintRoute(ref writer, state, captured[offset..], optionLength))
                return Outcome.OptionCut;
            if (code == 68 && !PrintTimestamps(ref writer, state, captured[offset..], optionLength))
                return Outcome.OptionCut;
            if (code == 148)
            {
                if (optionLength < 4)
                {
                    writer.AppendNote(" [bad length ", (uint)optionLength, ']');
                }
                else
                {
                    var value = BinaryPrimitives.ReadUInt16BigEndian(captured[(offset + 2)..]);
                    if (value != 0)
                    {
                        writer.Append(" value ");
                        writer.AppendDecimal(value);
                    }
                }
            }
            offset += optionLength;
            remaining -= optionLength;
        }
        return Outcome.Complete;
    }

    /// <summary>Record-route and source-route options: the addresses, a comma after each one the pointer has passed.</summary>
    private static bool PrintRoute(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> option, int length)
    {
        if (length < 3)
        {
            writer.AppendNote(" [bad length ", (uint)length, ']');
            return true;
        }
        if (((length + 1) & 3) != 0)
        {
            writer.AppendNote(" [bad length ", (uint)length, ']');
        }
        // Unsigned as in tcpdump: a pointer byte of 0 wraps, so every address is followed by a comma.
        var pointer = unchecked((uint)(option[2] - 1));
        if (pointer < 3 || ((pointer + 1) & 3) != 0 || pointer > (uint)(length + 1))
        {
            writer.AppendNote(" [bad ptr ", option[2], ']');
        }
        for (var at = 3; at < length; at += 4)
        {
            if (option.Length < at + 4)
                return false;
            writer.Append(' ');
            state.WriteIpAddress(ref writer, option.Slice(at, 4));
            if (pointer > (uint)at)
                writer.Append(',');
        }
        return true;
    }

    /// <summary>The timestamp option: <c> TS{TSONLY ^ t@ ...}</c>, with addresses for the TS+ADDR and PRESPEC kinds.</summary>
    private static bool PrintTimestamps(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> option, int length)
    {
        if (length < 4)
        {
            writer.AppendNote("[bad length ", (uint)length, ']');
            return true;
        }
        writer.Append(" TS{");
        var kind = option[3] & 0x0f;
        var hopLength = kind != 0 ? 8 : 4;
        if (((length - 4) & (hopLength - 1)) != 0)
        {
            writer.AppendNote("[bad length ", (uint)length, ']');
        }
        var pointer = option[2] - 1;
        var at = 0;
        if (pointer < 4 || ((pointer - 4) & (hopLength - 1)) != 0 || pointer > length + 1)
        {
            writer.AppendNote("[bad ptr ", option[2], ']');
        }
        var known = true;
        switch (kind)
        {
            case 0:
                writer.Append("TSONLY");
                break;
            case 1:
                writer.Append("TS+ADDR");
                break;
            case 3:
                writer.Append("PRESPEC");
                break;
            default:
                writer.AppendNote("[bad ts type ", (uint)kind, ']');
                known = false;
                break;
        }
        if (known)
        {
            for (at = 4; at < length; at += hopLength)
            {
                if (option.Length < at + hopLength)
                    return false;
                writer.Append(pointer == at ? " ^ " : " ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(option[(at + hopLength - 4)..]));
                writer.Append('@');
                if (hopLength == 8)
                    state.WriteIpAddress(ref writer, option.Slice(at, 4));
            }
        }
        if (pointer == at)
            writer.Append(" ^ ");
        if (option[3] >> 4 != 0)
        {
            writer.Append(" [");
            writer.AppendDecimal((uint)(option[3] >> 4));
            writer.Append(" hops not recorded]} ");
        }
        else
        {
            writer.Append('}');
        }
        return true;
    }
}
