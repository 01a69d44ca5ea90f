using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>
/// SNMP as tcpdump 4.99's print-snmp.c prints it when built without libsmi: a walk over the message's BER elements
/// (<see cref="BerElement"/>): version, community or the v3 header and USM parameters, the PDU with its request id, error
/// status and index (or a v1 trap's fields), and the variable bindings as OID=value. Where an element does not read or is
/// not what SNMP expects there, tcpdump writes a bracketed complaint and stops that part, as this does.
/// </summary>
internal static class SnmpPrinter
{
    /// <summary>What reading one element came to: read, complained about (stop this part), or given up (stop the packet).</summary>
    private enum Step : byte
    {
        Ok,
        Failed,
        Abandoned,
    }

    /// <summary>Prints the message in <paramref name="bytes"/> (the captured UDP payload); <paramref name="length"/> is the UDP payload length.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var verbose = state.Options.Verbose > 0;
        writer.Append(' ');
        BerElement.TryRead(bytes, length, out var message);
        var step = Check(ref writer, state, message, BerType.Sequence, "[!init SEQ]");
        if (step != Step.Ok)
            return;
        if (message.TotalLength < length)
            WriteExtra(ref writer, length - message.TotalLength, "iSEQ");
        var body = message.Contents;
        var bodyLength = (int)message.Length;
        BerElement.TryRead(body, bodyLength, out var version);
        step = Check(ref writer, state, version, BerType.Integer, "[version!=INT]");
        if (step != Step.Ok)
            return;
        var number = version.Integer;
        if (number is not (SnmpMessage.Version1 or SnmpMessage.Version2c or SnmpMessage.Version3))
        {
            writer.Append("SNMP [version = ");
            writer.AppendSigned(number);
            writer.Append(']');
            return;
        }
        if (verbose)
        {
            writer.Append("{ ");
            writer.Append(number switch { 0 => "SNMPv1", 1 => "SNMPv2c", _ => "SNMPv3" });
            writer.Append(' ');
        }
        Advance(ref body, ref bodyLength, version);
        var abandoned = number == SnmpMessage.Version3
            ? WriteV3Message(ref writer, state, body, bodyLength)
            : WriteCommunity(ref writer, state, body, bodyLength, number);
        if (!abandoned && verbose)
            writer.Append("} ");
    }

    /// <summary>v1 and v2c: the community (left out when it is "public"), then the PDU.</summary>
    private static bool WriteCommunity(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, int version)
    {
        BerElement.TryRead(bytes, length, out var community);
        var step = Check(ref writer, state, community, BerType.String, "[comm!=STR]");
        if (step != Step.Ok)
            return step == Step.Abandoned;
        if (!community.Contents.SequenceEqual("public"u8))
        {
            writer.Append("C=");
            WriteString(ref writer, community);
            writer.Append(' ');
        }
        Advance(ref bytes, ref length, community);
        return WritePdu(ref writer, state, bytes, length, version);
    }

    /// <summary>v3: the header data (flags, security model), the USM parameters, then the scoped PDU.</summary>
    private static bool WriteV3Message(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var verbose = state.Options.Verbose > 0;
        BerElement.TryRead(bytes, length, out var header);
        var step = Check(ref writer, state, header, BerType.Sequence, "[!message]");
        if (step != Step.Ok)
            return step == Step.Abandoned;
        var fields = header.Contents;
        var fieldsLength = (int)header.Length;
        if (verbose)
            writer.Append("{ ");
        BerElement.TryRead(fields, fieldsLength, out var element);
        if ((step = Check(ref writer, state, element, BerType.Integer, "[msgID!=INT]")) != Step.Ok)
            return step == Step.Abandoned;
        Advance(ref fields, ref fieldsLength, element);
        BerElement.TryRead(fields, fieldsLength, out element);
        if ((step = Check(ref writer, state, element, BerType.Integer, "[msgMaxSize!=INT]")) != Step.Ok)
            return step == Step.Abandoned;
        Advance(ref fields, ref fieldsLength, element);
        BerElement.TryRead(fields, fieldsLength, out element);
        if ((step = Check(ref writer, state, element, BerType.String, "[msgFlags!=STR]")) != Step.Ok)
            return step == Step.Abandoned;
        if (element.Length != 1)
        {
            writer.Append("[msgFlags size ");
            writer.AppendDecimal(element.Length);
            writer.Append(']');
            return false;
        }
        var flags = element.Contents[0];
        if (flags is not (0x00 or 0x01 or 0x03 or 0x04 or 0x05 or 0x07))
        {
            writer.Append("[msgFlags=0x");
            writer.Append("0123456789ABCDEF"[flags >> 4]);
            writer.Append("0123456789ABCDEF"[flags & 0xf]);
            writer.Append(']');
            return false;
        }
        Advance(ref fields, ref fieldsLength, element);
        writer.Append("F=");
        if ((flags & 1) != 0)
            writer.Append('a');
        if ((flags & 2) != 0)
            writer.Append('p');
        if ((flags & 4) != 0)
            writer.Append('r');
        writer.Append(' ');
        BerElement.TryRead(fields, fieldsLength, out element);
        if ((step = Check(ref writer, state, element, BerType.Integer, "[msgSecurityModel!=INT]")) != Step.Ok)
            return step == Step.Abandoned;
        var model = element.Integer;
        Advance(ref fields, ref fieldsLength, element);
        if (element.TotalLength < fieldsLength)
            WriteExtra(ref writer, fieldsLength - element.TotalLength, "message SEQ");
        if (verbose)
            writer.Append("} ");
        if (model != 3)
        {
            writer.Append("[security model ");
            writer.AppendSigned(model);
            writer.Append(']');
            return false;
        }
        if (verbose)
            writer.Append("{ USM ");
        // tcpdump goes on from where the header's fields ended, within the whole message.
        var consumed = header.HeaderLength + (int)header.Length - fieldsLength;
        bytes = bytes[Math.Min(consumed, bytes.Length)..];
        length -= consumed;
        BerElement.TryRead(bytes, length, out element);
        if ((step = Check(ref writer, state, element, BerType.String, "[msgSecurityParameters!=STR]")) != Step.Ok)
            return step == Step.Abandoned;
        Advance(ref bytes, ref length, element);
        if (WriteUsm(ref writer, state, element.Contents, (int)element.Length))
            return true;
        if (verbose)
            writer.Append("} { ScopedPDU ");
        if (WriteScopedPdu(ref writer, state, bytes, length))
            return true;
        if (verbose)
            writer.Append("} ");
        return false;
    }

    /// <summary>The user-based security model's parameters: engine boots and time (<c>-v</c>) and the user name.</summary>
    private static bool WriteUsm(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var verbose = state.Options.Verbose > 0;
        BerElement.TryRead(bytes, length, out var usm);
        var step = Check(ref writer, state, usm, BerType.Sequence, "[!usm]");
        if (step != Step.Ok)
            return step == Step.Abandoned;
        bytes = usm.Contents;
        length = (int)usm.Length;
        BerElement.TryRead(bytes, length, out var element);
        if ((step = Check(ref writer, state, element, BerType.String, "[msgAuthoritativeEngineID!=STR]")) != Step.Ok)
            return step == Step.Abandoned;
        Advance(ref bytes, ref length, element);
        BerElement.TryRead(bytes, length, out element);
        if ((step = Check(ref writer, state, element, BerType.Integer, "[msgAuthoritativeEngineBoots!=INT]")) != Step.Ok)
            return step == Step.Abandoned;
        if (verbose)
            WriteNamedInteger(ref writer, "B=", element.Integer);
        Advance(ref bytes, ref length, element);
        BerElement.TryRead(bytes, length, out element);
        if ((step = Check(ref writer, state, element, BerType.Integer, "[msgAuthoritativeEngineTime!=INT]")) != Step.Ok)
            return step == Step.Abandoned;
        if (verbose)
            WriteNamedInteger(ref writer, "T=", element.Integer);
        Advance(ref bytes, ref length, element);
        BerElement.TryRead(bytes, length, out element);
        if ((step = Check(ref writer, state, element, BerType.String, "[msgUserName!=STR]")) != Step.Ok)
            return step == Step.Abandoned;
        Advance(ref bytes, ref length, element);
        writer.Append("U=");
        WriteString(ref writer, element);
        writer.Append(' ');
        BerElement.TryRead(bytes, length, out element);
        if ((step = Check(ref writer, state, element, BerType.String, "[msgAuthenticationParameters!=STR]")) != Step.Ok)
            return step == Step.Abandoned;
        Advance(ref bytes, ref length, element);
        BerElement.TryRead(bytes, length, out element);
        if ((step = Check(ref writer, state, element, BerType.String, "[msgPrivacyParameters!=STR]")) != Step.Ok)
            return step == Step.Abandoned;
        Advance(ref bytes, ref length, element);
        if (element.TotalLength < length)
            WriteExtra(ref writer, length - element.TotalLength, "usm SEQ");
        return false;
    }

    /// <summary>v3's scoped PDU: context engine id (hex) and name, then the PDU.</summary>
    private static bool WriteScopedPdu(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        BerElement.TryRead(bytes, length, out var scoped);
        var step = Check(ref writer, state, scoped, BerType.Sequence, "[!scoped PDU]");
        if (step != Step.Ok)
            return step == Step.Abandoned;
        bytes = scoped.Contents;
        length = (int)scoped.Length;
        BerElement.TryRead(bytes, length, out var element);
        if ((step = Check(ref writer, state, element, BerType.String, "[contextEngineID!=STR]")) != Step.Ok)
            return step == Step.Abandoned;
        Advance(ref bytes, ref length, element);
        writer.Append("E=");
        WriteOctets(ref writer, element.Contents);
        writer.Append(' ');
        BerElement.TryRead(bytes, length, out element);
        if ((step = Check(ref writer, state, element, BerType.String, "[contextName!=STR]")) != Step.Ok)
            return step == Step.Abandoned;
        Advance(ref bytes, ref length, element);
        writer.Append("C=");
        WriteString(ref writer, element);
        writer.Append(' ');
        return WritePdu(ref writer, state, bytes, length, SnmpMessage.Version3);
    }

    /// <summary>The PDU: its type and length, then a trap's or a request's fields; v2 types in v1 and v1 traps in v2c are refused.</summary>
    private static bool WritePdu(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, int version)
    {
        var verbose = state.Options.Verbose > 0;
        BerElement.TryRead(bytes, length, out var pdu);
        var step = Check(ref writer, state, pdu);
        if (step != Step.Ok)
            return step == Step.Abandoned;
        if (pdu.Type != BerType.Pdu)
        {
            writer.Append("[no PDU]");
            return false;
        }
        if (pdu.TotalLength < length)
            WriteExtra(ref writer, length - pdu.TotalLength, "PDU");
        if (verbose)
            writer.Append("{ ");
        WriteValue(ref writer, state, pdu);
        writer.Append(' ');
        var type = pdu.Tag;
        if (version == SnmpMessage.Version1 && type is SnmpMessage.GetBulk or SnmpMessage.Inform or SnmpMessage.V2Trap or SnmpMessage.Report)
        {
            writer.Append("[v2 PDU in v1 message]");
            return false;
        }
        if (version == SnmpMessage.Version2c && type == SnmpMessage.Trap)
        {
            writer.Append("[v1 PDU in v2 message]");
            return false;
        }
        var abandoned = type == SnmpMessage.Trap
            ? WriteTrap(ref writer, state, pdu.Contents, (int)pdu.Length)
            : WriteRequest(ref writer, state, type, pdu.Contents, (int)pdu.Length);
        if (abandoned)
            return true;
        if (verbose)
            writer.Append(" } ");
        return false;
    }

    /// <summary>Every PDU but the v1 trap: request id (<c>-v</c>), error status and index (GetBulk's N and M), variable bindings.</summary>
    private static bool WriteRequest(ref LineWriter writer, PrintState state, byte type, ReadOnlySpan<byte> bytes, int length)
    {
        BerElement.TryRead(bytes, length, out var element);
        var step = Check(ref writer, state, element, BerType.Integer, "[reqId!=INT]");
        if (step != Step.Ok)
            return step == Step.Abandoned;
        if (state.Options.Verbose > 0)
            WriteNamedInteger(ref writer, "R=", element.Integer);
        Advance(ref bytes, ref length, element);
        BerElement.TryRead(bytes, length, out element);
        if ((step = Check(ref writer, state, element, BerType.Integer, "[errorStatus!=INT]")) != Step.Ok)
            return step == Step.Abandoned;
        // Requests, notifications and reports carry no error; a response names its error.
        var mustBeZero = type is SnmpMessage.GetRequest or SnmpMessage.GetNextRequest or SnmpMessage.SetRequest or SnmpMessage.Inform or SnmpMessage.V2Trap or SnmpMessage.Report;
        var errorStatus = 0;
        var value = element.Integer;
        if (mustBeZero && value != 0)
        {
            writer.Append("[errorStatus(");
            WriteErrorStatus(ref writer, value);
            writer.Append(")!=0]");
        }
        else if (type == SnmpMessage.GetBulk)
        {
            writer.Append(" N=");
            writer.AppendSigned(value);
        }
        else if (value != 0)
        {
            writer.Append(' ');
            WriteErrorStatus(ref writer, value);
            errorStatus = value;
        }
        Advance(ref bytes, ref length, element);
        BerElement.TryRead(bytes, length, out element);
        if ((step = Check(ref writer, state, element, BerType.Integer, "[errorIndex!=INT]")) != Step.Ok)
            return step == Step.Abandoned;
        value = element.Integer;
        if (mustBeZero && value != 0)
        {
            writer.Append("[errorIndex(");
            writer.AppendSigned(value);
            writer.Append(")!=0]");
        }
        else if (type == SnmpMessage.GetBulk)
        {
            writer.Append(" M=");
            writer.AppendSigned(value);
        }
        else if (value != 0)
        {
            if (errorStatus == 0)
            {
                writer.Append("[errorIndex(");
                writer.AppendSigned(value);
                writer.Append(") w/o errorStatus]");
            }
            else
            {
                writer.Append('@');
                writer.AppendSigned(value);
            }
        }
        else if (errorStatus != 0)
        {
            writer.Append("[errorIndex==0]");
        }
        Advance(ref bytes, ref length, element);
        return WriteVariableBindings(ref writer, state, type, bytes, length);
    }

    /// <summary>The v1 trap: enterprise, agent address, generic and specific trap, time stamp, variable bindings.</summary>
    private static bool WriteTrap(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        writer.Append(' ');
        BerElement.TryRead(bytes, length, out var element);
        var step = Check(ref writer, state, element, BerType.ObjectIdentifier, "[enterprise!=OID]");
        if (step != Step.Ok)
            return step == Step.Abandoned;
        WriteValue(ref writer, state, element);
        Advance(ref bytes, ref length, element);
        writer.Append(' ');
        BerElement.TryRead(bytes, length, out element);
        if ((step = Check(ref writer, state, element, BerType.IpAddress, "[agent-addr!=INETADDR]")) != Step.Ok)
            return step == Step.Abandoned;
        WriteValue(ref writer, state, element);
        Advance(ref bytes, ref length, element);
        BerElement.TryRead(bytes, length, out element);
        if ((step = Check(ref writer, state, element, BerType.Integer, "[generic-trap!=INT]")) != Step.Ok)
            return step == Step.Abandoned;
        var generic = element.Integer;
        writer.Append(' ');
        if (generic is >= 0 and < 7)
        {
            writer.Append(GenericTraps[generic]);
        }
        else
        {
            writer.Append("gt=");
            writer.AppendSigned(generic);
        }
        Advance(ref bytes, ref length, element);
        BerElement.TryRead(bytes, length, out element);
        if ((step = Check(ref writer, state, element, BerType.Integer, "[specific-trap!=INT]")) != Step.Ok)
            return step == Step.Abandoned;
        if (generic != 6)
        {
            if (element.Integer != 0)
            {
                writer.Append("[specific-trap(");
                writer.AppendSigned(element.Integer);
                writer.Append(")!=0]");
            }
        }
        else
        {
            writer.Append(" s=");
            writer.AppendSigned(element.Integer);
        }
        Advance(ref bytes, ref length, element);
        writer.Append(' ');
        BerElement.TryRead(bytes, length, out element);
        if ((step = Check(ref writer, state, element, BerType.Unsigned, "[time-stamp!=TIMETICKS]")) != Step.Ok)
            return step == Step.Abandoned;
        WriteValue(ref writer, state, element);
        Advance(ref bytes, ref length, element);
        return WriteVariableBindings(ref writer, state, SnmpMessage.Trap, bytes, length);
    }

    /// <summary>The variable bindings: each <c> OID</c>, then <c>=value</c> except in requests, whose values must be NULL.</summary>
    private static bool WriteVariableBindings(ref LineWriter writer, PrintState state, byte type, ReadOnlySpan<byte> bytes, int length)
    {
        BerElement.TryRead(bytes, length, out var list);
        var step = Check(ref writer, state, list, BerType.Sequence, "[!SEQ of varbind]");
        if (step != Step.Ok)
            return step == Step.Abandoned;
        if (list.TotalLength < length)
            WriteExtra(ref writer, length - list.TotalLength, "SEQ of varbind");
        var isRequest = SnmpMessage.IsRead(type);
        bytes = list.Contents;
        length = (int)list.Length;
        while (length != 0)
        {
            writer.Append(' ');
            BerElement.TryRead(bytes, length, out var binding);
            if ((step = Check(ref writer, state, binding, BerType.Sequence, "[!varbind]")) != Step.Ok)
                return step == Step.Abandoned;
            var next = bytes[binding.TotalLength..];
            var nextLength = length - binding.TotalLength;
            var fields = binding.Contents;
            var fieldsLength = (int)binding.Length;
            BerElement.TryRead(fields, fieldsLength, out var name);
            if ((step = Check(ref writer, state, name, BerType.ObjectIdentifier, "[objName!=OID]")) != Step.Ok)
                return step == Step.Abandoned;
            WriteValue(ref writer, state, name);
            Advance(ref fields, ref fieldsLength, name);
            if (!isRequest)
                writer.Append('=');
            BerElement.TryRead(fields, fieldsLength, out var value);
            if ((step = Check(ref writer, state, value)) != Step.Ok)
                return step == Step.Abandoned;
            if (value.Type != BerType.Null)
            {
                if (isRequest)
                    writer.Append("[objVal!=NULL]");
                WriteValue(ref writer, state, value);
            }
            bytes = next;
            length = nextLength;
        }
        return false;
    }

    /// <summary>
    /// tcpdump's checks on an element just read: its complaint when it did not read, its note for a type SNMP does not use, and
    /// when it is not of <paramref name="type"/> (if given), <paramref name="complaint"/> and the element.
    /// </summary>
    private static Step Check(ref LineWriter writer, PrintState state, BerElement element, BerType? type = null, string? complaint = null)
    {
        switch (element.Error)
        {
            case BerError.None:
                WriteTypeNote(ref writer, element);
                if (type is null || element.Type == type)
                    return Step.Ok;
                writer.Append(complaint!);
                WriteValue(ref writer, state, element);
                break;
            case BerError.Empty:
                writer.Append("[nothing to parse]");
                break;
            case BerError.ExtendedTag:
                writer.Append("[Xtagfield?]");
                break;
            case BerError.NoLength:
                writer.Append("[no asnlen]");
                break;
            case BerError.LengthOctets:
                writer.Append("[asnlen? ");
                writer.AppendDecimal((uint)element.Remaining);
                writer.Append('<');
                writer.AppendDecimal((uint)element.LengthOctets);
                writer.Append(']');
                break;
            case BerError.LengthOverrun:
                writer.Append("[len");
                writer.AppendDecimal((uint)element.Remaining);
                writer.Append("<asnlen");
                writer.AppendDecimal(element.Length);
                writer.Append(']');
                break;
            case BerError.UnknownTag:
                // tcpdump's class table names every class "x" (its macro does not stringize).
                writer.Append("[id?");
                writer.Append(element.IsConstructed ? 'C' : 'P');
                writer.Append("/x/");
                writer.AppendDecimal(element.Tag);
                writer.Append(']');
                break;
            case BerError.EmptyInteger:
                writer.Append("[asnlen=0]");
                break;
            case BerError.NotCaptured:
                state.WriteTruncated(ref writer, "snmp");
                break;
            default:
                state.WriteTruncated(ref writer, "snmp", abandoned: true);
                return Step.Abandoned;
        }
        return Step.Failed;
    }

    private static void Advance(ref ReadOnlySpan<byte> bytes, ref int length, BerElement element)
    {
        bytes = bytes[element.TotalLength..];
        length -= element.TotalLength;
    }

    private static void WriteExtra(ref LineWriter writer, int extra, string after)
    {
        writer.Append('[');
        writer.AppendDecimal((uint)extra);
        writer.Append(" extra after ");
        writer.Append(after);
        writer.Append(']');
    }

    private static void WriteNamedInteger(ref LineWriter writer, string name, int value)
    {
        writer.Append(name);
        writer.AppendSigned(value);
        writer.Append(' ');
    }

    private static void WriteErrorStatus(ref LineWriter writer, int status)
    {
        if (status is >= 0 and < 19)
        {
            writer.Append(ErrorStatus[status]);
            return;
        }
        writer.Append("err=");
        writer.AppendDecimal((uint)status);
    }

    /// <summary>tcpdump's note for an element whose type SNMP does not use here (kept as octets).</summary>
    private static void WriteTypeNote(ref LineWriter writer, BerElement element)
    {
        if (element.Type != BerType.Octets)
            return;
        var name = element.Class switch
        {
            BerElement.UniversalClass => Universal[element.Tag],
            BerElement.ApplicationClass => Application[element.Tag],
            _ => "P-0",
        };
        if (!element.IsConstructed)
            writer.Append(element.Class switch { BerElement.UniversalClass => "[P/U/", BerElement.ApplicationClass => "[P/A/", _ => "[P/x/" });
        else
            writer.Append(element.Class == BerElement.UniversalClass ? "C/U/" : "C/x/");
        writer.Append(name);
        if (!element.IsConstructed)
            writer.Append(']');
    }

    /// <summary>tcpdump's asn1_print: an element's value as its type prints.</summary>
    private static void WriteValue(ref LineWriter writer, PrintState state, BerElement element)
    {
        switch (element.Type)
        {
            case BerType.Octets:
                foreach (var b in element.Contents)
                {
                    writer.Append('_');
                    writer.AppendHexByte(b);
                }
                break;
            case BerType.Null:
                break;
            case BerType.ObjectIdentifier:
                SnmpObjectNames.Write(ref writer, element.Contents, state.Options.NoResolve);
                break;
            case BerType.Integer:
                writer.AppendSigned(element.Integer);
                break;
            case BerType.Unsigned:
                writer.AppendDecimal(element.Unsigned);
                break;
            case BerType.Unsigned64:
                writer.AppendDecimal(element.Unsigned64);
                break;
            case BerType.String:
                WriteString(ref writer, element);
                break;
            case BerType.Sequence:
                writer.Append("Seq(");
                writer.AppendDecimal(element.Length);
                writer.Append(')');
                break;
            case BerType.IpAddress:
                if (element.Length != 4)
                    writer.Append("[inetaddr len!=4]");
                for (var i = 0; i < element.Contents.Length; i++)
                {
                    if (i > 0)
                        writer.Append('.');
                    writer.AppendDecimal(element.Contents[i]);
                }
                break;
            case BerType.NoSuchObject:
                writer.Append("[noSuchObject]");
                break;
            case BerType.NoSuchInstance:
                writer.Append("[noSuchInstance]");
                break;
            case BerType.EndOfMibView:
                writer.Append("[endOfMibView]");
                break;
            case BerType.Pdu:
                writer.Append(PduNames[element.Tag]);
                writer.Append('(');
                writer.AppendDecimal(element.Length);
                writer.Append(')');
                break;
            default:
                writer.Append("[BE_ANY!?]");
                break;
        }
    }

    /// <summary>tcpdump's asn1_print_octets: each byte as <c>_xx</c>.</summary>
    private static void WriteOctets(ref LineWriter writer, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            writer.Append('_');
            writer.AppendHexByte(b);
        }
    }

    /// <summary>tcpdump's asn1_print_string: quoted when every byte is printable ASCII, else hex bytes joined by <c>_</c>.</summary>
    private static void WriteString(ref LineWriter writer, BerElement element)
    {
        var text = element.Contents;
        if (!text.ContainsAnyExceptInRange((byte)0x20, (byte)0x7e))
        {
            writer.Append('"');
            foreach (var c in text)
                writer.Append((char)c);
            writer.Append('"');
            return;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0)
                writer.Append('_');
            writer.AppendHexByte(text[i]);
        }
    }

    private static readonly string[] Universal =
    [
        "U-0", "Boolean", "Integer", "Bitstring", "String", "Null", "ObjID", "ObjectDes", "U-8", "U-9", "U-10", "U-11", "U-12", "U-13",
        "U-14", "U-15", "Sequence", "Set",
    ];

    private static readonly string[] Application = ["IpAddress", "Counter", "Gauge", "TimeTicks", "Opaque", "C-5", "Counter64"];

    private static readonly string[] PduNames =
        ["GetRequest", "GetNextRequest", "GetResponse", "SetRequest", "Trap", "GetBulk", "Inform", "V2Trap", "Report"];

    private static readonly string[] ErrorStatus =
    [
        "noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess", "wrongType", "wrongLength", "wrongEncoding",
        "wrongValue", "noCreation", "inconsistentValue", "resourceUnavailable", "commitFailed", "undoFailed", "authorizationError",
        "notWritable", "inconsistentName",
    ];

    private static readonly string[] GenericTraps =
        ["coldStart", "warmStart", "linkDown", "linkUp", "authenticationFailure", "egpNeighborLoss", "enterpriseSpecific"];
}
