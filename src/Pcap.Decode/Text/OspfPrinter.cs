using System.Buffers.Binary;
using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>
/// OSPF over IPv4 as tcpdump 4.99's print-ospf.c prints it: the header line, with -v the router, area and authentication,
/// then per type the hello, database description, request, update (with <see cref="OspfLsaPrinter"/>) or acknowledgement,
/// and the link-local signalling block after the packet. Where tcpdump long-jumps on a field it could not read, writes
/// <c> [|ospf2]</c> and marks the packet abandoned.
/// </summary>
internal static class OspfPrinter
{
    /// <summary>Prints an OSPF packet of <paramref name="length"/> bytes (an IPv4 payload).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (!PrintPacket(ref writer, state, bytes, length))
            state.WriteTruncated(ref writer, "ospf2", abandoned: true);
    }

    private static bool PrintPacket(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (bytes.Length < 16)
            return false;
        var packet = OspfPacket.ReadPartial(bytes);
        if (packet.AuthenticationType == OspfPacket.Md5Authentication)
        {
            // tcpdump strips the digest from the length and from the end of the capture before anything else.
            length -= OspfPacket.Md5DigestLength;
            packet = OspfPacket.ReadPartial(bytes[..^OspfPacket.Md5DigestLength]);
        }
        if (packet.Captured < 2)
            return false;
        var type = packet.Type;
        writer.Append("OSPFv");
        writer.AppendDecimal(packet.Version);
        writer.Append(", ");
        var known = type is >= 1 and <= 5;
        if (known)
        {
            writer.Append(TypeName(type));
        }
        else
        {
            writer.Append("unknown LS-type ");
            writer.AppendDecimal(type);
        }
        writer.Append(", length ");
        writer.AppendDecimal((uint)length);
        if (!known || state.Options.Verbose <= 0)
            return true;
        if (packet.Captured < 4)
            return false;
        var packetLength = packet.PacketLength;
        if (length != packetLength)
        {
            writer.Append(" [len ");
            writer.AppendDecimal(packetLength);
            writer.Append(']');
        }
        var dataEnd = Math.Min(length, packetLength);
        if (packet.Captured < 8)
            return false;
        writer.Append("\n\tRouter-ID ");
        state.WriteIpAddress(ref writer, packet.RouterId);
        if (packet.Captured < 12)
            return false;
        if (BinaryPrimitives.ReadUInt32BigEndian(packet.AreaId) != 0)
        {
            writer.Append(", Area ");
            state.WriteIpAddress(ref writer, packet.AreaId);
        }
        else
        {
            writer.Append(", Backbone Area");
        }
        if (packet.Captured < OspfPacket.HeaderLength)
            return false;
        var authentication = packet.AuthenticationType;
        writer.Append(", Authentication Type: ");
        writer.Append(authentication switch { 0 => "none", 1 => "simple", 2 => "MD5", _ => "unknown" });
        writer.Append(" (");
        writer.AppendDecimal(authentication);
        writer.Append(')');
        switch (authentication)
        {
            case 0:
                break;
            case 1:
                writer.Append("\n\tSimple text password: ");
                foreach (var c in packet.AuthenticationData)
                {
                    if (c == 0)
                        break;
                    PrintableText.Append(ref writer, c);
                }
                break;
            case 2:
                writer.Append("\n\tKey-ID: ");
                writer.AppendDecimal(packet.KeyId);
                writer.Append(", Auth-Length: ");
                writer.AppendDecimal(packet.DigestLength);
                writer.Append(", Crypto Sequence Number: 0x");
                writer.AppendHex(packet.CryptographicSequence, 8);
                break;
            default:
                return true;
        }
        if (packet.Version != 2)
        {
            writer.Append(" ospf [version ");
            writer.AppendDecimal(packet.Version);
            writer.Append(']');
            return true;
        }
        if (!PrintBody(ref writer, state, packet, dataEnd))
            return false;
        return length <= packetLength || PrintLinkLocalSignalling(ref writer, packet, length);
    }

    /// <summary>tcpdump's ospf_decode_v2: the body of each packet type, up to <paramref name="dataEnd"/>.</summary>
    private static bool PrintBody(ref LineWriter writer, PrintState state, OspfPacket packet, int dataEnd)
    {
        var data = packet.Bytes;
        switch (packet.Type)
        {
            case OspfPacket.Hello:
                if (packet.Captured < 31)
                    return false;
                WriteOptionsLine(ref writer, packet.HelloOptions);
                if (packet.Captured < 36)
                    return false;
                writer.Append("\n\t  Hello Timer ");
                writer.AppendDecimal(packet.HelloInterval);
                writer.Append("s, Dead Timer ");
                writer.AppendDecimal(packet.DeadInterval);
                writer.Append("s, Mask ");
                state.WriteIpAddress(ref writer, packet.HelloMask);
                writer.Append(", Priority ");
                writer.AppendDecimal(packet.HelloPriority);
                if (packet.Captured < 40)
                    return false;
                if (BinaryPrimitives.ReadUInt32BigEndian(packet.DesignatedRouter) != 0)
                {
                    writer.Append("\n\t  Designated Router ");
                    state.WriteIpAddress(ref writer, packet.DesignatedRouter);
                }
                if (packet.Captured < 44)
                    return false;
                if (BinaryPrimitives.ReadUInt32BigEndian(packet.BackupDesignatedRouter) != 0)
                {
                    writer.Append(", Backup Designated Router ");
                    state.WriteIpAddress(ref writer, packet.BackupDesignatedRouter);
                }
                if (OspfPacket.HelloNeighborsOffset < dataEnd)
                    writer.Append("\n\t  Neighbor List:");
                for (var neighbor = OspfPacket.HelloNeighborsOffset; neighbor < dataEnd; neighbor += 4)
                {
                    if (!OspfTlvPrinter.Has(data, neighbor, 4))
                        return false;
                    writer.Append("\n\t    ");
                    state.WriteIpAddress(ref writer, data.Slice(neighbor, 4));
                }
                return true;
            case OspfPacket.DatabaseDescription:
                if (packet.Captured < 27)
                    return false;
                WriteOptionsLine(ref writer, packet.DescriptionOptions);
                if (packet.Captured < 28)
                    return false;
                writer.Append(", DD Flags [");
                BitNames.AppendAll(ref writer, packet.DescriptionFlags, [0x04, 0x02, 0x01, 0x08], DescriptionFlagNames, "none");
                writer.Append(']');
                if (packet.InterfaceMtu != 0)
                {
                    writer.Append(", MTU: ");
                    writer.AppendDecimal(packet.InterfaceMtu);
                }
                if (packet.Captured < 32)
                    return false;
                writer.Append(", Sequence: 0x");
                writer.AppendHex(packet.DescriptionSequence, 8);
                for (long header = OspfPacket.DescriptionHeadersOffset; header < dataEnd; header += OspfLsaHeader.Length)
                {
                    var result = OspfLsaPrinter.PrintHeader(ref writer, state, data, header);
                    if (result == OspfLsaPrinter.Truncated)
                        return false;
                    if (result == OspfLsaPrinter.BogusLength)
                        break;
                }
                return true;
            case OspfPacket.LinkStateRequest:
                for (var request = OspfPacket.HeaderLength; request < dataEnd; request += 12)
                {
                    if (!OspfTlvPrinter.Has(data, request, 12))
                        return false;
                    PrintRequest(ref writer, state, data.Slice(request, 12));
                }
                return true;
            case OspfPacket.LinkStateUpdate:
                if (packet.Captured < OspfPacket.UpdateLsasOffset)
                    return false;
                var count = packet.UpdateCount;
                writer.Append(", ");
                writer.AppendDecimal(count);
                writer.Append(count == 1 ? " LSA" : " LSAs");
                long lsa = OspfPacket.UpdateLsasOffset;
                // No check against the packet end: each LSA is at least a header long, so the capture ends the walk.
                for (uint index = 1; index <= count && index != 0; index++)
                {
                    writer.Append("\n\t  LSA #");
                    writer.AppendDecimal(index);
                    lsa = OspfLsaPrinter.Print(ref writer, state, data, lsa);
                    if (lsa < 0)
                        return false;
                }
                return true;
            case OspfPacket.LinkStateAcknowledgement:
                // tcpdump reads acknowledged headers until one is bogus or runs past the capture.
                for (long header = OspfPacket.HeaderLength; ; header += OspfLsaHeader.Length)
                {
                    var result = OspfLsaPrinter.PrintHeader(ref writer, state, data, header);
                    if (result == OspfLsaPrinter.Truncated)
                        return false;
                    if (result == OspfLsaPrinter.BogusLength)
                        return true;
                }
            default:
                return true;
        }
    }

    private static void PrintRequest(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> request)
    {
        var type = BinaryPrimitives.ReadUInt32BigEndian(request);
        writer.Append("\n\t  Advertising Router: ");
        state.WriteIpAddress(ref writer, request.Slice(8, 4));
        writer.Append(", ");
        writer.Append(type <= 11 ? OspfLsaPrinter.TypeName((int)type) : "unknown");
        writer.Append(" LSA (");
        writer.AppendDecimal(type);
        if (type is 9 or 10 or 11)
        {
            writer.Append("), Opaque-Type: ");
            writer.Append(OspfLsaPrinter.OpaqueTypeName(request[4]));
            writer.Append(" LSA (");
            writer.AppendDecimal(request[4]);
            writer.Append("), Opaque-ID: ");
            writer.AppendDecimal((uint)(request[5] << 16 | request[6] << 8 | request[7]));
        }
        else
        {
            writer.Append("), LSA-ID: ");
            state.WriteIpAddress(ref writer, request.Slice(4, 4));
        }
    }

    /// <summary>tcpdump's ospf_decode_lls: the RFC 5613 block after a hello or database description with the L bit.</summary>
    private static bool PrintLinkLocalSignalling(ref LineWriter writer, OspfPacket packet, int length)
    {
        var data = packet.Bytes;
        byte options;
        if (packet.Type == OspfPacket.Hello)
        {
            if (packet.Captured < 31)
                return false;
            options = packet.HelloOptions;
        }
        else if (packet.Type == OspfPacket.DatabaseDescription)
        {
            if (packet.Captured < 27)
                return false;
            options = packet.DescriptionOptions;
        }
        else
        {
            return true;
        }
        if ((options & OspfPacket.LinkLocalSignalling) == 0)
            return true;
        int at = packet.PacketLength;
        var covered = at;
        if (packet.AuthenticationType == OspfPacket.Md5Authentication)
        {
            at += packet.DigestLength;
            covered += packet.DigestLength;
        }
        if (covered >= length)
        {
            writer.Append("\n\t[LLS truncated]");
            return true;
        }
        if (!OspfTlvPrinter.Has(data, at, 2))
            return false;
        writer.Append("\n\t  LLS: checksum: 0x");
        writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(data[at..]), 4);
        if (!OspfTlvPrinter.Has(data, at + 2, 2))
            return false;
        writer.Append(", length: ");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]));
        at += 4;
        while (at < length)
        {
            if (!OspfTlvPrinter.Has(data, at, 2))
                return false;
            var type = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
            writer.Append("\n\t    ");
            writer.Append(type switch { 1 => "Extended Options", 2 => "MD5 Authentication", _ => "Unknown TLV" });
            writer.Append(" (");
            writer.AppendDecimal(type);
            writer.Append(')');
            at += 2;
            if (!OspfTlvPrinter.Has(data, at, 2))
                return false;
            int tlvLength = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
            writer.Append(", length: ");
            writer.AppendDecimal((uint)tlvLength);
            at += 2;
            if (type is 1 or 2)
            {
                var expected = type == 1 ? 4 : 20;
                if (tlvLength != expected)
                {
                    writer.Append(type == 1 ? " [should be 4]" : " [should be 20]");
                    tlvLength = expected;
                }
                if (!OspfTlvPrinter.Has(data, at, 4))
                    return false;
                var value = BinaryPrimitives.ReadUInt32BigEndian(data[at..]);
                if (type == 1)
                {
                    writer.Append("\n\t      Options: 0x");
                    writer.AppendHex(value, 8);
                    writer.Append(" [");
                    BitNames.AppendAll(ref writer, value, [1, 2], ExtendedOptionNames, "?");
                    writer.Append(']');
                }
                else
                {
                    writer.Append("\n\t      Sequence number: 0x");
                    writer.AppendHex(value, 8);
                }
            }
            at += tlvLength;
        }
        return true;
    }

    private static void WriteOptionsLine(ref LineWriter writer, byte options)
    {
        writer.Append("\n\tOptions [");
        WriteOptions(ref writer, options);
        writer.Append(']');
    }

    /// <summary>The options byte of hellos, database descriptions and LSA headers as tcpdump names its bits.</summary>
    public static void WriteOptions(ref LineWriter writer, byte options) =>
        BitNames.AppendAll(ref writer, options, [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80], OptionNames, "none");

    private static readonly string[] OptionNames = ["MultiTopology", "External", "Multicast", "NSSA", "LLS", "Demand Circuit", "Opaque", "Up/Down"];

    private static readonly string[] DescriptionFlagNames = ["Init", "More", "Master", "OOBResync"];

    private static readonly string[] ExtendedOptionNames = ["LSDB resync", "Restart"];

    private static string TypeName(int type) => type switch
    {
        OspfPacket.Hello => "Hello",
        OspfPacket.DatabaseDescription => "Database Description",
        OspfPacket.LinkStateRequest => "LS-Request",
        OspfPacket.LinkStateUpdate => "LS-Update",
        _ => "LS-Ack",
    };
}
