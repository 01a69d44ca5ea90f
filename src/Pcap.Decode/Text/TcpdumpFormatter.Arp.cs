using Pcap.Decode.Link;
using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    private void WriteArp(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length)
    {
        if (!ArpPacket.TryRead(bytes, out var arp, out _))
        {
            WriteTruncated(ref writer, "arp", abandoned: true);
            return;
        }
        if (!_options.LinkHeader)
            writer.Append("ARP, ");
        var protocol = arp.ProtocolType;
        var verbose = _options.Verbose > 0;
        if ((protocol != 0x0800 && protocol != 0x1000) || arp.ProtocolLength != 4 || arp.HardwareLength == 0 || verbose)
        {
            var hardwareName = ArpHardwareName(arp.HardwareType);
            if (hardwareName is null)
            {
                WriteNote(ref writer, "Unknown Hardware (", arp.HardwareType, ')');
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
            WriteNote(ref writer, " (len ", arp.ProtocolLength, ')');
            if (!verbose)
            {
                WriteLengthSuffix(ref writer, length);
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
                WriteArpProtocolAddress(ref writer, arp, target: true);
                if (arp.TargetHardwareAddress.ContainsAnyExcept((byte)0))
                {
                    writer.Append(" (");
                    WriteArpLinkAddress(ref writer, arp.TargetHardwareAddress);
                    writer.Append(')');
                }
                writer.Append(" tell ");
                WriteArpProtocolAddress(ref writer, arp, target: false);
                break;
            case 2:
                WriteArpProtocolAddress(ref writer, arp, target: false);
                writer.Append(" is-at ");
                WriteArpLinkAddress(ref writer, arp.SenderHardwareAddress);
                break;
            case 3:
            case 8:
                writer.Append("who-is ");
                WriteArpLinkAddress(ref writer, arp.TargetHardwareAddress);
                writer.Append(" tell ");
                WriteArpLinkAddress(ref writer, arp.SenderHardwareAddress);
                break;
            case 4:
                WriteArpLinkAddress(ref writer, arp.TargetHardwareAddress);
                writer.Append(" at ");
                WriteArpProtocolAddress(ref writer, arp, target: true);
                break;
            case 9:
                WriteArpLinkAddress(ref writer, arp.SenderHardwareAddress);
                writer.Append(" at ");
                WriteArpProtocolAddress(ref writer, arp, target: false);
                break;
            default:
                // ARP's own fallback dump is printed whatever the flags.
                WriteHexAndAscii(ref writer, bytes);
                return;
        }
        WriteLengthSuffix(ref writer, length);
    }

    private static void WriteLengthSuffix(ref LineWriter writer, int length)
    {
        writer.Append(", length ");
        writer.AppendDecimal((uint)length);
    }

    private void WriteArpProtocolAddress(ref LineWriter writer, ArpPacket arp, bool target)
    {
        if (arp.ProtocolType != 0x0800 && arp.ProtocolType != 0x1000)
            writer.Append("<wrong proto type>");
        else if (arp.ProtocolLength != 4)
            writer.Append("<wrong len>");
        else
            WriteIpv4Address(ref writer, target ? arp.TargetProtocolAddress : arp.SenderProtocolAddress);
    }

    private void WriteArpLinkAddress(ref LineWriter writer, ReadOnlySpan<byte> address)
    {
        if (address.Length == 0)
            writer.Append("<empty>");
        else if (address.Length == 6)
            WriteMac(ref writer, address);
        else
            writer.AppendLinkAddress(address);
    }

    private static string? ArpHardwareName(ushort hardware) => hardware switch
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
