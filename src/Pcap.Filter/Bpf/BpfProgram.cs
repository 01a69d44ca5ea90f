namespace Pcap.Filter.Bpf;

/// <summary>
/// An immutable classic BPF program, the unit that is attached to a socket, interpreted, JIT-compiled or disassembled.
/// A socket takes at most <see cref="MaxInstructions"/> instructions (<see cref="FitsKernel"/>); in user space only
/// memory limits a program.
/// </summary>
public sealed class BpfProgram
{
    /// <summary>The most instructions the kernel takes in a program (<c>BPF_MAXINSNS</c>).</summary>
    public const int MaxInstructions = 4096;

    private readonly BpfInstruction[] _instructions;

    /// <summary>Creates a program from a copy of <paramref name="instructions"/>.</summary>
    /// <exception cref="ArgumentException">The program is empty.</exception>
    public BpfProgram(ReadOnlySpan<BpfInstruction> instructions)
    {
        if (instructions.IsEmpty)
            throw new ArgumentException("A BPF program needs at least one instruction.", nameof(instructions));
        _instructions = instructions.ToArray();
    }

    // Takes the array itself, for the compiler's freshly built programs; the flag only sets it apart from the copying constructors.
    private BpfProgram(BpfInstruction[] instructions, bool owned)
    {
        System.Diagnostics.Debug.Assert(owned && instructions.Length > 0, "A BPF program needs at least one instruction.");
        _instructions = instructions;
    }

    /// <summary>A program of <paramref name="instructions"/> itself, not a copy: the caller gives up the (non-empty) array.</summary>
    internal static BpfProgram Owning(BpfInstruction[] instructions) => new(instructions, owned: true);

    /// <summary>Creates a program from a copy of <paramref name="instructions"/>.</summary>
    /// <exception cref="ArgumentException">The program is empty.</exception>
    public BpfProgram(IEnumerable<BpfInstruction> instructions)
        : this((instructions ?? throw new ArgumentNullException(nameof(instructions))).ToArray().AsSpan())
    {
    }

    /// <summary>The instructions, in order.</summary>
    public ReadOnlySpan<BpfInstruction> Instructions => _instructions;

    /// <summary>The number of instructions.</summary>
    public int Length => _instructions.Length;

    /// <summary>Whether the kernel takes a program this long (at most <see cref="MaxInstructions"/> instructions).</summary>
    public bool FitsKernel => _instructions.Length <= MaxInstructions;

    /// <summary>The instruction at <paramref name="index"/>.</summary>
    public BpfInstruction this[int index] => _instructions[index];
}
