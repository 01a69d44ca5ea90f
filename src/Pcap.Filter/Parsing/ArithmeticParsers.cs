using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;
using Superpower;
using Superpower.Model;

namespace Pcap.Filter.Parsing;

/// <summary>
/// Superpower parsers for the arithmetic side of relations, with libpcap's precedence (lowest first):
/// <c>|</c>, <c>&amp;</c>, shifts, <c>+ -</c>, <c>* /</c>, unary minus; these associate left.
/// libpcap's grammar gives <c>%</c> and <c>^</c> no precedence, so yacc always shifts on them: they take the operand
/// just before them on the left and the whole rest of the arithmetic on the right (<c>a * b % c + d</c> is <c>a * (b % (c + d))</c>).
/// </summary>
internal static class ArithmeticParsers
{
    // How many '%' or '^' the arithmetic being read on this thread is inside (see Primary).
    [ThreadStatic] private static int t_unprecedentedDepth;

    private static int Start(Token<FilterTokenKind> t) => t.Span.Position.Absolute;
    private static int EndOf(FilterNode n) => n.Position + n.Length;

    private static readonly TokenListParser<FilterTokenKind, Token<FilterTokenKind>> LeftBracketToken = TokenParsers.Kind(FilterTokenKind.LeftBracket);
    private static readonly TokenListParser<FilterTokenKind, Token<FilterTokenKind>> RightBracketExpected =
        TokenParsers.Expect(FilterTokenKind.RightBracket, "']'");
    private static readonly TokenListParser<FilterTokenKind, Token<FilterTokenKind>> RightParenExpected =
        TokenParsers.Expect(FilterTokenKind.RightParen, "')'");

    private static readonly TokenListParser<FilterTokenKind, uint?> AccessSize =
        TokenParsers.Kind(FilterTokenKind.Colon)
            .IgnoreThen(TokenParsers.Expect(FilterTokenKind.Number, "an access size of 1, 2 or 4"))
            .Select(t => (uint?)NumberValue(t))
            .OptionalOrDefault();

    // The sequences below are written out step by step rather than as query expressions, which allocate closures at
    // every step of every parse; each step's failure is returned unchanged, exactly as a query's SelectMany returns it.

    // proto '[' expression [':' size] ']', after the protocol keyword.
    private static TokenListParserResult<FilterTokenKind, ArithmeticNode> Accessor(
        TokenList<FilterTokenKind> input, Token<FilterTokenKind> proto, TokenList<FilterTokenKind> afterProto)
    {
        var open = LeftBracketToken(afterProto);
        if (!open.HasValue)
            return TokenListParserResult.CastEmpty<FilterTokenKind, Token<FilterTokenKind>, ArithmeticNode>(open);
        var index = Expression(open.Remainder);
        if (!index.HasValue)
            return index;
        var size = AccessSize(index.Remainder);
        if (!size.HasValue)
            return TokenListParserResult.CastEmpty<FilterTokenKind, uint?, ArithmeticNode>(size);
        var close = RightBracketExpected(size.Remainder);
        if (!close.HasValue)
            return TokenListParserResult.CastEmpty<FilterTokenKind, Token<FilterTokenKind>, ArithmeticNode>(close);
        var node = new PacketAccessNode(ProtocolOf(proto), index.Value, size.Value ?? 1, Start(proto), Start(close.Value) + 1 - Start(proto));
        return TokenListParserResult.Value<FilterTokenKind, ArithmeticNode>(node, input, close.Remainder);
    }

    // '-' primary, after the minus.
    private static TokenListParserResult<FilterTokenKind, ArithmeticNode> Negation(
        TokenList<FilterTokenKind> input, Token<FilterTokenKind> minus, TokenList<FilterTokenKind> afterMinus)
    {
        var operand = Primary(afterMinus);
        if (!operand.HasValue)
            return operand;
        var node = new NegateNode(operand.Value, Start(minus), EndOf(operand.Value) - Start(minus));
        return TokenListParserResult.Value<FilterTokenKind, ArithmeticNode>(node, input, operand.Remainder);
    }

    // '(' expression ')', after the parenthesis.
    private static TokenListParserResult<FilterTokenKind, ArithmeticNode> Parenthesized(
        TokenList<FilterTokenKind> input, TokenList<FilterTokenKind> afterOpen)
    {
        var inner = Expression(afterOpen);
        if (!inner.HasValue)
            return inner;
        var close = RightParenExpected(inner.Remainder);
        if (!close.HasValue)
            return TokenListParserResult.CastEmpty<FilterTokenKind, Token<FilterTokenKind>, ArithmeticNode>(close);
        return TokenListParserResult.Value(inner.Value, input, close.Remainder);
    }

    private static readonly string[] AtomExpected = ["a number, 'len' or an accessor such as 'ip[0]'"];

    // A number, 'len', an accessor, a negation or a parenthesized expression, chosen by the first token: the result of
    // trying them in turn (Or, then Named), since every reading but the one its first token starts fails without consuming.
    private static TokenListParserResult<FilterTokenKind, ArithmeticNode> Atom(TokenList<FilterTokenKind> input)
    {
        var next = input.ConsumeToken();
        if (next.HasValue)
        {
            var t = next.Value;
            switch (t.Kind)
            {
                case FilterTokenKind.Number:
                    return TokenListParserResult.Value<FilterTokenKind, ArithmeticNode>(
                        new ConstantNode(NumberValue(t), Start(t), t.Span.Length), input, next.Remainder);
                case FilterTokenKind.Minus:
                    return Negation(input, t, next.Remainder);
                case FilterTokenKind.LeftParen:
                    return Parenthesized(input, next.Remainder);
                case FilterTokenKind.Keyword when FilterKeywords.TextOf(t) is "len" or "length":
                    return TokenListParserResult.Value<FilterTokenKind, ArithmeticNode>(
                        new PacketLengthNode(Start(t), t.Span.Length), input, next.Remainder);
                case FilterTokenKind.Keyword when FilterKeywords.TryGet(t, out var k) && k.Role == KeywordRole.Protocol:
                    return Accessor(input, t, next.Remainder);
            }
        }
        return TokenListParserResult.Empty<FilterTokenKind, ArithmeticNode>(input, AtomExpected);
    }

    // An atom, then optionally '%' or '^' and the whole rest of the arithmetic (these two have no precedence).
    private static TokenListParserResult<FilterTokenKind, ArithmeticNode> Primary(TokenList<FilterTokenKind> input)
    {
        var left = Atom(input);
        if (!left.HasValue)
            return left;
        var op = left.Remainder.ConsumeToken();
        if (!op.HasValue || op.Value.Kind is not (FilterTokenKind.Percent or FilterTokenKind.Caret))
            return TokenListParserResult.Value(left.Value, input, left.Remainder);
        // The rest of the arithmetic nests one level deeper per '%' or '^': refused past Nesting.MaxOperatorRun before the stack runs out.
        if (++t_unprecedentedDepth > Nesting.MaxOperatorRun)
        {
            t_unprecedentedDepth = 0;
            int at = Start(op.Value);
            throw new FilterSyntaxException($"expression nested more than {Nesting.MaxOperatorRun} levels deep at {at}", at, op.Value.Span.Length);
        }
        TokenListParserResult<FilterTokenKind, ArithmeticNode> right;
        try
        {
            right = Expression(op.Remainder);
        }
        finally
        {
            t_unprecedentedDepth = Math.Max(0, t_unprecedentedDepth - 1);
        }
        if (!right.HasValue)
            return right;
        var node = new BinaryNode(Operation(op.Value.Kind), left.Value, right.Value, left.Value.Position, EndOf(right.Value) - left.Value.Position);
        return TokenListParserResult.Value<FilterTokenKind, ArithmeticNode>(node, input, right.Remainder);
    }

    private static TokenListParser<FilterTokenKind, ArithmeticNode> Level(
        TokenListParser<FilterTokenKind, ArithmeticNode> operand, params FilterTokenKind[] operators)
    {
        var op = TokenParsers.AnyOf(operators);
        return Parse.Chain(op, operand, (o, l, r) =>
            new BinaryNode(Operation(o.Kind), l, r, l.Position, EndOf(r) - l.Position));
    }

    private static readonly TokenListParser<FilterTokenKind, ArithmeticNode> Multiplicative =
        Level(Primary, FilterTokenKind.Star, FilterTokenKind.Slash);

    private static readonly TokenListParser<FilterTokenKind, ArithmeticNode> Additive =
        Level(Multiplicative, FilterTokenKind.Plus, FilterTokenKind.Minus);

    private static readonly TokenListParser<FilterTokenKind, ArithmeticNode> Shift =
        Level(Additive, FilterTokenKind.ShiftLeft, FilterTokenKind.ShiftRight);

    private static readonly TokenListParser<FilterTokenKind, ArithmeticNode> BitAnd = Level(Shift, FilterTokenKind.Ampersand);

    /// <summary>A whole arithmetic expression.</summary>
    public static readonly TokenListParser<FilterTokenKind, ArithmeticNode> Expression = Level(BitAnd, FilterTokenKind.Pipe);

    private static ProtoQualifier ProtocolOf(Token<FilterTokenKind> t)
    {
        FilterKeywords.TryGet(t, out var k);
        return (ProtoQualifier)k.Value;
    }

    private static ushort Operation(FilterTokenKind k) => k switch
    {
        FilterTokenKind.Pipe => BpfOpcodes.Or,
        FilterTokenKind.Caret => BpfOpcodes.Xor,
        FilterTokenKind.Ampersand => BpfOpcodes.And,
        FilterTokenKind.ShiftLeft => BpfOpcodes.Lsh,
        FilterTokenKind.ShiftRight => BpfOpcodes.Rsh,
        FilterTokenKind.Plus => BpfOpcodes.Add,
        FilterTokenKind.Minus => BpfOpcodes.Sub,
        FilterTokenKind.Star => BpfOpcodes.Mul,
        FilterTokenKind.Slash => BpfOpcodes.Div,
        _ => BpfOpcodes.Mod,
    };

    internal static uint NumberValue(Token<FilterTokenKind> t)
    {
        var text = FilterKeywords.TextOf(t);
        if (FilterKeywords.TryGet(text, out var k) && k.Role == KeywordRole.NamedNumber)
            return (uint)k.Value;
        if (!NumberParser.TryParse(text, out uint value, out string? error))
            throw new FilterSyntaxException($"{error} at {Start(t)}", Start(t), t.Span.Length);
        return value;
    }
}
