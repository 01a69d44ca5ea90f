namespace Pcap.Filter.Parsing;

/// <summary>What a reserved word does in the grammar.</summary>
internal enum KeywordRole
{
    Protocol, Direction, AddressType, Proto, Protochain, Gateway, Less, Greater, Byte, Broadcast, Multicast, Len,
    Inbound, Outbound, IfIndex, Vlan, Mpls, Pppoed, Pppoes, Geneve, Llc, NamedNumber, Logical, Unsupported,
}
