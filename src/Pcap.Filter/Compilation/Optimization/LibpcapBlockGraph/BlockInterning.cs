using System.Runtime.InteropServices;
using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Merges blocks that are identical (same live statements, same jump, same targets) so shared tails are
/// emitted once (libpcap's <c>intern_blocks</c>). libpcap repeats rounds of pairwise comparison, each round
/// pointing every block at the highest-numbered reachable block equal to it, until nothing moves; the fixpoint
/// is every class of equivalent reachable blocks replaced by its highest-numbered member. This computes that
/// fixpoint in one bottom-up pass: a block's class is keyed by its contents and its successors' classes.
/// </summary>
internal static class BlockInterning
{
    /// <summary>Redirects every jump into a class of equal blocks to the class's highest-numbered block.</summary>
    public static void Run(OptimizerState state)
    {
        ControlFlowGraph graph = state.Graph;
        Span<int> classOf = state.InternClasses;
        classOf.Fill(-1);
        var classByKey = state.InternKeys;
        var representative = state.InternRepresentatives;
        classByKey.Clear();
        representative.Clear();
        graph.UnmarkAll();
        Classify(state, classOf, classByKey, representative);

        foreach (var block in state.Blocks)
        {
            if (block.JumpTrue is { } onTrue && classOf[onTrue.Id] >= 0)
                block.JumpTrue = representative[classOf[onTrue.Id]];
            if (block.JumpFalse is { } onFalse && classOf[onFalse.Id] >= 0)
                block.JumpFalse = representative[classOf[onFalse.Id]];
        }
        // Dropped so the thread's reused state does not keep this graph alive.
        classByKey.Clear();
        representative.Clear();
    }

    // Post-order (true branch, false branch, block) without recursion, so both successors have a class before the block.
    private static void Classify(OptimizerState state, Span<int> classOf, Dictionary<BlockKey, int> classByKey,
        List<BasicBlock> representative)
    {
        ControlFlowGraph graph = state.Graph;
        BasicBlock root = graph.Root;
        ReadOnlySpan<BasicBlock> blocks = state.Blocks;
        var pending = state.Walk;
        pending.Clear();
        graph.Mark(root);
        pending.Push(root.Id, 0);
        while (pending.TryPop(out int id, out int step))
        {
            BasicBlock block = blocks[id];
            if (!block.IsReturn && step < 2)
            {
                pending.Push(id, step + 1);
                BasicBlock next = step == 0 ? block.JumpTrue! : block.JumpFalse!;
                if (!graph.IsMarked(next))
                {
                    graph.Mark(next);
                    pending.Push(next.Id, 0);
                }
                continue;
            }
            int trueClass = block.IsReturn ? -1 : classOf[block.JumpTrue!.Id];
            int falseClass = block.IsReturn ? -1 : classOf[block.JumpFalse!.Id];
            // One lookup either way: the slot of a new class is filled in place.
            ref int existing = ref CollectionsMarshal.GetValueRefOrAddDefault(classByKey,
                new BlockKey(block, trueClass, falseClass), out bool exists);
            if (exists)
            {
                if (block.Id > representative[existing].Id)
                    representative[existing] = block;
            }
            else
            {
                existing = representative.Count;
                representative.Add(block);
            }
            classOf[block.Id] = existing;
        }
    }

    // A block's identity for merging: its jump, its successors' classes and its live statements.
    internal readonly struct BlockKey(BasicBlock block, int trueClass, int falseClass) : IEquatable<BlockKey>
    {
        private readonly BasicBlock _block = block;
        private readonly int _trueClass = trueClass;
        private readonly int _falseClass = falseClass;

        public bool Equals(BlockKey other) =>
            _trueClass == other._trueClass && _falseClass == other._falseClass
            && _block.Branch.Code == other._block.Branch.Code && _block.Branch.K == other._block.Branch.K
            && SameLiveStatements(_block.Statements, other._block.Statements);

        public override bool Equals(object? obj) => obj is BlockKey other && Equals(other);

        // Multiply-and-add rather than HashCode: the classes found depend only on equality, and this is cheaper.
        public override int GetHashCode()
        {
            uint hash = (uint)_block.Branch.Code * 0x9E3779B1u + _block.Branch.K;
            hash = hash * 0x85EBCA77u + (uint)_trueClass;
            hash = hash * 0x85EBCA77u + (uint)_falseClass;
            foreach (BlockStatement statement in CollectionsMarshal.AsSpan(_block.Statements))
            {
                if (statement.IsNop)
                    continue;
                hash = (hash * 0xC2B2AE3Du + (uint)statement.Code) * 0x9E3779B1u + statement.K;
            }
            return (int)(hash ^ hash >> 15);
        }
    }

    private static bool SameLiveStatements(List<BlockStatement> first, List<BlockStatement> second)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < first.Count && first[i].IsNop)
                i++;
            while (j < second.Count && second[j].IsNop)
                j++;
            if (i == first.Count || j == second.Count)
                return i == first.Count && j == second.Count;
            if (first[i].Code != second[j].Code || first[i].K != second[j].K)
                return false;
            i++;
            j++;
        }
    }
}
