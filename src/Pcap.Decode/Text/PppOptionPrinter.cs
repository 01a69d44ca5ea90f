using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>
/// The configuration options of PPP's control protocols as tcpdump 4.99's print_*_config_options (print-ppp.c) print them.
/// Each prints the option at <c>at</c> in the packet and returns its length (the step to the next one), 0 when tcpdump
/// stops the list there, or -1 when the packet was abandoned (tcpdump's long jump on a field it could not read).
/// <c>length</c> is the control packet's whole encoded length, which tcpdump compares each option's length with.
/// </summary>
internal static class PppOptionPrinter
{
    private const string HexIndent = "\n\t    ";

    /// <summary>An LCP option.</summary>
    public static int Lcp(ref LineWriter writer, PrintState state, PppControlPacket packet, int at, int length)
    {
        if (!TryStart(ref writer, packet, at, length, "lcp", out var option, out var optionLength))
            return 0;
        var name = option < LcpNames.Length ? LcpNames[option] : null;
        if (name is null)
        {
            writer.Append("\n\tunknown LCP option 0x");
            writer.AppendHex(option, 2);
            return optionLength < 2 ? 0 : optionLength;
        }
        WriteHeader(ref writer, name, option, optionLength);
        if (optionLength < 2)
        {
            writer.Append(" (length bogus, should be >= 2)");
            return 0;
        }
        var value = at + 2;
        switch (option)
        {
            case 0:
                if (optionLength < 6)
                    return Bogus(ref writer, ">= 6", optionLength);
                if (!packet.Has(value, 3))
                    return Abandon(ref writer, state);
                writer.Append(": Vendor: ");
                PppControlPrinter.WriteOui(ref writer, packet.U24(value));
                break;
            case 1:
            case 17:
                // MRU, and Multilink's MRRU.
                if (optionLength != 4)
                    return Bogus(ref writer, "= 4", option == 1 ? optionLength : 0);
                if (!packet.Has(value, 2))
                    return Abandon(ref writer, state);
                writer.Append(": ");
                writer.AppendDecimal(packet.U16(value));
                break;
            case 2:
            case 5:
                // ACCM and the magic number: 32 bits in hex.
                if (optionLength != 6)
                    return Bogus(ref writer, "= 6", option == 2 ? optionLength : 0);
                if (!packet.Has(value, 4))
                    return Abandon(ref writer, state);
                writer.Append(": 0x");
                writer.AppendHex(packet.U32(value), 8);
                break;
            case 3:
                if (optionLength < 4)
                    return Bogus(ref writer, ">= 4", optionLength);
                if (!WriteAuthenticationProtocol(ref writer, state, packet, at, optionLength))
                    return -1;
                break;
            case 4:
                if (optionLength < 4)
                    return Bogus(ref writer, ">= 4", 0);
                if (!packet.Has(value, 2))
                    return Abandon(ref writer, state);
                writer.Append(packet.U16(value) == 0xc025 ? ": LQR" : ": unknown");
                break;
            case 7:
            case 8:
                break;
            case 23:
                if (optionLength != 4)
                    return Bogus(ref writer, "= 4", 0);
                if (!packet.Has(value, 2))
                    return Abandon(ref writer, state);
                writer.Append(": 0x");
                writer.AppendHex(packet.U16(value), 4);
                break;
            case 13:
                if (optionLength < 3)
                    return Bogus(ref writer, ">= 3", 0);
                writer.Append(": ");
                if (!packet.Has(value, 1))
                    return Abandon(ref writer, state);
                writer.Append(": Callback Operation ");
                writer.Append(CallbackName(packet.U8(value)) ?? "Unknown");
                writer.Append(" (");
                writer.AppendDecimal(packet.U8(value));
                writer.Append(')');
                break;
            case 19:
                var advance = WriteEndpointDiscriminator(ref writer, state, packet, value, optionLength);
                if (advance <= 0)
                    return advance;
                break;
            default:
                WriteUnknown(ref writer, state, packet, value, optionLength);
                break;
        }
        return Finish(ref writer, state, packet, value, optionLength);
    }

    /// <summary>An IPCP option.</summary>
    public static int Ipcp(ref LineWriter writer, PrintState state, PppControlPacket packet, int at, int length)
    {
        if (!TryStartNamed(ref writer, packet, at, length, OptionTable.Ipcp, out var option, out var optionLength))
            return 0;
        var value = at + 2;
        switch (option)
        {
            case 1:
                if (optionLength != 10)
                    return Bogus(ref writer, "= 10", optionLength);
                // tcpdump formats both addresses before it writes either.
                if (!packet.Has(value, 8))
                    return Abandon(ref writer, state);
                writer.Append(": src ");
                state.WriteIpAddress(ref writer, packet.Bytes.Slice(value, 4));
                writer.Append(", dst ");
                state.WriteIpAddress(ref writer, packet.Bytes.Slice(value + 4, 4));
                break;
            case 2:
                var end = WriteCompression(ref writer, state, packet, at, optionLength);
                if (end <= 0)
                    return end;
                // tcpdump's -vv dump starts after the suboptions it walked.
                value = end;
                break;
            case 3:
            case 4:
            case 129:
            case 130:
            case 131:
            case 132:
                if (optionLength != 6)
                    return Bogus(ref writer, "= 6", 0);
                if (!packet.Has(value, 4))
                    return Abandon(ref writer, state);
                writer.Append(": ");
                state.WriteIpAddress(ref writer, packet.Bytes.Slice(value, 4));
                break;
            default:
                WriteUnknown(ref writer, state, packet, value, optionLength);
                break;
        }
        return Finish(ref writer, state, packet, value, optionLength);
    }

    /// <summary>An IPv6CP option.</summary>
    public static int Ipv6cp(ref LineWriter writer, PrintState state, PppControlPacket packet, int at, int length)
    {
        if (!TryStartNamed(ref writer, packet, at, length, OptionTable.Ipv6cp, out var option, out var optionLength))
            return 0;
        var value = at + 2;
        if (option == 1)
        {
            if (optionLength != 10)
                return Bogus(ref writer, "= 10", optionLength);
            if (!packet.Has(value, 8))
            {
                writer.Append("[|ip6cp]");
                return 0;
            }
            writer.Append(": ");
            for (var i = 0; i < 4; i++)
            {
                if (i > 0)
                    writer.Append(':');
                writer.AppendHex(packet.U16(value + 2 * i), 4);
            }
        }
        else
        {
            WriteUnknown(ref writer, state, packet, value, optionLength);
        }
        return Finish(ref writer, state, packet, value, optionLength);
    }

    /// <summary>A CCP option.</summary>
    public static int Ccp(ref LineWriter writer, PrintState state, PppControlPacket packet, int at, int length)
    {
        if (!TryStartNamed(ref writer, packet, at, length, OptionTable.Ccp, out var option, out var optionLength))
            return 0;
        var value = at + 2;
        switch (option)
        {
            case 21:
                if (optionLength < 3)
                    return Bogus(ref writer, ">= 3", optionLength);
                if (!packet.Has(value, 1))
                    return Abandon(ref writer, state);
                writer.Append(": Version: ");
                writer.AppendDecimal((uint)(packet.U8(value) >> 5));
                writer.Append(", Dictionary Bits: ");
                writer.AppendDecimal((uint)(packet.U8(value) & 0x1f));
                break;
            case 24:
                if (optionLength < 4)
                    return Bogus(ref writer, ">= 4", optionLength);
                if (!packet.Has(value, 2))
                    return Abandon(ref writer, state);
                var flags = packet.U8(value);
                writer.Append(": Features: ");
                writer.AppendDecimal((uint)((flags & 0xc0) >> 6));
                writer.Append(", PxP: ");
                writer.Append((flags & 0x20) != 0 ? "Enabled" : "Disabled");
                writer.Append(", History: ");
                writer.AppendDecimal((uint)(flags & 0x1f));
                writer.Append(", #CTX-ID: ");
                writer.AppendDecimal(packet.U8(value + 1));
                break;
            case 26:
                if (optionLength < 4)
                    return Bogus(ref writer, ">= 4", optionLength);
                if (!packet.Has(value, 2))
                    return Abandon(ref writer, state);
                var window = packet.U8(value);
                var check = packet.U8(value + 1);
                writer.Append(": Window: ");
                writer.AppendDecimal((uint)((window & 0xf0) >> 4));
                writer.Append("K, Method: ");
                writer.Append((window & 0x0f) == 8 ? "zlib" : "unknown");
                writer.Append(" (0x");
                writer.AppendHex((uint)(window & 0x0f));
                writer.Append("), MBZ: ");
                writer.AppendDecimal((uint)((check & 0xfc) >> 2));
                writer.Append(", CHK: ");
                writer.AppendDecimal((uint)(check & 0x03));
                break;
            default:
                WriteUnknown(ref writer, state, packet, value, optionLength);
                break;
        }
        return Finish(ref writer, state, packet, value, optionLength);
    }

    /// <summary>A BACP option.</summary>
    public static int Bacp(ref LineWriter writer, PrintState state, PppControlPacket packet, int at, int length)
    {
        if (!TryStartNamed(ref writer, packet, at, length, OptionTable.Bacp, out var option, out var optionLength))
            return 0;
        var value = at + 2;
        if (option == 1)
        {
            if (optionLength != 6)
                return Bogus(ref writer, "= 6", optionLength);
            if (!packet.Has(value, 4))
                return Abandon(ref writer, state);
            writer.Append(": Magic-Num 0x");
            writer.AppendHex(packet.U32(value), 8);
        }
        else
        {
            WriteUnknown(ref writer, state, packet, value, optionLength);
        }
        return Finish(ref writer, state, packet, value, optionLength);
    }

    /// <summary>
    /// The option's type and length: false (stop the list) when the packet is shorter than 2 or than the option, or when
    /// they were not captured (then <c>[|proto]</c>).
    /// </summary>
    private static bool TryStart(ref LineWriter writer, PppControlPacket packet, int at, int length, string protocol, out byte option, out int optionLength)
    {
        option = 0;
        optionLength = 0;
        if (length < 2)
            return false;
        if (!packet.Has(at, 2))
        {
            writer.Append("[|");
            writer.Append(protocol);
            writer.Append(']');
            return false;
        }
        option = packet.U8(at);
        optionLength = packet.U8(at + 1);
        return length >= optionLength;
    }

    private enum OptionTable { Ipcp, Ipv6cp, Ccp, Bacp }

    /// <summary><see cref="TryStart"/>, then the option's name and length from <paramref name="table"/>; false as well for a length under 2.</summary>
    private static bool TryStartNamed(ref LineWriter writer, PppControlPacket packet, int at, int length, OptionTable table, out byte option, out int optionLength)
    {
        var protocol = table switch { OptionTable.Ipcp => "ipcp", OptionTable.Ipv6cp => "ip6cp", OptionTable.Ccp => "ccp", _ => "bacp" };
        if (!TryStart(ref writer, packet, at, length, protocol, out option, out optionLength))
            return false;
        var name = table switch
        {
            OptionTable.Ipcp => IpcpName(option) ?? "unknown",
            OptionTable.Ipv6cp => option == 1 ? "Interface-ID" : "unknown",
            OptionTable.Ccp => CcpName(option) ?? "Unknown",
            _ => option == 1 ? "Favored-Peer" : "Unknown",
        };
        WriteHeader(ref writer, name, option, optionLength);
        if (optionLength >= 2)
            return true;
        writer.Append(" (length bogus, should be >= 2)");
        return false;
    }

    /// <summary>An option tcpdump does not decode: its value in hex, unless <c>-vv</c> dumps it anyway.</summary>
    private static void WriteUnknown(ref LineWriter writer, PrintState state, PppControlPacket packet, int value, int optionLength)
    {
        if (state.Options.Verbose < 2)
            PppPrinter.WriteUnknownData(ref writer, packet.Bytes, value, HexIndent, optionLength - 2);
    }

    private static void WriteHeader(ref LineWriter writer, string name, byte option, int optionLength)
    {
        writer.Append("\n\t  ");
        writer.Append(name);
        writer.Append(" Option (0x");
        writer.AppendHex(option, 2);
        writer.Append("), length ");
        writer.AppendDecimal((uint)optionLength);
    }

    /// <summary>tcpdump's "(length bogus, should be ...)"; some options then step over the option, others end the list.</summary>
    private static int Bogus(ref LineWriter writer, string should, int advance)
    {
        writer.Append(" (length bogus, should be ");
        writer.Append(should);
        writer.Append(')');
        return advance;
    }

    /// <summary>With <c>-vv</c>, the option's value in hex from <paramref name="value"/>; the option's length.</summary>
    private static int Finish(ref LineWriter writer, PrintState state, PppControlPacket packet, int value, int optionLength)
    {
        if (state.Options.Verbose > 1)
            PppPrinter.WriteUnknownData(ref writer, packet.Bytes, value, HexIndent, optionLength - 2);
        return optionLength;
    }

    private static int Abandon(ref LineWriter writer, PrintState state)
    {
        PppPrinter.Abandon(ref writer, state);
        return -1;
    }

    /// <summary>LCP's Authentication-Protocol option: the protocol, CHAP's algorithm, or other protocols in hex.</summary>
    private static bool WriteAuthenticationProtocol(ref LineWriter writer, PrintState state, PppControlPacket packet, int at, int optionLength)
    {
        if (!packet.Has(at + 2, 2))
        {
            PppPrinter.Abandon(ref writer, state);
            return false;
        }
        var protocol = packet.U16(at + 2);
        writer.Append(": ");
        // tcpdump's format for an unknown protocol has no conversion: it prints as written.
        writer.Append(PppPrinter.Name(protocol) ?? "Unknown Auth Proto (0x04x)");
        switch (protocol)
        {
            case PppHeader.Chap:
                if (!packet.Has(at + 4, 1))
                {
                    PppPrinter.Abandon(ref writer, state);
                    return false;
                }
                var algorithm = packet.U8(at + 4);
                writer.Append(", ");
                var algorithmName = algorithm switch { 5 => "MD5", 128 => "MS-CHAPv1", 129 => "MS-CHAPv2", _ => null };
                if (algorithmName is null)
                {
                    writer.Append("Unknown Auth Alg ");
                    writer.AppendDecimal(algorithm);
                }
                else
                {
                    writer.Append(algorithmName);
                }
                break;
            case PppHeader.Pap:
            case 0xc227:
            case 0xc027:
            case 0xc123:
                break;
            default:
                PppPrinter.WriteUnknownData(ref writer, packet.Bytes, at, "\n\t", optionLength);
                break;
        }
        return true;
    }

    /// <summary>Multilink's Endpoint-Discriminator: its class and, for IPv4 and MAC, the address. 0 or -1 stop the list.</summary>
    private static int WriteEndpointDiscriminator(ref LineWriter writer, PrintState state, PppControlPacket packet, int value, int optionLength)
    {
        if (optionLength < 3)
            return Bogus(ref writer, ">= 3", 0);
        if (!packet.Has(value, 1))
            return Abandon(ref writer, state);
        var discriminatorClass = packet.U8(value);
        switch (discriminatorClass)
        {
            case 0:
                writer.Append(": Null");
                break;
            case 1:
                writer.Append(": Local");
                break;
            case 2:
                if (optionLength != 7)
                    return Bogus(ref writer, "= 7", 0);
                if (!packet.Has(value + 1, 4))
                    return Abandon(ref writer, state);
                writer.Append(": IPv4 ");
                state.WriteIpAddress(ref writer, packet.Bytes.Slice(value + 1, 4));
                break;
            case 3:
                if (optionLength != 9)
                    return Bogus(ref writer, "= 9", 0);
                if (!packet.Has(value + 1, 6))
                    return Abandon(ref writer, state);
                writer.Append(": MAC ");
                state.WriteMac(ref writer, packet.Bytes.Slice(value + 1, 6));
                break;
            case 4:
                writer.Append(": Magic-Num-Block");
                break;
            case 5:
                writer.Append(": PSNDN");
                break;
            default:
                writer.Append(": Unknown class ");
                writer.AppendDecimal(discriminatorClass);
                break;
        }
        return optionLength;
    }

    /// <summary>
    /// IPCP's IP-Compression-Protocol: VJ or RFC 3544 header compression with its parameters and suboptions. Returns where
    /// tcpdump's <c>-vv</c> dump of the option starts (after the suboptions it walked), or 0 / -1 to stop the list.
    /// </summary>
    private static int WriteCompression(ref LineWriter writer, PrintState state, PppControlPacket packet, int at, int optionLength)
    {
        if (optionLength < 4)
            return Bogus(ref writer, ">= 4", 0);
        if (!packet.Has(at + 2, 2))
            return Abandon(ref writer, state);
        var compression = packet.U16(at + 2);
        writer.Append(": ");
        writer.Append(compression switch { 0x002d => "VJ-Comp", 0x61 => "IP Header Compression", _ => "Unknown" });
        writer.Append(" (0x");
        writer.AppendHex(compression, 2);
        writer.Append("):");
        if (compression != 0x61)
            return at + 2;
        const int minimum = 14;
        if (optionLength < minimum)
        {
            writer.Append(" (length bogus, should be >= 14)");
            return 0;
        }
        // tcpdump checks 14 bytes from the value, two more than the parameters take.
        if (!packet.Has(at + 2, minimum))
        {
            writer.Append("[|ipcp]");
            return 0;
        }
        writer.Append("\n\t    TCP Space ");
        writer.AppendDecimal(packet.U16(at + 4));
        writer.Append(", non-TCP Space ");
        writer.AppendDecimal(packet.U16(at + 6));
        writer.Append(", maxPeriod ");
        writer.AppendDecimal(packet.U16(at + 8));
        writer.Append(", maxTime ");
        writer.AppendDecimal(packet.U16(at + 10));
        writer.Append(", maxHdr ");
        writer.AppendDecimal(packet.U16(at + 12));
        if (optionLength <= minimum)
            return at + 2;
        var remaining = optionLength - minimum;
        var p = at + minimum;
        writer.Append("\n\t      Suboptions, length ");
        writer.AppendDecimal((uint)remaining);
        while (remaining >= 2)
        {
            if (!packet.Has(p, 2))
            {
                writer.Append("[|ipcp]");
                return 0;
            }
            var suboption = packet.U8(p);
            var suboptionLength = packet.U8(p + 1);
            if (suboption == 0 || suboptionLength == 0)
                break;
            writer.Append("\n\t\t");
            writer.Append(suboption switch { 1 => "RTP-Compression", 2 => "Enhanced RTP-Compression", _ => "Unknown" });
            writer.Append(" Suboption #");
            writer.AppendDecimal(suboption);
            writer.Append(", length ");
            writer.AppendDecimal(suboptionLength);
            if (remaining < suboptionLength)
            {
                writer.Append(" [remaining suboptions length ");
                writer.AppendDecimal((uint)remaining);
                writer.Append(" < ");
                writer.AppendDecimal(suboptionLength);
                writer.Append("] (invalid)");
                break;
            }
            remaining -= suboptionLength;
            p += suboptionLength;
        }
        return p + 2;
    }

    /// <summary>tcpdump's lcpconfopts, indexed by option type.</summary>
    private static readonly string[] LcpNames =
    [
        "Vend-Ext", "MRU", "ACCM", "Auth-Prot", "Qual-Prot", "Magic-Num", "deprecated(6)", "PFC", "ACFC", "FCS-Alt", "SDP",
        "Num-Mode", "deprecated(12)", "Call-Back", "deprecated(14)", "deprecated(15)", "deprecated(16)", "MRRU", "12-Bit seq #",
        "End-Disc", "Proprietary", "DCE-Id", "MP+", "Link-Disc", "LCP-Auth-Opt", "COBS", "Prefix-elision",
        "Multilink-header-Form", "I18N", "SDL-over-SONET/SDH", "PPP-Muxing",
    ];

    private static string? CallbackName(byte operation) => operation switch
    {
        0 => "UserAuth", 1 => "DialString", 2 => "LocalID", 3 => "E.164", 4 => "X.500", 6 => "CBCP",
        _ => null,
    };

    private static string? IpcpName(byte option) => option switch
    {
        1 => "IP-Addrs", 2 => "IP-Comp", 3 => "IP-Addr", 4 => "Home-Addr", 129 => "Pri-DNS", 130 => "Pri-NBNS", 131 => "Sec-DNS",
        132 => "Sec-NBNS",
        _ => null,
    };

    private static string? CcpName(byte option) => option switch
    {
        0 => "OUI", 1 => "Pred-1", 2 => "Pred-2", 3 => "Puddle", 16 => "HP-PPC", 17 => "Stac-LZS", 18 => "MPPC", 19 => "Gand-FZA",
        20 => "V.42bis", 21 => "BSD-Comp", 23 => "LZS-DCP", 24 => "MVRCA", 25 => "DEC", 26 => "Deflate", 255 => "Reserved",
        _ => null,
    };
}
