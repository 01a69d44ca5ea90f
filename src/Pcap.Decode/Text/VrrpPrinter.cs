using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>VRRP v2 and v3 as tcpdump 4.99's print-vrrp.c prints them.</summary>
internal static class VrrpPrinter
{
    /// <summary>
    /// Prints a packet of <paramref name="length"/> bytes carried by the IP datagram of <paramref name="context"/>; where
    /// tcpdump long-jumps on a field it could not read, writes <c> [|vrrp]</c> and marks the packet abandoned.
    /// </summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, in IpContext context)
    {
        writer.Append("VRRP");
        // tcpdump reads the fields one at a time, so a cut-off header prints as far as it goes.
        if (!VrrpPacket.TryReadPartial(bytes, out var packet))
        {
            Truncated(ref writer, state);
            return;
        }
        var version = packet.Version;
        writer.Append('v');
        writer.AppendDecimal((uint)version);
        if (packet.Type == VrrpPacket.Advertisement)
        {
            writer.Append(", Advertisement");
        }
        else
        {
            writer.Append(", unknown type (");
            writer.AppendDecimal((uint)packet.Type);
            writer.Append(')');
        }
        var ttl = context.IsIpv6 ? context.IpHeader[7] : context.IpHeader[8];
        if (ttl != 255)
        {
            writer.Append(", (ttl ");
            writer.AppendDecimal(ttl);
            writer.Append(')');
        }
        if (version is < 2 or > 3 || packet.Type != VrrpPacket.Advertisement)
            return;
        if (packet.Captured < 3)
        {
            Truncated(ref writer, state);
            return;
        }
        writer.Append(", vrid ");
        writer.AppendDecimal(packet.VirtualRouterId);
        writer.Append(", prio ");
        writer.AppendDecimal(packet.Priority);
        if (version == 2)
        {
            if (packet.Captured < 5)
            {
                Truncated(ref writer, state);
                return;
            }
            writer.Append(", authtype ");
            WriteAuthenticationType(ref writer, packet.AuthenticationType);
        }
        if (packet.Captured < 6)
        {
            Truncated(ref writer, state);
            return;
        }
        writer.Append(", intvl ");
        writer.AppendDecimal((uint)packet.AdvertisementInterval);
        writer.Append(version == 3 ? "cs, length " : "s, length ");
        writer.AppendDecimal((uint)length);
        if (state.Options.Verbose <= 0)
            return;
        if (packet.Captured >= length)
        {
            // Version 2 sums the packet alone, version 3 the IP pseudo-header too; tcpdump shows the stored field in bare hex.
            var whole = bytes[..length];
            var residue = version == 2
                ? Checksum.Compute(whole)
                : Checksum.Compute(whole, Endpoints.PseudoHeaderSum(in context, VrrpPacket.IpProtocolNumber, length));
            if (residue != 0)
            {
                if (packet.Captured < VrrpPacket.HeaderLength)
                {
                    Truncated(ref writer, state);
                    return;
                }
                writer.Append(", (bad vrrp cksum ");
                writer.AppendHex(packet.Checksum);
                writer.Append(')');
            }
        }
        writer.Append(", addrs");
        var count = packet.AddressCount;
        if (count > 1)
        {
            writer.Append('(');
            writer.AppendDecimal(count);
            writer.Append(')');
        }
        writer.Append(':');
        var addresses = packet.Captured > VrrpPacket.HeaderLength ? packet.Addresses : default;
        var addressLength = context.IsIpv6 ? 16 : 4;
        var at = 0;
        for (var i = 0; i < count; i++, at += addressLength)
        {
            if (addresses.Length < at + addressLength)
            {
                Truncated(ref writer, state);
                return;
            }
            writer.Append(i == 0 ? ' ' : ',');
            state.WriteIpAddress(ref writer, addresses.Slice(at, addressLength));
        }
        if (packet.AuthenticationTypeIfVersion2 == VrrpPacket.SimpleTextAuthentication)
        {
            writer.Append(" auth \"");
            for (var end = at + 8; at < end; at++)
            {
                if (addresses.Length <= at)
                {
                    Truncated(ref writer, state);
                    return;
                }
                if (addresses[at] == 0)
                    break;
                PrintableText.Append(ref writer, addresses[at]);
            }
            writer.Append('"');
        }
        return;
    }

    private static void WriteAuthenticationType(ref LineWriter writer, byte type)
    {
        switch (type)
        {
            case 0:
                writer.Append("none");
                break;
            case VrrpPacket.SimpleTextAuthentication:
                writer.Append("simple");
                break;
            case 2:
                writer.Append("ah");
                break;
            default:
                writer.Append('#');
                writer.AppendDecimal(type);
                break;
        }
    }

    private static void Truncated(ref LineWriter writer, PrintState state) => state.WriteTruncated(ref writer, "vrrp", abandoned: true);
}
