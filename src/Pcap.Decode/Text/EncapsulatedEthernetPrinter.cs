namespace Pcap.Decode.Text;

/// <summary>
/// An Ethernet frame carried by a tunnel (VXLAN, GRE's transparent bridging, Geneve), as tcpdump's ether_print checks
/// and prints it; tunnels that recurse through it share <see cref="PrintState.EncapsulationDepth"/> as their bound.
/// </summary>
internal static class EncapsulatedEthernetPrinter
{
    /// <summary>
    /// How deep tunnels nest before the packet is given up with tcpdump's truncation mark. tcpdump 4.99.3 recurses
    /// without a limit (netdissect.h has no nesting bound); a crafted packet can nest thousands deep, which would exhaust
    /// the stack here. 64 is far beyond any real stack of tunnels.
    /// </summary>
    public const int MaximumDepth = 64;

    /// <summary>Prints the frame of <paramref name="length"/> bytes, of which <paramref name="frame"/> were captured.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> frame, int length, string tunnel)
    {
        if (length < frame.Length)
        {
            writer.Append("[length ");
            writer.AppendDecimal((uint)length);
            writer.Append(" < caplen ");
            writer.AppendDecimal((uint)frame.Length);
            writer.Append("] (invalid)");
            return;
        }
        if (state.EncapsulationDepth >= MaximumDepth)
        {
            state.WriteTruncated(ref writer, tunnel, abandoned: true);
            return;
        }
        state.EncapsulationDepth++;
        EthernetPrinter.Print(ref writer, state, frame, length);
        state.EncapsulationDepth--;
    }
}
