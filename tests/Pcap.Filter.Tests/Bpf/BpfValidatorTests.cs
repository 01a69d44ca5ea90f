using Pcap.Filter.Bpf;
using Pcap.Testing;
using Xunit.Abstractions;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Tests.Bpf;

public class BpfValidatorTests(ITestOutputHelper output)
{
    [Fact]
    public void Random_programs_are_judged_exactly_as_bpf_validate_and_the_kernel_together_judge_them()
    {
        var random = new RandomPrograms(seed: 424242);
        using var kernel = KernelFilterAttach.Open();
        int accepted = 0, refused = 0, kernelOnlyRefusals = 0, libpcapOnlyRefusals = 0;
        var problems = new List<string>();
        var kernelOnlyExamples = new List<string>();
        for (var i = 0; i < 4000; i++)
        {
            var program = Mutate(random, random.ValidProgram());
            var ours = BpfValidator.TryValidate(program, out var error);
            var libpcap = LibPcap.Validate(program);
            var errno = kernel.Attach(program);
            var kernelAccepts = errno == 0;
            if (errno is not 0 and not 22)
                throw new InvalidOperationException($"SO_ATTACH_FILTER failed with errno {errno}, not EINVAL: the oracle is unusable.");

            if (ours) accepted++; else refused++;
            if (!kernelAccepts && libpcap)
            {
                kernelOnlyRefusals++;
                if (kernelOnlyExamples.Count < 8)
                    kernelOnlyExamples.Add($"{error?.Message}");
            }
            if (kernelAccepts && !libpcap)
                libpcapOnlyRefusals++;
            if (ours != (libpcap && kernelAccepts) && problems.Count < 10)
                problems.Add($"ours {ours} ({error?.Message}), bpf_validate {libpcap}, kernel {kernelAccepts}: {Dump(program)}");
            if (!ours)
                Assert.False(string.IsNullOrEmpty(error?.Reason));
        }
        output.WriteLine($"accepted {accepted}, refused {refused}; kernel refuses but bpf_validate accepts: {kernelOnlyRefusals}; " +
                         $"bpf_validate refuses but kernel accepts: {libpcapOnlyRefusals}");
        foreach (var example in kernelOnlyExamples)
            output.WriteLine("  kernel-only refusal, our reason: " + example);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(accepted > 800 && refused > 800, $"the mix is lopsided: {accepted} accepted, {refused} refused");
    }

    [Fact]
    public void Programs_libpcap_compiles_pass()
    {
        using var kernel = KernelFilterAttach.Open();
        foreach (var expression in new[] { "ip", "tcp port 80", "arp or icmp", "vlan and ip", "ip6 and tcp and port 22", "tcp[13] & 2 != 0", "len > 100 and udp portrange 1-1000" })
        {
            var program = LibPcap.Compile(expression, 1, out var compileError) ?? throw new InvalidOperationException(compileError);
            Assert.True(BpfValidator.TryValidate(program, out var error), $"{expression}: {error}");
            Assert.True(kernel.Accepts(program));
        }
    }

    [Fact]
    public void Length_limits_match_the_kernel()
    {
        using var kernel = KernelFilterAttach.Open();
        foreach (var length in new[] { 1, 4096, 4097 })
        {
            var program = Enumerable.Repeat(BpfInstruction.Statement(Ld | Imm, 1), length - 1)
                .Append(BpfInstruction.Statement(Ret | RetA, 0)).ToArray();
            Assert.Equal(kernel.Accepts(program), BpfValidator.TryValidate(program, out _));
        }
        Assert.False(BpfValidator.TryValidate(ReadOnlySpan<BpfInstruction>.Empty, out var empty));
        Assert.Null(empty!.InstructionIndex);
    }

    [Fact]
    public void Refusals_name_the_instruction_and_the_reason()
    {
        BpfInstruction[] program =
        [
            BpfInstruction.Statement(Ld | W | Len, 0),
            BpfInstruction.Statement(Alu | Div | K, 0),
            BpfInstruction.Statement(Ret | RetA, 0),
        ];
        Assert.False(BpfValidator.TryValidate(program, out var error));
        Assert.Equal(1, error!.InstructionIndex);
        Assert.Equal(program[1], error.Instruction);
        Assert.Contains("instruction 1 (", error.Message, StringComparison.Ordinal);
        Assert.Contains(BpfDisassembler.FormatInstruction(program[1], 1), error.Message, StringComparison.Ordinal);
        Assert.Contains("constant 0", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One to three random breakages (or none) of a valid program.</summary>
    private static BpfInstruction[] Mutate(RandomPrograms random, BpfInstruction[] program)
    {
        var mutations = random.Next(4);
        var list = program.ToList();
        for (var m = 0; m < mutations && list.Count > 0; m++)
        {
            var at = random.Next(list.Count);
            var old = list[at];
            switch (random.Next(9))
            {
                case 0: // any opcode, mostly in the low byte
                    list[at] = new BpfInstruction((ushort)(random.Next(8) == 0 ? random.Next(0x10000) : random.Next(0x100)), old.Jt, old.Jf, old.K);
                    break;
                case 1: // a known opcode with a random operand
                    list[at] = new BpfInstruction(RandomPrograms.KnownOpcodes[random.Next(RandomPrograms.KnownOpcodes.Length)], old.Jt, old.Jf, random.Constant());
                    break;
                case 2: // edge operands
                    list[at] = new BpfInstruction(old.Code, old.Jt, old.Jf, random.Next(5) switch
                    {
                        0 => 0u,
                        1 => (uint)(16 + random.Next(3)),
                        2 => (uint)(31 + random.Next(3)),
                        3 => BpfAncillary.Offset + (uint)random.Next(70),
                        _ => uint.MaxValue - (uint)random.Next(3),
                    });
                    break;
                case 3: // far jumps
                    list[at] = new BpfInstruction(old.Code, (byte)random.Next(256), (byte)random.Next(8), old.K);
                    break;
                case 4: // drop the final return
                    list.RemoveAt(list.Count - 1);
                    break;
                case 5: // a scratch load that may read a word nobody stored
                    list.Insert(at, BpfInstruction.Statement((ushort)(random.Next(2) == 0 ? Ld | Mem : Ldx | Mem), (uint)random.Next(16)));
                    break;
                case 6: // a store followed later by a load, possibly across a jump
                    var word = (uint)random.Next(16);
                    list.Insert(at, BpfInstruction.Statement(St, word));
                    list.Insert(Math.Min(list.Count - 1, at + 1 + random.Next(4)), BpfInstruction.Statement(Ld | Mem, word));
                    break;
                case 7: // ancillary loads of every size, known and unknown fields
                    list.Insert(at, BpfInstruction.Statement((ushort)(Ld | Abs | (random.Next(3) * 8)), BpfAncillary.Offset + (uint)random.Next(68)));
                    break;
                default: // unconditional jump with a wild offset
                    list[at] = BpfInstruction.Statement(Jmp | Ja, random.Next(3) == 0 ? uint.MaxValue - (uint)random.Next(3) : (uint)random.Next(10));
                    break;
            }
        }
        return list.Count == 0 ? [BpfInstruction.Statement(Ld | Imm, 0)] : list.ToArray();
    }

    private static string Dump(BpfInstruction[] program) => string.Join(' ', program.Select(i => i.ToString()));
}
