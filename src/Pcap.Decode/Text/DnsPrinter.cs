using System.Buffers.Binary;
using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>
/// DNS and mDNS as tcpdump 4.99's print-domain.c prints them: the header summary, questions, answers and (at <c>-vv</c>) the
/// authority and additional sections, EDNS options, and tcpdump's markers for malformed names and truncated records.
/// </summary>
internal static class DnsPrinter
{
    private const int MaxNameCharacters = 255;

    private static readonly string[] Operations =
    [
        "", " inv_q", " stat", " op3", " notify", " update", " op6", " op7",
        " op8", " updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit", " zoneRef",
    ];

    // Two entries lack the leading space in tcpdump's table; kept, since the output must match.
    private static readonly string[] ResponseCodes =
    [
        "", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused", " YXDomain", " YXRRSet",
        " NXRRSet", " NotAuth", " NotZone", " Resp11", " Resp12", " Resp13", " Resp14", " NoChange",
        " BadVers", "Resp17", " Resp18", " Resp19", " Resp20", "Resp21", " Resp22", " BadCookie",
    ];

    /// <summary>What the walk of one message carries along: its bytes, the flags, and whether tcpdump would have long-jumped.</summary>
    private ref struct Context
    {
        public ReadOnlySpan<byte> Message;
        public int Verbose;
        public bool Multicast;
        public bool Jumped;

        public readonly bool Has(int offset, int count) => offset >= 0 && count >= 0 && offset <= Message.Length - count;
        public readonly int U16(int offset) => BinaryPrimitives.ReadUInt16BigEndian(Message[offset..]);
        public readonly uint U32(int offset) => BinaryPrimitives.ReadUInt32BigEndian(Message[offset..]);
    }

    /// <summary>
    /// Prints the message in <paramref name="payload"/> (the captured bytes after the UDP or TCP header) of
    /// <paramref name="length"/> bytes on the wire. Returns true when tcpdump stops the whole packet there (its long jump),
    /// after writing its <c> [|domain]</c>.
    /// </summary>
    public static bool Write(ref LineWriter writer, ReadOnlySpan<byte> payload, int length, bool overTcp, bool multicast, int verbose)
    {
        if (overTcp)
        {
            if (length < 2)
            {
                writer.Append(" [DNS over TCP: length ");
                writer.AppendDecimal((uint)length);
                writer.Append(" < 2] (invalid)");
                return false;
            }
            length -= 2;
            if (payload.Length < 2)
                return Truncated(ref writer, jumped: true);
            var prefix = BinaryPrimitives.ReadUInt16BigEndian(payload);
            if (prefix != length)
            {
                writer.Append(" [prefix length(");
                writer.AppendDecimal(prefix);
                writer.Append(") != length(");
                writer.AppendDecimal((uint)length);
                writer.Append(")] (invalid)");
                return false;
            }
            payload = payload[2..];
            writer.Append(' ');
        }
        if (length < DnsMessage.HeaderLength)
        {
            writer.Append("domain [length ");
            writer.AppendDecimal((uint)length);
            writer.Append(" < 12] (invalid)");
            return false;
        }
        if (!DnsMessage.TryRead(payload, out var message, out _))
            return Truncated(ref writer, jumped: false);
        var context = new Context { Message = message.Bytes, Verbose = verbose, Multicast = multicast };
        if (!WriteSections(ref writer, ref context, in message))
            return Truncated(ref writer, context.Jumped);
        writer.Append(" (");
        writer.AppendDecimal((uint)length);
        writer.Append(')');
        return false;
    }

    private static bool Truncated(ref LineWriter writer, bool jumped)
    {
        writer.Append(" [|domain]");
        return jumped;
    }

    /// <summary>Everything between the header and the length; false where tcpdump gives up with its truncation marker.</summary>
    private static bool WriteSections(ref LineWriter writer, ref Context c, in DnsMessage message)
    {
        uint questions = message.QuestionCount, answers = message.AnswerCount;
        uint authorities = message.AuthorityCount, additionals = message.AdditionalCount;
        var end = c.Message.Length;
        if (message.IsResponse)
        {
            writer.AppendDecimal(message.Id);
            writer.Append(Operations[message.Opcode]);
            var rcode = ExtendedResponseCode(ref c, in message);
            if (rcode < ResponseCodes.Length)
            {
                writer.Append(ResponseCodes[rcode]);
            }
            else
            {
                writer.Append(" Resp");
                writer.AppendDecimal((uint)(rcode & 0xfff));
            }
            if (message.Authoritative) writer.Append('*');
            if (!message.RecursionAvailable) writer.Append('-');
            if (message.Truncated) writer.Append('|');
            if (message.AuthenticData) writer.Append('$');
            if (questions != 1)
                WriteCount(ref writer, " [", questions, "q]");
            var cp = DnsMessage.HeaderLength;
            for (var i = 0u; i < questions; i++)
            {
                if (i != 0)
                    writer.Append(',');
                if (c.Verbose > 1)
                {
                    writer.Append(" q:");
                    if ((cp = WriteQuestion(ref writer, ref c, cp, 0)) < 0)
                        return false;
                }
                else
                {
                    if ((cp = DnsName.Skip(c.Message, cp)) < 0)
                        return false;
                    cp += 4;
                }
            }
            writer.Append(' ');
            writer.AppendDecimal(answers);
            writer.Append('/');
            writer.AppendDecimal(authorities);
            writer.Append('/');
            writer.AppendDecimal(additionals);
            if (!WriteRecords(ref writer, ref c, ref cp, ref answers, null))
                return false;
            if (c.Verbose > 1)
            {
                if (!WriteRecords(ref writer, ref c, ref cp, ref authorities, " ns:")
                    || !WriteRecords(ref writer, ref c, ref cp, ref additionals, " ar:"))
                    return false;
            }
            return true;
        }
        writer.AppendDecimal(message.Id);
        writer.Append(Operations[message.Opcode]);
        if (message.RecursionDesired) writer.Append('+');
        if (message.CheckingDisabled) writer.Append('%');
        if ((message.Flags & 0x6cf) != 0)
        {
            writer.Append(" [b2&3=0x");
            writer.AppendHex(message.Flags);
            writer.Append(']');
        }
        if (message.Opcode == 1)
        {
            if (questions != 0) WriteCount(ref writer, " [", questions, "q]");
            if (answers != 1) WriteCount(ref writer, " [", answers, "a]");
        }
        else
        {
            if (answers != 0) WriteCount(ref writer, " [", answers, "a]");
            if (questions != 1) WriteCount(ref writer, " [", questions, "q]");
        }
        if (authorities != 0) WriteCount(ref writer, " [", authorities, "n]");
        if (additionals != 0) WriteCount(ref writer, " [", additionals, "au]");
        var at = DnsMessage.HeaderLength;
        if (questions != 0)
        {
            if ((at = WriteQuestion(ref writer, ref c, at, 0)) < 0)
                return false;
            questions--;
            while (at < end && questions != 0)
            {
                if ((at = WriteQuestion(ref writer, ref c, at, 0)) < 0)
                    return false;
                questions--;
            }
        }
        if (questions != 0)
            return false;
        if (c.Verbose > 1)
        {
            // A query's answers follow the questions without a label; authority and additional get theirs.
            if (!WriteRecords(ref writer, ref c, ref at, ref answers, null))
                return false;
            if (!WriteRecords(ref writer, ref c, ref at, ref authorities, " ns:")
                || !WriteRecords(ref writer, ref c, ref at, ref additionals, " ar:"))
                return false;
        }
        return true;
    }

    /// <summary>
    /// One section of records, comma-separated, after <paramref name="label"/>; a null label is the answer section of a
    /// response, printed even when the capture already ended. False when records are missing.
    /// </summary>
    private static bool WriteRecords(ref LineWriter writer, ref Context c, ref int cp, ref uint count, string? label)
    {
        var end = c.Message.Length;
        if (count != 0 && (label is null || cp < end))
        {
            if (label is not null)
                writer.Append(label);
            if ((cp = WriteRecord(ref writer, ref c, cp, 0)) < 0)
                return false;
            count--;
            while (cp < end && count != 0)
            {
                writer.Append(',');
                if ((cp = WriteRecord(ref writer, ref c, cp, 0)) < 0)
                    return false;
                count--;
            }
        }
        return count == 0;
    }

    private static void WriteCount(ref LineWriter writer, string open, uint count, string close)
    {
        writer.Append(open);
        writer.AppendDecimal(count);
        writer.Append(close);
    }

    /// <summary>The response code with the EDNS extension of the first OPT record tcpdump finds ahead of printing.</summary>
    private static int ExtendedResponseCode(ref Context c, in DnsMessage message)
    {
        var rcode = message.ResponseCode;
        var end = c.Message.Length;
        var cp = DnsMessage.HeaderLength;
        for (var i = 0; i < message.QuestionCount; i++)
        {
            if ((cp = DnsName.Skip(c.Message, cp)) < 0)
                return rcode;
            cp += 4;
            if (cp >= end)
                return rcode;
        }
        var records = (uint)message.AnswerCount + message.AuthorityCount;
        for (var i = 0u; i < records; i++)
        {
            if ((cp = DnsName.Skip(c.Message, cp)) < 0)
                return rcode;
            cp += 8;
            if (cp + 2 > end)
                return rcode;
            cp += 2 + c.U16(cp);
            if (cp >= end)
                return rcode;
        }
        for (var i = 0; i < message.AdditionalCount; i++)
        {
            if ((cp = DnsName.Skip(c.Message, cp)) < 0)
                return rcode;
            if (cp + 2 > end)
                return rcode;
            var type = c.U16(cp);
            cp += 4;
            if (cp + 1 > end)
                return rcode;
            if (type == DnsRecordType.Opt)
                return rcode | (c.Message[cp] << 4);
            cp += 4;
            if (cp + 2 > end)
                return rcode;
            cp += 2 + c.U16(cp);
            if (cp >= end)
                return rcode;
        }
        return rcode;
    }

    /// <summary>tcpdump's ns_qprint: <c> TYPE[ class]? name</c>; the offset after the question or -1.</summary>
    private static int WriteQuestion(ref LineWriter writer, ref Context c, int cp, int pointerBase)
    {
        var name = cp;
        cp = DnsName.Skip(c.Message, cp);
        if (cp < 0 || !c.Has(cp, 4))
            return -1;
        writer.Append(' ');
        WriteType(ref writer, c.U16(cp));
        var rawClass = c.U16(cp + 2);
        var recordClass = c.Multicast ? rawClass & 0x7fff : rawClass;
        if (recordClass != 1)
        {
            writer.Append(' ');
            WriteClass(ref writer, recordClass);
        }
        if (c.Multicast)
            writer.Append((rawClass & 0x8000) != 0 ? " (QU)" : " (QM)");
        writer.Append("? ");
        var after = WriteName(ref writer, ref c, name, pointerBase);
        return after >= 0 ? after + 4 : -1;
    }

    /// <summary>tcpdump's ns_rprint: one resource record; the offset after it (its stated end), or -1.</summary>
    private static int WriteRecord(ref LineWriter writer, ref Context c, int cp, int pointerBase)
    {
        var end = c.Message.Length;
        if (c.Verbose > 0)
        {
            writer.Append(' ');
            if ((cp = WriteName(ref writer, ref c, cp, pointerBase)) < 0)
                return -1;
        }
        else
        {
            cp = DnsName.Skip(c.Message, cp);
        }
        // A record whose fixed part was not captured ends the section quietly: the caller sees the end of the capture.
        if (cp < 0 || !c.Has(cp, 10))
            return end;
        var type = c.U16(cp);
        var rawClass = c.U16(cp + 2);
        var recordClass = c.Multicast ? rawClass & 0x7fff : rawClass;
        if (recordClass != 1 && type != DnsRecordType.Opt)
        {
            writer.Append(' ');
            WriteClass(ref writer, recordClass);
        }
        if (c.Multicast && (rawClass & 0x8000) != 0)
            writer.Append(" (Cache flush)");
        var optionFlags = 0;
        if (type == DnsRecordType.Opt)
        {
            optionFlags = c.U16(cp + 6);
        }
        else if (c.Verbose > 2)
        {
            writer.Append(" [");
            Durations.Write(ref writer, c.U32(cp + 4));
            writer.Append(']');
        }
        var length = c.U16(cp + 8);
        cp += 10;
        var recordEnd = cp + length;
        writer.Append(' ');
        WriteType(ref writer, type);
        if (recordEnd > end)
            return -1;
        switch (type)
        {
            case DnsRecordType.A:
                if (!c.Has(cp, 4))
                    return -1;
                writer.Append(' ');
                writer.AppendIpv4(c.Message.Slice(cp, 4));
                break;
            case DnsRecordType.Ns:
            case DnsRecordType.Cname:
            case DnsRecordType.Ptr:
            case DnsRecordType.Dname:
                writer.Append(' ');
                if (WriteName(ref writer, ref c, cp, pointerBase) < 0)
                    return -1;
                break;
            case DnsRecordType.Soa:
                if (c.Verbose == 0)
                    break;
                writer.Append(' ');
                if ((cp = WriteName(ref writer, ref c, cp, pointerBase)) < 0)
                    return -1;
                writer.Append(' ');
                if ((cp = WriteName(ref writer, ref c, cp, pointerBase)) < 0)
                    return -1;
                if (!c.Has(cp, 20))
                    return -1;
                for (var i = 0; i < 5; i++)
                {
                    writer.Append(' ');
                    writer.AppendDecimal(c.U32(cp + 4 * i));
                }
                break;
            case DnsRecordType.Mx:
                writer.Append(' ');
                if (!c.Has(cp, 2))
                    return -1;
                if (WriteName(ref writer, ref c, cp + 2, pointerBase) < 0)
                    return -1;
                writer.Append(' ');
                writer.AppendDecimal((uint)c.U16(cp));
                break;
            case DnsRecordType.Txt:
                while (cp < recordEnd)
                {
                    writer.Append(" \"");
                    if (!c.Has(cp, 1))
                        return -1;
                    var count = c.Message[cp++];
                    if (WritePrintable(ref writer, c.Message, cp, count))
                        return -1;
                    cp += count;
                    writer.Append('"');
                }
                break;
            case DnsRecordType.Srv:
                writer.Append(' ');
                if (!c.Has(cp, 6))
                    return -1;
                if (WriteName(ref writer, ref c, cp + 6, pointerBase) < 0)
                    return -1;
                writer.Append(':');
                writer.AppendDecimal((uint)c.U16(cp + 4));
                writer.Append(' ');
                writer.AppendDecimal((uint)c.U16(cp));
                writer.Append(' ');
                writer.AppendDecimal((uint)c.U16(cp + 2));
                break;
            case DnsRecordType.Aaaa:
                if (!c.Has(cp, 16))
                    return -1;
                writer.Append(' ');
                writer.AppendIpv6(c.Message.Slice(cp, 16));
                break;
            case DnsRecordType.A6:
                if (!WriteA6(ref writer, ref c, cp, pointerBase))
                    return -1;
                break;
            case DnsRecordType.Uri:
                if (!c.Has(cp, length))
                    return -1;
                if (!c.Has(cp, 4))
                    return Jump(ref c);
                writer.Append(' ');
                writer.AppendDecimal((uint)c.U16(cp));
                writer.Append(' ');
                writer.AppendDecimal((uint)c.U16(cp + 2));
                writer.Append(' ');
                if (WritePrintable(ref writer, c.Message, cp + 4, unchecked((uint)(length - 4))))
                    return -1;
                break;
            case DnsRecordType.Opt:
                writer.Append(" UDPsize=");
                writer.AppendDecimal((uint)recordClass);
                if ((optionFlags & 0x8000) != 0)
                    writer.Append(" DO");
                if (cp < recordEnd)
                {
                    writer.Append(" [");
                    while (cp < recordEnd)
                    {
                        if ((cp = WriteOption(ref writer, ref c, cp)) < 0)
                            return -1;
                        if (cp < recordEnd)
                            writer.Append(',');
                    }
                    writer.Append(']');
                }
                break;
            case DnsRecordType.UnspecifiedAscii:
                if (!c.Has(cp, length) || WritePrintable(ref writer, c.Message, cp, (uint)length))
                    return -1;
                break;
            case DnsRecordType.Tsig:
                if (c.Verbose == 0)
                    break;
                writer.Append(' ');
                if ((cp = WriteName(ref writer, ref c, cp, pointerBase)) < 0)
                    return -1;
                cp += 6;
                if (!c.Has(cp, 2))
                    return -1;
                writer.Append(" fudge=");
                writer.AppendDecimal((uint)c.U16(cp));
                cp += 2;
                if (!c.Has(cp, 2))
                    return -1;
                writer.Append(" maclen=");
                writer.AppendDecimal((uint)c.U16(cp));
                cp += 2 + c.U16(cp);
                if (!c.Has(cp, 2))
                    return -1;
                writer.Append(" origid=");
                writer.AppendDecimal((uint)c.U16(cp));
                cp += 2;
                if (!c.Has(cp, 2))
                    return -1;
                writer.Append(" error=");
                writer.AppendDecimal((uint)c.U16(cp));
                cp += 2;
                if (!c.Has(cp, 2))
                    return -1;
                writer.Append(" otherlen=");
                writer.AppendDecimal((uint)c.U16(cp));
                break;
        }
        return recordEnd;
    }

    /// <summary>An A6 record: prefix length, the address suffix, the prefix name.</summary>
    private static bool WriteA6(ref LineWriter writer, ref Context c, int cp, int pointerBase)
    {
        if (!c.Has(cp, 1))
            return false;
        int prefixBits = c.Message[cp];
        var prefixBytes = (prefixBits & ~7) / 8;
        if (prefixBits > 128)
        {
            writer.Append(' ');
            writer.AppendDecimal((uint)prefixBits);
            writer.Append("(bad plen)");
            return true;
        }
        if (prefixBits < 128)
        {
            if (!c.Has(cp + 1, 16 - prefixBytes))
                return Jump(ref c) >= 0;
            Span<byte> address = stackalloc byte[16];
            address.Clear();
            c.Message.Slice(cp + 1, 16 - prefixBytes).CopyTo(address[prefixBytes..]);
            writer.Append(' ');
            writer.AppendDecimal((uint)prefixBits);
            writer.Append(' ');
            writer.AppendIpv6(address);
        }
        if (prefixBits > 0)
        {
            writer.Append(' ');
            if (WriteName(ref writer, ref c, cp + 1 + 16 - prefixBytes, pointerBase) < 0)
                return false;
        }
        return true;
    }

    /// <summary>tcpdump's eopt_print: one EDNS option; the offset after it or -1.</summary>
    private static int WriteOption(ref LineWriter writer, ref Context c, int cp)
    {
        if (!c.Has(cp, 2))
            return -1;
        var code = c.U16(cp);
        cp += 2;
        var name = OptionName(code);
        if (name is null)
        {
            writer.Append("Opt");
            writer.AppendDecimal((uint)code);
        }
        else
        {
            writer.Append(name);
        }
        if (!c.Has(cp, 2))
            return -1;
        var length = c.U16(cp);
        cp += 2;
        if (!c.Has(cp, length))
            return -1;
        if (length == 0)
            return cp;
        writer.Append(' ');
        var data = c.Message.Slice(cp, length);
        switch (code)
        {
            case 8:
                WriteClientSubnet(ref writer, data);
                break;
            case 10:
                if (length < 8 || (length > 8 && length < 16) || length > 40)
                {
                    writer.Append(" (invalid)");
                    break;
                }
                for (var i = 0; i < length; i++)
                {
                    if (i == 8)
                        writer.Append(' ');
                    writer.AppendHexByte(data[i]);
                }
                break;
            case 11:
                if (length != 2)
                {
                    writer.Append(" (invalid)");
                    break;
                }
                // Units of 100 ms, printed as %0.1f seconds: the tenth is exact.
                var tenths = BinaryPrimitives.ReadUInt16BigEndian(data);
                writer.AppendDecimal((uint)tenths / 10);
                writer.Append('.');
                writer.AppendDecimal((uint)tenths % 10);
                writer.Append(" sec");
                break;
            case 9:
                if (length != 4)
                {
                    writer.Append(" (invalid)");
                    break;
                }
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(data));
                writer.Append(" sec");
                break;
            case 12:
                writer.Append('(');
                writer.AppendDecimal((uint)length);
                writer.Append(')');
                break;
            case 14:
                if (length % 2 != 0)
                {
                    writer.Append(" (invalid)");
                    break;
                }
                for (var i = 0; i < length; i += 2)
                {
                    if (i > 0)
                        writer.Append(' ');
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(data[i..]));
                }
                break;
            case 5:
            case 6:
            case 7:
                for (var i = 0; i < length; i++)
                {
                    if (i > 0)
                        writer.Append(' ');
                    var algorithm = code == 5 ? SigningAlgorithmName(data[i]) : code == 6 ? DigestName(data[i]) : data[i] == 1 ? "SHA-1" : null;
                    if (algorithm is null)
                    {
                        writer.Append("Alg_");
                        writer.AppendDecimal(data[i]);
                    }
                    else
                    {
                        writer.Append(algorithm);
                    }
                }
                break;
            case 13:
                // tcpdump reads the chained name with the option's end as the pointer base: kept for identical output.
                WriteName(ref writer, ref c, cp, cp + length);
                if (c.Jumped)
                    return -1;
                break;
            default:
                foreach (var b in data)
                    writer.AppendHexByte(b);
                break;
        }
        return cp + length;
    }

    /// <summary>The EDNS client subnet option: <c>address/source/scope</c>, or tcpdump's <c> (invalid)</c>.</summary>
    private static void WriteClientSubnet(ref LineWriter writer, ReadOnlySpan<byte> data)
    {
        if (data.Length < 4)
        {
            writer.Append(" (invalid)");
            return;
        }
        var family = BinaryPrimitives.ReadUInt16BigEndian(data);
        int source = data[2], scope = data[3];
        var bits = family == 1 ? 32 : family == 2 ? 128 : 0;
        if (bits == 0 || data.Length - 4 > bits / 8 || source > bits || scope > bits || (source + 7) / 8 != data.Length - 4)
        {
            writer.Append(" (invalid)");
            return;
        }
        Span<byte> address = stackalloc byte[16];
        address.Clear();
        data[4..].CopyTo(address);
        if (family == 1)
            writer.AppendIpv4(address);
        else
            writer.AppendIpv6(address);
        writer.Append('/');
        writer.AppendDecimal((uint)source);
        writer.Append('/');
        writer.AppendDecimal((uint)scope);
    }

    /// <summary>tcpdump's fqdn_print: the name's labels with dots; the offset after the name in its record, or -1.</summary>
    private static int WriteName(ref LineWriter writer, ref Context c, int cp, int pointerBase)
    {
        var name = new DnsName(c.Message, cp, pointerBase);
        var characters = 0;
        while (true)
        {
            switch (name.MoveNext())
            {
                case DnsNameStep.Root:
                    writer.Append('.');
                    return name.EndOffset;
                case DnsNameStep.End:
                    if (characters > MaxNameCharacters)
                        writer.Append("<DOMAIN NAME TOO LONG>");
                    return name.EndOffset;
                case DnsNameStep.Truncated:
                    return -1;
                case DnsNameStep.BadPointer:
                    writer.Append("<BAD PTR>");
                    return -1;
                case DnsNameStep.UnknownExtendedLabel:
                    writer.Append("<ELT ");
                    writer.AppendDecimal((uint)name.ExtendedLabelType);
                    writer.Append('>');
                    return -1;
                case DnsNameStep.ReservedLabelType:
                    writer.Append("<BAD LABEL TYPE>");
                    return -1;
                case DnsNameStep.BitLabel:
                    if (WriteBitLabel(ref writer, ref c, name.LabelOffset) < 0)
                        return -1;
                    break;
                default:
                    var length = name.LabelLength;
                    if (characters + length <= MaxNameCharacters)
                    {
                        if (WritePrintable(ref writer, c.Message, name.LabelOffset, (uint)length))
                            return -1;
                    }
                    else if (characters < MaxNameCharacters)
                    {
                        if (WritePrintable(ref writer, c.Message, name.LabelOffset, (uint)(MaxNameCharacters - characters)))
                            return -1;
                    }
                    characters += length;
                    break;
            }
            if (characters <= MaxNameCharacters)
                writer.Append('.');
            characters++;
        }
    }

    /// <summary>An RFC 2673 bit-string label as <c>\[xHEX/BITS]</c>; -1 when cut short.</summary>
    private static int WriteBitLabel(ref LineWriter writer, ref Context c, int cp)
    {
        if (!c.Has(cp, 1))
            return -1;
        int bits = c.Message[cp] == 0 ? 256 : c.Message[cp];
        var limit = cp + 1 + (bits + 3) / 4;
        writer.Append("\\[x");
        var at = cp + 1;
        var left = bits;
        for (; at < limit && left > 7; left -= 8, at++)
        {
            if (!c.Has(at, 1))
                return Jump(ref c);
            writer.AppendHexByte(c.Message[at]);
        }
        if (left > 4)
        {
            if (!c.Has(at, 1))
                return Jump(ref c);
            writer.AppendHexByte((byte)(c.Message[at] & (0xff << (8 - left))));
        }
        else if (left > 0)
        {
            if (!c.Has(at, 1))
                return Jump(ref c);
            writer.AppendHex((uint)(((c.Message[at] >> 4) & 0x0f) & (0x0f << (4 - left))));
        }
        writer.Append('/');
        writer.AppendDecimal((uint)bits);
        writer.Append(']');
        return limit;
    }

    /// <summary>tcpdump's nd_printn up to the end of the capture: true when the capture ended first.</summary>
    private static bool WritePrintable(ref LineWriter writer, ReadOnlySpan<byte> message, int offset, uint count)
    {
        while (count > 0 && offset < message.Length)
        {
            count--;
            PrintableText.Append(ref writer, message[offset++]);
        }
        return count != 0;
    }

    private static int Jump(ref Context c)
    {
        c.Jumped = true;
        return -1;
    }

    private static void WriteType(ref LineWriter writer, int type)
    {
        var name = DnsRecordType.Name(type);
        if (name is null)
        {
            writer.Append("Type");
            writer.AppendDecimal((uint)type);
        }
        else
        {
            writer.Append(name);
        }
    }

    private static void WriteClass(ref LineWriter writer, int recordClass)
    {
        var name = recordClass switch { 1 => "IN", 3 => "CHAOS", 4 => "HS", 255 => "ANY", _ => null };
        if (name is null)
        {
            writer.Append("(Class ");
            writer.AppendDecimal((uint)recordClass);
            writer.Append(')');
        }
        else
        {
            writer.Append(name);
        }
    }

    private static string? OptionName(int code) => code switch
    {
        1 => "LLQ", 2 => "UL", 3 => "NSID", 5 => "DAU", 6 => "DHU", 7 => "N3U", 8 => "ECS", 9 => "EXPIRE", 10 => "COOKIE",
        11 => "KEEPALIVE", 12 => "PADDING", 13 => "CHAIN", 14 => "KEY-TAG", 16 => "CLIENT-TAG", 17 => "SERVER-TAG", _ => null,
    };

    private static string? SigningAlgorithmName(int algorithm) => algorithm switch
    {
        0 => "DELETE", 1 => "RSAMD5", 2 => "DH", 3 => "DS", 5 => "RSASHA1", 6 => "DSA-NSEC3-SHA1", 7 => "RSASHA1-NSEC3-SHA1",
        8 => "RSASHA256", 10 => "RSASHA512", 12 => "ECC-GOST", 13 => "ECDSAP256SHA256", 14 => "ECDSAP384SHA384", 15 => "ED25519",
        16 => "ED448", 252 => "INDIRECT", 253 => "PRIVATEDNS", 254 => "PRIVATEOID", _ => null,
    };

    private static string? DigestName(int digest) => digest switch
    {
        1 => "SHA-1", 2 => "SHA-256", 3 => "GOST_R_34.11-94", 4 => "SHA-384", _ => null,
    };
}
