using Pcap.Filter;
using Pcap.Filter.Bpf;

namespace Pcap.Native;

/// <summary>
/// Builds a fanout group's classic BPF selector from pcap-filter expressions: the program returns the index of the
/// first expression that matches, or the last worker's index when none does. Each expression is compiled by
/// <see cref="FilterCompiler"/> for Ethernet; its accepting returns become <c>ret #worker</c> and its rejecting returns
/// jump to the next expression's code.
/// </summary>
/// <remarks>
/// The kernel runs the selector on the packet as the receive path holds it, where a received frame starts at the
/// network header; every packet load is therefore moved to <c>SKF_LL_OFF</c>, which reads from the link-layer header
/// in both directions. <c>len</c> (and <c>less</c>/<c>greater</c>) still see the length from where the kernel's
/// data starts: the link header is not counted on received packets.
/// </remarks>
internal static class FanoutSelectorCompiler
{
    /// <summary>Compiles <paramref name="expressions"/> into a selector for a group of <paramref name="workers"/> workers.</summary>
    /// <exception cref="FilterException">An expression does not compile.</exception>
    /// <exception cref="CaptureException">Too many expressions, or the combined program is too long for the kernel.</exception>
    public static BpfProgram Compile(IReadOnlyList<string> expressions, int workers, int snapLength, string device)
    {
        if (expressions.Count == 0 || expressions.Count > workers)
            throw new CaptureException(CaptureError.InvalidOptions,
                $"a fanout selector needs 1 to {workers} expressions (one per worker), not {expressions.Count}", device: device);
        var options = new FilterOptions { SnapLength = snapLength, LinuxVlanAncillaryLoads = true };
        var parts = expressions.Select(e => FilterCompiler.Compile(e, LinkType.Ethernet, options).Instructions.ToArray()).ToList();
        int total = parts.Sum(p => p.Length) + 1;
        if (total > BpfProgram.MaxInstructions)
            throw new CaptureException(CaptureError.InvalidOptions,
                $"the fanout selector is {total} instructions long; the kernel takes at most {BpfProgram.MaxInstructions}", device: device);

        var program = new BpfInstruction[total];
        int at = 0;
        for (int worker = 0; worker < parts.Count; worker++)
        {
            int next = at + parts[worker].Length;
            foreach (var instruction in parts[worker])
            {
                program[at] = Rewrite(instruction, worker, next - (at + 1), device);
                at++;
            }
        }
        program[at] = BpfInstruction.Statement(BpfOpcodes.Ret | BpfOpcodes.K, (uint)(workers - 1));
        return new BpfProgram(program);
    }

    private static BpfInstruction Rewrite(BpfInstruction instruction, int worker, int distanceToNext, string device)
    {
        if (instruction.Class == BpfOpcodes.Ret)
        {
            if (BpfOpcodes.ReturnValueOf(instruction.Code) != BpfOpcodes.K)
                throw new CaptureException(CaptureError.InvalidOptions,
                    "a fanout selector expression compiled to a return of the accumulator, which cannot name a worker", device: device);
            return instruction.K == 0
                ? BpfInstruction.Statement(BpfOpcodes.Jmp | BpfOpcodes.Ja, (uint)distanceToNext)
                : BpfInstruction.Statement(BpfOpcodes.Ret | BpfOpcodes.K, (uint)worker);
        }
        bool isLoad = instruction.Class is BpfOpcodes.Ld or BpfOpcodes.Ldx;
        ushort mode = BpfOpcodes.ModeOf(instruction.Code);
        bool readsPacket = mode is BpfOpcodes.Abs or BpfOpcodes.Ind or BpfOpcodes.Msh;
        if (isLoad && readsPacket && (int)instruction.K >= 0)
            return new BpfInstruction(instruction.Code, instruction.Jt, instruction.Jf, instruction.K + BpfAncillary.LinkLayerOffset);
        return instruction;
    }
}
