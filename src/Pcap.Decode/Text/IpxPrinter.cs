using System.Buffers.Binary;
using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>
/// Novell IPX as tcpdump's <c>print-ipx.c</c> prints it, from the <see cref="IpxPacket"/> view: source and destination
/// (network.node.socket), then by destination socket NCP, SAP, RIP, NetBIOS, diagnostics, NWLink or the socket number.
/// </summary>
internal static class IpxPrinter
{
    /// <summary>Prints the IPX datagram in <paramref name="payload"/> (the header's own length field counts, not the frame's).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> payload)
    {
        if (!state.Options.LinkHeader)
            writer.Append("IPX ");
        if (!IpxPacket.TryRead(payload, out var ipx, out _))
        {
            state.WriteTruncated(ref writer, "ipx");
            return;
        }
        WriteAddress(ref writer, ipx.SourceNetwork, ipx.SourceNode);
        writer.Append('.');
        writer.AppendHex(ipx.SourceSocket, 4);
        writer.Append(" > ");
        WriteAddress(ref writer, ipx.DestinationNetwork, ipx.DestinationNode);
        writer.Append('.');
        writer.AppendHex(ipx.DestinationSocket, 4);
        writer.Append(": ");
        int length = ipx.Length;
        if (length < IpxPacket.HeaderLength)
        {
            writer.Append("[length ");
            writer.AppendDecimal((uint)length);
            writer.Append(" < 30] (invalid)");
            return;
        }
        length -= IpxPacket.HeaderLength;
        var data = ipx.Payload;
        switch (ipx.DestinationSocket)
        {
            case 0x0451: WriteNamedLength(ref writer, "ipx-ncp ", length); break;
            case IpxPacket.SapSocket: PrintSap(ref writer, state, data, length); break;
            case IpxPacket.RipSocket: PrintRip(ref writer, state, data, length); break;
            case 0x0455: WriteNamedLength(ref writer, "ipx-netbios ", length); break;
            case 0x0456: WriteNamedLength(ref writer, "ipx-diags ", length); break;
            case 0x0553: WriteNamedLength(ref writer, "ipx-nwlink-dgm ", length); break;
            default:
                writer.Append("ipx-#");
                writer.AppendHex(ipx.DestinationSocket);
                writer.Append(' ');
                writer.AppendDecimal((uint)length);
                break;
        }
    }

    private static void WriteNamedLength(ref LineWriter writer, string name, int length)
    {
        writer.Append(name);
        writer.AppendDecimal((uint)length);
    }

    /// <summary>tcpdump's ipxaddr_string: the network in eight hex digits, a dot, the node as a MAC address.</summary>
    private static void WriteAddress(ref LineWriter writer, uint network, ReadOnlySpan<byte> node)
    {
        writer.AppendHex(network, 8);
        writer.Append('.');
        writer.AppendLinkAddress(node);
    }

    /// <summary>Service Advertising Protocol: a request names one service type, a response lists up to eight servers.</summary>
    private static void PrintSap(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, int length)
    {
        if (data.Length < 2)
        {
            state.WriteTruncated(ref writer, "ipx");
            return;
        }
        int command = BinaryPrimitives.ReadUInt16BigEndian(data);
        if (length < 2)
        {
            writer.Append(" [length ");
            writer.AppendDecimal((uint)length);
            writer.Append(" < 2] (invalid)");
            return;
        }
        data = data[2..];
        length -= 2;
        switch (command)
        {
            case 1 or 3:
                writer.Append(command == 1 ? "ipx-sap-req" : "ipx-sap-nearest-req");
                if (data.Length < 2)
                {
                    state.WriteTruncated(ref writer, "ipx");
                    return;
                }
                writer.Append(' ');
                writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(data), 4);
                break;
            case 2 or 4:
                writer.Append(command == 2 ? "ipx-sap-resp" : "ipx-sap-nearest-resp");
                for (var i = 0; i < 8 && length != 0; i++)
                {
                    if (data.Length < 2)
                    {
                        state.WriteTruncated(ref writer, "ipx");
                        return;
                    }
                    if (length < 2)
                    {
                        writer.Append(" (invalid)");
                        return;
                    }
                    writer.Append(' ');
                    writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(data), 4);
                    writer.Append(" '");
                    data = data[2..];
                    length -= 2;
                    if (length < 48)
                    {
                        writer.Append("' (invalid)");
                        return;
                    }
                    // tcpdump's nd_printjnp: up to 48 characters, stopping at a NUL, cut where the capture ends.
                    for (var c = 0; c < 48; c++)
                    {
                        if (c >= data.Length)
                        {
                            state.WriteTruncated(ref writer, "ipx");
                            return;
                        }
                        if (data[c] == 0)
                            break;
                        PrintableText.Append(ref writer, data[c]);
                    }
                    writer.Append('\'');
                    length -= 48;
                    if (data.Length < 48 + 10)
                    {
                        state.WriteTruncated(ref writer, "ipx");
                        return;
                    }
                    data = data[48..];
                    if (length < 10)
                    {
                        writer.Append(" (invalid)");
                        return;
                    }
                    writer.Append(" addr ");
                    WriteAddress(ref writer, BinaryPrimitives.ReadUInt32BigEndian(data), data.Slice(4, 6));
                    data = data[10..];
                    length -= 10;
                    // The socket and the count of intermediate networks are not printed.
                    if (data.Length < 4)
                    {
                        state.WriteTruncated(ref writer, "ipx");
                        return;
                    }
                    if (length < 4)
                    {
                        writer.Append(" (invalid)");
                        return;
                    }
                    data = data[4..];
                    length -= 4;
                }
                break;
            default:
                writer.Append("ipx-sap-?");
                writer.AppendHex((uint)command);
                break;
        }
    }

    /// <summary>IPX RIP: a request for one network, a response of up to 50 network/hops.ticks entries.</summary>
    private static void PrintRip(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, int length)
    {
        if (data.Length < 2)
        {
            state.WriteTruncated(ref writer, "ipx");
            return;
        }
        int command = BinaryPrimitives.ReadUInt16BigEndian(data);
        if (length < 2)
        {
            writer.Append(" [length ");
            writer.AppendDecimal((uint)length);
            writer.Append(" < 2] (invalid)");
            return;
        }
        data = data[2..];
        length -= 2;
        switch (command)
        {
            case 1:
                writer.Append("ipx-rip-req");
                if (length != 0)
                    WriteRipEntry(ref writer, state, ref data, ref length);
                break;
            case 2:
                writer.Append("ipx-rip-resp");
                for (var i = 0; i < 50 && length != 0; i++)
                {
                    if (!WriteRipEntry(ref writer, state, ref data, ref length))
                        return;
                }
                break;
            default:
                writer.Append("ipx-rip-?");
                writer.AppendHex((uint)command);
                break;
        }
    }

    private static bool WriteRipEntry(ref LineWriter writer, PrintState state, ref ReadOnlySpan<byte> data, ref int length)
    {
        if (length < 8)
        {
            writer.Append(" (invalid)");
            return false;
        }
        if (data.Length < 8)
        {
            state.WriteTruncated(ref writer, "ipx");
            return false;
        }
        writer.Append(' ');
        writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(data), 8);
        writer.Append('/');
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(data[4..]));
        writer.Append('.');
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(data[6..]));
        data = data[8..];
        length -= 8;
        return true;
    }
}
