using System.Buffers.Binary;
using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    internal int WriteEthernet(ref LineWriter writer, ReadOnlySpan<byte> packet, int length)
    {
        if (!EthernetHeader.TryRead(packet, out var ethernet, out _) || length < EthernetHeader.Length)
        {
            WriteTruncated(ref writer, "ether");
            return Math.Min(packet.Length, length);
        }
        var eflag = _options.LinkHeader;
        var originalLength = length;
        var type = ethernet.TypeOrLength;
        if (eflag)
            WriteAddresses(ref writer, ethernet.Source, ethernet.Destination);
        var firstType = true;
        var payload = ethernet.Payload;
        length -= EthernetHeader.Length;
        var headerLength = EthernetHeader.Length;
        while (new EtherType(type).IsVlanTag)
        {
            if (!VlanTag.TryRead(payload, out var tag, out _) || length < VlanTag.Length)
            {
                WriteTruncated(ref writer, "vlan");
                return headerLength + Math.Min(payload.Length, length);
            }
            if (eflag)
            {
                WriteLinkType(ref writer, type, originalLength, firstType);
                firstType = false;
                WriteVlanTci(ref writer, tag.Tci);
                writer.Append(", ");
            }
            type = tag.TypeOrLength;
            payload = tag.Payload;
            length -= VlanTag.Length;
            headerLength += VlanTag.Length;
        }
        if (eflag)
            WriteLinkType(ref writer, type, originalLength, firstType);
        if (type <= EthernetHeader.MaxLengthValue)
        {
            length = Math.Min(type, Math.Max(length, 0));
            if (payload.Length > length)
                payload = payload[..length];
            return headerLength + Math.Abs(WriteLlc(ref writer, payload, length, ethernet.Source, ethernet.Destination));
        }
        if (!WriteEtherTypePayload(ref writer, type, payload, length))
        {
            if (!eflag)
            {
                WriteAddresses(ref writer, ethernet.Source, ethernet.Destination);
                WriteEtherType(ref writer, type);
                writer.Append(", length ");
                writer.AppendDecimal((uint)originalLength);
                writer.Append(": ");
            }
            WriteDefault(ref writer, payload);
        }
        return headerLength;
    }

    /// <summary>One <c>-e</c> type field: the first carries the frame length, later (inner) ones only a comma.</summary>
    private void WriteLinkType(ref LineWriter writer, ushort type, int frameLength, bool first)
    {
        if (type <= EthernetHeader.MaxLengthValue)
            writer.Append("802.3");
        else
            WriteEtherType(ref writer, type);
        if (first)
        {
            writer.Append(", length ");
            // An 802.3 frame's length is its length field, unless the frame is shorter.
            writer.AppendDecimal((uint)(type <= EthernetHeader.MaxLengthValue ? Math.Min(type, Math.Max(frameLength - EthernetHeader.Length, 0)) : frameLength));
            writer.Append(": ");
        }
        else if (type > EthernetHeader.MaxLengthValue)
        {
            // tcpdump prints an inner 802.3 length with no separator before the LLC text.
            writer.Append(", ");
        }
    }

    private void WriteMac(ref LineWriter writer, ReadOnlySpan<byte> address) => _state.WriteMac(ref writer, address);

    /// <summary>Prints the payload of a known EtherType; false when tcpdump has no printer for it.</summary>
    internal bool WriteEtherTypePayload(ref LineWriter writer, ushort type, ReadOnlySpan<byte> payload, int length)
    {
        switch (type)
        {
            case 0x0800:
                WriteIpv4(ref writer, payload, length);
                return true;
            case 0x86dd:
                WriteIpv6(ref writer, payload, length);
                return true;
            case 0x0806:
            case 0x8035:
                ArpPrinter.Print(ref writer, _state, payload, length);
                return true;
            case 0x8847 or 0x8848: MplsPrinter.Print(ref writer, _state, payload, length); return true;
            default:
                return false;
        }
    }

    private void WriteAddresses(ref LineWriter writer, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        WriteMac(ref writer, source);
        writer.Append(" > ");
        WriteMac(ref writer, destination);
        writer.Append(", ");
    }

    private void WriteEtherType(ref LineWriter writer, ushort type)
    {
        var name = new EtherType(type).Name;
        if (_options.Quiet)
        {
            if (name is null)
            {
                writer.Append("Unknown Ethertype (0x");
                writer.AppendHex(type, 4);
                writer.Append(')');
            }
            else
            {
                writer.Append(name);
            }
            return;
        }
        writer.Append("ethertype ");
        writer.Append(name ?? "Unknown");
        writer.Append(" (0x");
        writer.AppendHex(type, 4);
        writer.Append(')');
    }

    private static void WriteVlanTci(ref LineWriter writer, ushort tci)
    {
        writer.Append("vlan ");
        writer.AppendDecimal((uint)(tci & 0x0fff));
        writer.Append(", p ");
        writer.AppendDecimal((uint)(tci >> 13));
        if ((tci & 0x1000) != 0)
            writer.Append(", DEI");
    }

    /// <summary>tcpdump's fallback for link payloads it cannot decode: a hex and ASCII dump, left out when -q, -x or -X already say enough.</summary>
    private void WriteDefault(ref LineWriter writer, ReadOnlySpan<byte> bytes)
    {
        if (_options.Quiet || _options.Hex > 0 || _options.HexAscii > 0)
            return;
        WriteHexAndAscii(ref writer, bytes);
    }

    private int WriteLinuxSll(ref LineWriter writer, ReadOnlySpan<byte> packet, int length)
    {
        if (!LinuxSllHeader.TryRead(packet, out var sll, out _))
        {
            WriteTruncated(ref writer, "sll", abandoned: true);
            return packet.Length;
        }
        if (_options.LinkHeader)
        {
            WritePacketType(ref writer, (ushort)sll.PacketType, leftAligned: false);
            WriteCookedTail(ref writer, sll.AddressLength, sll.AddressField, sll.Protocol, length);
        }
        return LinuxSllHeader.Length + WriteCookedPayload(ref writer, sll.Protocol, sll.Payload, length - LinuxSllHeader.Length,
            sll.AddressLength, sll.AddressField, length, (int)sll.PacketType);
    }

    private int WriteLinuxSll2(ref LineWriter writer, ReadOnlySpan<byte> packet, int length)
    {
        if (!LinuxSll2Header.TryRead(packet, out var sll, out _))
        {
            WriteTruncated(ref writer, "sll2", abandoned: true);
            return packet.Length;
        }
        var name = _options.InterfaceNames is { } lookup ? lookup(sll.InterfaceIndex) : _interfaceNames.Find(sll.InterfaceIndex);
        writer.Append(name ?? "?");
        for (var i = (name ?? "?").Length; i < 5; i++)
            writer.Append(' ');
        writer.Append(' ');
        WritePacketType(ref writer, (ushort)sll.PacketType, leftAligned: true);
        if (_options.LinkHeader)
        {
            writer.Append("ifindex ");
            writer.AppendDecimal(sll.InterfaceIndex);
            writer.Append(' ');
            WriteCookedTail(ref writer, sll.AddressLength, sll.AddressField, sll.Protocol, length);
        }
        return LinuxSll2Header.Length + WriteCookedPayload(ref writer, sll.Protocol, sll.Payload, length - LinuxSll2Header.Length,
            sll.AddressLength, sll.AddressField, length, -1, sll.InterfaceIndex);
    }

    private static void WritePacketType(ref LineWriter writer, ushort packetType, bool leftAligned)
    {
        var name = packetType switch
        {
            0 => "In",
            1 => "B",
            2 => "M",
            3 => "P",
            4 => "Out",
            _ => "?",
        };
        if (!leftAligned)
            for (var i = name.Length; i < 3; i++)
                writer.Append(' ');
        writer.Append(name);
        if (leftAligned)
            for (var i = name.Length; i < 3; i++)
                writer.Append(' ');
        writer.Append(' ');
    }

    /// <summary>The <c>-e</c> part of a cooked header after the packet type: address, protocol, total length.</summary>
    private void WriteCookedTail(ref LineWriter writer, int addressLength, ReadOnlySpan<byte> address, ushort protocol, int length)
    {
        if (addressLength == 6)
        {
            WriteMac(ref writer, address[..6]);
            writer.Append(' ');
        }
        if (_options.Quiet)
            return;
        if (protocol <= EthernetHeader.MaxLengthValue)
        {
            switch (protocol)
            {
                case 1:
                    writer.Append("802.3");
                    break;
                case 4:
                    writer.Append("802.2");
                    break;
                default:
                    writer.Append("ethertype Unknown (0x");
                    writer.AppendHex(protocol, 4);
                    writer.Append(')');
                    break;
            }
        }
        else
        {
            WriteEtherType(ref writer, protocol);
        }
        writer.Append(", length ");
        writer.AppendDecimal((uint)length);
        writer.Append(": ");
    }

    /// <summary>What follows a cooked header; returns bytes of extra link header consumed (VLAN tags).</summary>
    private int WriteCookedPayload(ref LineWriter writer, ushort protocol, ReadOnlySpan<byte> payload, int length,
        int addressLength, ReadOnlySpan<byte> address, int totalLength, int packetType, uint interfaceIndex = 0)
    {
        var consumed = 0;
        while (true)
        {
            if (protocol <= EthernetHeader.MaxLengthValue)
            {
                if (protocol == 4)
                {
                    // Unlike Ethernet, tcpdump's cooked printers do not count an LLC header whose payload it could not print.
                    return consumed + Math.Max(WriteLlc(ref writer, payload, length, default, default), 0);
                }
                WriteDefault(ref writer, payload);
                return consumed;
            }
            if (protocol == 0x8100)
            {
                if (!VlanTag.TryRead(payload, out var tag, out _) || length < VlanTag.Length)
                {
                    WriteTruncated(ref writer, "vlan");
                    return consumed + Math.Min(payload.Length, Math.Max(length, 0));
                }
                if (_options.LinkHeader)
                {
                    WriteVlanTci(ref writer, tag.Tci);
                    writer.Append(", ");
                }
                protocol = tag.TypeOrLength <= EthernetHeader.MaxLengthValue ? (ushort)4 : tag.TypeOrLength;
                if (!_options.Quiet)
                {
                    writer.Append("ethertype ");
                    writer.Append(new EtherType(protocol).Name ?? "Unknown");
                    writer.Append(", ");
                }
                payload = tag.Payload;
                length -= VlanTag.Length;
                consumed += VlanTag.Length;
                continue;
            }
            if (!WriteEtherTypePayload(ref writer, protocol, payload, length))
            {
                if (!_options.LinkHeader)
                {
                    if (packetType >= 0)
                    {
                        WritePacketType(ref writer, (ushort)packetType, leftAligned: false);
                    }
                    else
                    {
                        writer.Append("ifindex ");
                        writer.AppendDecimal(interfaceIndex);
                        writer.Append(' ');
                    }
                    WriteCookedTail(ref writer, addressLength, address, protocol, totalLength);
                }
                WriteDefault(ref writer, payload);
            }
            return consumed;
        }
    }

    private int WriteNull(ref LineWriter writer, ReadOnlySpan<byte> packet, int length, bool networkOrder)
    {
        if (!NullHeader.TryRead(packet, networkOrder, out var header, out _))
        {
            // tcpdump prints both loopback encapsulations with its "null" printer.
            WriteTruncated(ref writer, "null");
            // No header was read, so -x dumps every captured byte.
            return 0;
        }
        var family = header.Family;
        if (_options.LinkHeader)
            WriteAddressFamily(ref writer, family, length);
        switch (family)
        {
            case 2:
                WriteIpv4(ref writer, header.Payload, length - NullHeader.Length);
                break;
            case 24:
            case 28:
            case 30:
                WriteIpv6(ref writer, header.Payload, length - NullHeader.Length);
                break;
            default:
                if (!_options.LinkHeader)
                    WriteAddressFamily(ref writer, family, length);
                WriteDefault(ref writer, header.Payload);
                break;
        }
        return NullHeader.Length;
    }

    private void WriteAddressFamily(ref LineWriter writer, uint family, int length)
    {
        string? name = family switch
        {
            2 => "IPv4",
            6 => "NS",
            7 => "ISO",
            16 => "Appletalk",
            23 => "IPX",
            24 or 28 or 30 => "IPv6",
            _ => null,
        };
        if (!_options.Quiet)
        {
            writer.Append("AF ");
            writer.Append(name ?? "Unknown");
            WriteNote(ref writer, " (", family, ')');
        }
        else if (name is null)
        {
            writer.Append("Unknown AF ");
            writer.AppendDecimal(family);
        }
        else
        {
            writer.Append(name);
        }
        writer.Append(", length ");
        writer.AppendDecimal((uint)length);
        writer.Append(": ");
    }
}
