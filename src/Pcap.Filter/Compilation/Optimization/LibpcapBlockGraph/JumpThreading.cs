using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Retargets an edge past blocks whose outcome is already known on that edge (libpcap's <c>opt_j</c>):
/// a block that goes to the same place either way, or a block repeating a comparison that a dominating
/// edge already decided. A move is allowed only if the registers read downstream hold the same values.
/// </summary>
internal static class JumpThreading
{
    /// <summary>Threads <paramref name="edge"/> as far as it goes.</summary>
    public static void Run(OptimizerState state, Edge edge)
    {
        if (edge.Successor!.JumpTrue is null)
            return;

        BasicBlock successor = edge.Successor;
        if (successor.JumpTrue == successor.JumpFalse && !UseConflict(state, edge.Predecessor, successor.JumpTrue))
        {
            state.NoteSimplification();
            edge.Successor = successor.JumpTrue;
        }

        ReadOnlySpan<uint> dominators = state.Dominators(edge);
        ReadOnlySpan<Edge> edges = state.Edges;
        bool restart;
        do
        {
            restart = false;
            // Only a dominating edge of the child's own jump code can decide it: checked before anything else is read.
            BasicBlock child = edge.Successor!;
            int childCode = child.Branch.Code;
            for (int word = 0; word < dominators.Length && !restart; word++)
            {
                uint bits = dominators[word];
                while (bits != 0)
                {
                    int bit = BitSet.LowestBit(bits);
                    bits &= bits - 1;
                    Edge dominator = edges[word * 32 + bit];
                    int code = dominator.Code;
                    if (code != childCode && code != -childCode)
                        continue;
                    BasicBlock? target = FoldEdge(state, child, dominator);
                    if (target is not null && !UseConflict(state, edge.Predecessor, target))
                    {
                        state.NoteBranchMovement();
                        edge.Successor = target;
                        if (target.JumpTrue is null)
                            return;
                        restart = true;
                        break;
                    }
                }
            }
        }
        while (restart);
    }

    // True when some atom read after 'successor' has a different value there than on exit from 'block'.
    private static bool UseConflict(OptimizerState state, BasicBlock block, BasicBlock successor)
    {
        uint used = successor.OutUse;
        if (used == 0)
            return false;
        ReadOnlySpan<uint> values = state.ExitValues(block), successorValues = state.ExitValues(successor);
        for (int atom = 0; atom < Atoms.Count; atom++)
        {
            if (Atoms.Contains(used, atom) && values[atom] != successorValues[atom])
                return true;
        }
        return false;
    }

    // Which exit of 'child' is certain once 'dominator' was taken, or null when unknown.
    private static BasicBlock? FoldEdge(OptimizerState state, BasicBlock child, Edge dominator)
    {
        int code = dominator.Code;
        bool sense = true;
        if (code < 0)
        {
            code = -code;
            sense = false;
        }
        if (child.Branch.Code != code)
            return null;
        if (state.ExitValues(child)[Atoms.A] != state.ExitValues(dominator.Predecessor)[Atoms.A])
            return null;
        if (child.OperandValue == dominator.Predecessor.OperandValue)
            return sense ? child.JumpTrue : child.JumpFalse;
        // A true "jeq #k" pins A to k, so a different constant compares unequal (distinct constants have distinct numbers).
        if (sense && code == (BpfOpcodes.Jmp | BpfOpcodes.Jeq | BpfOpcodes.K))
            return child.JumpFalse;
        return null;
    }
}
