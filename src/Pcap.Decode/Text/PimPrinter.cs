using System.Buffers.Binary;
using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>PIM version 2 as tcpdump 4.99's print-pim.c prints it (other versions get the header line only).</summary>
internal static class PimPrinter
{
    /// <summary>
    /// Prints a message of <paramref name="length"/> bytes carried by the IP datagram of <paramref name="context"/>; where
    /// tcpdump gives up on a field it could not read, writes <c> [|pimv2]</c>.
    /// </summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, in IpContext context)
    {
        if (!PimPacket.TryReadPartial(bytes, out var pim))
        {
            state.WriteTruncated(ref writer, "pim", abandoned: true);
            return;
        }
        writer.Append("PIMv");
        writer.AppendDecimal((uint)pim.Version);
        if (pim.Version != 2)
        {
            writer.Append(", length ");
            writer.AppendDecimal((uint)length);
            return;
        }
        if (state.Options.Verbose <= 0)
        {
            writer.Append(", ");
            writer.Append(TypeName(pim.Type));
            writer.Append(", length ");
            writer.AppendDecimal((uint)length);
            return;
        }
        writer.Append(", length ");
        writer.AppendDecimal((uint)length);
        writer.Append("\n\t");
        writer.Append(TypeName(pim.Type));
        if (!PrintVersion2(ref writer, state, pim, length, in context))
            state.WriteTruncated(ref writer, "pimv2");
    }

    /// <summary>The message after its type name; false where tcpdump writes its truncation mark.</summary>
    private static bool PrintVersion2(ref LineWriter writer, PrintState state, PimPacket pim, int length, in IpContext context)
    {
        if (length < 2)
            return Invalid(ref writer, "[length ", (uint)length, " < 2]");
        if (pim.Captured < 2)
            return false;
        var addressLength = pim.AddressLength;
        if (addressLength != 0)
            writer.Append(", RFC2117-encoding");
        if (length < 4)
            return Invalid(ref writer, "[length ", (uint)length, " < 4]");
        if (pim.Captured < 4)
            return false;
        writer.Append(", cksum 0x");
        writer.AppendHex(pim.Checksum, 4);
        writer.Append(' ');
        writer.Append(pim.Checksum == 0 ? "(unverified)" : ChecksumVerdict(pim, length, in context));
        var body = pim.Body;
        var remaining = length - PimPacket.HeaderLength;
        return pim.Type switch
        {
            PimPacket.Hello => PrintHello(ref writer, state, body, remaining, addressLength),
            PimPacket.Register => PrintRegister(ref writer, state, body, remaining),
            PimPacket.RegisterStop => PrintAddress(ref writer, state, " group=", ref body, ref remaining, PimAddressKind.Group, addressLength)
                && PrintAddress(ref writer, state, " source=", ref body, ref remaining, PimAddressKind.Unicast, addressLength),
            PimPacket.JoinPrune or PimPacket.Graft or PimPacket.GraftAck =>
                PrintJoinPrune(ref writer, state, body, remaining, addressLength, pim.Type != PimPacket.GraftAck),
            PimPacket.Bootstrap => PrintBootstrap(ref writer, state, body, remaining, addressLength),
            PimPacket.Assert => PrintAssert(ref writer, state, body, remaining, addressLength),
            PimPacket.CandidateRp => PrintCandidateRp(ref writer, state, body, remaining, addressLength),
            PimPacket.PruneRefresh => PrintAddress(ref writer, state, " src=", ref body, ref remaining, PimAddressKind.Unicast, addressLength)
                && PrintAddress(ref writer, state, " grp=", ref body, ref remaining, PimAddressKind.Group, addressLength)
                && PrintAddress(ref writer, state, " forwarder=", ref body, ref remaining, PimAddressKind.Unicast, addressLength)
                && PrintRefreshInterval(ref writer, body, remaining),
            PimPacket.DfElection => PrintDfElection(ref writer, state, pim.Subtype, body, remaining, addressLength),
            _ => UnknownType(ref writer, pim.Type),
        };
    }

    /// <summary>
    /// The verdict on a non-zero checksum: over the whole message (a Register's over its 8-byte header first, as RFC 4601 also
    /// accepts the whole), with the IPv6 pseudo-header over IPv6; unverified when the bytes it covers were not captured.
    /// </summary>
    private static string ChecksumVerdict(PimPacket pim, int length, in IpContext context)
    {
        if (pim.Type == PimPacket.Register)
        {
            var verdict = Verify(pim.Bytes, 8, in context);
            if (verdict != "(incorrect)")
                return verdict;
        }
        return Verify(pim.Bytes, length, in context);
    }

    private static string Verify(ReadOnlySpan<byte> bytes, int length, in IpContext context)
    {
        if (bytes.Length < length)
            return "(unverified)";
        var covered = bytes[..length];
        var residue = context.IsIpv6
            ? Checksum.Compute(covered, Endpoints.PseudoHeaderSum(in context, PimPacket.IpProtocolNumber, length))
            : Checksum.Compute(covered);
        return residue == 0 ? "(correct)" : "(incorrect)";
    }

    private static bool PrintHello(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> body, int remaining, int addressLength)
    {
        var verbose = state.Options.Verbose;
        while (remaining > 0)
        {
            if (remaining < 4 || body.Length < 4)
                return false;
            var type = BinaryPrimitives.ReadUInt16BigEndian(body);
            var optionLength = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
            writer.Append("\n\t  ");
            writer.Append(OptionName(type));
            writer.Append(" Option (");
            writer.AppendDecimal(type);
            writer.Append("), length ");
            writer.AppendDecimal(optionLength);
            writer.Append(", Value: ");
            body = body[4..];
            remaining -= 4;
            if (remaining < optionLength || body.Length < optionLength)
                return false;
            var value = body[..optionLength];
            switch (type)
            {
                case 1:
                    if (optionLength != 2)
                        return Invalid(ref writer, "[option length ", optionLength, " != 2]");
                    Durations.Write(ref writer, BinaryPrimitives.ReadUInt16BigEndian(value));
                    break;
                case 2:
                    if (optionLength != 4)
                        return Invalid(ref writer, "[option length ", optionLength, " != 4]");
                    var delay = BinaryPrimitives.ReadUInt16BigEndian(value);
                    writer.Append("\n\t    T-bit=");
                    writer.Append((delay & 0x8000) != 0 ? '1' : '0');
                    writer.Append(", LAN delay ");
                    writer.AppendDecimal((uint)(delay & 0x7fff));
                    writer.Append("ms, Override interval ");
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(value[2..]));
                    writer.Append("ms");
                    break;
                case 18:
                case 19:
                    if (optionLength == 0)
                        writer.Append("Bi-Directional Capability (Old)");
                    else if (optionLength == 4)
                        writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(value));
                    else
                        return Invalid(ref writer, "[option length ", optionLength, " != 4]");
                    break;
                case 20:
                    if (optionLength != 4)
                        return Invalid(ref writer, "[option length ", optionLength, " != 4]");
                    writer.Append("0x");
                    writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(value), 8);
                    break;
                case 21:
                    if (optionLength != 4)
                        return Invalid(ref writer, "[option length ", optionLength, " != 4]");
                    writer.Append('v');
                    writer.AppendDecimal(value[0]);
                    if (value[1] != 0)
                    {
                        writer.Append(", interval ");
                        Durations.Write(ref writer, value[1]);
                    }
                    var reserved = BinaryPrimitives.ReadUInt16BigEndian(value[2..]);
                    if (reserved != 0)
                    {
                        writer.Append(" ?0x");
                        writer.AppendHex(reserved, 4);
                        writer.Append('?');
                    }
                    break;
                case 22:
                    break;
                case 24:
                case 65001:
                    if (verbose > 1 && !PrintAddressList(ref writer, state, body, remaining, optionLength, addressLength))
                        return false;
                    break;
                default:
                    if (verbose <= 1)
                        HexDumpWriter.WriteHexOnly(ref writer, value, "\n\t    ");
                    break;
            }
            if (verbose > 1)
                HexDumpWriter.WriteHexOnly(ref writer, value, "\n\t    ");
            body = body[optionLength..];
            remaining -= optionLength;
        }
        return true;
    }

    /// <summary>An address list option: unicast addresses while they start inside the option (the last may run past it).</summary>
    private static bool PrintAddressList(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> body, int remaining, int optionLength, int addressLength)
    {
        var at = 0;
        while (at < optionLength)
        {
            writer.Append("\n\t    ");
            if (!PimEncodedAddress.TryRead(body[at..], remaining, PimAddressKind.Unicast, addressLength, out var address))
                return false;
            WriteAddress(ref writer, state, address, PimAddressKind.Unicast);
            at += address.EncodedLength;
            remaining -= address.EncodedLength;
        }
        return true;
    }

    private static bool PrintRegister(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> body, int remaining)
    {
        if (remaining < 4 || body.Length < 4)
            return false;
        writer.Append(", Flags [ ");
        writer.Append(BinaryPrimitives.ReadUInt32BigEndian(body) switch { 0x80000000 => "Border", 0x40000000 => "Null", _ => "none" });
        writer.Append(" ]\n\t");
        body = body[4..];
        remaining -= 4;
        if (remaining == 0 || body.IsEmpty)
            return false;
        switch (body[0] >> 4)
        {
            case 0:
                if (body.Length < 20)
                    return false;
                writer.Append("IP-Null-header ");
                state.WriteIpAddress(ref writer, body.Slice(12, 4));
                writer.Append(" > ");
                state.WriteIpAddress(ref writer, body.Slice(16, 4));
                break;
            case 4:
            case 6:
                // The encapsulated packet: tcpdump recurses without a bound; ours stops where the stack would be at risk.
                if (state.EncapsulationDepth >= EncapsulatedEthernetPrinter.MaximumDepth)
                    return false;
                state.EncapsulationDepth++;
                if (body[0] >> 4 == 4)
                    Ipv4Printer.Print(ref writer, state, body, remaining);
                else
                    Ipv6Printer.Print(ref writer, state, body, remaining);
                state.EncapsulationDepth--;
                break;
            default:
                writer.Append("IP ver ");
                writer.AppendDecimal((uint)(body[0] >> 4));
                break;
        }
        return true;
    }

    private static bool PrintJoinPrune(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> body, int remaining, int addressLength, bool hasNeighbor)
    {
        if (hasNeighbor && !PrintAddress(ref writer, state, ", upstream-neighbor: ", ref body, ref remaining, PimAddressKind.Unicast, addressLength))
            return false;
        if (remaining < 4 || body.Length < 4)
            return false;
        var groups = body[1];
        var holdtime = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
        writer.Append("\n\t  ");
        writer.AppendDecimal(groups);
        writer.Append(" group(s)");
        if (hasNeighbor)
        {
            writer.Append(", holdtime: ");
            if (holdtime == 0xffff)
                writer.Append("infinite");
            else
                Durations.Write(ref writer, holdtime);
        }
        body = body[4..];
        remaining -= 4;
        for (var group = 1; group <= groups; group++)
        {
            writer.Append("\n\t    group #");
            writer.AppendDecimal((uint)group);
            if (!PrintAddress(ref writer, state, ": ", ref body, ref remaining, PimAddressKind.Group, addressLength))
                return false;
            if (remaining < 4 || body.Length < 4)
                return false;
            var joined = BinaryPrimitives.ReadUInt16BigEndian(body);
            var pruned = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
            writer.Append(", joined sources: ");
            writer.AppendDecimal(joined);
            writer.Append(", pruned sources: ");
            writer.AppendDecimal(pruned);
            body = body[4..];
            remaining -= 4;
            if (!PrintSources(ref writer, state, "\n\t      joined source #", joined, ref body, ref remaining, addressLength)
                || !PrintSources(ref writer, state, "\n\t      pruned source #", pruned, ref body, ref remaining, addressLength))
                return false;
        }
        return true;
    }

    private static bool PrintSources(ref LineWriter writer, PrintState state, string label, int count, ref ReadOnlySpan<byte> body, ref int remaining, int addressLength)
    {
        for (var source = 1; source <= count; source++)
        {
            writer.Append(label);
            writer.AppendDecimal((uint)source);
            if (!PrintAddress(ref writer, state, ": ", ref body, ref remaining, PimAddressKind.Source, addressLength))
                return false;
        }
        return true;
    }

    private static bool PrintBootstrap(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> body, int remaining, int addressLength)
    {
        if (remaining < 2 || body.Length < 2)
            return false;
        writer.Append(" tag=");
        writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(body));
        body = body[2..];
        remaining -= 2;
        if (remaining < 1 || body.Length < 1)
            return false;
        writer.Append(" hashmlen=");
        writer.AppendDecimal(body[0]);
        // tcpdump checks for a third byte here before it prints the second.
        if (remaining < 2 || body.Length < 3)
            return false;
        writer.Append(" BSRprio=");
        writer.AppendDecimal(body[1]);
        body = body[2..];
        remaining -= 2;
        if (!PrintAddress(ref writer, state, " BSR=", ref body, ref remaining, PimAddressKind.Unicast, addressLength))
            return false;
        for (var group = 0; remaining > 0; group++)
        {
            writer.Append(" (group");
            writer.AppendDecimal((uint)group);
            if (!PrintAddress(ref writer, state, ": ", ref body, ref remaining, PimAddressKind.Group, addressLength))
                return false;
            if (remaining < 1 || body.Length < 1)
                return false;
            writer.Append(" RPcnt=");
            writer.AppendDecimal(body[0]);
            if (remaining < 2 || body.Length < 2)
                return false;
            var fragmentRps = body[1];
            writer.Append(" FRPcnt=");
            writer.AppendDecimal(fragmentRps);
            if (remaining < 4)
                return false;
            body = body.Length < 4 ? default : body[4..];
            remaining -= 4;
            for (var rp = 0; rp < fragmentRps && remaining > 0; rp++)
            {
                writer.Append(" RP");
                writer.AppendDecimal((uint)rp);
                if (!PrintAddress(ref writer, state, "=", ref body, ref remaining, PimAddressKind.Unicast, addressLength))
                    return false;
                if (remaining < 2)
                    return false;
                writer.Append(",holdtime=");
                if (body.Length < 2)
                    return false;
                Durations.Write(ref writer, BinaryPrimitives.ReadUInt16BigEndian(body));
                if (remaining < 3 || body.Length < 3)
                    return false;
                writer.Append(",prio=");
                writer.AppendDecimal(body[2]);
                if (remaining < 4)
                    return false;
                body = body.Length < 4 ? default : body[4..];
                remaining -= 4;
            }
            writer.Append(')');
        }
        return true;
    }

    private static bool PrintAssert(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> body, int remaining, int addressLength)
    {
        if (!PrintAddress(ref writer, state, " group=", ref body, ref remaining, PimAddressKind.Group, addressLength)
            || !PrintAddress(ref writer, state, " src=", ref body, ref remaining, PimAddressKind.Unicast, addressLength))
            return false;
        if (remaining < 8 || body.Length < 8)
            return false;
        if ((body[0] & 0x80) != 0)
            writer.Append(" RPT");
        writer.Append(" pref=");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(body) & 0x7fffffff);
        writer.Append(" metric=");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(body[4..]));
        return true;
    }

    private static bool PrintCandidateRp(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> body, int remaining, int addressLength)
    {
        if (remaining < 1 || body.Length < 1)
            return false;
        var prefixes = body[0];
        writer.Append(" prefix-cnt=");
        writer.AppendDecimal(prefixes);
        if (remaining < 2 || body.Length < 2)
            return false;
        writer.Append(" prio=");
        writer.AppendDecimal(body[1]);
        if (remaining < 4)
            return false;
        // tcpdump writes the label before it reads the field.
        writer.Append(" holdtime=");
        if (body.Length < 4)
            return false;
        Durations.Write(ref writer, BinaryPrimitives.ReadUInt16BigEndian(body[2..]));
        body = body[4..];
        remaining -= 4;
        if (!PrintAddress(ref writer, state, " RP=", ref body, ref remaining, PimAddressKind.Unicast, addressLength))
            return false;
        for (var i = 0; i < prefixes && remaining > 0; i++)
        {
            writer.Append(" Group");
            writer.AppendDecimal((uint)i);
            if (!PrintAddress(ref writer, state, "=", ref body, ref remaining, PimAddressKind.Group, addressLength))
                return false;
        }
        return true;
    }

    private static bool PrintRefreshInterval(ref LineWriter writer, ReadOnlySpan<byte> body, int remaining)
    {
        if (remaining < 2)
            return false;
        writer.Append(" TUNR ");
        if (body.Length < 2)
            return false;
        Durations.Write(ref writer, BinaryPrimitives.ReadUInt16BigEndian(body));
        return true;
    }

    private static bool PrintDfElection(ref LineWriter writer, PrintState state, int subtype, ReadOnlySpan<byte> body, int remaining, int addressLength)
    {
        writer.Append("\n\t  ");
        writer.Append(subtype switch { 1 => "Offer", 2 => "Winner", 3 => "Backoff", 4 => "Pass", _ => "Unknown" });
        writer.Append(',');
        if (!PrintAddress(ref writer, state, " rpa=", ref body, ref remaining, PimAddressKind.Unicast, addressLength)
            || !PrintPreferenceAndMetric(ref writer, " sender", ref body, ref remaining))
            return false;
        if (subtype is not (3 or 4))
            return true;
        var who = subtype == 3 ? " offer" : " new winner";
        writer.Append("\n\t ");
        writer.Append(who);
        if (!PrintAddress(ref writer, state, " addr=", ref body, ref remaining, PimAddressKind.Unicast, addressLength)
            || !PrintPreferenceAndMetric(ref writer, who, ref body, ref remaining))
            return false;
        if (subtype == 3)
        {
            // tcpdump reads the interval without checking the message length; only the capture bounds it.
            if (body.Length < 2)
                return false;
            writer.Append(" interval ");
            writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(body));
            writer.Append("ms");
        }
        return true;
    }

    /// <summary>A DF Election preference and metric, read without a length check (the capture alone bounds them).</summary>
    private static bool PrintPreferenceAndMetric(ref LineWriter writer, string who, ref ReadOnlySpan<byte> body, ref int remaining)
    {
        if (body.Length < 4)
            return false;
        writer.Append(who);
        writer.Append(" pref=");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(body));
        if (body.Length < 8)
            return false;
        writer.Append(who);
        writer.Append(" metric=");
        writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(body[4..]));
        body = body[8..];
        remaining -= 8;
        return true;
    }

    /// <summary>Writes <paramref name="label"/> and the encoded address at the start of <paramref name="body"/>, then moves past it.</summary>
    private static bool PrintAddress(ref LineWriter writer, PrintState state, string label, ref ReadOnlySpan<byte> body, ref int remaining, PimAddressKind kind, int addressLength)
    {
        writer.Append(label);
        if (!PimEncodedAddress.TryRead(body, remaining, kind, addressLength, out var address))
            return false;
        WriteAddress(ref writer, state, address, kind);
        body = body[address.EncodedLength..];
        remaining -= address.EncodedLength;
        return true;
    }

    private static void WriteAddress(ref LineWriter writer, PrintState state, PimEncodedAddress address, PimAddressKind kind)
    {
        state.WriteIpAddress(ref writer, address.Address);
        if (kind == PimAddressKind.Unicast)
            return;
        if (address.MaskLength != (address.IsIpv6 ? 128 : 32))
        {
            writer.Append('/');
            writer.AppendDecimal(address.MaskLength);
        }
        var flags = address.Flags;
        if (flags == 0)
            return;
        if (kind == PimAddressKind.Group)
        {
            writer.Append("(0x");
            writer.AppendHex(flags, 2);
            writer.Append(')');
            return;
        }
        writer.Append('(');
        if ((flags & 0x04) != 0)
            writer.Append('S');
        if ((flags & 0x02) != 0)
            writer.Append('W');
        if ((flags & 0x01) != 0)
            writer.Append('R');
        if ((flags & 0xf8) != 0)
        {
            writer.Append("+0x");
            writer.AppendHex((uint)(flags & 0xf8), 2);
        }
        writer.Append(')');
    }

    private static bool UnknownType(ref LineWriter writer, int type)
    {
        writer.Append(" [type ");
        writer.AppendDecimal((uint)type);
        writer.Append(']');
        return true;
    }

    /// <summary>tcpdump's note on a field whose length is wrong, then <c> (invalid)</c>; the message ends there without a truncation mark.</summary>
    private static bool Invalid(ref LineWriter writer, string before, uint value, string after)
    {
        writer.Append(before);
        writer.AppendDecimal(value);
        writer.Append(after);
        writer.Append(" (invalid)");
        return true;
    }

    private static string TypeName(int type) => type switch
    {
        PimPacket.Hello => "Hello",
        PimPacket.Register => "Register",
        PimPacket.RegisterStop => "Register Stop",
        PimPacket.JoinPrune => "Join / Prune",
        PimPacket.Bootstrap => "Bootstrap",
        PimPacket.Assert => "Assert",
        PimPacket.Graft => "Graft",
        PimPacket.GraftAck => "Graft Acknowledgement",
        PimPacket.CandidateRp => "Candidate RP Advertisement",
        PimPacket.PruneRefresh => "Prune Refresh",
        PimPacket.DfElection => "DF Election",
        11 => "ECMP Redirect",
        _ => "Unknown Type",
    };

    private static string OptionName(int type) => type switch
    {
        1 => "Hold Time",
        2 => "LAN Prune Delay",
        18 => "DR Priority (Old)",
        19 => "DR Priority",
        20 => "Generation ID",
        21 => "State Refresh Capability",
        22 => "Bi-Directional Capability",
        24 => "Address List",
        65001 => "Address List (Old)",
        _ => "Unknown",
    };
}
