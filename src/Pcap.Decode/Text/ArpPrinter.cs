using Pcap.Decode.Link;
using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>ARP and RFC 2225 ATM ARP as tcpdump's <c>print-arp.c</c> prints them, from the <see cref="ArpPacket"/> and <see cref="AtmArpPacket"/> views.</summary>
internal static class ArpPrinter
{
    /// <summary>Prints the ARP packet in <paramref name="bytes"/>; <paramref name="length"/> is its length on the wire.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (bytes.Length >= 2 && (bytes[0] << 8 | bytes[1]) == AtmArpPacket.HardwareTypeValue)
        {
            WriteAtmArp(ref writer, state, bytes, length);
            return;
        }
        if (!ArpPacket.TryRead(bytes, out var arp, out _))
        {
            state.WriteTruncated(ref writer, "arp", abandoned: true);
            return;
        }
        if (!state.Options.LinkHeader)
            writer.Append("ARP, ");
        var protocol = arp.ProtocolType;
        var verbose = state.Options.Verbose > 0;
        if ((protocol != 0x0800 && protocol != 0x1000) || arp.ProtocolLength != 4 || arp.HardwareLength == 0 || verbose)
        {
            WriteArpHardwareName(ref writer, arp.HardwareType);
            writer.Append(" (len ");
            writer.AppendDecimal(arp.HardwareLength);
            writer.Append("), ");
            WriteArpProtocolName(ref writer, protocol);
            writer.AppendNote(" (len ", arp.ProtocolLength, ')');
            if (!verbose)
            {
                writer.AppendLengthSuffix(length);
                return;
            }
            writer.Append(", ");
        }
        var operation = arp.Operation;
        WriteArpOperationName(ref writer, operation);
        writer.Append(' ');
        // Frame Relay addresses are Q.922 DLCIs; tcpdump formats every other hardware type as a link address.
        var frameRelay = arp.HardwareType == 15;
        switch (operation)
        {
            case 1:
                writer.Append("who-has ");
                WriteArpProtocolAddress(ref writer, state, arp, target: true);
                if (arp.TargetHardwareAddress.ContainsAnyExcept((byte)0))
                {
                    writer.Append(" (");
                    WriteArpLinkAddress(ref writer, state, arp.TargetHardwareAddress, frameRelay);
                    writer.Append(')');
                }
                writer.Append(" tell ");
                WriteArpProtocolAddress(ref writer, state, arp, target: false);
                break;
            case 2:
                WriteArpProtocolAddress(ref writer, state, arp, target: false);
                writer.Append(" is-at ");
                WriteArpLinkAddress(ref writer, state, arp.SenderHardwareAddress, frameRelay);
                break;
            case 3:
            case 8:
                writer.Append("who-is ");
                WriteArpLinkAddress(ref writer, state, arp.TargetHardwareAddress, frameRelay);
                writer.Append(" tell ");
                WriteArpLinkAddress(ref writer, state, arp.SenderHardwareAddress, frameRelay);
                break;
            case 4:
                WriteArpLinkAddress(ref writer, state, arp.TargetHardwareAddress, frameRelay);
                writer.Append(" at ");
                WriteArpProtocolAddress(ref writer, state, arp, target: true);
                break;
            case 9:
                WriteArpLinkAddress(ref writer, state, arp.SenderHardwareAddress, frameRelay);
                writer.Append(" at ");
                WriteArpProtocolAddress(ref writer, state, arp, target: false);
                break;
            default:
                // ARP's own fallback dump is printed whatever the flags.
                HexDumpWriter.WriteHexAndAscii(ref writer, bytes);
                return;
        }
        writer.AppendLengthSuffix(length);
    }

    private static void WriteArpProtocolAddress(ref LineWriter writer, PrintState state, ArpPacket arp, bool target)
    {
        if (arp.ProtocolType != 0x0800 && arp.ProtocolType != 0x1000)
            writer.Append("<wrong proto type>");
        else if (arp.ProtocolLength != 4)
            writer.Append("<wrong len>");
        else
            state.WriteIpAddress(ref writer, target ? arp.TargetProtocolAddress : arp.SenderProtocolAddress);
    }

    private static void WriteArpLinkAddress(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> address, bool frameRelay)
    {
        if (address.Length == 0)
            writer.Append("<empty>");
        else if (frameRelay)
            WriteQ922Address(ref writer, address);
        else if (address.Length == 6)
            state.WriteMac(ref writer, address);
        else
            writer.AppendLinkAddress(address);
    }

    /// <summary>tcpdump's q922_string: a 2- to 4-byte Q.922 address as its DLCI, marked by the EA bit (0x01) of its last byte.</summary>
    private static void WriteQ922Address(ref LineWriter writer, ReadOnlySpan<byte> address)
    {
        if ((address[0] & 0x01) != 0)
        {
            writer.Append("<Invalid DLCI>");
            return;
        }
        if (address.Length < 2)
        {
            writer.Append("<Truncated>");
            return;
        }
        var dlci = (uint)((address[0] & 0xfc) << 2 | (address[1] & 0xf0) >> 4);
        if ((address[1] & 0x01) == 0)
        {
            if (address.Length < 3)
            {
                writer.Append("<Truncated>");
                return;
            }
            var at = 2;
            if ((address[2] & 0x01) == 0)
            {
                dlci = dlci << 7 | (uint)(address[2] >> 1);
                at = 3;
            }
            if (address.Length <= at)
            {
                writer.Append("<Truncated>");
                return;
            }
            if ((address[at] & 0x01) == 0)
            {
                writer.Append("<Invalid DLCI>");
                return;
            }
            dlci = dlci << 6 | (uint)(address[at] >> 2);
        }
        writer.Append("DLCI ");
        writer.AppendDecimal(dlci);
    }

    /// <summary>tcpdump's atmarp_print: RFC 2225 ATM ARP, with an ATM number and subaddress per side.</summary>
    private static void WriteAtmArp(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (!AtmArpPacket.TryRead(bytes, out var arp, out _))
        {
            state.WriteTruncated(ref writer, "arp", abandoned: true);
            return;
        }
        if (!state.Options.LinkHeader)
            writer.Append("ARP, ");
        var protocol = arp.ProtocolType;
        var verbose = state.Options.Verbose > 0;
        var ipv4 = protocol is 0x0800 or 0x1000;
        if (!ipv4 || arp.SourceProtocolLength != 4 || arp.TargetProtocolLength != 4 || verbose)
        {
            WriteArpHardwareName(ref writer, arp.HardwareType);
            writer.Append(", ");
            WriteArpProtocolName(ref writer, protocol);
            writer.Append(" (len ");
            writer.AppendDecimal(arp.SourceProtocolLength);
            writer.Append('/');
            writer.AppendDecimal(arp.TargetProtocolLength);
            writer.Append(')');
            if (!verbose)
            {
                writer.AppendLengthSuffix(length);
                return;
            }
            writer.Append(", ");
        }
        var operation = arp.Operation;
        WriteArpOperationName(ref writer, operation);
        writer.Append(' ');
        switch (operation)
        {
            case 1:
                writer.Append("who-has ");
                WriteAtmArpProtocolAddress(ref writer, state, arp.TargetProtocolAddress, ipv4, "<wrong tplen>");
                if (arp.TargetNumber.Length != 0)
                {
                    writer.Append(" (");
                    WriteAtmAddress(ref writer, arp.TargetNumber, arp.TargetSubaddress);
                    writer.Append(')');
                }
                writer.Append(" tell ");
                WriteAtmArpProtocolAddress(ref writer, state, arp.SourceProtocolAddress, ipv4, "<wrong splen>");
                break;
            case 2:
                WriteAtmArpProtocolAddress(ref writer, state, arp.SourceProtocolAddress, ipv4, "<wrong splen>");
                writer.Append(" is-at ");
                WriteAtmAddress(ref writer, arp.SourceNumber, arp.SourceSubaddress);
                break;
            case 8:
                writer.Append("who-is ");
                WriteAtmAddress(ref writer, arp.TargetNumber, arp.TargetSubaddress);
                writer.Append(" tell ");
                WriteAtmAddress(ref writer, arp.SourceNumber, arp.SourceSubaddress);
                break;
            case 9:
                WriteAtmAddress(ref writer, arp.SourceNumber, arp.SourceSubaddress);
                writer.Append("at ");
                WriteAtmArpProtocolAddress(ref writer, state, arp.SourceProtocolAddress, ipv4, "<wrong splen>");
                break;
            case 10:
                writer.Append("for ");
                WriteAtmArpProtocolAddress(ref writer, state, arp.SourceProtocolAddress, ipv4, "<wrong splen>");
                break;
            default:
                HexDumpWriter.WriteHexAndAscii(ref writer, bytes);
                return;
        }
        writer.AppendLengthSuffix(length);
    }

    private static void WriteAtmArpProtocolAddress(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> address, bool ipv4, string wrongLength)
    {
        if (!ipv4)
            writer.Append("<wrong proto type>");
        else if (address.Length != 4)
            writer.Append(wrongLength);
        else
            state.WriteIpAddress(ref writer, address);
    }

    /// <summary>An ATM number, then its subaddress after a comma when there is one.</summary>
    private static void WriteAtmAddress(ref LineWriter writer, ReadOnlySpan<byte> number, ReadOnlySpan<byte> subaddress)
    {
        if (number.Length == 0)
        {
            writer.Append("<No address>");
            return;
        }
        writer.AppendLinkAddress(number);
        if (subaddress.Length != 0)
        {
            writer.Append(',');
            writer.AppendLinkAddress(subaddress);
        }
    }

    /// <summary>tcpdump's arphrd_values, else "Unknown Hardware (N)".</summary>
    private static void WriteArpHardwareName(ref LineWriter writer, ushort hardware) =>
        WriteNameOrNumber(ref writer, hardware switch
        {
            1 => "Ethernet",
            6 => "TokenRing",
            7 => "ArcNet",
            15 => "FrameRelay",
            19 => "ATM",
            23 => "Strip",
            24 => "IEEE 1394",
            32 => "InfiniBand",
            _ => null,
        }, "Unknown Hardware (", hardware);

    private static void WriteArpProtocolName(ref LineWriter writer, ushort protocol) =>
        EthernetPrinter.WriteEtherTypeName(ref writer, protocol, "Unknown Protocol (0x");

    /// <summary>tcpdump's arpop_values, else "Unknown (N)".</summary>
    private static void WriteArpOperationName(ref LineWriter writer, ushort operation) =>
        WriteNameOrNumber(ref writer, operation switch
        {
            1 => "Request",
            2 => "Reply",
            3 => "Reverse Request",
            4 => "Reverse Reply",
            8 => "Inverse Request",
            9 => "Inverse Reply",
            10 => "NACK Reply",
            _ => null,
        }, "Unknown (", operation);

    // tcpdump's tok2str: the table's name, else its "Unknown ... (N)" fallback.
    private static void WriteNameOrNumber(ref LineWriter writer, string? name, string unknown, ushort value)
    {
        if (name is null)
            writer.AppendNote(unknown, value, ')');
        else
            writer.Append(name);
    }
}
