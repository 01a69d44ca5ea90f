using System.Buffers.Binary;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    private void WriteUdp(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, in IpContext context)
    {
        if (bytes.Length < 4)
        {
            WriteEndpoints(ref writer, in context, -1, -1, tcp: false);
            WriteTruncated(ref writer, "udp");
            return;
        }
        var sourcePort = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        var destinationPort = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        if (length < 8)
        {
            WriteEndpoints(ref writer, in context, sourcePort, destinationPort, tcp: false);
            writer.Append("truncated-udp ");
            writer.AppendDecimal((uint)length);
            return;
        }
        if (bytes.Length < 6)
        {
            WriteEndpoints(ref writer, in context, sourcePort, destinationPort, tcp: false);
            WriteTruncated(ref writer, "udp");
            return;
        }
        int datagramLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        if (datagramLength == 0 && length > 65535)
            datagramLength = length;
        if (datagramLength < 8)
        {
            WriteEndpoints(ref writer, in context, sourcePort, destinationPort, tcp: false);
            writer.Append("truncated-udplength ");
            writer.AppendDecimal((uint)datagramLength);
            return;
        }
        datagramLength -= 8;
        length -= 8;
        if (datagramLength < length)
            length = datagramLength;
        if (bytes.Length < 8)
        {
            WriteEndpoints(ref writer, in context, sourcePort, destinationPort, tcp: false);
            WriteTruncated(ref writer, "udp");
            return;
        }
        WriteEndpoints(ref writer, in context, sourcePort, destinationPort, tcp: false);
        if (_options.Verbose > 0 && !context.Fragmented)
        {
            var stored = BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]);
            var segment = length + 8;
            if (!context.IsIpv6 && _options.Verbose > 1)
            {
                if (stored == 0)
                    writer.Append("[no cksum] ");
                else if (bytes.Length >= segment)
                    WriteUdpChecksum(ref writer, bytes[..segment], in context, stored);
            }
            else if (context.IsIpv6 && bytes.Length >= segment)
            {
                WriteUdpChecksum(ref writer, bytes[..segment], in context, stored);
            }
        }
        if (WriteUdpApplication(ref writer, bytes[8..], length, sourcePort, destinationPort))
            return;
        if (datagramLength > length && !context.Fragmented)
        {
            writer.Append("UDP, bad length ");
            writer.AppendDecimal((uint)datagramLength);
            writer.Append(" > ");
            writer.AppendDecimal((uint)length);
        }
        else
        {
            writer.Append("UDP, length ");
            writer.AppendDecimal((uint)datagramLength);
        }
    }

    private static void WriteUdpChecksum(ref LineWriter writer, ReadOnlySpan<byte> segment, in IpContext context, ushort stored)
    {
        var computed = Checksum.Compute(segment, PseudoHeaderSum(in context, 17, segment.Length));
        if (computed != 0)
        {
            writer.Append("[bad udp cksum 0x");
            writer.AppendHex(stored, 4);
            writer.Append(" -> 0x");
            writer.AppendHex(Checksum.ShouldBe(stored, computed), 4);
            writer.Append("!] ");
        }
        else
        {
            writer.Append("[udp sum ok] ");
        }
    }

    /// <summary>The pseudo-header part of a TCP/UDP checksum over IPv4 or IPv6.</summary>
    private static uint PseudoHeaderSum(in IpContext context, byte protocol, int length)
    {
        var sum = Checksum.Sum(context.Source);
        sum = Checksum.Sum(context.ChecksumDestination, sum);
        sum += protocol + (uint)(length & 0xffff) + (uint)(length >> 16);
        while (sum > 0xffff)
            sum = (sum & 0xffff) + (sum >> 16);
        return sum;
    }

    /// <summary><c>src.port &gt; dst.port: </c>, or without ports when they were not captured.</summary>
    private void WriteEndpoints(ref LineWriter writer, in IpContext context, int sourcePort, int destinationPort, bool tcp)
    {
        if (!context.EndpointAddresses)
        {
            if (sourcePort < 0)
                return;
            WritePort(ref writer, (ushort)sourcePort, tcp);
            writer.Append(" > ");
            WritePort(ref writer, (ushort)destinationPort, tcp);
            writer.Append(": ");
            return;
        }
        WriteIpAddress(ref writer, context.Source);
        if (sourcePort >= 0)
        {
            writer.Append('.');
            WritePort(ref writer, (ushort)sourcePort, tcp);
        }
        writer.Append(" > ");
        WriteIpAddress(ref writer, context.Destination);
        if (destinationPort >= 0)
        {
            writer.Append('.');
            WritePort(ref writer, (ushort)destinationPort, tcp);
        }
        writer.Append(": ");
    }

    private void WritePort(ref LineWriter writer, ushort port, bool tcp)
    {
        var name = _options.NoResolve ? null : ServiceNames.Find(port, tcp);
        if (name is not null)
            writer.Append(name);
        else
            writer.AppendDecimal(port);
    }
}
