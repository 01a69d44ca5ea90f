namespace Pcap.Filter.Ast;

/// <summary>Unary minus.</summary>
internal sealed record NegateNode(ArithmeticNode Operand, int Position, int Length) : ArithmeticNode(Position, Length);
