using Pcap.Filter.Ast;
using Pcap.Filter.Parsing;

namespace Pcap.Filter.Compilation;

// Walks the AST in the order libpcap's parser reduces it, so blocks and registers come out in the same order.
internal sealed partial class CodeGenerator
{
    private const int MaxDepth = 400;

    private Block Generate(FilterNode node, int depth)
    {
        if (depth > MaxDepth)
            throw new FilterSyntaxException($"expression nested too deeply at {node.Position}", node.Position, node.Length);
        switch (node)
        {
            case AndNode a:
            {
                var b0 = Generate(a.Left, depth + 1);
                var b1 = Generate(a.Right, depth + 1);
                BlockLogic.And(b0, b1);
                return b1;
            }
            case OrNode o:
            {
                var b0 = Generate(o.Left, depth + 1);
                var b1 = Generate(o.Right, depth + 1);
                BlockLogic.Or(b0, b1);
                return b1;
            }
            case NotNode n:
            {
                var b = Generate(n.Operand, depth + 1);
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

    private ArithmeticValue Arithmetic(ArithmeticNode node, int depth)
    {
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
            case BinaryNode b:
            {
                var a0 = Arithmetic(b.Left, depth + 1);
                var a1 = Arithmetic(b.Right, depth + 1);
                _current = b;
                return Arithmetic(b.Operation, a0, a1);
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
}
