using Pcap.Decode.Network;
using Pcap.Wire;

namespace Pcap.Decode.Text;

/// <summary>
/// IPv6 as tcpdump's <c>print-ip6.c</c> prints it, from the <see cref="Ipv6Header"/> view: the <c>-v</c> parenthesis,
/// then the walk over the next-header chain (extension headers by <see cref="Ipv6ExtensionPrinter"/>, mobility by
/// <see cref="MobilityPrinter"/>) to the upper-layer protocol.
/// </summary>
internal static class Ipv6Printer
{
    private const byte HopByHopHeader = 0, RoutingHeader = 43, FragmentHeader = 44, DestinationOptionsHeader = 60;

    /// <summary>Prints the packet in <paramref name="bytes"/>; <paramref name="length"/> is what the layer below says it spans.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var options = state.Options;
        if (!Ipv6Header.TryReadQuoted(bytes, out var ip, out _))
        {
            state.WriteTruncated(ref writer, "ip6");
            return;
        }
        if (length < Ipv6Header.Length)
        {
            writer.Append("truncated-ip6 ");
            writer.AppendDecimal((uint)length);
            return;
        }
        if (!options.LinkHeader)
            writer.Append("IP6 ");
        if (ip.Version != 6)
        {
            writer.Append("version error: ");
            writer.AppendDecimal((uint)ip.Version);
            writer.Append(" != 6");
            return;
        }
        int payloadLength = ip.PayloadLength;
        // A zero payload length may announce a jumbogram: tcpdump walks the headers over what was captured to find the option.
        var total = payloadLength != 0 ? payloadLength + Ipv6Header.Length : length + Ipv6Header.Length;
        if (payloadLength != 0 && length < total)
        {
            writer.Append("truncated-ip6 - ");
            writer.AppendDecimal((uint)(total - length));
            writer.Append(" bytes missing!");
        }
        if (options.Verbose > 0)
        {
            writer.Append('(');
            if (ip.TrafficClass != 0)
            {
                writer.Append("class 0x");
                writer.AppendHex(ip.TrafficClass, 2);
                writer.Append(", ");
            }
            if (ip.FlowLabel != 0)
            {
                writer.Append("flowlabel 0x");
                writer.AppendHex(ip.FlowLabel, 5);
                writer.Append(", ");
            }
            writer.Append("hlim ");
            writer.AppendDecimal(ip.HopLimit);
            writer.Append(", next-header ");
            writer.Append(ip.NextHeader.Name ?? "unknown");
            writer.Append(" (");
            writer.AppendDecimal(ip.NextHeader.Value);
            writer.Append(") payload length: ");
            writer.AppendDecimal((uint)payloadLength);
            writer.Append(") ");
        }
        // Like tcpdump, look no further than the payload length (at least the 40 bytes already read, so this reads too).
        if (bytes.Length > total)
            Ipv6Header.TryReadQuoted(bytes[..total], out ip, out _);
        PrintChain(ref writer, state, ip, bytes.Length > total ? total : bytes.Length, total, length);
    }

    /// <summary>
    /// tcpdump's walk over the next-header chain (hop-by-hop, destination options, routing, fragment, mobility) and then the
    /// upper-layer protocol. <paramref name="ip"/> is already cut at <paramref name="total"/> (header plus payload), which
    /// leaves <paramref name="captured"/> bytes.
    /// </summary>
    private static void PrintChain(ref LineWriter writer, PrintState state, Ipv6Header ip, int captured, int total, int wireLength)
    {
        var payloadLength = (uint)ip.PayloadLength;
        var nextHeader = ip.NextHeader.Value;
        var payload = ip.Payload;
        var offset = 0;
        var advance = Ipv6Header.Length;
        var remaining = total;
        var previous = -1;
        bool foundExtension = false, foundJumbo = false, foundHopByHop = false, fragmented = false;
        var jumboLength = payloadLength;
        while (offset < captured && advance > 0)
        {
            if (remaining < advance)
            {
                state.WriteTruncated(ref writer, "ip6");
                return;
            }
            offset += advance;
            remaining -= advance;
            if (offset == Ipv6Header.Length && nextHeader is not (6 or 17 or 33 or 132))
            {
                state.WriteIpAddress(ref writer, ip.Source);
                writer.Append(" > ");
                state.WriteIpAddress(ref writer, ip.Destination);
                writer.Append(": ");
            }
            var bytes = offset < captured ? payload[(offset - Ipv6Header.Length)..] : default;
            var header = Ipv6ExtensionHeader.ReadLax(bytes, new IpProtocol(nextHeader));
            switch (nextHeader)
            {
                case HopByHopHeader:
                    if (foundHopByHop || previous >= 0)
                    {
                        writer.Append(foundHopByHop
                            ? "[The Hop-by-Hop Options header was already found] (invalid)"
                            : "[The Hop-by-Hop Options header don't follow the IPv6 header] (invalid)");
                        return;
                    }
                    if (header.Available < 2)
                    {
                        // tcpdump's read of the length byte long-jumps out, before its jumbo check.
                        state.WriteTruncated(ref writer, "hbhopt", abandoned: true);
                        return;
                    }
                    advance = Ipv6ExtensionPrinter.PrintOptionsHeader(ref writer, state, header, hopByHop: true, ref foundJumbo, ref jumboLength);
                    if (jumboLength == 0 && !foundJumbo)
                    {
                        writer.Append("[No valid Jumbo Payload Hop-by-Hop option found] (invalid)");
                        return;
                    }
                    if (advance < 0)
                        return;
                    foundHopByHop = true;
                    break;
                case DestinationOptionsHeader:
                    var ignoredJumbo = false;
                    var ignoredLength = 0u;
                    advance = Ipv6ExtensionPrinter.PrintOptionsHeader(ref writer, state, header, hopByHop: false, ref ignoredJumbo, ref ignoredLength);
                    if (advance < 0)
                        return;
                    break;
                case FragmentHeader:
                    advance = Ipv6ExtensionPrinter.PrintFragmentHeader(ref writer, state, header, offset, payloadLength);
                    if (advance < 0 || captured <= offset + advance)
                        return;
                    fragmented = true;
                    break;
                case 62:
                case 135:
                    MobilityPrinter.Print(ref writer, state, bytes);
                    return;
                case RoutingHeader:
                    if (header.Available < 1)
                    {
                        state.WriteTruncated(ref writer, "ip6");
                        return;
                    }
                    advance = Ipv6ExtensionPrinter.PrintRoutingHeader(ref writer, state, header);
                    if (advance < 0)
                        return;
                    break;
                default:
                    var length = remaining;
                    var upper = bytes;
                    if (foundJumbo)
                    {
                        var jumboTotal = (long)jumboLength + Ipv6Header.Length;
                        if (jumboTotal < offset)
                        {
                            state.WriteTruncated(ref writer, "ip6");
                            return;
                        }
                        if (wireLength < jumboTotal)
                        {
                            writer.Append("truncated-ip6 - ");
                            writer.AppendDecimal((ulong)(jumboTotal - wireLength));
                            writer.Append(" bytes missing!");
                        }
                        length = (int)Math.Min(jumboTotal - offset, int.MaxValue);
                    }
                    else if (payloadLength == 0)
                    {
                        if (foundExtension)
                        {
                            state.WriteTruncated(ref writer, "ip6");
                            return;
                        }
                        length = 0;
                        upper = default;
                    }
                    var context = new IpContext(ip.Source, ip.Destination, isIpv6: true, fragmented, ip.HeaderBytes,
                        endpointAddresses: ip.NextHeader.Value == nextHeader, checksumDestination: ip.FinalDestination);
                    IpDemuxPrinter.Print(ref writer, state, new IpProtocol(nextHeader), upper, length, in context);
                    return;
            }
            foundExtension = true;
            nextHeader = header.NextHeader.Value;
            previous = nextHeader;
        }
    }
}
