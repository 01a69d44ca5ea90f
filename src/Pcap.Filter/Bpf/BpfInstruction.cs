using System.Runtime.InteropServices;

namespace Pcap.Filter.Bpf;

/// <summary>
/// One classic BPF instruction, laid out exactly like the kernel's <c>struct sock_filter</c>
/// (<c>u16 code; u8 jt; u8 jf; u32 k;</c>, 8 bytes), so a span of these can be handed to
/// <c>SO_ATTACH_FILTER</c> without copying.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct BpfInstruction
{
    /// <summary>The size of one instruction in bytes, as the kernel expects it.</summary>
    public const int SizeInBytes = 8;

    /// <summary>Creates an instruction from its four raw fields.</summary>
    /// <param name="code">The opcode: class, size, mode, operation and source bits (see <see cref="BpfOpcodes"/>).</param>
    /// <param name="jt">Jump offset taken when a conditional jump is true.</param>
    /// <param name="jf">Jump offset taken when a conditional jump is false.</param>
    /// <param name="k">The generic 32-bit operand.</param>
    public BpfInstruction(ushort code, byte jt, byte jf, uint k)
    {
        Code = code;
        Jt = jt;
        Jf = jf;
        K = k;
    }

    /// <summary>The opcode: class, size, mode, operation and source bits.</summary>
    public ushort Code { get; }

    /// <summary>Instructions to skip when a conditional jump is true.</summary>
    public byte Jt { get; }

    /// <summary>Instructions to skip when a conditional jump is false.</summary>
    public byte Jf { get; }

    /// <summary>The generic operand: a constant, an offset, a scratch-memory index or a jump length.</summary>
    public uint K { get; }

    /// <summary>The instruction class (<see cref="BpfOpcodes.Ld"/>, <see cref="BpfOpcodes.Jmp"/>, ...).</summary>
    public ushort Class => BpfOpcodes.ClassOf(Code);

    /// <summary>Creates a non-jump instruction (<c>BPF_STMT</c>).</summary>
    public static BpfInstruction Statement(ushort code, uint k) => new(code, 0, 0, k);

    /// <summary>Creates a jump instruction (<c>BPF_JUMP</c>).</summary>
    public static BpfInstruction Jump(ushort code, uint k, byte jt, byte jf) => new(code, jt, jf, k);

    /// <summary>Shows the raw fields as <c>{ code, jt, jf, k }</c>, as <c>tcpdump -dd</c> does.</summary>
    public override string ToString() => $"{{ 0x{Code:x}, {Jt}, {Jf}, 0x{K:x8} }}";
}
