namespace Pcap.Filter.Ast;

/// <summary>The primitives that are neither identifiers nor relations.</summary>
internal enum SpecialKind
{
    Broadcast, Multicast, Less, Greater, Inbound, Outbound, IfIndex, Vlan, Mpls, Pppoed, Pppoes, Geneve, Llc, ByteCompare,
}
