using System.Buffers.Binary;
using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>OSPFv2 link state advertisements as tcpdump 4.99's print-ospf.c prints them: the header, and with it the body.</summary>
internal static class OspfLsaPrinter
{
    /// <summary>What <see cref="PrintHeader"/> returns when the header's length is below 20 (it says so).</summary>
    public const int BogusLength = -1;
    /// <summary>What <see cref="PrintHeader"/> and <see cref="Print"/> return when a field was not captured.</summary>
    public const int Truncated = -2;

    /// <summary>
    /// tcpdump's ospf_print_lshdr for the header at <paramref name="at"/> of <paramref name="data"/>: the LSA length, or
    /// <see cref="BogusLength"/> or <see cref="Truncated"/>.
    /// </summary>
    public static int PrintHeader(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, long at)
    {
        if (!OspfTlvPrinter.Has(data, at, OspfLsaHeader.Length) || !OspfLsaHeader.TryRead(data[(int)at..], out var header))
            return Truncated;
        int length = header.LsaLength;
        if (length < OspfLsaHeader.Length)
        {
            writer.Append("\n\t    Bogus length ");
            writer.AppendDecimal((uint)length);
            writer.Append(" < header (20)");
            return BogusLength;
        }
        WriteAdvertisingRouter(ref writer, state, header);
        writer.AppendDecimal((uint)(length - OspfLsaHeader.Length));
        writer.Append("\n\t    ");
        writer.Append(TypeName(header.Type));
        writer.Append(" LSA (");
        writer.AppendDecimal(header.Type);
        if (header.Type is 9 or 10 or 11)
        {
            writer.Append("), Opaque-Type ");
            writer.Append(OpaqueTypeName(header.OpaqueType));
            writer.Append(" LSA (");
            writer.AppendDecimal(header.OpaqueType);
            writer.Append("), Opaque-ID ");
            writer.AppendDecimal(header.OpaqueId);
        }
        else
        {
            writer.Append("), LSA-ID: ");
            state.WriteIpAddress(ref writer, header.LinkStateId);
        }
        writer.Append("\n\t    Options: [");
        OspfPrinter.WriteOptions(ref writer, header.Options);
        writer.Append(']');
        return length;
    }

    /// <summary>The line both OSPF versions start an LSA header with, up to the length after the header, which the caller writes.</summary>
    public static void WriteAdvertisingRouter(ref LineWriter writer, PrintState state, OspfLsaHeader header)
    {
        writer.Append("\n\t  Advertising Router ");
        state.WriteIpAddress(ref writer, header.AdvertisingRouter);
        writer.Append(", seq 0x");
        writer.AppendHex(header.Sequence, 8);
        writer.Append(", age ");
        writer.AppendDecimal(header.Age);
        writer.Append("s, length ");
    }

    /// <summary>tcpdump's ospf_print_lsa for the LSA at <paramref name="at"/>: the offset after it, or <see cref="Truncated"/>.</summary>
    public static long Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, long at)
    {
        var length = PrintHeader(ref writer, state, data, at);
        if (length < 0)
            return Truncated;
        var end = at + length;
        var bodyLength = (uint)(length - OspfLsaHeader.Length);
        var body = at + OspfLsaHeader.Length;
        var type = data[(int)at + 3];
        switch (type)
        {
            case 1:
                if (!PrintRouterLinks(ref writer, state, data, body, out var stop))
                    return Truncated;
                if (stop)
                    return end;
                break;
            case 2:
                if (!OspfTlvPrinter.Has(data, body, 4))
                    return Truncated;
                writer.Append("\n\t    Mask ");
                state.WriteIpAddress(ref writer, data.Slice((int)body, 4));
                writer.Append("\n\t    Connected Routers:");
                for (var router = body + 4; router < end; router += 4)
                {
                    if (!OspfTlvPrinter.Has(data, router, 4))
                        return Truncated;
                    writer.Append("\n\t      ");
                    state.WriteIpAddress(ref writer, data.Slice((int)router, 4));
                }
                break;
            case 3:
            case 4:
                if (type == 3)
                {
                    if (!OspfTlvPrinter.Has(data, body, 4))
                        return Truncated;
                    writer.Append("\n\t    Mask ");
                    state.WriteIpAddress(ref writer, data.Slice((int)body, 4));
                }
                if (!OspfTlvPrinter.Has(data, body + 4, 4))
                    return Truncated;
                for (var metric = body + 4; metric < end; metric += 4)
                {
                    if (!OspfTlvPrinter.Has(data, metric, 4))
                        return Truncated;
                    var word = BinaryPrimitives.ReadUInt32BigEndian(data[(int)metric..]);
                    WriteTopology(ref writer, (word & 0x7f000000) >> 24);
                    writer.Append(") metric ");
                    writer.AppendDecimal(word & 0x00ffffff);
                }
                break;
            case 5:
            case 7:
                if (!PrintExternal(ref writer, state, data, body, end))
                    return Truncated;
                break;
            case 6:
                for (var vertex = body; vertex < end; vertex += 8)
                {
                    if (!OspfTlvPrinter.Has(data, vertex, 4))
                        return Truncated;
                    var vertexType = BinaryPrimitives.ReadUInt32BigEndian(data[(int)vertex..]);
                    if (vertexType is 1 or 2)
                    {
                        if (!OspfTlvPrinter.Has(data, vertex + 4, 4))
                            return Truncated;
                        writer.Append(vertexType == 1 ? "\n\t    Router Router-ID " : "\n\t    Network Designated Router ");
                        state.WriteIpAddress(ref writer, data.Slice((int)vertex + 4, 4));
                    }
                    else
                    {
                        writer.Append("\n\t    unknown VertexType (");
                        writer.AppendDecimal(vertexType);
                        writer.Append(')');
                    }
                }
                break;
            case 9:
            case 10:
            case 11:
                var outcome = data[(int)at + 4] switch
                {
                    4 => PrintRouterInformation(ref writer, state, data, body, bodyLength),
                    3 => OspfTlvPrinter.PrintGrace(ref writer, state, data, body, bodyLength),
                    1 => OspfTlvPrinter.PrintTrafficEngineering(ref writer, state, data, body, bodyLength),
                    _ => state.Options.Verbose <= 1 && !OspfTlvPrinter.WriteUnknownData(ref writer, data, body, "\n\t    ", bodyLength)
                        ? OspfTlvOutcome.Stopped
                        : OspfTlvOutcome.Printed,
                };
                if (outcome == OspfTlvOutcome.Truncated)
                    return Truncated;
                if (outcome == OspfTlvOutcome.Stopped)
                    return end;
                break;
        }
        if (state.Options.Verbose > 1)
            OspfTlvPrinter.WriteUnknownData(ref writer, data, body, "\n\t    ", bodyLength);
        return end;
    }

    /// <summary>A router LSA's flags and links; <paramref name="stop"/> when an unknown link type ends the LSA.</summary>
    private static bool PrintRouterLinks(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, long body, out bool stop)
    {
        stop = false;
        if (!OspfTlvPrinter.Has(data, body, 1))
            return false;
        writer.Append("\n\t    Router LSA Options: [");
        BitNames.AppendAll(ref writer, data[(int)body], [0x01, 0x02, 0x04, 0x08, 0x10, 0x80], RouterFlagNames, "none");
        writer.Append(']');
        // tcpdump checks for one whole link even when the count is 0.
        if (!OspfTlvPrinter.Has(data, body + 2, 2) || !OspfTlvPrinter.Has(data, body + 4, 12))
            return false;
        var count = BinaryPrimitives.ReadUInt16BigEndian(data[((int)body + 2)..]);
        var link = body + 4;
        for (var i = count; i != 0; i--)
        {
            if (!OspfTlvPrinter.Has(data, link, 12))
                return false;
            var linkType = data[(int)link + 8];
            var prefix = linkType switch
            {
                4 => "\n\t      Virtual Link: Neighbor Router-ID: ",
                1 => "\n\t      Neighbor Router-ID: ",
                2 => "\n\t      Neighbor Network-ID: ",
                3 => "\n\t      Stub Network: ",
                _ => null,
            };
            if (prefix is null)
            {
                writer.Append("\n\t      Unknown Router Link Type (");
                writer.AppendDecimal(linkType);
                writer.Append(')');
                stop = true;
                return true;
            }
            writer.Append(prefix);
            state.WriteIpAddress(ref writer, data.Slice((int)link, 4));
            writer.Append(linkType == 3 ? ", Mask: " : ", Interface Address: ");
            state.WriteIpAddress(ref writer, data.Slice((int)link + 4, 4));
            // The metrics: the link's own first (topology 0), then one per TOS count, each a topology and a metric.
            var metrics = data[(int)link + 9] + 1;
            var metric = link + 8;
            for (var index = 0; index < metrics; index++, metric += 4)
            {
                if (!OspfTlvPrinter.Has(data, metric, 4))
                    return false;
                WriteTopology(ref writer, index == 0 ? 0u : data[(int)metric]);
                writer.Append("), metric ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(data[((int)metric + 2)..]));
            }
            link += 12 + 4 * data[(int)link + 9];
        }
        return true;
    }

    /// <summary>An AS-external or NSSA LSA: the mask, then per topology the metric type, metric, forwarding address and tag.</summary>
    private static bool PrintExternal(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, long body, long end)
    {
        if (!OspfTlvPrinter.Has(data, body, 4))
            return false;
        writer.Append("\n\t    Mask ");
        state.WriteIpAddress(ref writer, data.Slice((int)body, 4));
        if (!OspfTlvPrinter.Has(data, body + 4, 4))
            return false;
        for (var metric = body + 4; metric < end; metric += 12)
        {
            if (!OspfTlvPrinter.Has(data, metric, 4))
                return false;
            var word = BinaryPrimitives.ReadUInt32BigEndian(data[(int)metric..]);
            WriteTopology(ref writer, (word & 0x7f000000) >> 24);
            writer.Append("), type ");
            writer.Append((word & 0x80000000) != 0 ? '2' : '1');
            writer.Append(", metric");
            if ((word & 0x00ffffff) == 0xffffff)
            {
                writer.Append(" infinite");
            }
            else
            {
                writer.Append(' ');
                writer.AppendDecimal(word & 0x00ffffff);
            }
            for (var field = 4; field <= 8; field += 4)
            {
                if (!OspfTlvPrinter.Has(data, metric + field, 4))
                    return false;
                var address = data.Slice((int)metric + field, 4);
                if (BinaryPrimitives.ReadUInt32BigEndian(address) == 0)
                    continue;
                writer.Append(field == 4 ? ", forward " : ", tag ");
                state.WriteIpAddress(ref writer, address);
            }
        }
        return true;
    }

    /// <summary>A router information LSA's TLVs (RFC 7770's capabilities), which unlike the others tcpdump does not pad.</summary>
    private static OspfTlvOutcome PrintRouterInformation(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> data, long at, uint remaining)
    {
        while (remaining != 0)
        {
            if (!OspfTlvPrinter.TryReadTlvHeader(ref writer, data, ref at, ref remaining, OspfTlvOutcome.Truncated, out var type, out var length, out var failed))
                return failed;
            OspfTlvPrinter.WriteTlvLine(ref writer, type == 1 ? "Router Capabilities" : "unknown", type, "), length: ", length, ", value: ");
            if (length > remaining)
            {
                writer.Append("\n\t    Bogus length ");
                writer.AppendDecimal(length);
                writer.Append(" > remaining LS length ");
                writer.AppendDecimal(remaining);
                return OspfTlvOutcome.Stopped;
            }
            if (!OspfTlvPrinter.Has(data, at, length))
                return OspfTlvOutcome.Truncated;
            if (type == 1)
            {
                if (length != 4)
                {
                    writer.Append("\n\t    Bogus length ");
                    writer.AppendDecimal(length);
                    writer.Append(" != 4");
                    return OspfTlvOutcome.Stopped;
                }
                writer.Append("Capabilities: ");
                WriteCapabilities(ref writer, BinaryPrimitives.ReadUInt32BigEndian(data[(int)at..]));
            }
            else if (state.Options.Verbose <= 1 && !OspfTlvPrinter.WriteUnknownData(ref writer, data, at, "\n\t      ", length))
            {
                return OspfTlvOutcome.Stopped;
            }
            at += length;
            remaining -= length;
        }
        return OspfTlvOutcome.Printed;
    }

    private static void WriteCapabilities(ref LineWriter writer, uint value) =>
        BitNames.AppendAll(ref writer, value, [1, 2, 4, 8, 16, 32, 64, 128, 256, 512], CapabilityNames, "Unknown");

    private static readonly string[] RouterFlagNames = ["ABR", "ASBR", "Virtual", "Wildcard", "Nt", "Host"];

    private static readonly string[] CapabilityNames =
    [
        "Reserved", "Reserved", "Reserved", "Reserved", "graceful restart capable", "graceful restart helper",
        "Stub router support", "Traffic engineering", "p2p over LAN", "path computation server",
    ];

    /// <summary>tcpdump's lsa_values.</summary>
    public static string TypeName(int type) => type switch
    {
        1 => "Router",
        2 => "Network",
        3 => "Summary",
        4 => "ASBR Summary",
        5 => "External",
        6 => "Multicast Group",
        7 => "NSSA",
        9 => "Link Local Opaque",
        10 => "Area Local Opaque",
        11 => "Domain Wide Opaque",
        _ => "unknown",
    };

    /// <summary>tcpdump's lsa_opaque_values.</summary>
    public static string OpaqueTypeName(int type) => type switch
    {
        1 => "Traffic Engineering",
        3 => "Graceful restart",
        4 => "Router Information",
        _ => "unknown",
    };

    /// <summary>A metric's topology (draft-ietf-ospf-mt) up to its number: <c>topology default (0</c>; the caller closes it.</summary>
    private static void WriteTopology(ref LineWriter writer, uint topology)
    {
        writer.Append("\n\t\ttopology ");
        writer.Append(topology switch { 0 => "default", 1 => "multicast", 2 => "management", _ => "Unknown" });
        writer.Append(" (");
        writer.AppendDecimal(topology);
    }
}
