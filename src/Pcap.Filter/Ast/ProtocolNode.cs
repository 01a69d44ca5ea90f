namespace Pcap.Filter.Ast;

/// <summary>A protocol keyword on its own: <c>tcp</c>, <c>arp</c>, <c>ip6</c>, <c>stp</c>, ...</summary>
internal sealed record ProtocolNode(ProtoQualifier Protocol, int Position, int Length) : FilterNode(Position, Length);
