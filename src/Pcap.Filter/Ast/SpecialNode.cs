namespace Pcap.Filter.Ast;

/// <summary>
/// A primitive such as <c>ip broadcast</c>, <c>less 100</c>, <c>vlan 10</c>, <c>llc u</c> or <c>byte 3 = 1</c>.
/// <see cref="Value"/> and <see cref="HasValue"/> carry the optional number; <see cref="Name"/> the LLC type.
/// </summary>
internal sealed record SpecialNode(SpecialKind Kind, ProtoQualifier Protocol, uint Value, bool HasValue, string? Name,
    char ByteOperator, uint ByteValue, int Position, int Length) : FilterNode(Position, Length);
