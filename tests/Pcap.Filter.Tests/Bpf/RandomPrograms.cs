using Pcap.Filter.Bpf;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Tests.Bpf;

/// <summary>Seeded generators of BPF programs and packets for the differential tests.</summary>
internal sealed class RandomPrograms(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Every opcode both libpcap's bpf_filter and the kernel know.</summary>
    public static readonly ushort[] KnownOpcodes =
    [
        Ret | K, Ret | RetA,
        Ld | W | Abs, Ld | H | Abs, Ld | B | Abs, Ld | W | Len, Ldx | W | Len,
        Ld | W | Ind, Ld | H | Ind, Ld | B | Ind, Ldx | B | Msh, Ld | Imm, Ldx | Imm,
        Ld | Mem, Ldx | Mem, St, Stx,
        Jmp | Ja, Jmp | Jgt | K, Jmp | Jge | K, Jmp | Jeq | K, Jmp | Jset | K,
        Jmp | Jgt | X, Jmp | Jge | X, Jmp | Jeq | X, Jmp | Jset | X,
        Alu | Add | X, Alu | Sub | X, Alu | Mul | X, Alu | Div | X, Alu | Mod | X, Alu | And | X, Alu | Or | X,
        Alu | Xor | X, Alu | Lsh | X, Alu | Rsh | X,
        Alu | Add | K, Alu | Sub | K, Alu | Mul | K, Alu | Div | K, Alu | Mod | K, Alu | And | K, Alu | Or | K,
        Alu | Xor | K, Alu | Lsh | K, Alu | Rsh | K, Alu | Neg,
        Misc | Tax, Misc | Txa,
    ];

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>
    /// A program bpf_validate accepts and bpf_filter runs without undefined behaviour: known opcodes, forward jumps inside the program,
    /// nonzero constant divisors, scratch loads only from words a straight-line prologue stored. Constant shifts of
    /// 32 to 39 appear too: bpf_validate accepts them, the kernel does not.
    /// </summary>
    public BpfInstruction[] ValidProgram()
    {
        var length = 2 + _random.Next(40);
        var program = new BpfInstruction[length];
        var stored = new List<uint>();
        var prologue = _random.Next(4);
        var pc = 0;
        for (; pc < prologue && pc < length - 1; pc++)
        {
            var word = (uint)_random.Next(MemoryWords);
            stored.Add(word);
            program[pc] = pc % 2 == 0
                ? BpfInstruction.Statement(St, word)
                : BpfInstruction.Statement(Stx, word);
        }
        for (; pc < length - 1; pc++)
            program[pc] = ValidInstruction(pc, length, stored);
        program[length - 1] = _random.Next(3) == 0
            ? BpfInstruction.Statement(Ret | K, Constant())
            : BpfInstruction.Statement(Ret | RetA, 0);
        return program;
    }

    private BpfInstruction ValidInstruction(int pc, int length, List<uint> stored)
    {
        while (true)
        {
            var code = KnownOpcodes[_random.Next(KnownOpcodes.Length)];
            var remaining = length - pc - 1; // instructions after this one
            switch (code)
            {
                case Ld | Mem or Ldx | Mem:
                    if (stored.Count == 0)
                        continue;
                    return BpfInstruction.Statement(code, stored[_random.Next(stored.Count)]);
                case St or Stx:
                    return BpfInstruction.Statement(code, (uint)_random.Next(MemoryWords));
                case Jmp | Ja:
                    return BpfInstruction.Statement(code, (uint)_random.Next(Math.Min(remaining, 8)));
                case Alu | Div | K or Alu | Mod | K:
                    return BpfInstruction.Statement(code, 1 + (uint)_random.Next(_random.Next(2) == 0 ? 16 : int.MaxValue));
                case Alu | Lsh | K or Alu | Rsh | K:
                    return BpfInstruction.Statement(code, (uint)_random.Next(_random.Next(8) == 0 ? 40 : 32));
                case Ld | W | Abs or Ld | H | Abs or Ld | B | Abs or Ld | W | Ind or Ld | H | Ind or Ld | B | Ind or Ldx | B | Msh:
                    return BpfInstruction.Statement(code, Offset());
                case Ret | K or Ret | RetA:
                    return BpfInstruction.Statement(code, Constant());
                default:
                    if (BpfOpcodes.ClassOf(code) == Jmp)
                    {
                        var reach = Math.Min(remaining, 255);
                        return BpfInstruction.Jump(code, Constant(),
                            (byte)_random.Next(Math.Min(reach, 6)), (byte)_random.Next(Math.Min(reach, 6)));
                    }
                    return BpfInstruction.Statement(code, Constant());
            }
        }
    }

    /// <summary>A packet offset: mostly inside a short packet, sometimes at the edges of the 32-bit range or in the ancillary area.</summary>
    public uint Offset() => _random.Next(10) switch
    {
        0 => uint.MaxValue - (uint)_random.Next(8),
        1 => BpfAncillary.Offset + (uint)_random.Next((int)BpfAncillary.Max + 4),
        2 => (uint)_random.Next(),
        _ => (uint)_random.Next(100),
    };

    /// <summary>A constant biased towards small numbers and edge values.</summary>
    public uint Constant() => _random.Next(6) switch
    {
        0 => (uint)_random.Next(4),
        1 => uint.MaxValue - (uint)_random.Next(4),
        2 => (uint)_random.NextInt64(0, 1L << 32),
        3 => 0x80000000u,
        _ => (uint)_random.Next(256),
    };

    /// <summary>A packet of 0 to 96 random bytes (biased to few distinct values so comparisons hit).</summary>
    public byte[] Packet()
    {
        var packet = new byte[_random.Next(5) == 0 ? _random.Next(4) : _random.Next(97)];
        for (var i = 0; i < packet.Length; i++)
            packet[i] = _random.Next(3) == 0 ? (byte)_random.Next(4) : (byte)_random.Next(256);
        return packet;
    }

    /// <summary>A wire length at least the captured length, sometimes far more.</summary>
    public uint WireLength(int captured) => _random.Next(3) switch
    {
        0 => (uint)captured,
        1 => (uint)(captured + _random.Next(1600)),
        _ => (uint)captured + (uint)_random.Next(),
    };
}
