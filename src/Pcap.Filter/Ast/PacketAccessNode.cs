namespace Pcap.Filter.Ast;

/// <summary><c>proto[index]</c> or <c>proto[index:size]</c>.</summary>
internal sealed record PacketAccessNode(ProtoQualifier Protocol, ArithmeticNode Index, uint Size, int Position, int Length)
    : ArithmeticNode(Position, Length);
