using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>AppleTalk DDP over Ethernet or SNAP (EtherTalk) as tcpdump 4.99's print-atalk.c prints its header.</summary>
internal static class AppleTalkPrinter
{
    /// <summary>Prints the datagram in <paramref name="bytes"/> (<paramref name="length"/> bytes after the link header).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        // tcpdump's EtherType dispatch marks EtherTalk with -v.
        if (state.Options.Verbose > 0)
            writer.Append("et1 ");
        if (!state.Options.LinkHeader)
            writer.Append("AT ");
        if (length < DdpHeader.Length)
        {
            writer.Append(" [|ddp ");
            writer.AppendDecimal((uint)Math.Max(length, 0));
            writer.Append(']');
            return;
        }
        if (!DdpHeader.TryRead(bytes, out var ddp, out _))
        {
            writer.Append(" [|ddp]");
            return;
        }
        WriteAddress(ref writer, state, ddp.SourceNetwork, ddp.SourceNode, ddp.SourceSocket);
        writer.Append(" > ");
        WriteAddress(ref writer, state, ddp.DestinationNetwork, ddp.DestinationNode, ddp.DestinationSocket);
        writer.Append(":  at-");
        var name = ddp.Type switch { 1 => "rtmp", 5 => "rtmpReq", 4 => "echo", 22 => "IP", 23 => "ARP", 0x4b => "KLAP", _ => null };
        if (name is null)
        {
            writer.Append('#');
            writer.AppendDecimal(ddp.Type);
        }
        else
        {
            writer.Append(name);
        }
        writer.Append(' ');
        writer.AppendDecimal((uint)(length - DdpHeader.Length));
    }

    // net.node.socket; a node of 255 is the network alone, and without -n the well-known sockets go by name.
    private static void WriteAddress(ref LineWriter writer, PrintState state, ushort network, byte node, byte socket)
    {
        writer.AppendDecimal(network);
        if (node != 255)
        {
            writer.Append('.');
            writer.AppendDecimal(node);
        }
        writer.Append('.');
        var name = state.Options.NoResolve ? null : socket switch { 1 => "rtmp", 2 => "nis", 4 => "echo", 6 => "zip", _ => null };
        if (name is null)
            writer.AppendDecimal(socket);
        else
            writer.Append(name);
    }
}
