using System.Buffers.Binary;
using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    internal void WriteIpv6(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length)
    {
        if (bytes.Length < Ipv6Header.Length)
        {
            WriteTruncated(ref writer, "ip6");
            return;
        }
        if (length < Ipv6Header.Length)
        {
            writer.Append("truncated-ip6 ");
            writer.AppendDecimal((uint)length);
            return;
        }
        if (!_options.LinkHeader)
            writer.Append("IP6 ");
        if (bytes[0] >> 4 != 6)
        {
            writer.Append("version error: ");
            writer.AppendDecimal((uint)(bytes[0] >> 4));
            writer.Append(" != 6");
            return;
        }
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        // A zero payload length may announce a jumbogram: tcpdump walks the headers over what was captured to find the option.
        var total = payloadLength != 0 ? payloadLength + Ipv6Header.Length : length + Ipv6Header.Length;
        if (payloadLength != 0 && length < total)
        {
            writer.Append("truncated-ip6 - ");
            writer.AppendDecimal((uint)(total - length));
            writer.Append(" bytes missing!");
        }
        var nextHeader = bytes[6];
        if (_options.Verbose > 0)
        {
            var flow = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            writer.Append('(');
            if ((flow & 0x0ff00000) != 0)
            {
                writer.Append("class 0x");
                writer.AppendHex((flow & 0x0ff00000) >> 20, 2);
                writer.Append(", ");
            }
            if ((flow & 0x000fffff) != 0)
            {
                writer.Append("flowlabel 0x");
                writer.AppendHex(flow & 0x000fffff, 5);
                writer.Append(", ");
            }
            writer.Append("hlim ");
            writer.AppendDecimal(bytes[7]);
            writer.Append(", next-header ");
            writer.Append(new IpProtocol(nextHeader).Name ?? "unknown");
            writer.Append(" (");
            writer.AppendDecimal(nextHeader);
            writer.Append(") payload length: ");
            writer.AppendDecimal((uint)payloadLength);
            writer.Append(") ");
        }
        if (bytes.Length > total)
            bytes = bytes[..total];
        WriteIpv6Chain(ref writer, bytes, total, length, (uint)payloadLength);
    }
}
