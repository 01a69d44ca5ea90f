using System.Buffers.Binary;
using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>
/// BGP as tcpdump 4.99's print-bgp.c prints it: <c>: BGP</c>, and with <c>-v</c> every message the segment holds, OPEN with
/// its capabilities, NOTIFICATION, KEEPALIVE, ROUTE-REFRESH and (in <see cref="BgpUpdatePrinter"/>) UPDATE; <c>-vv</c> adds
/// hex dumps. Each message printer sees every captured byte from its message on and the message's length, as tcpdump's do.
/// </summary>
internal static class BgpPrinter
{
    /// <summary>Prints the TCP payload <paramref name="payload"/> (captured part) of a segment to or from port 179.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> payload)
    {
        writer.Append(": BGP");
        if (state.Options.Verbose < 1)
            return;
        var start = 0;
        var at = 0;
        while ((at = BgpMessage.FindMarker(payload, at, out _)) >= 0)
        {
            if (!BgpMessage.TryRead(payload[at..], out var message, out _))
            {
                Truncated(ref writer, state);
                return;
            }
            // Bytes skipped before this marker: tcpdump marks them as a cut-off message.
            if (start != at)
                Truncated(ref writer, state);
            var length = message.Length;
            if (length < BgpMessage.HeaderLength)
            {
                writer.Append("\nmessage length ");
                writer.AppendDecimal(length);
                writer.Append(" < 19 (invalid)");
                return;
            }
            if (!message.IsComplete)
            {
                writer.Append("\n[|BGP ");
                writer.Append(MessageName(message.Type) ?? "Unknown Message Type");
                writer.Append(']');
                return;
            }
            if (!PrintMessage(ref writer, state, message))
                return;
            at += length;
            start = at;
        }
    }

    /// <summary>One whole captured message; false where tcpdump gives up the packet.</summary>
    private static bool PrintMessage(ref LineWriter writer, PrintState state, BgpMessage message)
    {
        var type = message.Type;
        writer.Append("\n\t");
        writer.Append(MessageName(type) ?? "Unknown");
        writer.Append(" Message (");
        writer.AppendDecimal(type);
        writer.Append("), length: ");
        writer.AppendDecimal(message.Length);
        switch (type)
        {
            case BgpMessage.Open:
                PrintOpen(ref writer, state, message);
                return true;
            case BgpMessage.Update:
                return BgpUpdatePrinter.Print(ref writer, state, message.Bytes, message.Length);
            case BgpMessage.Notification:
                PrintNotification(ref writer, state, message);
                return true;
            case BgpMessage.Keepalive:
                return true;
            case BgpMessage.RouteRefresh:
                PrintRouteRefresh(ref writer, state, message);
                return true;
            default:
                writer.Append("\n\t  no Message ");
                writer.AppendDecimal(type);
                writer.Append(" decoder");
                WriteUnknownData(ref writer, message.Bytes, 0, message.Length, "\n\t  ");
                return true;
        }
    }

    private static void PrintOpen(ref LineWriter writer, PrintState state, BgpMessage message)
    {
        var length = (uint)message.Length;
        if (message.Captured < BgpMessage.OpenLength || length < BgpMessage.OpenLength)
        {
            Truncated(ref writer, state);
            return;
        }
        writer.Append("\n\t  Version ");
        writer.AppendDecimal(message.Version);
        writer.Append(", my AS ");
        writer.AppendDecimal(message.MyAutonomousSystem);
        writer.Append(", Holdtime ");
        writer.AppendDecimal(message.HoldTime);
        writer.Append("s, ID ");
        state.WriteIpAddress(ref writer, message.Identifier);
        var optionsLength = (uint)message.OptionalParametersLength;
        writer.Append("\n\t  Optional parameters, length: ");
        writer.AppendDecimal(optionsLength);
        var options = message.Bytes[BgpMessage.OpenLength..];
        length -= BgpMessage.OpenLength;
        for (uint i = 0; i < optionsLength;)
        {
            if (options.Length < i + 2 || length < i + 2)
            {
                Truncated(ref writer, state);
                return;
            }
            var type = options[(int)i];
            var optionLength = options[(int)i + 1];
            if (2 + i + optionLength > optionsLength)
            {
                writer.Append("\n\t     Option ");
                writer.AppendDecimal(type);
                writer.Append(", length: ");
                writer.AppendDecimal(optionLength);
                writer.Append(", goes past the end of the options");
                return;
            }
            writer.Append("\n\t    Option ");
            writer.Append(type switch { 1 => "Authentication Information", 2 => "Capabilities Advertisement", _ => "Unknown" });
            writer.Append(" (");
            writer.AppendDecimal(type);
            writer.Append("), length: ");
            writer.AppendDecimal(optionLength);
            if (type == 2)
            {
                PrintCapabilities(ref writer, state, options[(int)(i + 2)..], optionLength);
            }
            else
            {
                writer.Append("\n\t      no decoder for option ");
                writer.AppendDecimal(type);
            }
            i += 2u + optionLength;
        }
    }

    /// <summary>The capabilities of one option: <paramref name="bytes"/> from the first on, <paramref name="length"/> by the option.</summary>
    private static void PrintCapabilities(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        for (var i = 0; i < length;)
        {
            if (bytes.Length < i + 2)
            {
                Truncated(ref writer, state);
                return;
            }
            var type = bytes[i];
            var capabilityLength = bytes[i + 1];
            writer.Append("\n\t      ");
            writer.Append(CapabilityName(type) ?? "Unknown");
            writer.Append(" (");
            writer.AppendDecimal(type);
            writer.Append("), length: ");
            writer.AppendDecimal(capabilityLength);
            if (bytes.Length < i + 2 + capabilityLength)
            {
                Truncated(ref writer, state);
                return;
            }
            var value = bytes.Slice(i + 2, capabilityLength);
            switch (type)
            {
                case 1:
                    if (value.Length < 4)
                    {
                        writer.Append(" (too short, < 4)");
                        return;
                    }
                    writer.Append("\n\t\t");
                    WriteFamilies(ref writer, BinaryPrimitives.ReadUInt16BigEndian(value), value[3]);
                    break;
                case 8:
                    for (var at = 0; value.Length - at >= 4; at += 4)
                    {
                        writer.Append("\n\t\t");
                        WriteFamilies(ref writer, BinaryPrimitives.ReadUInt16BigEndian(value[at..]), value[at + 2]);
                        writer.Append(", Count: ");
                        writer.AppendDecimal(value[at + 3]);
                    }
                    break;
                case 64:
                    if (value.Length < 2)
                    {
                        writer.Append(" (too short, < 2)");
                        return;
                    }
                    writer.Append("\n\t\tRestart Flags: [");
                    writer.Append((value[0] & 0x80) != 0 ? "R" : "none");
                    writer.Append("], Restart Time ");
                    writer.AppendDecimal((uint)(BinaryPrimitives.ReadUInt16BigEndian(value) & 0xfff));
                    writer.Append('s');
                    for (var at = 2; value.Length - at >= 4; at += 4)
                    {
                        writer.Append("\n\t\t  ");
                        WriteFamilies(ref writer, BinaryPrimitives.ReadUInt16BigEndian(value[at..]), value[at + 2]);
                        writer.Append(", Forwarding state preserved: ");
                        writer.Append((value[at + 3] & 0x80) != 0 ? "yes" : "no");
                    }
                    break;
                case 2:
                case 71:
                case 128:
                    break;
                case 65:
                    if (value.Length < 4)
                    {
                        writer.Append(" (too short, < 4)");
                        return;
                    }
                    writer.Append("\n\t\t 4 Byte AS ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(value));
                    break;
                case 69:
                    if (value.IsEmpty)
                    {
                        writer.Append(" (bogus)");
                        break;
                    }
                    for (var at = 0; at < value.Length; at += 4)
                    {
                        if (value.Length - at < 4)
                        {
                            writer.Append(" (invalid)");
                            break;
                        }
                        writer.Append("\n\t\t");
                        WriteFamilies(ref writer, BinaryPrimitives.ReadUInt16BigEndian(value[at..]), value[at + 2]);
                        writer.Append(", Send/Receive: ");
                        var direction = value[at + 3];
                        if (direction is >= 1 and <= 3)
                        {
                            writer.Append(direction switch { 1 => "Receive", 2 => "Send", _ => "Both" });
                        }
                        else
                        {
                            writer.Append("Bogus (0x");
                            writer.AppendHex(direction, 2);
                            writer.Append(')');
                        }
                    }
                    break;
                default:
                    writer.Append("\n\t\tno decoder for Capability ");
                    writer.AppendDecimal(type);
                    if (state.Options.Verbose <= 1)
                        WriteUnknownData(ref writer, bytes, i + 2, capabilityLength, "\n\t\t");
                    break;
            }
            if (state.Options.Verbose > 1 && capabilityLength != 0)
                WriteUnknownData(ref writer, bytes, i + 2, capabilityLength, "\n\t\t");
            i += 2 + capabilityLength;
        }
    }

    private static void PrintNotification(ref LineWriter writer, PrintState state, BgpMessage message)
    {
        if (message.Captured < BgpMessage.NotificationLength)
        {
            Truncated(ref writer, state);
            return;
        }
        var length = (uint)message.Length;
        if (length < BgpMessage.NotificationLength)
            return;
        var major = message.ErrorCode;
        var minor = message.ErrorSubcode;
        writer.Append(", ");
        writer.Append(major switch
        {
            1 => "Message Header Error",
            2 => "OPEN Message Error",
            3 => "UPDATE Message Error",
            4 => "Hold Timer Expired",
            5 => "Finite State Machine Error",
            6 => "Cease",
            7 => "Capability Message Error",
            _ => "Unknown Error",
        });
        writer.Append(" (");
        writer.AppendDecimal(major);
        writer.Append(')');
        string? subcode;
        switch (major)
        {
            case 1:
                subcode = minor switch { 1 => "Connection Not Synchronized", 2 => "Bad Message Length", 3 => "Bad Message Type", _ => null };
                break;
            case 2:
                subcode = minor switch
                {
                    1 => "Unsupported Version Number",
                    2 => "Bad Peer AS",
                    3 => "Bad BGP Identifier",
                    4 => "Unsupported Optional Parameter",
                    5 => "Authentication Failure",
                    6 => "Unacceptable Hold Time",
                    7 => "Capability Message Error",
                    _ => null,
                };
                break;
            case 3:
                subcode = minor switch
                {
                    1 => "Malformed Attribute List",
                    2 => "Unrecognized Well-known Attribute",
                    3 => "Missing Well-known Attribute",
                    4 => "Attribute Flags Error",
                    5 => "Attribute Length Error",
                    6 => "Invalid ORIGIN Attribute",
                    7 => "AS Routing Loop",
                    8 => "Invalid NEXT_HOP Attribute",
                    9 => "Optional Attribute Error",
                    10 => "Invalid Network Field",
                    11 => "Malformed AS_PATH",
                    _ => null,
                };
                break;
            case 5:
                subcode = minor switch { 0 => "Unspecified Error", 1 => "In OpenSent State", 2 => "In OpenConfirm State", 3 => "In Established State", _ => null };
                break;
            case 7:
                subcode = minor switch
                {
                    1 => "Invalid Action Value",
                    2 => "Invalid Capability Length",
                    3 => "Malformed Capability Value",
                    4 => "Unsupported Capability Code",
                    _ => null,
                };
                break;
            case 6:
                subcode = minor switch
                {
                    1 => "Maximum Number of Prefixes Reached",
                    2 => "Administrative Shutdown",
                    3 => "Peer Unconfigured",
                    4 => "Administrative Reset",
                    5 => "Connection Rejected",
                    6 => "Other Configuration Change",
                    7 => "Connection Collision Resolution",
                    _ => null,
                };
                break;
            default:
                return;
        }
        // The finite state machine and capability errors have no comma before their subcode in tcpdump.
        writer.Append(major is 5 or 7 ? " subcode " : ", subcode ");
        writer.Append(subcode ?? "Unknown");
        writer.Append(" (");
        writer.AppendDecimal(minor);
        writer.Append(')');
        if (major == 6)
            PrintCeaseData(ref writer, message.Bytes, minor, length);
    }

    /// <summary>Cease's data: the prefix limit (RFC 4486) or the shutdown communication (RFC 9003) and what trails it.</summary>
    private static void PrintCeaseData(ref LineWriter writer, ReadOnlySpan<byte> bytes, byte minor, uint length)
    {
        var data = bytes[BgpMessage.NotificationLength..];
        if (minor == 1 && length >= BgpMessage.NotificationLength + 7)
        {
            writer.Append(", ");
            WriteFamilies(ref writer, BinaryPrimitives.ReadUInt16BigEndian(data), data[2]);
            writer.Append(", Max Prefixes: ");
            writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(data[3..]));
        }
        if (minor is not (2 or 4) || length < BgpMessage.NotificationLength + 1)
            return;
        var communicationLength = data[0];
        // tcpdump keeps the offset in a byte: a 255-byte communication wraps it to 0.
        byte remainder = 0;
        if (communicationLength > length - (BgpMessage.NotificationLength + 1))
        {
            writer.Append(", invalid Shutdown Communication length");
        }
        else if (communicationLength == 0)
        {
            writer.Append(", empty Shutdown Communication");
            remainder = 1;
        }
        else
        {
            writer.Append(", Shutdown Communication (length: ");
            writer.AppendDecimal(communicationLength);
            writer.Append("): \"");
            foreach (var b in data.Slice(1, communicationLength))
                PrintableText.Append(ref writer, b);
            writer.Append('"');
            remainder = unchecked((byte)(communicationLength + 1));
        }
        var trailing = length - (remainder + (uint)BgpMessage.NotificationLength);
        if (trailing > 0)
        {
            writer.Append(", Data: (length: ");
            writer.AppendDecimal(trailing);
            writer.Append(')');
            HexDumpWriter.WriteHexOnly(ref writer, data.Slice(remainder, (int)trailing), "\n\t\t");
        }
    }

    private static void PrintRouteRefresh(ref LineWriter writer, PrintState state, BgpMessage message)
    {
        if (message.Captured < BgpMessage.RouteRefreshLength)
        {
            Truncated(ref writer, state);
            return;
        }
        if (message.Length < BgpMessage.RouteRefreshLength)
            return;
        writer.Append("\n\t  ");
        WriteFamilies(ref writer, message.RefreshAddressFamily, message.RefreshSubsequentAddressFamily);
        if (state.Options.Verbose > 1)
            WriteUnknownData(ref writer, message.Bytes, 0, message.Length, "\n\t  ");
    }

    /// <summary><c>AFI name (n), SAFI name (n)</c>.</summary>
    private static void WriteFamilies(ref LineWriter writer, ushort family, byte subsequentFamily)
    {
        writer.Append("AFI ");
        writer.Append(AddressFamilyName(family) ?? "Unknown");
        writer.Append(" (");
        writer.AppendDecimal(family);
        writer.Append("), SAFI ");
        writer.Append(SubsequentFamilyName(subsequentFamily) ?? "Unknown");
        writer.Append(" (");
        writer.AppendDecimal(subsequentFamily);
        writer.Append(')');
    }

    /// <summary>
    /// tcpdump's print_unknown_data: a hex dump of <paramref name="length"/> bytes at <paramref name="offset"/>, cut at the
    /// end of the capture, or its dissector error when the offset lies past it.
    /// </summary>
    internal static void WriteUnknownData(ref LineWriter writer, ReadOnlySpan<byte> bytes, int offset, int length, string indent)
    {
        if (offset > bytes.Length)
        {
            writer.Append(indent);
            writer.Append("Dissector error: print_unknown_data called with pointer past end of packet");
            return;
        }
        HexDumpWriter.WriteHexOnly(ref writer, bytes.Slice(offset, Math.Min(length, bytes.Length - offset)), indent);
    }

    /// <summary>tcpdump's <c> [|bgp]</c>.</summary>
    internal static void Truncated(ref LineWriter writer, PrintState state) => state.WriteTruncated(ref writer, "bgp");

    private static string? MessageName(byte type) => type switch
    {
        1 => "Open",
        2 => "Update",
        3 => "Notification",
        4 => "Keepalive",
        5 => "Route Refresh",
        _ => null,
    };

    private static string? CapabilityName(byte type) => type switch
    {
        1 => "Multiprotocol Extensions",
        2 => "Route Refresh",
        3 => "Cooperative Route Filtering",
        4 => "Multiple Routes to a Destination",
        5 => "Extended Next Hop Encoding",
        8 => "Multiple Labels",
        64 => "Graceful Restart",
        65 => "32-Bit AS Number",
        67 => "Dynamic Capability",
        68 => "Multisession BGP",
        69 => "Multiple Paths",
        70 => "Enhanced Route Refresh",
        71 => "Long-lived Graceful Restart",
        128 => "Route Refresh (Cisco)",
        _ => null,
    };

    /// <summary>tcpdump's af_values.</summary>
    internal static string? AddressFamilyName(ushort family) => family switch
    {
        0 => "Reserved",
        1 => "IPv4",
        2 => "IPv6",
        3 => "NSAP",
        4 => "HDLC",
        5 => "BBN 1822",
        6 => "802",
        7 => "E.163",
        8 => "E.164",
        9 => "F.69",
        10 => "X.121",
        11 => "Novell IPX",
        12 => "Appletalk",
        13 => "Decnet IV",
        14 => "Banyan Vines",
        15 => "E.164 with NSAP subaddress",
        196 => "Layer-2 VPN",
        25 => "VPLS",
        _ => null,
    };

    /// <summary>tcpdump's bgp_safi_values.</summary>
    internal static string? SubsequentFamilyName(byte family) => family switch
    {
        0 => "Reserved",
        1 => "Unicast",
        2 => "Multicast",
        3 => "Unicast+Multicast",
        4 => "labeled Unicast",
        64 => "Tunnel",
        65 => "VPLS",
        66 => "MDT",
        70 => "EVPN",
        128 => "labeled VPN Unicast",
        129 => "labeled VPN Multicast",
        130 => "labeled VPN Unicast+Multicast",
        132 => "Route Target Routing Information",
        5 => "Multicast VPN",
        _ => null,
    };
}
