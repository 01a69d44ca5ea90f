using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;

namespace Pcap.Filter.Parsing;

/// <summary>
/// Superpower parsers for the arithmetic side of relations, with libpcap's precedence (lowest first):
/// <c>|</c>, <c>&amp;</c>, shifts, <c>+ -</c>, <c>* /</c>, unary minus; these associate left.
/// libpcap's grammar gives <c>%</c> and <c>^</c> no precedence, so yacc always shifts on them: they take the operand
/// just before them on the left and the whole rest of the arithmetic on the right (<c>a * b % c + d</c> is <c>a * (b % (c + d))</c>).
/// </summary>
internal static class ArithmeticParsers
{
    private static int Start(Token<FilterTokenKind> t) => t.Span.Position.Absolute;
    private static int EndOf(FilterNode n) => n.Position + n.Length;

    // Parsers used as later steps of query expressions: built once here, as a query would otherwise build them on every call.
    private static readonly TokenListParser<FilterTokenKind, Token<FilterTokenKind>> LeftBracketToken = Token.EqualTo(FilterTokenKind.LeftBracket);
    private static readonly TokenListParser<FilterTokenKind, Token<FilterTokenKind>> RightBracketExpected =
        Token.EqualTo(FilterTokenKind.RightBracket).Named("']'");
    private static readonly TokenListParser<FilterTokenKind, Token<FilterTokenKind>> RightParenExpected =
        Token.EqualTo(FilterTokenKind.RightParen).Named("')'");
    private static readonly TokenListParser<FilterTokenKind, ArithmeticNode> ExpressionRef = Parse.Ref(() => Expression!);
    private static readonly TokenListParser<FilterTokenKind, ArithmeticNode> PrimaryRef = Parse.Ref(() => Primary!);

    private static readonly TokenListParser<FilterTokenKind, ArithmeticNode> Constant =
        Token.EqualTo(FilterTokenKind.Number)
            .Select(t => (ArithmeticNode)new ConstantNode(NumberValue(t), Start(t), t.Span.Length))
            .Named("a number");

    private static readonly TokenListParser<FilterTokenKind, ArithmeticNode> Length =
        Token.EqualToValue(FilterTokenKind.Keyword, "len").Or(Token.EqualToValue(FilterTokenKind.Keyword, "length"))
            .Select(t => (ArithmeticNode)new PacketLengthNode(Start(t), t.Span.Length))
            .Named("'len'");

    private static readonly TokenListParser<FilterTokenKind, Token<FilterTokenKind>> ProtocolKeyword =
        Token.Matching<FilterTokenKind>(
            k => k == FilterTokenKind.Keyword, "a protocol")
            .Where(t => FilterKeywords.TryGet(t, out var k) && k.Role == KeywordRole.Protocol, "a protocol");

    private static readonly TokenListParser<FilterTokenKind, uint?> AccessSize =
        Token.EqualTo(FilterTokenKind.Colon)
            .IgnoreThen(Token.EqualTo(FilterTokenKind.Number).Named("an access size of 1, 2 or 4"))
            .Select(t => (uint?)NumberValue(t))
            .OptionalOrDefault();

    private static readonly TokenListParser<FilterTokenKind, ArithmeticNode> Accessor =
        from proto in ProtocolKeyword
        from open in LeftBracketToken
        from index in ExpressionRef
        from size in AccessSize
        from close in RightBracketExpected
        select (ArithmeticNode)new PacketAccessNode(ProtocolOf(proto), index, size ?? 1, Start(proto), Start(close) + 1 - Start(proto));

    private static readonly TokenListParser<FilterTokenKind, ArithmeticNode> Negation =
        from minus in Token.EqualTo(FilterTokenKind.Minus)
        from operand in PrimaryRef
        select (ArithmeticNode)new NegateNode(operand, Start(minus), EndOf(operand) - Start(minus));

    private static readonly TokenListParser<FilterTokenKind, ArithmeticNode> Parenthesized =
        from open in Token.EqualTo(FilterTokenKind.LeftParen)
        from inner in ExpressionRef
        from close in RightParenExpected
        select inner;

    private static readonly TokenListParser<FilterTokenKind, ArithmeticNode> Atom =
        Constant.Or(Length).Or(Accessor).Or(Negation).Or(Parenthesized)
            .Named("a number, 'len' or an accessor such as 'ip[0]'");

    private static readonly TokenListParser<FilterTokenKind, (Token<FilterTokenKind> Operator, ArithmeticNode Right)?> UnprecedencedTail =
        (from op in Token.EqualTo(FilterTokenKind.Percent).Or(Token.EqualTo(FilterTokenKind.Caret))
         from right in ExpressionRef
         select ((Token<FilterTokenKind>, ArithmeticNode)?)(op, right))
        .OptionalOrDefault();

    private static readonly TokenListParser<FilterTokenKind, ArithmeticNode> Primary =
        from left in Atom
        from tail in UnprecedencedTail
        select tail is { } t
            ? new BinaryNode(Operation(t.Operator.Kind), left, t.Right, left.Position, EndOf(t.Right) - left.Position)
            : left;

    private static TokenListParser<FilterTokenKind, ArithmeticNode> Level(
        TokenListParser<FilterTokenKind, ArithmeticNode> operand, params FilterTokenKind[] operators)
    {
        var op = operators.Select(Token.EqualTo).Aggregate((a, b) => a.Or(b));
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
