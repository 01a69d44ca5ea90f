using System.Buffers.Binary;
using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>Geneve as tcpdump 4.99's print-geneve.c prints it, with the packet it carries.</summary>
internal static class GenevePrinter
{
    private static readonly string[] FlagNames = ["O", "C", "R1", "R2", "R3", "R4", "R5", "R6"];

    /// <summary>Prints a Geneve packet of <paramref name="length"/> bytes (the UDP payload) and its payload.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        writer.Append("Geneve");
        if (length < GeneveHeader.FixedLength)
        {
            writer.Append(" [length ");
            writer.AppendDecimal((uint)length);
            writer.Append(" < 8] (invalid)");
            return;
        }
        if (!GeneveHeader.TryRead(bytes, out var geneve, out _))
        {
            state.WriteTruncated(ref writer, "geneve", abandoned: true);
            return;
        }
        if (geneve.Version != 0)
        {
            writer.Append(" ERROR: unknown-version ");
            writer.AppendDecimal((uint)geneve.Version);
            return;
        }
        writer.Append(", Flags [");
        var flags = geneve.Flags;
        if (flags == 0)
            writer.Append("none");
        for (var bit = 0; bit < 8; bit++)
        {
            if ((flags & (0x80 >> bit)) != 0)
                writer.Append(FlagNames[bit]);
        }
        writer.Append("], vni 0x");
        writer.AppendHex(geneve.Vni);
        if (geneve.Reserved != 0)
        {
            writer.Append(", rsvd 0x");
            writer.AppendHex(geneve.Reserved);
        }
        var protocol = geneve.ProtocolType;
        if (state.Options.LinkHeader)
            EthernetPrinter.WriteProtocolField(ref writer, protocol);
        var remaining = length - GeneveHeader.FixedLength;
        var optionsLength = geneve.OptionsLength;
        if (remaining < optionsLength)
        {
            writer.Append(" truncated-geneve - ");
            writer.AppendDecimal((uint)(optionsLength - remaining));
            writer.Append(" bytes missing");
            return;
        }
        var options = geneve.Options;
        if (options.Length < optionsLength)
        {
            state.WriteTruncated(ref writer, "geneve", abandoned: true);
            return;
        }
        if (optionsLength > 0)
        {
            writer.Append(", options [");
            if (state.Options.Verbose > 0)
            {
                WriteOptions(ref writer, state.Options.Verbose, options);
            }
            else
            {
                writer.AppendDecimal((uint)optionsLength);
                writer.Append(" bytes");
            }
            writer.Append(']');
        }
        remaining -= optionsLength;
        writer.Append(state.Options.Verbose < 1 ? ": " : "\n\t");
        // A bridged frame goes through the inner-Ethernet printer, which counts the level itself (as GRE's does).
        if (protocol == GeneveHeader.EthernetBridging)
        {
            EncapsulatedEthernetPrinter.Print(ref writer, state, geneve.Payload, remaining, "geneve");
            return;
        }
        if (state.EncapsulationDepth >= EncapsulatedEthernetPrinter.MaximumDepth)
        {
            state.WriteTruncated(ref writer, "geneve", abandoned: true);
            return;
        }
        state.EncapsulationDepth++;
        if (!EthernetPrinter.PrintEtherTypePayload(ref writer, state, protocol, geneve.Payload, remaining))
        {
            writer.Append("geneve-proto-0x");
            writer.AppendHex(protocol);
        }
        state.EncapsulationDepth--;
    }

    /// <summary>Each option's class, type and length, with its data at <c>-vv</c>.</summary>
    private static void WriteOptions(ref LineWriter writer, int verbose, ReadOnlySpan<byte> options)
    {
        var left = options.Length;
        var at = 0;
        while (left > 0)
        {
            if (at > 0)
                writer.Append(", ");
            var optionClass = BinaryPrimitives.ReadUInt16BigEndian(options[at..]);
            var type = options[at + 2];
            var optionLength = 4 + (options[at + 3] & 0x1f) * 4;
            writer.Append("class ");
            writer.Append(ClassName(optionClass));
            writer.Append(" (0x");
            writer.AppendHex(optionClass);
            writer.Append(") type 0x");
            writer.AppendHex(type);
            if ((type & 0x80) != 0)
                writer.Append("(C)");
            writer.Append(" len ");
            writer.AppendDecimal((uint)optionLength);
            if (optionLength > left)
            {
                writer.Append(" [bad length]");
                return;
            }
            if (verbose > 1 && optionLength > 4)
            {
                writer.Append(" data");
                for (var i = 4; i < optionLength; i += 4)
                {
                    writer.Append(' ');
                    writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(options[(at + i)..]), 8);
                }
            }
            at += optionLength;
            left -= optionLength;
        }
    }

    private static string ClassName(ushort optionClass) => optionClass switch
    {
        0x0100 => "Linux",
        0x0101 => "Open vSwitch",
        0x0102 => "Open Virtual Networking (OVN)",
        0x0103 => "In-band Network Telemetry (INT)",
        0x0104 => "VMware",
        <= 0x00ff => "Standard",
        >= 0xfff0 => "Experimental",
        _ => "Unknown",
    };
}
