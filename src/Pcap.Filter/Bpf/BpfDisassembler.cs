using System.Globalization;
using System.Text;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Bpf;

/// <summary>
/// Prints programs exactly as <c>tcpdump -d</c>, <c>-dd</c> and <c>-ddd</c> do (libpcap's <c>bpf_dump</c> and
/// <c>bpf_image</c>), byte for byte, including the names of Linux ancillary loads (<c>ldh [type]</c>, <c>ld [ifidx]</c>).
/// </summary>
public static class BpfDisassembler
{
    // libpcap's names for SKF_AD_OFF + 4 * i.
    private static readonly string[] AncillaryNames =
    [
        "proto", "type", "ifidx", "nla", "nlan", "mark", "queue", "hatype",
        "rxhash", "cpu", "xor_x", "vlan_tci", "vlanp", "poff", "random", "vlan_tpid",
    ];

    /// <summary>The whole dump of <paramref name="program"/> in <paramref name="format"/>, each line ending in a newline.</summary>
    public static string Format(ReadOnlySpan<BpfInstruction> program, BpfDumpFormat format)
    {
        var text = new StringBuilder(program.Length * 40);
        var invariant = CultureInfo.InvariantCulture;
        switch (format)
        {
            case BpfDumpFormat.Decimal:
                text.Append(invariant, $"{program.Length}\n");
                foreach (var instruction in program)
                    text.Append(invariant, $"{instruction.Code} {instruction.Jt} {instruction.Jf} {instruction.K}\n");
                break;
            case BpfDumpFormat.CArray:
                foreach (var instruction in program)
                    text.Append(invariant, $"{{ 0x{instruction.Code:x}, {instruction.Jt}, {instruction.Jf}, 0x{instruction.K:x8} }},\n");
                break;
            case BpfDumpFormat.Assembly:
                for (var i = 0; i < program.Length; i++)
                    text.Append(FormatInstruction(program[i], i)).Append('\n');
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown dump format.");
        }
        return text.ToString();
    }

    /// <summary>The whole dump of <paramref name="program"/>; see <see cref="Format(ReadOnlySpan{BpfInstruction}, BpfDumpFormat)"/>.</summary>
    public static string Format(BpfProgram program, BpfDumpFormat format)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Format(program.Instructions, format);
    }

    /// <summary>
    /// One line of <c>tcpdump -d</c> for <paramref name="instruction"/> at <paramref name="index"/>, without the newline
    /// (libpcap's <c>bpf_image</c>), e.g. <c>(001) jeq      #0x800           jt 2	jf 3</c>.
    /// </summary>
    public static string FormatInstruction(BpfInstruction instruction, int index)
    {
        var (operation, operand) = Describe(instruction, index);
        var invariant = CultureInfo.InvariantCulture;
        if (ClassOf(instruction.Code) == Jmp && OperationOf(instruction.Code) != Ja)
            return string.Create(invariant,
                $"({index:000}) {operation,-8} {operand,-16} jt {index + 1 + instruction.Jt}\tjf {index + 1 + instruction.Jf}");
        return string.Create(invariant, $"({index:000}) {operation,-8} {operand}");
    }

    private static (string Operation, string Operand) Describe(BpfInstruction instruction, int index)
    {
        var k = instruction.K;
        // bpf_image prints k with %d (signed) or 0x%x (unsigned hex), depending on the instruction.
        var signed = ((int)k).ToString(CultureInfo.InvariantCulture);
        var hex = "#0x" + k.ToString("x", CultureInfo.InvariantCulture);
        return instruction.Code switch
        {
            Ret | K => ("ret", "#" + signed),
            Ret | RetA => ("ret", ""),
            Ld | W | Abs => ("ld", AbsoluteOperand(k)),
            Ld | H | Abs => ("ldh", AbsoluteOperand(k)),
            Ld | B | Abs => ("ldb", AbsoluteOperand(k)),
            Ld | W | Len => ("ld", "#pktlen"),
            Ld | W | Ind => ("ld", $"[x + {signed}]"),
            Ld | H | Ind => ("ldh", $"[x + {signed}]"),
            Ld | B | Ind => ("ldb", $"[x + {signed}]"),
            Ld | Imm => ("ld", hex),
            Ldx | Imm => ("ldx", hex),
            Ldx | B | Msh => ("ldxb", $"4*([{signed}]&0xf)"),
            Ld | Mem => ("ld", $"M[{signed}]"),
            Ldx | Mem => ("ldx", $"M[{signed}]"),
            St => ("st", $"M[{signed}]"),
            Stx => ("stx", $"M[{signed}]"),
            Jmp | Ja => ("ja", unchecked((int)((uint)index + 1 + k)).ToString(CultureInfo.InvariantCulture)),
            Jmp | Jgt | K => ("jgt", hex),
            Jmp | Jge | K => ("jge", hex),
            Jmp | Jeq | K => ("jeq", hex),
            Jmp | Jset | K => ("jset", hex),
            Jmp | Jgt | X => ("jgt", "x"),
            Jmp | Jge | X => ("jge", "x"),
            Jmp | Jeq | X => ("jeq", "x"),
            Jmp | Jset | X => ("jset", "x"),
            Alu | Add | X => ("add", "x"),
            Alu | Sub | X => ("sub", "x"),
            Alu | Mul | X => ("mul", "x"),
            Alu | Div | X => ("div", "x"),
            Alu | Mod | X => ("mod", "x"),
            Alu | And | X => ("and", "x"),
            Alu | Or | X => ("or", "x"),
            Alu | Xor | X => ("xor", "x"),
            Alu | Lsh | X => ("lsh", "x"),
            Alu | Rsh | X => ("rsh", "x"),
            Alu | Add | K => ("add", "#" + signed),
            Alu | Sub | K => ("sub", "#" + signed),
            Alu | Mul | K => ("mul", "#" + signed),
            Alu | Div | K => ("div", "#" + signed),
            Alu | Mod | K => ("mod", "#" + signed),
            Alu | And | K => ("and", hex),
            Alu | Or | K => ("or", hex),
            Alu | Xor | K => ("xor", hex),
            Alu | Lsh | K => ("lsh", "#" + signed),
            Alu | Rsh | K => ("rsh", "#" + signed),
            Alu | Neg => ("neg", ""),
            Misc | Tax => ("tax", ""),
            Misc | Txa => ("txa", ""),
            _ => ("unimp", "0x" + instruction.Code.ToString("x", CultureInfo.InvariantCulture)),
        };
    }

    private static string AbsoluteOperand(uint k)
    {
        var field = k - BpfAncillary.Offset;
        if (k >= BpfAncillary.Offset && field < BpfAncillary.Max && field % 4 == 0)
            return "[" + AncillaryNames[field / 4] + "]";
        return "[" + ((int)k).ToString(CultureInfo.InvariantCulture) + "]";
    }
}
