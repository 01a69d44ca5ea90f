using Pcap.Decode.Link;
using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>ARP and RARP as tcpdump's <c>print-arp.c</c> prints them, from the <see cref="ArpPacket"/> view.</summary>
internal static class ArpPrinter
{
    /// <summary>Prints the ARP packet in <paramref name="bytes"/>; <paramref name="length"/> is its length on the wire.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
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
            var hardwareName = HardwareName(arp.HardwareType);
            if (hardwareName is null)
            {
                writer.AppendNote("Unknown Hardware (", arp.HardwareType, ')');
            }
            else
            {
                writer.Append(hardwareName);
            }
            writer.Append(" (len ");
            writer.AppendDecimal(arp.HardwareLength);
            writer.Append("), ");
            var protocolName = new EtherType(protocol).Name;
            if (protocolName is null)
            {
                writer.Append("Unknown Protocol (0x");
                writer.AppendHex(protocol, 4);
                writer.Append(')');
            }
            else
            {
                writer.Append(protocolName);
            }
            writer.AppendNote(" (len ", arp.ProtocolLength, ')');
            if (!verbose)
            {
                writer.AppendLengthSuffix(length);
                return;
            }
            writer.Append(", ");
        }
        var operation = arp.Operation;
        writer.Append(operation switch
        {
            1 => "Request",
            2 => "Reply",
            3 => "Reverse Request",
            4 => "Reverse Reply",
            8 => "Inverse Request",
            9 => "Inverse Reply",
            10 => "NACK Reply",
            _ => "Unknown (",
        });
        if (operation is not (>= 1 and <= 4) and not 8 and not 9 and not 10)
        {
            writer.AppendDecimal(operation);
            writer.Append(')');
        }
        writer.Append(' ');
        switch (operation)
        {
            case 1:
                writer.Append("who-has ");
                WriteProtocolAddress(ref writer, state, arp, target: true);
                if (arp.TargetHardwareAddress.ContainsAnyExcept((byte)0))
                {
                    writer.Append(" (");
                    WriteLinkAddress(ref writer, state, arp.TargetHardwareAddress);
                    writer.Append(')');
                }
                writer.Append(" tell ");
                WriteProtocolAddress(ref writer, state, arp, target: false);
                break;
            case 2:
                WriteProtocolAddress(ref writer, state, arp, target: false);
                writer.Append(" is-at ");
                WriteLinkAddress(ref writer, state, arp.SenderHardwareAddress);
                break;
            case 3:
            case 8:
                writer.Append("who-is ");
                WriteLinkAddress(ref writer, state, arp.TargetHardwareAddress);
                writer.Append(" tell ");
                WriteLinkAddress(ref writer, state, arp.SenderHardwareAddress);
                break;
            case 4:
                WriteLinkAddress(ref writer, state, arp.TargetHardwareAddress);
                writer.Append(" at ");
                WriteProtocolAddress(ref writer, state, arp, target: true);
                break;
            case 9:
                WriteLinkAddress(ref writer, state, arp.SenderHardwareAddress);
                writer.Append(" at ");
                WriteProtocolAddress(ref writer, state, arp, target: false);
                break;
            default:
                // ARP's own fallback dump is printed whatever the flags.
                TcpdumpFormatter.WriteHexAndAscii(ref writer, bytes);
                return;
        }
        writer.AppendLengthSuffix(length);
    }

    private static void WriteProtocolAddress(ref LineWriter writer, PrintState state, ArpPacket arp, bool target)
    {
        if (arp.ProtocolType != 0x0800 && arp.ProtocolType != 0x1000)
            writer.Append("<wrong proto type>");
        else if (arp.ProtocolLength != 4)
            writer.Append("<wrong len>");
        else
            state.WriteIpAddress(ref writer, target ? arp.TargetProtocolAddress : arp.SenderProtocolAddress);
    }

    private static void WriteLinkAddress(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> address)
    {
        if (address.Length == 0)
            writer.Append("<empty>");
        else if (address.Length == 6)
            state.WriteMac(ref writer, address);
        else
            writer.AppendLinkAddress(address);
    }

    private static string? HardwareName(ushort hardware) => hardware switch
    {
        1 => "Ethernet",
        2 => "Experimental Ethernet",
        3 => "AX.25",
        4 => "ProNET",
        5 => "Chaos",
        6 => "TokenRing",
        7 => "ArcNet",
        15 => "FrameRelay",
        19 => "ATM",
        23 => "Strip",
        24 => "IEEE1394",
        32 => "InfiniBand",
        _ => null,
    };
}
