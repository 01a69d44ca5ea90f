namespace Pcap.Filter.Ast;

/// <summary>A comparison of two arithmetic expressions; <see cref="Reversed"/> negates the jump (<c>&lt;=</c>, <c>&lt;</c>, <c>!=</c>).</summary>
internal sealed record RelationNode(ArithmeticNode Left, ushort JumpCode, bool Reversed, ArithmeticNode Right,
    int Position, int Length) : FilterNode(Position, Length);
