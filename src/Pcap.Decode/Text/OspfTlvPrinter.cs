using System.Buffers.Binary;

namespace Pcap.Decode.Text;

/// <summary>How a TLV walk of tcpdump's OSPF printer ended.</summary>
internal enum OspfTlvOutcome
{
    /// <summary>Every TLV printed: the LSA goes on (to its -vv hex dump).</summary>
    Printed,
    /// <summary>The walk gave up (tcpdump's return -1): the LSA ends there.</summary>
    Stopped,
    /// <summary>A field past the capture: tcpdump long-jumps out of the packet.</summary>
    Truncated,
}

/// <summary>
/// The TLVs of the opaque LSAs both OSPF versions share in tcpdump 4.99's print-ospf.c: graceful restart (RFC 3623) and
/// traffic engineering (RFC 3630, 4203, 4124), plus the capture checks and hex dump the OSPF printers use.
/// </summary>
internal static class OspfTlvPrinter
{
    /// <summary>Whether <paramref name="count"/> bytes at <paramref name="at"/> were captured.</summary>
    public static bool Has(ReadOnlySpan<byte> data, long at, long count) => at >= 0 && at + count <= data.Length;

    /// <summary>
    /// tcpdump's print_unknown_data: a hex dump of up to <paramref name="length"/> captured bytes at <paramref name="at"/>;
    /// false, with its complaint, when <paramref name="at"/> lies past the capture.
    /// </summary>
    public static bool WriteUnknownData(ref LineWriter writer, ReadOnlySpan<byte> data, long at, string indent, long length)
    {
        if (at > data.Length)
        {
            writer.Append(indent);
            writer.Append("Dissector error: print_unknown_data called with pointer past end of packet");
            return false;
        }
        var available = data.Length - (int)at;
        HexDumpWriter.WriteHexOnly(ref writer, data.Slice((int)at, (int)Math.Min(length, available)), indent);
        return true;
    }

    /// <summary>
    /// The type and length that start each TLV of an LSA, <paramref name="at"/> and <paramref name="remaining"/> moved past
    /// them; false with <paramref name="failed"/> when they were not captured (<paramref name="uncaptured"/>, which differs
    /// between tcpdump's walks) or fewer than 4 bytes of the LSA remain (said, and the walk stops).
    /// </summary>
    public static bool TryReadTlvHeader(ref LineWriter writer, ReadOnlySpan<byte> data, ref long at, ref uint remaining, OspfTlvOutcome uncaptured,
        out int type, out uint length, out OspfTlvOutcome failed)
    {
        type = 0;
        length = 0;
        failed = uncaptured;
        if (!Has(data, at, 4))
            return false;
        failed = OspfTlvOutcome.Stopped;
        if (remaining < 4)
        {
            writer.Append("\n\t    Remaining LS length ");
            writer.AppendDecimal(remaining);
            writer.Append(" < 4");
            return false;
        }
        type = Word(data, at);
        length = Word(data, at + 2);
        at += 4;
        remaining -= 4;
        return true;
    }

    /// <summary>A TLV's line: <c>name TLV (type)</c>, then the length with its label and what follows it.</summary>
    public static void WriteTlvLine(ref LineWriter writer, string name, int type, string lengthLabel, uint length, string after)
    {
        writer.Append("\n\t    ");
        writer.Append(name);
        writer.Append(" TLV (");
        writer.AppendDecimal((uint)type);
        writer.Append(lengthLabel);
        writer.AppendDecimal(length);
        writer.Append(after);
    }

    /// <summary>tcpdump's ospf_grace_lsa_print over <paramref name="length"/> bytes of TLVs at <paramref name="at"/>.</summary>
    public static OspfTlvOutcome PrintGrace(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, long at, uint length)
    {
        while (length > 0)
        {
            if (!TryReadTlvHeader(ref writer, data, ref at, ref length, OspfTlvOutcome.Stopped, out var type, out var tlvLength, out var failed))
                return failed;
            WriteTlvLine(ref writer, type switch { 1 => "Grace Period", 2 => "Graceful restart Reason", 3 => "IPv4 interface address", _ => "unknown" },
                type, "), length ", tlvLength, ", value: ");
            if (tlvLength > length)
                return Bogus(ref writer, tlvLength, " > ", length);
            if (type == 0 || tlvLength == 0 || !Has(data, at, tlvLength))
                return OspfTlvOutcome.Stopped;
            switch (type)
            {
                case 1:
                    if (tlvLength != 4)
                        return Bogus(ref writer, tlvLength, " != ", 4);
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(data[(int)at..]));
                    writer.Append('s');
                    break;
                case 2:
                    if (tlvLength != 1)
                        return Bogus(ref writer, tlvLength, " != ", 1);
                    var reason = data[(int)at];
                    writer.Append(reason switch
                    {
                        1 => "Software Restart",
                        2 => "Software Reload/Upgrade",
                        3 => "Control Processor Switch",
                        _ => "Unknown",
                    });
                    writer.Append(" (");
                    writer.AppendDecimal(reason);
                    writer.Append(')');
                    break;
                case 3:
                    if (tlvLength != 4)
                        return Bogus(ref writer, tlvLength, " != ", 4);
                    state.WriteIpAddress(ref writer, data.Slice((int)at, 4));
                    break;
                default:
                    if (state.Options.Verbose <= 1 && !WriteUnknownData(ref writer, data, at, "\n\t      ", tlvLength))
                        return OspfTlvOutcome.Stopped;
                    break;
            }
            // OSPF pads every TLV to 32 bits; tcpdump's unsigned length wraps when the padding runs past the LSA.
            tlvLength = Padded(tlvLength);
            length -= tlvLength;
            at += tlvLength;
        }
        return OspfTlvOutcome.Printed;
    }

    /// <summary>tcpdump's ospf_te_lsa_print over <paramref name="length"/> bytes of TLVs at <paramref name="at"/>.</summary>
    public static OspfTlvOutcome PrintTrafficEngineering(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, long at, uint length)
    {
        while (length != 0)
        {
            if (!TryReadTlvHeader(ref writer, data, ref at, ref length, OspfTlvOutcome.Stopped, out var type, out var tlvLength, out var failed))
                return failed;
            WriteTlvLine(ref writer, type switch { 1 => "Router Address", 2 => "Link", _ => "unknown" }, type, "), length: ", tlvLength, "");
            if (tlvLength > length)
                return Bogus(ref writer, tlvLength, " > ", length);
            if (type == 0 || tlvLength == 0)
                return OspfTlvOutcome.Stopped;
            switch (type)
            {
                case 2:
                    // The link TLV's sub-TLVs: tcpdump walks them with the TLV's own length, which ends at 0.
                    while (tlvLength != 0)
                    {
                        if (tlvLength < 4)
                        {
                            writer.Append("\n\t    Remaining TLV length ");
                            writer.AppendDecimal(tlvLength);
                            writer.Append(" < 4");
                            return OspfTlvOutcome.Stopped;
                        }
                        if (!Has(data, at, 4))
                            return OspfTlvOutcome.Truncated;
                        var subtype = Word(data, at);
                        uint subLength = Word(data, at + 2);
                        at += 4;
                        tlvLength -= 4;
                        if (subtype == 0 || subLength == 0)
                            return Invalid(ref writer);
                        writer.Append("\n\t      ");
                        writer.Append(SubTlvName(subtype));
                        writer.Append(" subTLV (");
                        writer.AppendDecimal(subtype);
                        writer.Append("), length: ");
                        writer.AppendDecimal(subLength);
                        if (tlvLength < subLength)
                            return RemainingTlv(ref writer, tlvLength, subLength);
                        if (!Has(data, at, subLength))
                            return OspfTlvOutcome.Stopped;
                        var outcome = PrintSubTlv(ref writer, state, data, ref at, subtype, subLength);
                        if (outcome != OspfTlvOutcome.Printed)
                            return outcome;
                        subLength = Padded(subLength);
                        if (tlvLength < subLength)
                            return RemainingTlv(ref writer, tlvLength, subLength);
                        tlvLength -= subLength;
                        at += subLength;
                    }
                    break;
                case 1:
                    if (tlvLength < 4)
                    {
                        writer.Append("\n\t    TLV length ");
                        writer.AppendDecimal(tlvLength);
                        writer.Append(" < 4");
                        return OspfTlvOutcome.Stopped;
                    }
                    if (!Has(data, at, 4))
                        return OspfTlvOutcome.Truncated;
                    writer.Append(", ");
                    state.WriteIpAddress(ref writer, data.Slice((int)at, 4));
                    break;
                default:
                    if (state.Options.Verbose <= 1 && !WriteUnknownData(ref writer, data, at, "\n\t      ", tlvLength))
                        return OspfTlvOutcome.Stopped;
                    break;
            }
            tlvLength = Padded(tlvLength);
            if (tlvLength > length)
            {
                writer.Append("\n\t    Bogus padded length ");
                writer.AppendDecimal(tlvLength);
                writer.Append(" > ");
                writer.AppendDecimal(length);
                return OspfTlvOutcome.Stopped;
            }
            length -= tlvLength;
            at += tlvLength;
        }
        return OspfTlvOutcome.Printed;
    }

    /// <summary>One sub-TLV of a link TLV, whose <paramref name="length"/> bytes at <paramref name="at"/> were captured.</summary>
    private static OspfTlvOutcome PrintSubTlv(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, ref long at, int type, uint length)
    {
        var value = data.Slice((int)at, (int)length);
        switch (type)
        {
            case 9:
                if (length != 4)
                    return Invalid(ref writer, " != 4");
                writer.Append(", 0x");
                writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(value), 8);
                break;
            case 2:
            case 11:
                if (length != 4 && length != 8)
                    return Invalid(ref writer, " != 4 && != 8");
                WriteIdentifier(ref writer, state, value);
                if (length == 8)
                    WriteIdentifier(ref writer, state, value[4..]);
                break;
            case 3:
            case 4:
                if (length != 4)
                    return Invalid(ref writer, " != 4");
                writer.Append(", ");
                state.WriteIpAddress(ref writer, value);
                break;
            case 6:
            case 7:
                if (length != 4)
                    return Invalid(ref writer, " != 4");
                writer.Append(", ");
                WriteBandwidth(ref writer, value);
                break;
            case 8:
                if (length != 32)
                    return Invalid(ref writer, " != 32");
                WriteBandwidths(ref writer, "\n\t\tTE-Class ", value, 8);
                break;
            case 17:
                if (length < 4)
                    return Invalid(ref writer, " < 4");
                writer.Append("\n\t\tBandwidth Constraints Model ID: ");
                writer.Append(value[0] switch { 0 => "Russian dolls", 1 => "Maximum allocation", 254 => "Maximum allocation with E-LSP support", _ => "unknown" });
                writer.Append(" (");
                writer.AppendDecimal(value[0]);
                writer.Append(')');
                if (length % 4 != 0)
                    return Invalid(ref writer, "\n\t\tlength ", length, " != N x 4");
                if (length > 36)
                    return Invalid(ref writer, "\n\t\tlength ", length, " > 36");
                WriteBandwidths(ref writer, "\n\t\t  Bandwidth constraint CT", value[4..], (int)(length - 4) / 4);
                break;
            case 5:
                if (length != 4)
                    return Invalid(ref writer, " != 4");
                writer.Append(", Metric ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(value));
                break;
            case 14:
                if (length != 4)
                    return Invalid(ref writer, " != 4");
                writer.Append(", ");
                WriteProtection(ref writer, value[0]);
                break;
            case 15:
                if (length < 36)
                    return Invalid(ref writer, " < 36");
                writer.Append("\n\t\tInterface Switching Capability: ");
                writer.Append(value[0] switch
                {
                    1 => "Packet-Switch Capable-1",
                    2 => "Packet-Switch Capable-2",
                    3 => "Packet-Switch Capable-3",
                    4 => "Packet-Switch Capable-4",
                    51 => "Layer-2 Switch Capable",
                    100 => "Time-Division-Multiplex",
                    150 => "Lambda-Switch Capable",
                    200 => "Fiber-Switch Capable",
                    _ => "Unknown",
                });
                writer.Append("\n\t\tLSP Encoding: ");
                writer.Append(value[1] switch
                {
                    1 => "Packet",
                    2 => "Ethernet V2/DIX",
                    3 => "ANSI/ETSI PDH",
                    5 => "SDH ITU-T G.707/SONET ANSI T1.105",
                    7 => "Digital Wrapper",
                    8 => "Lambda (photonic)",
                    9 => "Fiber",
                    11 => "FiberChannel",
                    4 or 6 or 10 => "Reserved",
                    _ => "Unknown",
                });
                writer.Append("\n\t\tMax LSP Bandwidth:");
                WriteBandwidths(ref writer, "\n\t\t  priority level ", value[4..], 8);
                break;
            case 1:
                if (length != 1)
                    return Invalid(ref writer, " != 1");
                writer.Append(", ");
                writer.Append(value[0] switch { 1 => "Point-to-point", 2 => "Multi-Access", _ => "unknown" });
                writer.Append(" (");
                writer.AppendDecimal(value[0]);
                writer.Append(')');
                break;
            case 16:
                if (length % 4 != 0)
                    return Invalid(ref writer, " != N x 4");
                var groups = length / 4;
                if (groups != 0)
                    writer.Append("\n\t\t  Shared risk group: ");
                for (var i = 0; i < groups; i++)
                {
                    if (i > 0)
                        writer.Append(", ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(value[(i * 4)..]));
                }
                // tcpdump moves past the groups here and again by the sub-TLV length after it.
                at += 4 * groups;
                break;
            default:
                if (state.Options.Verbose <= 1 && !WriteUnknownData(ref writer, data, at, "\n\t\t", length))
                    return OspfTlvOutcome.Stopped;
                break;
        }
        return OspfTlvOutcome.Printed;
    }

    private static void WriteIdentifier(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> value)
    {
        writer.Append(", ");
        state.WriteIpAddress(ref writer, value[..4]);
        writer.Append(" (0x");
        writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(value), 8);
        writer.Append(')');
    }

    private static void WriteProtection(ref LineWriter writer, byte value) =>
        BitNames.AppendAll(ref writer, value, [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80], ProtectionNames, "none");

    private static readonly string[] ProtectionNames =
        ["Extra Traffic", "Unprotected", "Shared", "Dedicated 1:1", "Dedicated 1+1", "Enhanced", "Reserved", "Reserved"];

    /// <summary><paramref name="count"/> numbered bandwidths: <paramref name="label"/>, the number, then the bandwidth.</summary>
    private static void WriteBandwidths(ref LineWriter writer, string label, ReadOnlySpan<byte> values, int count)
    {
        for (var i = 0; i < count; i++)
        {
            writer.Append(label);
            writer.AppendDecimal((uint)i);
            writer.Append(": ");
            WriteBandwidth(ref writer, values[(i * 4)..]);
        }
    }

    /// <summary>
    /// An IEEE single-precision bandwidth in bytes per second as tcpdump prints it, <c>%.3f Mbps</c> of the value times 8
    /// over a million computed in single precision, rounded as glibc rounds (exactly, ties to even).
    /// </summary>
    private static void WriteBandwidth(ref LineWriter writer, ReadOnlySpan<byte> value)
    {
        var bytesPerSecond = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(value));
        var megabits = bytesPerSecond * 8f / 1000000f;
        WriteFixed3(ref writer, megabits);
        writer.Append(" Mbps");
    }

    /// <summary>C's <c>%.3f</c> of a float: exact digits, ties to even, <c>nan</c>/<c>inf</c> as glibc spells them.</summary>
    internal static void WriteFixed3(ref LineWriter writer, float value)
    {
        if (float.IsNaN(value) || float.IsInfinity(value))
        {
            if (float.IsNegative(value))
                writer.Append('-');
            writer.Append(float.IsNaN(value) ? "nan" : "inf");
            return;
        }
        if (float.IsNegative(value))
            writer.Append('-');
        // A float's 24-bit mantissa times 1000 fits a double's 53 bits: the scaling is exact, and so is the rounding.
        var thousandths = Math.Round(Math.Abs((double)value) * 1000.0, MidpointRounding.ToEven);
        if (thousandths < 1e18)
        {
            var whole = (ulong)thousandths;
            writer.AppendDecimal(whole / 1000);
            writer.Append('.');
            writer.AppendPadded(whole % 1000, 3);
            return;
        }
        // From 2^24 up a float is an integer: its exact digits, and no fraction.
        Span<char> digits = stackalloc char[48];
        Math.Abs((double)value).TryFormat(digits, out var written, "F0", System.Globalization.CultureInfo.InvariantCulture);
        writer.Append(digits[..written]);
        writer.Append(".000");
    }

    private static OspfTlvOutcome Bogus(ref LineWriter writer, uint value, string relation, uint limit)
    {
        writer.Append("\n\t    Bogus length ");
        writer.AppendDecimal(value);
        writer.Append(relation);
        writer.AppendDecimal(limit);
        return OspfTlvOutcome.Stopped;
    }

    private static OspfTlvOutcome RemainingTlv(ref LineWriter writer, uint tlvLength, uint subLength)
    {
        writer.Append("\n\t    Remaining TLV length ");
        writer.AppendDecimal(tlvLength + 4);
        writer.Append(" < ");
        writer.AppendDecimal(subLength + 4);
        return OspfTlvOutcome.Stopped;
    }

    private static OspfTlvOutcome Invalid(ref LineWriter writer, string note = "")
    {
        writer.Append(note);
        writer.Append(" (invalid)");
        return OspfTlvOutcome.Stopped;
    }

    private static OspfTlvOutcome Invalid(ref LineWriter writer, string before, uint value, string after)
    {
        writer.Append(before);
        writer.AppendDecimal(value);
        return Invalid(ref writer, after);
    }

    private static string SubTlvName(int type) => type switch
    {
        1 => "Link Type",
        2 => "Link ID",
        3 => "Local Interface IP address",
        4 => "Remote Interface IP address",
        5 => "Traffic Engineering Metric",
        6 => "Maximum Bandwidth",
        7 => "Maximum Reservable Bandwidth",
        8 => "Unreserved Bandwidth",
        9 => "Administrative Group",
        11 => "Link Local/Remote Identifier",
        14 => "Link Protection Type",
        15 => "Interface Switching Capability",
        16 => "Shared Risk Link Group",
        17 => "Bandwidth Constraints",
        _ => "unknown",
    };

    private static ushort Word(ReadOnlySpan<byte> data, long at) => BinaryPrimitives.ReadUInt16BigEndian(data[(int)at..]);

    private static uint Padded(uint length) => length % 4 != 0 ? length + 4 - length % 4 : length;
}
