namespace Pcap.Filter.Bpf;

/// <summary>
/// Why <see cref="BpfValidator"/> refused a program: the offending instruction (when one is to blame),
/// its index and the reason, in words a person can act on.
/// </summary>
/// <param name="InstructionIndex">The index of the offending instruction, or null when the program as a whole is wrong (empty, too long).</param>
/// <param name="Instruction">The offending instruction, or null when the program as a whole is wrong.</param>
/// <param name="Reason">What is wrong, e.g. "division by the constant 0".</param>
public sealed record BpfValidationError(int? InstructionIndex, BpfInstruction? Instruction, string Reason)
{
    /// <summary>The whole message, e.g. <c>instruction 3 (div #0, { 0x34, 0, 0, 0x00000000 }): division by the constant 0</c>.</summary>
    public string Message => InstructionIndex is { } index && Instruction is { } instruction
        ? $"instruction {index} ({BpfDisassembler.FormatInstruction(instruction, index)}, {instruction}): {Reason}"
        : Reason;

    /// <summary>The same as <see cref="Message"/>.</summary>
    public override string ToString() => Message;
}
