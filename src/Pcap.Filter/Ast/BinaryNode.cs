namespace Pcap.Filter.Ast;

/// <summary><c>left op right</c> with a BPF ALU operation.</summary>
internal sealed record BinaryNode(ushort Operation, ArithmeticNode Left, ArithmeticNode Right, int Position, int Length)
    : ArithmeticNode(Position, Length);
