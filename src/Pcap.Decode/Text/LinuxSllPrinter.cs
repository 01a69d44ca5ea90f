using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>
/// Linux cooked captures v1 as tcpdump's <c>print-sll.c</c> prints them, from the <see cref="LinuxSllHeader"/> view; also
/// what v1 and v2 (<see cref="LinuxSll2Printer"/>) share: packet type, the <c>-e</c> tail and the protocol dispatch.
/// </summary>
internal static class LinuxSllPrinter
{
    /// <summary>Prints the packet in <paramref name="packet"/>; returns the link header bytes that <c>-x</c> skips.</summary>
    public static int Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> packet, int length)
    {
        if (!LinuxSllHeader.TryRead(packet, out var sll, out _))
        {
            state.WriteTruncated(ref writer, "sll", abandoned: true);
            return packet.Length;
        }
        if (state.Options.LinkHeader)
        {
            WritePacketType(ref writer, (ushort)sll.PacketType, leftAligned: false);
            WriteCookedTail(ref writer, state, sll.AddressLength, sll.AddressField, sll.Protocol, length);
        }
        return LinuxSllHeader.Length + PrintCookedPayload(ref writer, state, sll.Protocol, sll.Payload, length - LinuxSllHeader.Length,
            sll.AddressLength, sll.AddressField, length, (int)sll.PacketType);
    }

    /// <summary>The packet type (<c>In</c>, <c>Out</c>, <c>B</c>, <c>M</c>, <c>P</c>) padded to three columns, then a space.</summary>
    public static void WritePacketType(ref LineWriter writer, ushort packetType, bool leftAligned)
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
    public static void WriteCookedTail(ref LineWriter writer, PrintState state, int addressLength, ReadOnlySpan<byte> address, ushort protocol, int length)
    {
        if (addressLength == 6)
        {
            state.WriteMac(ref writer, address[..6]);
            writer.Append(' ');
        }
        if (state.Options.Quiet)
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
            EthernetPrinter.WriteEtherType(ref writer, state, protocol);
        }
        writer.AppendLengthSuffix(length);
        writer.Append(": ");
    }

    /// <summary>
    /// What follows a cooked header (v1 when <paramref name="packetType"/> is 0 or more, else v2 with its
    /// <paramref name="interfaceIndex"/>); returns bytes of extra link header consumed (VLAN tags).
    /// </summary>
    public static int PrintCookedPayload(ref LineWriter writer, PrintState state, ushort protocol, ReadOnlySpan<byte> payload, int length,
        int addressLength, ReadOnlySpan<byte> address, int totalLength, int packetType, uint interfaceIndex = 0)
    {
        var options = state.Options;
        var consumed = 0;
        var headerProtocol = protocol;
        while (true)
        {
            if (protocol <= EthernetHeader.MaxLengthValue)
            {
                if (protocol == 4)
                {
                    // Unlike Ethernet, tcpdump's cooked printers do not count an LLC header whose payload it could not print.
                    return consumed + Math.Max(LlcPrinter.Print(ref writer, state, payload, length, default, default), 0);
                }
                HexDumpWriter.WriteDefault(ref writer, options, payload);
                return consumed;
            }
            if (protocol == 0x8100)
            {
                if (!VlanTag.TryRead(payload, out var tag, out _) || length < VlanTag.Length)
                {
                    state.WriteTruncated(ref writer, "vlan");
                    return consumed + Math.Min(payload.Length, Math.Max(length, 0));
                }
                if (options.LinkHeader)
                {
                    EthernetPrinter.WriteVlanTag(ref writer, in tag);
                    writer.Append(", ");
                }
                protocol = tag.IsLengthField ? (ushort)4 : tag.TypeOrLength;
                if (!options.Quiet)
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
            if (!EthernetPrinter.PrintEtherTypePayload(ref writer, state, protocol, payload, length))
            {
                if (!options.LinkHeader)
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
                    // tcpdump reprints the cooked header itself: its own protocol, and the length after the tags.
                    WriteCookedTail(ref writer, state, addressLength, address, headerProtocol, totalLength - consumed);
                }
                HexDumpWriter.WriteDefault(ref writer, options, payload);
            }
            return consumed;
        }
    }
}
