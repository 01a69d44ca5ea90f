namespace Pcap.Filter.Ast;

/// <summary>A node of a parsed filter expression; <see cref="Position"/> and <see cref="Length"/> locate its text.</summary>
internal abstract record FilterNode(int Position, int Length);
