namespace Pcap.Filter.Ast;

/// <summary><c>left and right</c>.</summary>
internal sealed record AndNode(FilterNode Left, FilterNode Right, int Position, int Length) : FilterNode(Position, Length);
