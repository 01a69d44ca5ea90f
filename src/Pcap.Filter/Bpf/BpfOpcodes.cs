namespace Pcap.Filter.Bpf;

/// <summary>
/// The bit fields of a classic BPF opcode, with the values of <c>linux/filter.h</c> and libpcap's <c>bpf.h</c>.
/// An opcode is <c>class | size | mode</c> for loads and stores, <c>class | op | source</c> for ALU and jumps,
/// and <c>class | rval</c> for returns.
/// </summary>
public static class BpfOpcodes
{
    // Instruction classes (the low three bits).

    /// <summary>Load into the accumulator A.</summary>
    public const ushort Ld = 0x00;
    /// <summary>Load into the index register X.</summary>
    public const ushort Ldx = 0x01;
    /// <summary>Store A into scratch memory.</summary>
    public const ushort St = 0x02;
    /// <summary>Store X into scratch memory.</summary>
    public const ushort Stx = 0x03;
    /// <summary>Arithmetic and logic on A.</summary>
    public const ushort Alu = 0x04;
    /// <summary>Jumps.</summary>
    public const ushort Jmp = 0x05;
    /// <summary>Return from the program.</summary>
    public const ushort Ret = 0x06;
    /// <summary>Register transfers (<c>tax</c>, <c>txa</c>).</summary>
    public const ushort Misc = 0x07;

    // Load sizes.

    /// <summary>32-bit word.</summary>
    public const ushort W = 0x00;
    /// <summary>16-bit half word.</summary>
    public const ushort H = 0x08;
    /// <summary>Byte.</summary>
    public const ushort B = 0x10;

    // Load modes.

    /// <summary>Immediate constant <c>k</c>.</summary>
    public const ushort Imm = 0x00;
    /// <summary>Packet data at absolute offset <c>k</c>.</summary>
    public const ushort Abs = 0x20;
    /// <summary>Packet data at offset <c>X + k</c>.</summary>
    public const ushort Ind = 0x40;
    /// <summary>Scratch memory word <c>M[k]</c>.</summary>
    public const ushort Mem = 0x60;
    /// <summary>The packet's wire length.</summary>
    public const ushort Len = 0x80;
    /// <summary><c>4 * (P[k] &amp; 0xf)</c>, the IPv4 header length trick (only with <see cref="Ldx"/> and <see cref="B"/>).</summary>
    public const ushort Msh = 0xa0;

    // ALU operations.

    /// <summary>A + operand.</summary>
    public const ushort Add = 0x00;
    /// <summary>A - operand.</summary>
    public const ushort Sub = 0x10;
    /// <summary>A * operand.</summary>
    public const ushort Mul = 0x20;
    /// <summary>A / operand (unsigned).</summary>
    public const ushort Div = 0x30;
    /// <summary>A | operand.</summary>
    public const ushort Or = 0x40;
    /// <summary>A &amp; operand.</summary>
    public const ushort And = 0x50;
    /// <summary>A &lt;&lt; operand.</summary>
    public const ushort Lsh = 0x60;
    /// <summary>A &gt;&gt; operand (logical).</summary>
    public const ushort Rsh = 0x70;
    /// <summary>-A.</summary>
    public const ushort Neg = 0x80;
    /// <summary>A % operand (unsigned).</summary>
    public const ushort Mod = 0x90;
    /// <summary>A ^ operand.</summary>
    public const ushort Xor = 0xa0;

    // Jump operations.

    /// <summary>Unconditional jump by <c>k</c>.</summary>
    public const ushort Ja = 0x00;
    /// <summary>Jump if A == operand.</summary>
    public const ushort Jeq = 0x10;
    /// <summary>Jump if A &gt; operand (unsigned).</summary>
    public const ushort Jgt = 0x20;
    /// <summary>Jump if A &gt;= operand (unsigned).</summary>
    public const ushort Jge = 0x30;
    /// <summary>Jump if (A &amp; operand) != 0.</summary>
    public const ushort Jset = 0x40;

    // Operand sources.

    /// <summary>The operand is the constant <c>k</c>.</summary>
    public const ushort K = 0x00;
    /// <summary>The operand is the register X.</summary>
    public const ushort X = 0x08;

    // Return values.

    /// <summary>Return the accumulator (with <see cref="Ret"/>).</summary>
    public const ushort RetA = 0x10;

    // Misc operations.

    /// <summary>X = A.</summary>
    public const ushort Tax = 0x00;
    /// <summary>A = X.</summary>
    public const ushort Txa = 0x80;

    /// <summary>The number of 32-bit scratch memory words (<c>BPF_MEMWORDS</c>).</summary>
    public const int MemoryWords = 16;

    /// <summary>The class bits of an opcode.</summary>
    public static ushort ClassOf(ushort code) => (ushort)(code & 0x07);

    /// <summary>The size bits of a load or store opcode.</summary>
    public static ushort SizeOf(ushort code) => (ushort)(code & 0x18);

    /// <summary>The mode bits of a load or store opcode.</summary>
    public static ushort ModeOf(ushort code) => (ushort)(code & 0xe0);

    /// <summary>The operation bits of an ALU or jump opcode.</summary>
    public static ushort OperationOf(ushort code) => (ushort)(code & 0xf0);

    /// <summary>The source bit of an ALU or jump opcode.</summary>
    public static ushort SourceOf(ushort code) => (ushort)(code & 0x08);

    /// <summary>The return-value bits of a return opcode.</summary>
    public static ushort ReturnValueOf(ushort code) => (ushort)(code & 0x18);

    /// <summary>The misc-operation bits of a misc opcode.</summary>
    public static ushort MiscOperationOf(ushort code) => (ushort)(code & 0xf8);
}
