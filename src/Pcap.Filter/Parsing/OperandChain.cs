using Pcap.Filter.Ast;
using Superpower.Model;

namespace Pcap.Filter.Parsing;

/// <summary>
/// Operands of equal-precedence <c>and</c>/<c>or</c> in reading order, as <c>Parse.Chain</c> collects them; folded to
/// the left once the inherited qualifiers are known, each operand passing its qualifiers on to the next. A list, not
/// nested closures, so a chain of 20,000 operands folds without deep recursion.
/// </summary>
internal sealed class OperandChain(QualifiedOperand first)
{
    private readonly List<(bool IsAnd, QualifiedOperand Operand)> _rest = [];

    /// <summary>The <c>Parse.Chain</c> step: appends <paramref name="right"/> (a one-operand chain) to <paramref name="left"/>.</summary>
    public static OperandChain Append(Token<FilterTokenKind> op, OperandChain left, OperandChain right)
    {
        left._rest.Add((op.Kind == FilterTokenKind.And, right.Fold));
        return left;
    }

    /// <summary>The left fold: <c>((a op b) op c) ...</c>, with qualifiers carried from each operand to the next.</summary>
    public (FilterNode Node, Qualifiers Carried) Fold(Qualifiers inherited)
    {
        var (node, carried) = first(inherited);
        foreach (var (isAnd, operand) in _rest)
        {
            var (right, rightCarried) = operand(carried);
            int length = right.Position + right.Length - node.Position;
            node = isAnd ? new AndNode(node, right, node.Position, length) : new OrNode(node, right, node.Position, length);
            carried = rightCarried;
        }
        return (node, carried);
    }
}
