using System.Buffers.Binary;

namespace Pcap.Decode.Tests.Files;

/// <summary>Seeded random frames that look like real traffic for a link type: a link header, an IPv4 header, random payload.</summary>
internal static class PacketFactory
{
    /// <summary>A frame of <paramref name="length"/> bytes (at least the headers) for LINKTYPE <paramref name="linkType"/>.</summary>
    public static byte[] Frame(Random random, uint linkType, int length)
    {
        int linkHeader = linkType switch { 1 => 14, 276 => 20, 113 => 16, _ => 0 };
        var frame = new byte[Math.Max(length, linkHeader + 20)];
        random.NextBytes(frame);
        var link = frame.AsSpan(0, linkHeader);
        switch (linkType)
        {
            case 1:
                BinaryPrimitives.WriteUInt16BigEndian(link[12..], 0x0800);
                break;
            case 276:
                BinaryPrimitives.WriteUInt16BigEndian(link, 0x0800);
                link[2] = link[3] = 0;
                BinaryPrimitives.WriteUInt16BigEndian(link[8..], 1);
                link[10] = (byte)random.Next(5);
                link[11] = 6;
                break;
            case 113:
                BinaryPrimitives.WriteUInt16BigEndian(link, (ushort)random.Next(5));
                BinaryPrimitives.WriteUInt16BigEndian(link[2..], 1);
                BinaryPrimitives.WriteUInt16BigEndian(link[4..], 6);
                BinaryPrimitives.WriteUInt16BigEndian(link[14..], 0x0800);
                break;
        }
        var ip = frame.AsSpan(linkHeader);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)ip.Length);
        ip[9] = 1; // ICMP
        return frame;
    }
}
