using Pcap.Decode.Transport;

namespace Pcap.Decode.Text;

/// <summary>
/// SCTP as tcpdump 4.99's print-sctp.c prints it: the endpoints, then each chunk numbered, DATA, INIT/INIT ACK and SACK with
/// their fields (at -vv one chunk a line, DATA's payload dumped), the others by name. tcpdump's unsigned length arithmetic
/// and its unclosed parentheses are kept.
/// </summary>
internal static class SctpPrinter
{
    /// <summary>ForCES's SCTP ports, which tcpdump names after the endpoints.</summary>
    private const int ForcesHighPriority = 6704, ForcesMediumPriority = 6705, ForcesLowPriority = 6706;

    /// <summary>Prints an SCTP packet of <paramref name="length"/> bytes by the IP layer of <paramref name="context"/>.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, in IpContext context)
    {
        if (length < SctpPacket.HeaderLength)
        {
            writer.Append("truncated-sctp - ");
            writer.AppendDecimal((uint)(SctpPacket.HeaderLength - length));
            writer.Append(" bytes missing!");
            return;
        }
        if (!SctpPacket.TryRead(bytes, out var packet, out _))
        {
            state.WriteTruncated(ref writer, "sctp");
            return;
        }
        state.WriteIpAddress(ref writer, context.Source);
        writer.Append('.');
        writer.AppendDecimal(packet.SourcePort);
        writer.Append(" > ");
        state.WriteIpAddress(ref writer, context.Destination);
        writer.Append('.');
        writer.AppendDecimal(packet.DestinationPort);
        writer.Append(": sctp");
        var forces = WriteForcesChannel(ref writer, packet.SourcePort) | WriteForcesChannel(ref writer, packet.DestinationPort);
        var veryVerbose = state.Options.Verbose >= 2;
        var separator = veryVerbose ? "\n\t" : " (";
        // tcpdump counts down the IP length in unsigned arithmetic, and walks the captured bytes.
        var remaining = (uint)length - SctpPacket.HeaderLength;
        var chunks = packet.Chunks;
        for (uint number = 1; remaining != 0; number++)
        {
            if (remaining < SctpChunk.HeaderLength)
            {
                WriteChunkNumber(ref writer, separator, number);
                writer.Append("[chunk descriptor cut off at end of packet]");
                return;
            }
            if (!SctpChunk.TryRead(chunks, out var chunk, out _))
            {
                state.WriteTruncated(ref writer, "sctp");
                return;
            }
            var chunkLength = chunk.Length;
            if (chunkLength < SctpChunk.HeaderLength)
            {
                WriteChunkNumber(ref writer, separator, number);
                writer.Append("[Bad chunk length ");
                writer.AppendDecimal(chunkLength);
                writer.Append(", < size of chunk descriptor]");
                return;
            }
            var align = (uint)((4 - chunkLength % 4) % 4);
            if (remaining < align)
            {
                WriteChunkNumber(ref writer, separator, number);
                writer.Append("[Bad chunk length ");
                writer.AppendDecimal(chunkLength);
                writer.Append(", > remaining data in packet]");
                return;
            }
            if (chunks.Length < chunkLength)
            {
                state.WriteTruncated(ref writer, "sctp");
                return;
            }
            WriteChunkNumber(ref writer, separator, number);
            if (!WriteChunk(ref writer, state, chunk, ref forces))
                return;
            remaining -= chunkLength;
            chunks = chunks[chunkLength..];
            if (!veryVerbose)
                separator = ", (";
            if (align != 0)
            {
                if (chunks.Length < align)
                {
                    state.WriteTruncated(ref writer, "sctp");
                    return;
                }
                chunks = chunks[(int)align..];
                remaining -= align;
            }
        }
    }

    /// <summary>Writes <c>[name] </c> and the fields of one whole captured chunk; false where tcpdump stops at a bogus length.</summary>
    private static bool WriteChunk(ref LineWriter writer, PrintState state, SctpChunk chunk, ref bool forces)
    {
        writer.Append('[');
        var name = ChunkName(chunk.Type);
        if (name is null)
        {
            writer.Append("Unknown chunk type: 0x");
            writer.AppendHex(chunk.Type);
        }
        else
        {
            writer.Append(name);
        }
        writer.Append("] ");
        switch (chunk.Type)
        {
            case SctpChunk.Data:
                return WriteData(ref writer, state, chunk, ref forces);
            case SctpChunk.Init:
            case SctpChunk.InitAck:
                if (chunk.Value.Length < SctpChunk.InitFieldsLength)
                    return Bogus(ref writer, chunk);
                writer.Append("[init tag: ");
                writer.AppendDecimal(chunk.InitiateTag);
                writer.Append("] [rwnd: ");
                writer.AppendDecimal(chunk.InitReceiverWindow);
                writer.Append("] [OS: ");
                writer.AppendDecimal(chunk.OutboundStreams);
                writer.Append("] [MIS: ");
                writer.AppendDecimal(chunk.InboundStreams);
                writer.Append("] [init TSN: ");
                writer.AppendDecimal(chunk.InitialTsn);
                writer.Append("] ");
                return true;
            case SctpChunk.Sack:
                return WriteSack(ref writer, chunk);
            default:
                return true;
        }
    }

    private static bool WriteData(ref LineWriter writer, PrintState state, SctpChunk chunk, ref bool forces)
    {
        var flags = chunk.Flags;
        if ((flags & 4) != 0)
            writer.Append("(U)");
        if ((flags & 2) != 0)
            writer.Append("(B)");
        if ((flags & 1) != 0)
            writer.Append("(E)");
        if ((flags & 7) != 0)
            writer.Append(' ');
        if (chunk.Value.Length < SctpChunk.DataFieldsLength)
            return Bogus(ref writer, chunk);
        var protocol = chunk.PayloadProtocolId;
        writer.Append("[TSN: ");
        writer.AppendDecimal(chunk.Tsn);
        writer.Append("] [SID: ");
        writer.AppendDecimal(chunk.StreamId);
        writer.Append("] [SSEQ ");
        writer.AppendDecimal(chunk.StreamSequence);
        writer.Append("] [PPID ");
        var protocolName = PayloadProtocolName(protocol);
        if (protocolName is null)
        {
            writer.Append("0x");
            writer.AppendHex(protocol);
        }
        else
        {
            writer.Append(protocolName);
        }
        writer.Append("] ");
        forces |= protocol is 21 or 22 or 23;
        var payload = chunk.UserData;
        if (payload.IsEmpty)
            return Bogus(ref writer, chunk);
        // ForCES and M3UA payloads have printers of their own in tcpdump, not decoded here.
        if (!forces && state.Options.Verbose >= 2 && protocol != 3)
        {
            writer.Append("[Payload");
            if (state.Options.Hex == 0 && state.Options.HexAscii == 0)
            {
                writer.Append(':');
                HexDumpWriter.WriteHexAndAscii(ref writer, payload);
            }
            writer.Append(']');
        }
        return true;
    }

    private static bool WriteSack(ref LineWriter writer, SctpChunk chunk)
    {
        if (chunk.Value.Length < SctpChunk.SackFieldsLength)
            return Bogus(ref writer, chunk);
        var cumulative = chunk.CumulativeTsnAck;
        writer.Append("[cum ack ");
        writer.AppendDecimal(cumulative);
        writer.Append("] [a_rwnd ");
        writer.AppendDecimal(chunk.SackReceiverWindow);
        writer.Append("] [#gap acks ");
        writer.AppendDecimal(chunk.GapBlockCount);
        writer.Append("] [#dup tsns ");
        writer.AppendDecimal(chunk.DuplicateTsnCount);
        writer.Append("] ");
        var reports = chunk.SackReports;
        for (var gap = 0; !reports.IsEmpty && gap < chunk.GapBlockCount; gap++)
        {
            if (reports.Length < 4)
                return Bogus(ref writer, chunk);
            writer.Append("\n\t\t[gap ack block #");
            writer.AppendDecimal((uint)gap + 1);
            writer.Append(": start = ");
            writer.AppendDecimal(cumulative + (uint)(reports[0] << 8 | reports[1]));
            writer.Append(", end = ");
            writer.AppendDecimal(cumulative + (uint)(reports[2] << 8 | reports[3]));
            writer.Append("] ");
            reports = reports[4..];
        }
        for (var duplicate = 0; !reports.IsEmpty && duplicate < chunk.DuplicateTsnCount; duplicate++)
        {
            if (reports.Length < 4)
                return Bogus(ref writer, chunk);
            writer.Append("\n\t\t[dup TSN #");
            writer.AppendDecimal((uint)duplicate + 1);
            writer.Append(": ");
            writer.AppendDecimal((uint)(reports[0] << 24 | reports[1] << 16 | reports[2] << 8 | reports[3]));
            writer.Append("] ");
            reports = reports[4..];
        }
        return true;
    }

    /// <summary>tcpdump's note for a chunk too short for its fields, after which it prints nothing more of the packet.</summary>
    private static bool Bogus(ref LineWriter writer, SctpChunk chunk)
    {
        writer.Append("bogus chunk length ");
        writer.AppendDecimal(chunk.Length);
        writer.Append(']');
        return false;
    }

    private static void WriteChunkNumber(ref LineWriter writer, string separator, uint number)
    {
        writer.Append(separator);
        writer.AppendDecimal(number);
        writer.Append(") ");
    }

    private static bool WriteForcesChannel(ref LineWriter writer, ushort port)
    {
        var name = port switch
        {
            ForcesHighPriority => "[ForCES HP]",
            ForcesMediumPriority => "[ForCES MP]",
            ForcesLowPriority => "[ForCES LP]",
            _ => null,
        };
        if (name is not null)
            writer.Append(name);
        return name is not null;
    }

    /// <summary>tcpdump's sctp_chunkid_str.</summary>
    private static string? ChunkName(byte type) => type switch
    {
        0 => "DATA",
        1 => "INIT",
        2 => "INIT ACK",
        3 => "SACK",
        4 => "HB REQ",
        5 => "HB ACK",
        6 => "ABORT",
        7 => "SHUTDOWN",
        8 => "SHUTDOWN ACK",
        9 => "OP ERR",
        10 => "COOKIE ECHO",
        11 => "COOKIE ACK",
        12 => "ECN ECHO",
        13 => "ECN CWR",
        14 => "SHUTDOWN COMPLETE",
        0xc0 => "FOR CUM TSN",
        0xc1 => "REL CTRL",
        0xc2 => "REL CTRL ACK",
        _ => null,
    };

    /// <summary>tcpdump's PayloadProto_idents.</summary>
    private static string? PayloadProtocolName(uint protocol) => protocol switch
    {
        1 => "ISDN Q.921",
        2 => "M2UA",
        3 => "M3UA",
        4 => "SUA",
        5 => "M2PA",
        6 => "V5.2",
        7 => "H.248",
        8 => "BICC",
        9 => "TALI",
        10 => "DUA",
        11 => "ASAP",
        12 => "ENRP",
        13 => "H.323",
        14 => "Q.IPC",
        15 => "SIMCO",
        16 => "DDPSC",
        17 => "DDPSSC",
        18 => "S1AP",
        19 => "RUA",
        20 => "HNBAP",
        21 => "ForCES HP",
        22 => "ForCES MP",
        23 => "ForCES LP",
        24 => "SBc-AP",
        25 => "NBAP",
        27 => "X2AP",
        _ => null,
    };
}
