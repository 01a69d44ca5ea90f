using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// A reference to one jump target of a block (what libpcap expresses as <c>struct block **</c>),
/// so the pull-up passes can read and rewrite "the pointer" they walked to.
/// </summary>
internal readonly record struct JumpSlot(BasicBlock Owner, bool OnTrue)
{
    /// <summary>The block the slot points to.</summary>
    public BasicBlock? Target
    {
        get => OnTrue ? Owner.JumpTrue : Owner.JumpFalse;
        set
        {
            if (OnTrue)
                Owner.JumpTrue = value;
            else
                Owner.JumpFalse = value;
        }
    }

    /// <summary>The slot of <paramref name="owner"/> that currently points to <paramref name="child"/> (true side preferred).</summary>
    public static JumpSlot Into(BasicBlock owner, BasicBlock child) => new(owner, owner.JumpTrue == child);
}
