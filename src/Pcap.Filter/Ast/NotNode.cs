namespace Pcap.Filter.Ast;

/// <summary><c>not operand</c>.</summary>
internal sealed record NotNode(FilterNode Operand, int Position, int Length) : FilterNode(Position, Length);
