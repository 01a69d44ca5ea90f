namespace Pcap.Filter.Ast;

/// <summary>
/// A primitive's identifier with the qualifiers in force: <c>host 10.0.0.1</c>, <c>port http</c>, <c>net 10/8</c>,
/// <c>ether src 0:1:2:3:4:5</c>, or the second half of <c>host a or b</c>.
/// </summary>
internal sealed record IdentifierNode(Qualifiers Qualifiers, IdentifierKind Kind, string Text, uint Number,
    string? MaskText, int Position, int Length) : FilterNode(Position, Length);
