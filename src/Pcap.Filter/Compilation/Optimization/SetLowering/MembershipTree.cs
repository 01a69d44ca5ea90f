using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// A sorted comparison tree over a set of values held in A: <c>jge</c> splits down to short chains of <c>jeq</c>
/// leaves, so a test costs about log2(n) + <see cref="LeafSize"/> comparisons and about 1.125 n instructions.
/// Subtrees small enough to lie within a conditional jump's 255-instruction reach get their own <c>ja</c> relays
/// to the hit and miss targets, so distant targets cost one stub per subtree instead of one per leaf.
/// </summary>
internal static class MembershipTree
{
    private const int LeafSize = 8;
    private const int RelaySpan = 64;

    /// <summary>Builds the tree; its root is a detached block whose branch the caller copies into its own block.</summary>
    public static CodeBlock Build(uint[] sortedValues, CodeBlock hit, CodeBlock miss) =>
        Build(sortedValues, 0, sortedValues.Length, hit, miss, sortedValues.Length <= RelaySpan);

    /// <summary>A block that goes on as <paramref name="target"/> does: a copy of a return, else a <c>ja</c>, which reaches any distance.</summary>
    public static CodeBlock Relay(CodeBlock target) =>
        target.JumpTrue is null
            ? new CodeBlock(target.Code, target.K)
            : new CodeBlock(BpfOpcodes.Jmp | BpfOpcodes.Ja) { JumpTrue = target, JumpFalse = target };

    private static CodeBlock Build(uint[] values, int low, int high, CodeBlock hit, CodeBlock miss, bool near)
    {
        int count = high - low;
        if (!near && count <= RelaySpan)
        {
            hit = Relay(hit);
            miss = Relay(miss);
            near = true;
        }
        if (count <= LeafSize)
        {
            var next = miss;
            for (int i = high - 1; i >= low; i--)
                next = new CodeBlock(BpfOpcodes.Jmp | BpfOpcodes.Jeq | BpfOpcodes.K, values[i]) { JumpTrue = hit, JumpFalse = next };
            return next;
        }
        int middle = low + count / 2;
        return new CodeBlock(BpfOpcodes.Jmp | BpfOpcodes.Jge | BpfOpcodes.K, values[middle])
        {
            JumpTrue = Build(values, middle, high, hit, miss, near),
            JumpFalse = Build(values, low, middle, hit, miss, near),
        };
    }
}
