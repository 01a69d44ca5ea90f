using System.Runtime.InteropServices;
using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Which atoms each block uses on entry, kills, and must leave intact for its successors
/// (libpcap's <c>compute_local_ud</c> and <c>find_ud</c>): dead-store elimination and jump threading
/// may only drop or bypass what nobody downstream reads.
/// </summary>
internal static class UseDefAnalysis
{
    /// <summary>Recomputes the use/def sets of every reachable block.</summary>
    public static void Run(OptimizerState state)
    {
        // One sweep from the leaves up: the local sets depend on the block alone, and a block's successors sit on
        // lower levels, so their entry sets are final when the block is reached.
        int maxLevel = state.Graph.Root.Level;
        foreach (BasicBlock block in state.Level(0))
        {
            ComputeLocal(block);
            block.OutUse = 0;
        }
        for (int level = 1; level <= maxLevel; level++)
        {
            foreach (BasicBlock block in state.Level(level))
            {
                ComputeLocal(block);
                block.OutUse = block.JumpTrue!.InUse | block.JumpFalse!.InUse;
                block.InUse |= block.OutUse & ~block.Killed;
            }
        }
    }

    private static void ComputeLocal(BasicBlock block)
    {
        uint defined = 0, used = 0, killed = 0;
        foreach (BlockStatement statement in CollectionsMarshal.AsSpan(block.Statements))
        {
            if (statement.IsNop)
                continue;
            used |= UsesBeforeDefinition(Atoms.UsedBy(statement), defined);
            int atom = Atoms.DefinedBy(statement);
            if (atom >= 0)
            {
                if (!Atoms.Contains(used, atom))
                    killed |= Atoms.Mask(atom);
                defined |= Atoms.Mask(atom);
            }
        }
        // The final jump reads its operands too (a return is not counted, as in libpcap).
        if (BpfOpcodes.ClassOf((ushort)block.Branch.Code) == BpfOpcodes.Jmp)
            used |= UsesBeforeDefinition(Atoms.UsedBy(block.Branch), defined);

        block.Killed = killed;
        block.InUse = used;
    }

    private static uint UsesBeforeDefinition(int atom, uint defined)
    {
        if (atom == Atoms.AAndX)
        {
            uint used = 0;
            if (!Atoms.Contains(defined, Atoms.X))
                used |= Atoms.Mask(Atoms.X);
            if (!Atoms.Contains(defined, Atoms.A))
                used |= Atoms.Mask(Atoms.A);
            return used;
        }
        return atom >= 0 && !Atoms.Contains(defined, atom) ? Atoms.Mask(atom) : 0;
    }
}
