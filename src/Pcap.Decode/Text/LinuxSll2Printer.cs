using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>
/// Linux cooked captures v2 (<c>-i any</c>) as tcpdump's <c>print-sll.c</c> prints them, from the <see cref="LinuxSll2Header"/>
/// view: the interface name and packet type on every line, the rest shared with <see cref="LinuxSllPrinter"/>.
/// </summary>
internal static class LinuxSll2Printer
{
    /// <summary>Prints the packet in <paramref name="packet"/>; returns the link header bytes that <c>-x</c> skips.</summary>
    public static int Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> packet, int length)
    {
        if (!LinuxSll2Header.TryRead(packet, out var sll, out _))
        {
            state.WriteTruncated(ref writer, "sll2", abandoned: true);
            return packet.Length;
        }
        var name = state.Options.InterfaceNames is { } lookup ? lookup(sll.InterfaceIndex) : state.InterfaceNames.Find(sll.InterfaceIndex);
        writer.Append(name ?? "?");
        for (var i = (name ?? "?").Length; i < 5; i++)
            writer.Append(' ');
        writer.Append(' ');
        LinuxSllPrinter.WritePacketType(ref writer, (ushort)sll.PacketType, leftAligned: true);
        if (state.Options.LinkHeader)
        {
            writer.Append("ifindex ");
            writer.AppendDecimal(sll.InterfaceIndex);
            writer.Append(' ');
            LinuxSllPrinter.WriteCookedTail(ref writer, state, sll.AddressLength, sll.AddressField, sll.Protocol, length);
        }
        return LinuxSll2Header.Length + LinuxSllPrinter.PrintCookedPayload(ref writer, state, sll.Protocol, sll.Payload, length - LinuxSll2Header.Length,
            sll.AddressLength, sll.AddressField, length, -1, sll.InterfaceIndex);
    }
}
