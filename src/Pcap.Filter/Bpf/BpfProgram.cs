namespace Pcap.Filter.Bpf;

/// <summary>
/// An immutable classic BPF program of at most <see cref="MaxInstructions"/> instructions,
/// the unit that is attached to a socket, interpreted, JIT-compiled or disassembled.
/// </summary>
public sealed class BpfProgram
{
    /// <summary>The most instructions a program may have (<c>BPF_MAXINSNS</c>, the kernel's limit).</summary>
    public const int MaxInstructions = 4096;

    private readonly BpfInstruction[] _instructions;

    /// <summary>Creates a program from a copy of <paramref name="instructions"/>.</summary>
    /// <exception cref="ArgumentException">The program is empty or longer than <see cref="MaxInstructions"/>.</exception>
    public BpfProgram(ReadOnlySpan<BpfInstruction> instructions)
    {
        if (instructions.IsEmpty)
            throw new ArgumentException("A BPF program needs at least one instruction.", nameof(instructions));
        if (instructions.Length > MaxInstructions)
            throw new ArgumentException(
                $"A BPF program may have at most {MaxInstructions} instructions; this one has {instructions.Length}.",
                nameof(instructions));
        _instructions = instructions.ToArray();
    }

    /// <summary>Creates a program from a copy of <paramref name="instructions"/>.</summary>
    /// <exception cref="ArgumentException">The program is empty or longer than <see cref="MaxInstructions"/>.</exception>
    public BpfProgram(IEnumerable<BpfInstruction> instructions)
        : this((instructions ?? throw new ArgumentNullException(nameof(instructions))).ToArray().AsSpan())
    {
    }

    /// <summary>The instructions, in order.</summary>
    public ReadOnlySpan<BpfInstruction> Instructions => _instructions;

    /// <summary>The number of instructions.</summary>
    public int Length => _instructions.Length;

    /// <summary>The instruction at <paramref name="index"/>.</summary>
    public BpfInstruction this[int index] => _instructions[index];
}
