namespace Pcap.Filter.Compilation;

/// <summary>
/// A run of same-shaped primitives generated once: <see cref="ValueBlocks"/> are the template's blocks that compare
/// the loaded value for equality with the primitive's constant; the whole run is true exactly when one of them
/// would match any of <see cref="Values"/> (sorted, distinct). <see cref="UnderNegation"/>: the run sits under an odd
/// number of <c>not</c>s (its own included), so a member matching makes the whole expression less likely to accept.
/// </summary>
internal sealed record ValueSet(IReadOnlyList<CodeBlock> ValueBlocks, uint[] Values, bool UnderNegation);
