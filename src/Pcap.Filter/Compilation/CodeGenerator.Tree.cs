using Pcap.Filter.Ast;
using Pcap.Filter.Parsing;

namespace Pcap.Filter.Compilation;

// Walks the AST in the order libpcap's parser reduces it, so blocks and registers come out in the same order.
internal sealed partial class CodeGenerator
{
    private const int MaxDepth = Nesting.MaxTreeDepth;

    // Made on first use: an expression of one primitive needs neither.
    private Stack<FilterNode>? _chainSpine;
    private Stack<BinaryNode>? _arithmeticSpine;

    // How many 'not's enclose the node being generated: a set records whether its matches count for or against.
    private int _negations;

    private CodeBlock Generate(FilterNode node, int depth)
    {
        if (depth > MaxDepth)
            throw new FilterSyntaxException($"expression nested too deeply at {node.Position}", node.Position, node.Length);
        if (node is AndNode or OrNode)
            return GenerateChain(node, depth);
        switch (node)
        {
            case NotNode n:
            {
                _negations++;
                var b = Generate(n.Operand, depth + 1);
                _negations--;
                BlockLogic.Not(b);
                return b;
            }
        }
        _current = node;
        switch (node)
        {
            case IdentifierNode id:
                return id.Kind switch
                {
                    IdentifierKind.Name => NamedIdentifier(id.Text, id.Qualifiers),
                    IdentifierKind.Number => NumericIdentifier(null, id.Number, id.Qualifiers),
                    IdentifierKind.Ipv4 => NumericIdentifier(id.Text, 0, id.Qualifiers),
                    IdentifierKind.Ipv4WithPrefix => MaskedIdentifier(id.Text, null, id.Number, id.Qualifiers),
                    IdentifierKind.Ipv4WithMask => MaskedIdentifier(id.Text, id.MaskText, 0, id.Qualifiers),
                    IdentifierKind.Ipv6 => Ipv6Identifier(id.Text, 128, id.Qualifiers),
                    IdentifierKind.Ipv6WithPrefix => Ipv6Identifier(id.Text, id.Number, id.Qualifiers),
                    _ => MacIdentifier(id.Text, id.Qualifiers),
                };
            case ProtocolNode p:
                return ProtocolAbbreviation(p.Protocol);
            case RelationNode r:
            {
                var a0 = Arithmetic(r.Left, depth + 1);
                var a1 = Arithmetic(r.Right, depth + 1);
                _current = r;
                return Relation(r.JumpCode, a0, a1, r.Reversed);
            }
            case SpecialNode s:
                return Special(s);
            default:
                throw new FilterSyntaxException($"unexpected expression at {node.Position}", node.Position, node.Length);
        }
    }

    // "a and b or c ..." parses into a left-leaning spine as long as the expression; walk it without recursing.
    private CodeBlock GenerateChain(FilterNode node, int depth)
    {
        if (TryGenerateChainWithSets(node, depth, out var withSets))
            return withSets;
        // One stack for every chain of this compilation: a chain nested in a term works above the entries of its parent.
        var spine = _chainSpine ??= new();
        int bottom = spine.Count;
        while (node is AndNode or OrNode)
        {
            spine.Push(node);
            node = node is AndNode a ? a.Left : ((OrNode)node).Left;
        }
        var result = Generate(node, depth + 1);
        while (spine.Count > bottom)
        {
            var parent = spine.Pop();
            if (parent is AndNode and)
            {
                var right = Generate(and.Right, depth + 1);
                BlockLogic.And(result, right);
                result = right;
            }
            else
            {
                var right = Generate(((OrNode)parent).Right, depth + 1);
                BlockLogic.Or(result, right);
                result = right;
            }
        }
        return result;
    }

    private ArithmeticValue Arithmetic(ArithmeticNode node, int depth)
    {
        if (node is BinaryNode)
            return ArithmeticChain((BinaryNode)node, depth);
        if (depth > MaxDepth)
            throw new FilterSyntaxException($"expression nested too deeply at {node.Position}", node.Position, node.Length);
        switch (node)
        {
            case ConstantNode c:
                _current = c;
                return LoadImmediate(c.Value);
            case PacketLengthNode l:
                _current = l;
                return LoadLength();
            case NegateNode n:
            {
                var a = Arithmetic(n.Operand, depth + 1);
                _current = n;
                return Negate(a);
            }
            case PacketAccessNode p:
            {
                var index = Arithmetic(p.Index, depth + 1);
                _current = p;
                return PacketLoad(p.Protocol, index, p.Size);
            }
            default:
                throw new FilterSyntaxException($"unexpected arithmetic at {node.Position}", node.Position, node.Length);
        }
    }

    // "len + 1 + 1 ..." is a left-leaning spine of binary nodes; walk it without recursing.
    private ArithmeticValue ArithmeticChain(BinaryNode node, int depth)
    {
        // Shared as the boolean chains' stack is.
        var spine = _arithmeticSpine ??= new();
        int bottom = spine.Count;
        ArithmeticNode current = node;
        while (current is BinaryNode b)
        {
            spine.Push(b);
            current = b.Left;
        }
        var result = Arithmetic(current, depth + 1);
        while (spine.Count > bottom)
        {
            var parent = spine.Pop();
            var right = Arithmetic(parent.Right, depth + 1);
            _current = parent;
            result = Arithmetic(parent.Operation, result, right);
        }
        return result;
    }
}
