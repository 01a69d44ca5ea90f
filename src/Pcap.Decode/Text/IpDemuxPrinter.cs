using Pcap.Decode.Transport;
using Pcap.Wire;

namespace Pcap.Decode.Text;

/// <summary>
/// tcpdump's <c>print-ip-demux.c</c>: the printer for the protocol an IPv4 header or the IPv6 header chain names, with
/// IP-in-IP bounded by <see cref="PrintState.TunnelDepth"/>.
/// </summary>
internal static class IpDemuxPrinter
{
    /// <summary>How many IP-in-IP headers deep the printers follow before they give up on the packet.</summary>
    private const int MaximumTunnelDepth = 64;

    /// <summary>Prints <paramref name="payload"/> (<paramref name="length"/> bytes by the IP layer) as <paramref name="protocol"/>.</summary>
    public static void Print(ref LineWriter writer, PrintState state, IpProtocol protocol, ReadOnlySpan<byte> payload, int length, in IpContext context)
    {
        switch (protocol.Value)
        {
            case 6:
                TcpPrinter.Print(ref writer, state, payload, length, in context);
                break;
            case 17:
                var applicationLength = UdpPrinter.Print(ref writer, state, payload, length, in context);
                // A length of 0 or more means the whole UDP header was captured.
                if (applicationLength >= 0 && UdpHeader.TryRead(payload, out var udp, out _))
                    ApplicationPrinter.PrintUdp(ref writer, state, udp.Payload, applicationLength, udp.SourcePort, udp.DestinationPort);
                break;
            case 2:
                IgmpPrinter.Print(ref writer, state, payload, length, in context);
                break;
            case 1 when context.IsIpv6:
                writer.Append("[ICMP requires IPv4] (invalid)");
                break;
            case 58 when !context.IsIpv6:
                writer.Append("[ICMPv6 requires IPv6] (invalid)");
                break;
            case 1:
                IcmpPrinter.Print(ref writer, state, payload, length, in context);
                break;
            case 58:
                Icmpv6Printer.Print(ref writer, state, payload, length, in context);
                break;
            case 47: GrePrinter.Print(ref writer, state, payload, length); break;
            case 112: VrrpPrinter.Print(ref writer, state, payload, length, in context); break;
            case 50: EspPrinter.Print(ref writer, state, payload, length); break;
            case 51: AhPrinter.Print(ref writer, state, payload, length, in context); break;
            case 132: SctpPrinter.Print(ref writer, state, payload, length, in context); break;
            case 103: PimPrinter.Print(ref writer, state, payload, length, in context); break;
            case 89 when context.IsIpv6: Ospf6Printer.Print(ref writer, state, payload, length); break;
            case 89: OspfPrinter.Print(ref writer, state, payload, length); break;
            case 59:
                // tcpdump's ip_demux_print names IPPROTO_NONE itself, with no length.
                writer.Append("no next header");
                break;
            case 77:
                writer.Append(" nd ");
                writer.AppendDecimal((uint)length);
                break;
            case 4:
            case 41:
                // IP in IP: tcpdump recurses without a bound; ours stops where the stack would be at risk.
                if (state.TunnelDepth >= MaximumTunnelDepth)
                {
                    state.WriteTruncated(ref writer, protocol.Value == 4 ? "ip" : "ip6", abandoned: true);
                    break;
                }
                state.TunnelDepth++;
                if (protocol.Value == 4)
                    Ipv4Printer.Print(ref writer, state, payload, length);
                else
                    Ipv6Printer.Print(ref writer, state, payload, length);
                state.TunnelDepth--;
                break;
            default:
                WriteProtocolName(ref writer, state, protocol);
                writer.Append(' ');
                writer.AppendDecimal((uint)length);
                break;
        }
    }

    /// <summary>A protocol no printer decodes: <c> name</c> (without <c>-n</c>) or <c> ip-proto-N</c>.</summary>
    public static void WriteProtocolName(ref LineWriter writer, PrintState state, IpProtocol protocol)
    {
        var name = state.Options.NoResolve ? null : ProtocolNames.Find(protocol.Value);
        if (name is not null)
        {
            writer.Append(' ');
            writer.Append(name);
        }
        else
        {
            writer.Append(" ip-proto-");
            writer.AppendDecimal(protocol.Value);
        }
    }
}
