using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>
/// IPv4 as tcpdump's <c>print-ip.c</c> prints it, from the <see cref="Ipv4Header"/> view (lax for cut-off headers): the
/// <c>-v</c> parenthesis with the options, later fragments, then the IP-protocol dispatch for the payload.
/// </summary>
internal static class Ipv4Printer
{
    /// <summary>Prints the datagram in <paramref name="bytes"/>; <paramref name="length"/> is what the layer below says it spans.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var options = state.Options;
        var version = Ipv4Header.ReadVersion(bytes);
        if (version < 0)
        {
            state.WriteTruncated(ref writer, "ip", abandoned: true);
            return;
        }
        if (version != 4)
        {
            if (version == 6)
            {
                writer.Append("IP6, wrong link-layer encapsulation");
            }
            else
            {
                writer.Append("IP");
                writer.AppendDecimal((uint)version);
            }
            writer.Append(" (invalid)");
            return;
        }
        if (!options.LinkHeader)
            writer.Append("IP ");
        if (!Ipv4Header.TryReadLax(bytes, out var ip, out _))
        {
            state.WriteTruncated(ref writer, "ip");
            return;
        }
        if (length < Ipv4Header.MinimumLength)
        {
            writer.Append("truncated-ip ");
            writer.AppendDecimal((uint)length);
            return;
        }
        var headerLength = ip.HeaderLength;
        if (headerLength < Ipv4Header.MinimumLength)
        {
            writer.Append("bad-hlen ");
            writer.AppendDecimal((uint)headerLength);
            return;
        }
        int totalLength = ip.TotalLength;
        if (length < totalLength)
        {
            writer.Append("truncated-ip - ");
            writer.AppendDecimal((uint)(totalLength - length));
            writer.Append(" bytes missing! ");
        }
        if (totalLength < headerLength)
        {
            writer.Append("bad-len ");
            writer.AppendDecimal((uint)totalLength);
            return;
        }
        // Like tcpdump, look no further than the IP total length (at least the 20 bytes already read, so this reads too).
        if (bytes.Length > totalLength)
            Ipv4Header.TryReadLax(bytes[..totalLength], out ip, out _);
        if (options.Verbose > 0 && !PrintVerbose(ref writer, state, ip))
            return;
        if (!ip.IsLaterFragment)
        {
            if (ip.Protocol.Value is not (6 or 17 or 132 or 33))
                WriteAddresses(ref writer, state, ip, ": ");
            if (!ip.IsHeaderComplete)
            {
                // A cut-off header: what was captured of it is everything captured.
                state.WriteHeaderNotCaptured(ref writer, ip.HeaderBytes.Length, headerLength, "ip");
                return;
            }
            var context = new IpContext(ip.Source, ip.Destination, isIpv6: false, ip.IsFragment, ip.HeaderBytes,
                checksumDestination: ip.SourceRouteDestination);
            IpDemuxPrinter.Print(ref writer, state, ip.Protocol, ip.Payload, totalLength - headerLength, in context);
        }
        else
        {
            if (options.Quiet && options.Verbose < 0)
                return;
            WriteAddresses(ref writer, state, ip, ":");
            IpDemuxPrinter.WriteProtocolName(ref writer, state, ip.Protocol);
        }
    }

    private static void WriteAddresses(ref LineWriter writer, PrintState state, Ipv4Header ip, string end)
    {
        state.WriteIpAddress(ref writer, ip.Source);
        writer.Append(" > ");
        state.WriteIpAddress(ref writer, ip.Destination);
        writer.Append(end);
    }

    /// <summary>The <c>-v</c> parenthesis; false when tcpdump stops after it (options truncated).</summary>
    private static bool PrintVerbose(ref LineWriter writer, PrintState state, Ipv4Header ip)
    {
        var tos = ip.TypeOfService;
        writer.Append("(tos 0x");
        writer.AppendHex(tos);
        writer.Append((tos & 3) switch { 1 => ",ECT(1)", 2 => ",ECT(0)", 3 => ",CE", _ => "" });
        if (ip.TimeToLive >= 1)
        {
            writer.Append(", ttl ");
            writer.AppendDecimal(ip.TimeToLive);
        }
        writer.Append(", id ");
        writer.AppendDecimal(ip.Identification);
        writer.Append(", offset ");
        writer.AppendDecimal((uint)ip.FragmentOffset);
        writer.Append(", flags [");
        if (!ip.MoreFragments && !ip.DontFragment && !ip.ReservedFlag)
        {
            writer.Append("none");
        }
        else
        {
            var first = true;
            if (ip.MoreFragments)
            {
                writer.Append('+');
                first = false;
            }
            if (ip.DontFragment)
            {
                if (!first)
                    writer.Append(", ");
                writer.Append("DF");
                first = false;
            }
            if (ip.ReservedFlag)
            {
                if (!first)
                    writer.Append(", ");
                writer.Append("rsvd");
            }
        }
        writer.Append("], proto ");
        writer.Append(ip.Protocol.Name ?? "unknown");
        writer.Append(" (");
        writer.AppendDecimal(ip.Protocol.Value);
        writer.Append("), length ");
        writer.AppendDecimal(ip.TotalLength);
        var truncated = false;
        if (ip.OptionsLength > 0)
        {
            writer.Append(", options (");
            switch (Ipv4OptionsPrinter.Print(ref writer, state, ip.OptionsOnward, ip.OptionsLength))
            {
                case Ipv4OptionsPrinter.Outcome.ByteMissing:
                    state.WriteTruncated(ref writer, "ip", abandoned: true);
                    return false;
                case Ipv4OptionsPrinter.Outcome.OptionCut:
                    writer.Append(" [truncated-option]");
                    truncated = true;
                    break;
            }
            writer.Append(')');
        }
        if (ip.IsHeaderComplete && !state.Options.SkipChecksums)
        {
            var computed = Checksum.Compute(ip.HeaderBytes);
            if (computed != 0)
            {
                writer.Append(", bad cksum ");
                writer.AppendHex(ip.Checksum);
                writer.Append(" (->");
                writer.AppendHex(Checksum.ShouldBe(ip.Checksum, computed));
                writer.Append(")!");
            }
        }
        writer.Append(")\n    ");
        if (truncated)
        {
            WriteAddresses(ref writer, state, ip, ": ");
            state.WriteTruncated(ref writer, "ip");
            return false;
        }
        return true;
    }
}
