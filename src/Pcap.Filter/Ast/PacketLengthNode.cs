namespace Pcap.Filter.Ast;

/// <summary><c>len</c>: the packet's length on the wire.</summary>
internal sealed record PacketLengthNode(int Position, int Length) : ArithmeticNode(Position, Length);
