using System.Buffers.Binary;
using Pcap.Decode.Network;
using Pcap.Decode.Transport;

namespace Pcap.Decode.Text;

/// <summary>RFC 4884 multi-part extensions of ICMP errors as tcpdump 4.99's print-icmp.c prints them at <c>-v</c>.</summary>
internal static class IcmpExtensionPrinter
{
    /// <summary>
    /// Prints the extensions of an ICMP error of <paramref name="length"/> bytes (longer than 136) whose 141-byte extension
    /// layout was captured; true when tcpdump long-jumps (after <c> [|icmp]</c>).
    /// </summary>
    public static bool Write(ref LineWriter writer, IcmpHeader message, int length)
    {
        var icmp = message.Bytes;
        if (!IcmpExtension.TryRead(icmp, out var extension, out _))
            return false;
        var size = length - IcmpExtension.Offset;
        var whole = icmp.Length >= length;
        // Without a length field, only a valid checksum says an extension is there.
        if (message.OriginalDatagramLength == 0 && whole && Checksum.Compute(icmp[IcmpExtension.Offset..length]) != 0)
            return false;
        writer.Append("\n\tICMP Multi-Part extension v");
        writer.AppendDecimal((uint)extension.Version);
        if (extension.Version != IcmpExtension.CurrentVersion)
        {
            writer.Append(" packet not supported");
            return false;
        }
        if (whole)
        {
            writer.Append(", checksum 0x");
            writer.AppendHex(extension.Checksum, 4);
            writer.Append(Checksum.Compute(icmp[IcmpExtension.Offset..length]) != 0 ? " (incorrect), length " : " (correct), length ");
            writer.AppendDecimal((uint)size);
        }
        size -= 4;
        var at = IcmpExtension.Offset + 4;
        while (size > 4)
        {
            if (at + 4 > icmp.Length)
            {
                writer.Append(" [|icmp]");
                return false;
            }
            int objectLength = BinaryPrimitives.ReadUInt16BigEndian(icmp[at..]);
            int objectClass = icmp[at + 2], classType = icmp[at + 3];
            at += 4;
            writer.Append("\n\t  ");
            writer.Append(objectClass switch { 1 => "MPLS Stack Entry", 2 => "Interface Identification", _ => "unknown" });
            writer.Append(" Object (");
            writer.AppendDecimal((uint)objectClass);
            writer.Append("), Class-Type: ");
            writer.AppendDecimal((uint)classType);
            writer.Append(", length ");
            writer.AppendDecimal((uint)objectLength);
            size -= 4;
            if (objectClass == 0 || objectLength < 4)
                return false;
            objectLength -= 4;
            if (objectClass == IcmpExtension.MplsStackClass && classType == 1)
            {
                if (at + 4 > icmp.Length)
                {
                    writer.Append(" [|icmp]");
                    return true;
                }
                var entry = BinaryPrimitives.ReadUInt32BigEndian(icmp[at..]);
                writer.Append("\n\t    label ");
                writer.AppendDecimal(entry >> 12);
                writer.Append(", tc ");
                writer.AppendDecimal((entry >> 9) & 7);
                if ((entry & 0x100) != 0)
                    writer.Append(", [S]");
                writer.Append(", ttl ");
                writer.AppendDecimal(entry & 0xff);
            }
            else if (at > icmp.Length)
            {
                writer.Append("\n\t    Dissector error: print_unknown_data called with pointer past end of packet");
            }
            else
            {
                HexDumpWriter.WriteHexOnly(ref writer, icmp.Slice(at, Math.Min(objectLength, icmp.Length - at)), "\n\t    ");
            }
            if (size < objectLength)
                break;
            size -= objectLength;
            at += objectLength;
        }
        return false;
    }
}
