namespace Pcap.Filter.Ast;

/// <summary>A number or named constant such as <c>tcp-syn</c>.</summary>
internal sealed record ConstantNode(uint Value, int Position, int Length) : ArithmeticNode(Position, Length);
