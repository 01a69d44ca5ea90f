namespace Pcap.Filter.Ast;

/// <summary>An arithmetic expression operand of a relation.</summary>
internal abstract record ArithmeticNode(int Position, int Length) : FilterNode(Position, Length);
