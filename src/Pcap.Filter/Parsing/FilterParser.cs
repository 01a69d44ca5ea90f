using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;
using Superpower.Model;

namespace Pcap.Filter.Parsing;

/// <summary>
/// Parses the token list into an AST following libpcap's grammar: <c>and</c>/<c>or</c> share one precedence and
/// associate left, <c>not</c> binds tightest, and an identifier without qualifiers inherits those of the
/// primitive before it (<c>host a or b</c>).
/// </summary>
internal sealed class FilterParser
{
    private const int MaxDepth = 200;
    private const string PrimitiveExpected = "a primitive such as 'host', 'port', 'tcp'";

    private readonly FilterToken[] _tokens;
    private readonly int _textLength;
    private int _index;
    private int _depth;

    private FilterParser(FilterToken[] tokens, int textLength)
    {
        _tokens = tokens;
        _textLength = textLength;
    }

    /// <summary>Parses <paramref name="text"/>; null means the empty expression (accept everything).</summary>
    public static FilterNode? Parse(string text)
    {
        var tokenized = FilterTokenizer.Instance.TryTokenize(text);
        if (!tokenized.HasValue)
        {
            int at = tokenized.ErrorPosition.HasValue ? tokenized.ErrorPosition.Absolute : 0;
            throw new FilterSyntaxException($"{tokenized.ErrorMessage} at {at}", at, 1);
        }
        var tokens = tokenized.Value.Select(t => new FilterToken(t.Kind, TokenText(text, t.Span), t.Span.Position.Absolute)).ToArray();
        var parser = new FilterParser(tokens, text.Length);
        if (tokens.Length == 0)
            return null;
        var (node, _) = parser.ParseExpression(Qualifiers.None);
        if (!parser.AtEnd)
            throw parser.Unexpected("'and', 'or' or the end of the expression");
        return node;
    }

    private static string TokenText(string text, TextSpan span)
    {
        var s = span.ToStringValue();
        return s.StartsWith('\\') ? s : s;
    }

    private bool AtEnd => _index >= _tokens.Length;
    private FilterToken? Peek(int ahead = 0) => _index + ahead < _tokens.Length ? _tokens[_index + ahead] : null;
    private bool Is(FilterTokenKind kind, int ahead = 0) => Peek(ahead) is { } t && t.Kind == kind;

    private bool IsKeyword(KeywordRole role, int ahead = 0) =>
        Peek(ahead) is { Kind: FilterTokenKind.Keyword } t && FilterKeywords.TryGet(t.Text, out var k) && k.Role == role;

    private FilterToken Next() => _tokens[_index++];

    private FilterSyntaxException Unexpected(string expected)
    {
        if (Peek() is { } t)
            return new FilterSyntaxException($"unexpected {t.Describe()} at {t.Position}: expected {expected}", t.Position, t.Length);
        return new FilterSyntaxException($"unexpected end of expression at {_textLength}: expected {expected}", _textLength, 0);
    }

    private FilterToken Expect(FilterTokenKind kind, string expected)
    {
        if (!Is(kind))
            throw Unexpected(expected);
        return Next();
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            var t = Peek();
            throw new FilterSyntaxException($"expression nested more than {MaxDepth} levels deep at {t?.Position ?? _textLength}",
                t?.Position ?? _textLength, t?.Length ?? 0);
        }
    }

    private static int EndOf(FilterNode n) => n.Position + n.Length;

    private (FilterNode Node, Qualifiers Q) ParseExpression(Qualifiers inherited)
    {
        Enter();
        var (left, q) = ParseTerm(inherited);
        while (Is(FilterTokenKind.And) || Is(FilterTokenKind.Or))
        {
            bool isAnd = Next().Kind == FilterTokenKind.And;
            var (right, rq) = ParseIdentifierOrTerm(q);
            left = isAnd
                ? new AndNode(left, right, left.Position, EndOf(right) - left.Position)
                : new OrNode(left, right, left.Position, EndOf(right) - left.Position);
            q = rq;
        }
        _depth--;
        return (left, q);
    }

    private bool StartsIdentifier() => Peek()?.Kind is FilterTokenKind.Name or FilterTokenKind.HostAddress
        or FilterTokenKind.Ipv6Address or FilterTokenKind.MacAddress or FilterTokenKind.Number
        or FilterTokenKind.LeftParen or FilterTokenKind.Not;

    private (FilterNode, Qualifiers) ParseIdentifierOrTerm(Qualifiers q)
    {
        if (StartsIdentifier())
        {
            int save = _index, depth = _depth;
            try
            {
                var id = ParseIdentifier(q);
                if (AtEnd || Is(FilterTokenKind.And) || Is(FilterTokenKind.Or) || Is(FilterTokenKind.RightParen))
                    return (id, q);
            }
            catch (FilterSyntaxException) when (Peek(0) is not null || true)
            {
                if (Is(FilterTokenKind.Name, 0) && _index == save)
                    throw;
            }
            _index = save;
            _depth = depth;
            if (Peek()?.Kind is FilterTokenKind.Name or FilterTokenKind.HostAddress or FilterTokenKind.Ipv6Address
                or FilterTokenKind.MacAddress)
                return (ParseIdentifier(q), q);
        }
        return ParseTerm(q);
    }

    private (FilterNode, Qualifiers) ParseTerm(Qualifiers inherited)
    {
        Enter();
        try
        {
            if (Is(FilterTokenKind.Not))
            {
                var not = Next();
                var (inner, q) = ParseTerm(inherited);
                return (new NotNode(inner, not.Position, EndOf(inner) - not.Position), q);
            }
            return ParseRelationalTerm(inherited);
        }
        finally
        {
            _depth--;
        }
    }

    private static bool IsArithmeticContinuation(FilterTokenKind? k) => k is FilterTokenKind.Plus or FilterTokenKind.Minus
        or FilterTokenKind.Star or FilterTokenKind.Slash or FilterTokenKind.Percent or FilterTokenKind.Ampersand
        or FilterTokenKind.Pipe or FilterTokenKind.Caret or FilterTokenKind.ShiftLeft or FilterTokenKind.ShiftRight
        or FilterTokenKind.Greater or FilterTokenKind.GreaterOrEqual or FilterTokenKind.Less or FilterTokenKind.LessOrEqual
        or FilterTokenKind.Equal or FilterTokenKind.NotEqual;

    private (FilterNode, Qualifiers) ParseRelationalTerm(Qualifiers inherited)
    {
        var t = Peek() ?? throw Unexpected(PrimitiveExpected);
        switch (t.Kind)
        {
            case FilterTokenKind.LeftParen:
            {
                int save = _index, depth = _depth;
                FilterSyntaxException? first = null;
                try
                {
                    var open = Next();
                    var (inner, _) = ParseExpression(inherited);
                    var close = Expect(FilterTokenKind.RightParen, "')'");
                    if (!IsArithmeticContinuation(Peek()?.Kind))
                        return (inner, inherited);
                }
                catch (FilterSyntaxException e)
                {
                    first = e;
                }
                int failedAt = _index;
                _index = save;
                _depth = depth;
                try
                {
                    return (ParseRelation(), Qualifiers.None);
                }
                catch (FilterSyntaxException) when (first is not null)
                {
                    throw first;
                }
            }
            case FilterTokenKind.Number or FilterTokenKind.Minus:
                return (ParseRelation(), Qualifiers.None);
            case FilterTokenKind.Keyword:
                return ParseKeywordTerm(t);
            default:
                throw Unexpected(PrimitiveExpected);
        }
    }

    private (FilterNode, Qualifiers) ParseKeywordTerm(FilterToken t)
    {
        FilterKeywords.TryGet(t.Text, out var k);
        switch (k.Role)
        {
            case KeywordRole.Protocol:
                if (Is(FilterTokenKind.LeftBracket, 1))
                    return (ParseRelation(), Qualifiers.None);
                if (IsKeyword(KeywordRole.Broadcast, 1) || IsKeyword(KeywordRole.Multicast, 1))
                {
                    Next();
                    var b = Next();
                    var kind = b.Text == "broadcast" ? SpecialKind.Broadcast : SpecialKind.Multicast;
                    return (Special(kind, t, b, (ProtoQualifier)k.Value), Qualifiers.None);
                }
                if (IsKeyword(KeywordRole.Direction, 1) || IsKeyword(KeywordRole.AddressType, 1) || IsKeyword(KeywordRole.Proto, 1)
                    || IsKeyword(KeywordRole.Protochain, 1) || IsKeyword(KeywordRole.Gateway, 1))
                    return ParseHeadAndIdentifier();
                Next();
                return (new ProtocolNode((ProtoQualifier)k.Value, t.Position, t.Length), Qualifiers.None);
            case KeywordRole.Direction or KeywordRole.AddressType or KeywordRole.Proto or KeywordRole.Protochain or KeywordRole.Gateway:
                return ParseHeadAndIdentifier();
            case KeywordRole.Broadcast or KeywordRole.Multicast:
                Next();
                return (Special(k.Role == KeywordRole.Broadcast ? SpecialKind.Broadcast : SpecialKind.Multicast, t, t, ProtoQualifier.Default), Qualifiers.None);
            case KeywordRole.Len:
                return (ParseRelation(), Qualifiers.None);
            case KeywordRole.Less or KeywordRole.Greater or KeywordRole.IfIndex:
            {
                Next();
                var n = Expect(FilterTokenKind.Number, "a number");
                var kind = k.Role switch { KeywordRole.Less => SpecialKind.Less, KeywordRole.Greater => SpecialKind.Greater, _ => SpecialKind.IfIndex };
                return (Special(kind, t, n, ProtoQualifier.Default, NumberValue(n), true), Qualifiers.None);
            }
            case KeywordRole.Byte:
            {
                Next();
                var idx = Expect(FilterTokenKind.Number, "a byte offset");
                var op = Peek();
                char opChar = op?.Kind switch
                {
                    FilterTokenKind.Equal => '=', FilterTokenKind.Less => '<', FilterTokenKind.Greater => '>',
                    FilterTokenKind.Ampersand => '&', FilterTokenKind.Pipe => '|', _ => '\0',
                };
                if (opChar == '\0' || (op!.Value.Text == "==" ))
                    throw Unexpected("one of '=', '<', '>', '&', '|'");
                Next();
                var v = Expect(FilterTokenKind.Number, "a number");
                return (new SpecialNode(SpecialKind.ByteCompare, ProtoQualifier.Default, NumberValue(idx), true, null, opChar,
                    NumberValue(v), t.Position, v.Position + v.Length - t.Position), Qualifiers.None);
            }
            case KeywordRole.Inbound or KeywordRole.Outbound or KeywordRole.Pppoed:
                Next();
                return (Special(k.Role switch { KeywordRole.Inbound => SpecialKind.Inbound, KeywordRole.Outbound => SpecialKind.Outbound, _ => SpecialKind.Pppoed }, t, t, ProtoQualifier.Default), Qualifiers.None);
            case KeywordRole.Vlan or KeywordRole.Mpls or KeywordRole.Pppoes or KeywordRole.Geneve:
            {
                Next();
                var kind = k.Role switch { KeywordRole.Vlan => SpecialKind.Vlan, KeywordRole.Mpls => SpecialKind.Mpls, KeywordRole.Pppoes => SpecialKind.Pppoes, _ => SpecialKind.Geneve };
                if (Is(FilterTokenKind.Number) || Is(FilterTokenKind.LeftParen))
                {
                    var (value, end) = ParseParenthesizedNumber();
                    return (new SpecialNode(kind, ProtoQualifier.Default, value, true, null, '\0', 0, t.Position, end - t.Position), Qualifiers.None);
                }
                return (Special(kind, t, t, ProtoQualifier.Default), Qualifiers.None);
            }
            case KeywordRole.Llc:
            {
                Next();
                if (Is(FilterTokenKind.Name) || (Is(FilterTokenKind.Keyword) && Peek()!.Value.Text == "rnr"))
                {
                    var n = Next();
                    return (new SpecialNode(SpecialKind.Llc, ProtoQualifier.Default, 0, false, n.Text, '\0', 0, t.Position, n.Position + n.Length - t.Position), Qualifiers.None);
                }
                return (Special(SpecialKind.Llc, t, t, ProtoQualifier.Default), Qualifiers.None);
            }
            default:
                throw new FilterSyntaxException(
                    $"unsupported keyword '{t.Text}' at {t.Position}: it does not apply to the supported link types", t.Position, t.Length);
        }
    }

    private static SpecialNode Special(SpecialKind kind, FilterToken first, FilterToken last, ProtoQualifier proto,
        uint value = 0, bool hasValue = false) =>
        new(kind, proto, value, hasValue, null, '\0', 0, first.Position, last.Position + last.Length - first.Position);

    private (uint Value, int End) ParseParenthesizedNumber()
    {
        Enter();
        try
        {
            if (Is(FilterTokenKind.LeftParen))
            {
                Next();
                var (v, _) = ParseParenthesizedNumber();
                var close = Expect(FilterTokenKind.RightParen, "')'");
                return (v, close.Position + 1);
            }
            var n = Expect(FilterTokenKind.Number, "a number");
            return (NumberValue(n), n.Position + n.Length);
        }
        finally
        {
            _depth--;
        }
    }

    private (FilterNode, Qualifiers) ParseHeadAndIdentifier()
    {
        var first = Peek()!.Value;
        var proto = ProtoQualifier.Default;
        var dir = DirectionQualifier.Default;
        var addr = AddressQualifier.Default;
        if (FilterKeywords.TryGet(first.Text, out var k) && k.Role == KeywordRole.Protocol)
        {
            proto = (ProtoQualifier)k.Value;
            Next();
        }
        bool any = false;
        if (IsKeyword(KeywordRole.Direction))
        {
            var d = Next();
            FilterKeywords.TryGet(d.Text, out var dk);
            dir = (DirectionQualifier)dk.Value;
            any = true;
            if ((dir is DirectionQualifier.Src or DirectionQualifier.Dst) && (Is(FilterTokenKind.And) || Is(FilterTokenKind.Or))
                && IsKeyword(KeywordRole.Direction, 1))
            {
                var other = Peek(1)!.Value.Text;
                if ((dir == DirectionQualifier.Src && other == "dst") || (dir == DirectionQualifier.Dst && other == "src"))
                {
                    dir = Next().Kind == FilterTokenKind.And ? DirectionQualifier.And : DirectionQualifier.Or;
                    Next();
                }
            }
        }
        if (IsKeyword(KeywordRole.AddressType))
        {
            FilterKeywords.TryGet(Next().Text, out var ak);
            addr = (AddressQualifier)ak.Value;
            any = true;
        }
        else if (!any && IsKeyword(KeywordRole.Proto))
        {
            Next();
            addr = AddressQualifier.Proto;
            any = true;
        }
        else if (!any && IsKeyword(KeywordRole.Protochain))
        {
            Next();
            addr = AddressQualifier.Protochain;
            any = true;
        }
        else if (!any && IsKeyword(KeywordRole.Gateway))
        {
            Next();
            addr = AddressQualifier.Gateway;
            any = true;
        }
        if (!any)
            throw Unexpected("a qualifier such as 'host', 'net', 'port', 'src', 'dst' or 'proto'");
        var q = new Qualifiers(proto, dir, addr);
        var id = ParseIdentifier(q);
        return (id, q);
    }

    private FilterNode ParseIdentifier(Qualifiers q)
    {
        Enter();
        try
        {
            var t = Peek() ?? throw Unexpected("an address, a name or a number");
            switch (t.Kind)
            {
                case FilterTokenKind.Not:
                {
                    Next();
                    var inner = ParseIdentifier(q);
                    return new NotNode(inner, t.Position, EndOf(inner) - t.Position);
                }
                case FilterTokenKind.LeftParen:
                {
                    Next();
                    var left = ParseIdentifier(q);
                    while (Is(FilterTokenKind.And) || Is(FilterTokenKind.Or))
                    {
                        bool isAnd = Next().Kind == FilterTokenKind.And;
                        var right = ParseIdentifier(q);
                        left = isAnd
                            ? new AndNode(left, right, left.Position, EndOf(right) - left.Position)
                            : new OrNode(left, right, left.Position, EndOf(right) - left.Position);
                    }
                    Expect(FilterTokenKind.RightParen, "')', 'and' or 'or'");
                    return left;
                }
                case FilterTokenKind.Number:
                    Next();
                    return new IdentifierNode(q, IdentifierKind.Number, t.Text, NumberValue(t), null, t.Position, t.Length);
                case FilterTokenKind.Name:
                {
                    Next();
                    string name = t.Text.StartsWith('\\') ? t.Text[1..] : t.Text;
                    return new IdentifierNode(q, IdentifierKind.Name, name, 0, null, t.Position, t.Length);
                }
                case FilterTokenKind.MacAddress:
                    Next();
                    return new IdentifierNode(q, IdentifierKind.Mac, t.Text, 0, null, t.Position, t.Length);
                case FilterTokenKind.HostAddress:
                {
                    Next();
                    if (Is(FilterTokenKind.Slash))
                    {
                        Next();
                        var len = Expect(FilterTokenKind.Number, "a prefix length");
                        return new IdentifierNode(q, IdentifierKind.Ipv4WithPrefix, t.Text, NumberValue(len), null, t.Position, len.Position + len.Length - t.Position);
                    }
                    if (Peek() is { Kind: FilterTokenKind.Keyword, Text: "mask" })
                    {
                        Next();
                        var m = Expect(FilterTokenKind.HostAddress, "a netmask such as 255.255.0.0");
                        return new IdentifierNode(q, IdentifierKind.Ipv4WithMask, t.Text, 0, m.Text, t.Position, m.Position + m.Length - t.Position);
                    }
                    string? misuse = q.Address switch
                    {
                        AddressQualifier.Port => "'port' modifier applied to IP address",
                        AddressQualifier.Portrange => "'portrange' modifier applied to IP address",
                        AddressQualifier.Proto => "'proto' modifier applied to IP address",
                        AddressQualifier.Protochain => "'protochain' modifier applied to IP address",
                        _ => null,
                    };
                    if (misuse is not null)
                        throw new FilterSyntaxException($"{misuse} at {t.Position}", t.Position, t.Length);
                    return new IdentifierNode(q, IdentifierKind.Ipv4, t.Text, 0, null, t.Position, t.Length);
                }
                case FilterTokenKind.Ipv6Address:
                {
                    Next();
                    if (Is(FilterTokenKind.Slash))
                    {
                        Next();
                        var len = Expect(FilterTokenKind.Number, "a prefix length");
                        return new IdentifierNode(q, IdentifierKind.Ipv6WithPrefix, t.Text, NumberValue(len), null, t.Position, len.Position + len.Length - t.Position);
                    }
                    return new IdentifierNode(q, IdentifierKind.Ipv6, t.Text, 128, null, t.Position, t.Length);
                }
                default:
                    throw Unexpected("an address, a name or a number");
            }
        }
        finally
        {
            _depth--;
        }
    }

    // Arithmetic: '|' < '^' < '&' < shifts < '+' '-' < '*' '/' '%' < unary minus.
    private static int Precedence(FilterTokenKind k) => k switch
    {
        FilterTokenKind.Pipe => 1,
        FilterTokenKind.Caret => 2,
        FilterTokenKind.Ampersand => 3,
        FilterTokenKind.ShiftLeft or FilterTokenKind.ShiftRight => 4,
        FilterTokenKind.Plus or FilterTokenKind.Minus => 5,
        FilterTokenKind.Star or FilterTokenKind.Slash or FilterTokenKind.Percent => 6,
        _ => 0,
    };

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

    private RelationNode ParseRelation()
    {
        var left = ParseArithmetic(1);
        var op = Peek();
        (ushort code, bool reversed) = op?.Kind switch
        {
            FilterTokenKind.Greater => (BpfOpcodes.Jgt, false),
            FilterTokenKind.GreaterOrEqual => (BpfOpcodes.Jge, false),
            FilterTokenKind.Equal => (BpfOpcodes.Jeq, false),
            FilterTokenKind.LessOrEqual => (BpfOpcodes.Jgt, true),
            FilterTokenKind.Less => (BpfOpcodes.Jge, true),
            FilterTokenKind.NotEqual => (BpfOpcodes.Jeq, true),
            _ => throw Unexpected("a comparison such as '=', '!=', '<', '>'"),
        };
        Next();
        var right = ParseArithmetic(1);
        return new RelationNode(left, code, reversed, right, left.Position, EndOf(right) - left.Position);
    }

    private ArithmeticNode ParseArithmetic(int minPrecedence)
    {
        Enter();
        try
        {
            var left = ParseArithmeticPrimary();
            while (Peek() is { } op && Precedence(op.Kind) >= minPrecedence)
            {
                Next();
                var right = ParseArithmetic(Precedence(op.Kind) + 1);
                left = new BinaryNode(Operation(op.Kind), left, right, left.Position, EndOf(right) - left.Position);
            }
            return left;
        }
        finally
        {
            _depth--;
        }
    }

    private ArithmeticNode ParseArithmeticPrimary()
    {
        Enter();
        try
        {
            var t = Peek() ?? throw Unexpected("a number, 'len' or an accessor such as 'ip[0]'");
            switch (t.Kind)
            {
                case FilterTokenKind.Number:
                    Next();
                    return new ConstantNode(NumberValue(t), t.Position, t.Length);
                case FilterTokenKind.Minus:
                {
                    Next();
                    var inner = ParseArithmeticPrimary();
                    return new NegateNode(inner, t.Position, EndOf(inner) - t.Position);
                }
                case FilterTokenKind.LeftParen:
                {
                    Next();
                    var inner = ParseArithmetic(1);
                    Expect(FilterTokenKind.RightParen, "')'");
                    return inner;
                }
                case FilterTokenKind.Keyword when IsKeyword(KeywordRole.Len):
                    Next();
                    return new PacketLengthNode(t.Position, t.Length);
                case FilterTokenKind.Keyword when IsKeyword(KeywordRole.Protocol) && Is(FilterTokenKind.LeftBracket, 1):
                {
                    FilterKeywords.TryGet(t.Text, out var k);
                    Next();
                    Next();
                    var index = ParseArithmetic(1);
                    uint size = 1;
                    if (Is(FilterTokenKind.Colon))
                    {
                        Next();
                        var sz = Expect(FilterTokenKind.Number, "an access size of 1, 2 or 4");
                        size = NumberValue(sz);
                    }
                    var close = Expect(FilterTokenKind.RightBracket, "']'");
                    return new PacketAccessNode((ProtoQualifier)k.Value, index, size, t.Position, close.Position + 1 - t.Position);
                }
                default:
                    throw Unexpected("a number, 'len' or an accessor such as 'ip[0]'");
            }
        }
        finally
        {
            _depth--;
        }
    }

    private static uint NumberValue(FilterToken t)
    {
        if (FilterKeywords.TryGet(t.Text, out var k) && k.Role == KeywordRole.NamedNumber)
            return (uint)k.Value;
        if (!NumberParser.TryParse(t.Text, out uint value, out string? error))
            throw new FilterSyntaxException($"{error} at {t.Position}", t.Position, t.Length);
        return value;
    }
}
