namespace Pcap.Filter.Ast;

/// <summary><c>left or right</c>.</summary>
internal sealed record OrNode(FilterNode Left, FilterNode Right, int Position, int Length) : FilterNode(Position, Length);
