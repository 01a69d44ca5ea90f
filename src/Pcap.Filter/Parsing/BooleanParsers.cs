using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;
using Superpower;
using Superpower.Model;
using K = Pcap.Filter.Parsing.FilterTokenKind;

namespace Pcap.Filter.Parsing;

/// <summary>
/// Superpower parsers for libpcap's boolean grammar: <c>and</c>/<c>or</c> share one precedence and associate left,
/// <c>not</c> binds tightest, a primitive is a qualified identifier, a keyword primitive or a relation, and an
/// identifier without qualifiers after <c>and</c>/<c>or</c> inherits those of the primitive before it
/// (<c>host a or b</c>, <c>tcp port 80 or 443</c>). Operands are read first and given their inherited qualifiers when
/// the chain is folded (<see cref="QualifiedOperand"/>). Stateless apart from per-thread bookkeeping: thread-safe.
/// </summary>
internal static class BooleanParsers
{
    private const string PrimitiveExpected = "a primitive such as 'host', 'port', 'tcp'";
    private const string IdentifierExpected = "an address, a name or a number";

    // Nesting depth of the parse on this thread (refused past MaxDepth before the stack runs out) and the text length.
    [ThreadStatic] private static int t_depth;
    [ThreadStatic] private static int t_textLength;
    [ThreadStatic] private static Token<K>[]? t_tokens;

    /// <summary>The length of the expression being parsed on this thread: the position of "the end".</summary>
    internal static int TextLength => t_textLength;

    /// <summary>Prepares this thread for parsing an expression of <paramref name="textLength"/> characters.</summary>
    internal static void Begin(Token<K>[] tokens, int textLength)
    {
        t_depth = 0;
        t_tokens = tokens;
        t_textLength = textLength;
    }

    /// <summary>Lets go of this thread's token array once the expression is parsed.</summary>
    internal static void End() => t_tokens = null;

    // ---- tokens

    private static Token<K>? Peek(TokenList<K> input, int ahead = 0)
    {
        for (var rest = input; ; ahead--)
        {
            var next = rest.ConsumeToken();
            if (!next.HasValue)
                return null;
            if (ahead == 0)
                return next.Value;
            rest = next.Remainder;
        }
    }

    private static bool Is(TokenList<K> input, K kind, int ahead = 0) => Peek(input, ahead) is { } t && t.Kind == kind;

    private static KeywordRole? RoleOf(Token<K> t) =>
        t.Kind == K.Keyword && FilterKeywords.TryGet(t, out var k) ? k.Role : null;

    // The keyword role (and value) of a token just read, if it is a keyword.
    private static KeywordRole? KeywordOf(TokenListParserResult<K, Token<K>> token, out int value)
    {
        value = 0;
        if (!token.HasValue || token.Value.Kind != K.Keyword || !FilterKeywords.TryGet(token.Value, out var k))
            return null;
        value = k.Value;
        return k.Role;
    }

    private static int Start(Token<K> t) => t.Span.Position.Absolute;
    private static int End(Token<K> t) => t.Span.Position.Absolute + t.Span.Length;
    private static int End(FilterNode n) => n.Position + n.Length;

    private static TokenListParserResult<K, T> Fail<T>(TokenList<K> input, string expected) =>
        TokenListParserResult.Empty<K, T>(input, [expected]);

    private static TokenListParserResult<K, T> Success<T>(T value, TokenList<K> input, TokenList<K> remainder) =>
        TokenListParserResult.Value(value, input, remainder);

    private static TokenListParserResult<K, TOut> Then<TIn, TOut>(TokenListParserResult<K, TIn> result, TokenList<K> input, Func<TIn, TOut> map) =>
        result.HasValue ? Success(map(result.Value), input, result.Remainder) : TokenListParserResult.CastEmpty<K, TIn, TOut>(result);

    // Every recursive rule counts one level, as deep expressions would otherwise overflow the stack.
    private static TokenListParser<K, T> Nested<T>(TokenListParser<K, T> rule) => input =>
    {
        if (++t_depth > Nesting.MaxBooleanDepth)
        {
            var t = Peek(input);
            int at = t is { } token ? Start(token) : t_textLength;
            t_depth--;
            throw new FilterSyntaxException($"expression nested more than {Nesting.MaxBooleanDepth} levels deep at {at}", at, t?.Span.Length ?? 0);
        }
        try
        {
            return rule(input);
        }
        finally
        {
            t_depth--;
        }
    };

    // Parsers the rules below share, built once here: a query expression would otherwise build them on every call.
    private static readonly TokenListParser<K, Token<K>> NotToken = TokenParsers.Kind(K.Not);
    private static readonly TokenListParser<K, Token<K>> LeftParenToken = TokenParsers.Kind(K.LeftParen);
    private static readonly TokenListParser<K, Token<K>> KeywordToken = TokenParsers.Kind(K.Keyword);
    private static readonly TokenListParser<K, Token<K>> RightParenExpected = TokenParsers.Expect(K.RightParen, "')'");
    private static readonly TokenListParser<K, Token<K>> NumberExpected = TokenParsers.Expect(K.Number, "a number");
    private static readonly TokenListParser<K, Token<K>> ByteOffsetExpected = TokenParsers.Expect(K.Number, "a byte offset");
    private static readonly TokenListParser<K, Func<Qualifiers, FilterNode>> IdentifierRef = Parse.Ref(() => Identifier!);

    private static QualifiedOperand Unqualified(FilterNode node) => _ => (node, Qualifiers.None);

    // ---- expression: term ((and | or) (identifier | term))*

    private static readonly string[] LogicalOperatorExpected = ["'and'", "'or'"];

    private static readonly TokenListParser<K, Token<K>> LogicalOperator = input =>
    {
        var next = input.ConsumeToken();
        return next.HasValue && next.Value.Kind is K.And or K.Or ? next : TokenListParserResult.Empty<K, Token<K>>(input, LogicalOperatorExpected);
    };

    // Right after 'and'/'or' an operand may be a bare identifier that inherits qualifiers; first in an expression it may not.
    private static readonly TokenListParser<K, OperandChain> Operand = input =>
    {
        bool afterLogicalOperator = input.Position > 0 && t_tokens![input.Position - 1].Kind is K.And or K.Or;
        var operand = afterLogicalOperator ? IdentifierOrTerm!(input) : Term!(input);
        return Then(operand, input, o => new OperandChain(o));
    };

    /// <summary>A whole boolean expression: operands joined by equal-precedence, left-associative and/or.</summary>
    private static readonly TokenListParser<K, QualifiedOperand> Expression = Nested(
        Parse.Chain(LogicalOperator, Operand, OperandChain.Append).Select(chain => (QualifiedOperand)chain.Fold));

    /// <summary>The whole input: an expression and nothing after it.</summary>
    public static readonly TokenListParser<K, QualifiedOperand> Filter = input =>
    {
        var result = Expression(input);
        if (result.HasValue && !result.Remainder.IsAtEnd)
            return Fail<QualifiedOperand>(result.Remainder, "'and', 'or' or the end of the expression");
        return result;
    };

    // ---- after 'and'/'or': a bare identifier (inheriting qualifiers) or a term

    private static bool StartsIdentifier(Token<K>? t) => t?.Kind is K.Name or K.HostAddress or K.Ipv6Address
        or K.MacAddress or K.Number or K.LeftParen or K.Not;

    // Past any '(' and 'not', an identifier starts with an address, a name or a number; a keyword means a term.
    private static bool CouldBeIdentifier(TokenList<K> input)
    {
        for (var t = Peek(input); t is not null; input = input.ConsumeToken().Remainder, t = Peek(input))
        {
            if (t.Value.Kind is K.LeftParen or K.Not)
                continue;
            return t.Value.Kind is K.Name or K.HostAddress or K.Ipv6Address or K.MacAddress or K.Number;
        }
        return false;
    }

    private static readonly TokenListParser<K, QualifiedOperand> IdentifierOrTerm = input =>
    {
        var first = Peek(input);
        if (!StartsIdentifier(first) || !CouldBeIdentifier(input))
            return Term!(input);
        var identifier = ParseAttempt<Func<Qualifiers, FilterNode>>.Run(Identifier!, input);
        if (identifier.HasValue && (identifier.Result.Remainder.IsAtEnd || Peek(identifier.Result.Remainder)?.Kind is K.And or K.Or or K.RightParen))
            return Then(identifier.Result, input, AsOperand);
        if (first!.Value.Kind is K.Name or K.HostAddress or K.Ipv6Address or K.MacAddress)
            return identifier.HasValue ? Then(identifier.Result, input, AsOperand) : identifier.Failure<QualifiedOperand>();
        var term = ParseAttempt<QualifiedOperand>.Run(Term!, input);
        if (term.HasValue)
            return term.Result;
        // Report the reading that got further: that is where the expression really goes wrong.
        return !identifier.HasValue && identifier.FailurePosition > term.FailurePosition
            ? identifier.Failure<QualifiedOperand>()
            : term.Failure<QualifiedOperand>();
    };

    private static QualifiedOperand AsOperand(Func<Qualifiers, FilterNode> identifier) => inherited => (identifier(inherited), inherited);

    // ---- term: not term | ( expression ) | relation | keyword primitive

    // 'not' term, after the 'not'; written out as Relation is.
    private static TokenListParserResult<K, QualifiedOperand> NotTerm(TokenList<K> input, Token<K> not, TokenList<K> afterNot)
    {
        var inner = Term(afterNot);
        if (!inner.HasValue)
            return inner;
        var operand = inner.Value;
        return Success<QualifiedOperand>(inherited =>
        {
            var (node, carried) = operand(inherited);
            return (new NotNode(node, Start(not), End(node) - Start(not)), carried);
        }, input, inner.Remainder);
    }

    private static readonly TokenListParser<K, QualifiedOperand> Term = Nested(input =>
    {
        var t = Peek(input);
        return t?.Kind switch
        {
            K.Not => NotTerm(input, t.Value, input.ConsumeToken().Remainder),
            K.LeftParen => ParenthesizedOrRelation(input),
            K.Number or K.Minus => Then(Relation!(input), input, r => Unqualified(r)),
            K.Keyword => KeywordTerm(input, t.Value),
            _ => Fail<QualifiedOperand>(input, PrimitiveExpected),
        };
    });

    // '(' expression ')'; written out as Relation is.
    private static readonly TokenListParser<K, QualifiedOperand> Parenthesized = input =>
    {
        var open = LeftParenToken(input);
        if (!open.HasValue)
            return TokenListParserResult.CastEmpty<K, Token<K>, QualifiedOperand>(open);
        var inner = Expression(open.Remainder);
        if (!inner.HasValue)
            return inner;
        var close = RightParenExpected(inner.Remainder);
        if (!close.HasValue)
            return TokenListParserResult.CastEmpty<K, Token<K>, QualifiedOperand>(close);
        var operand = inner.Value;
        return Success<QualifiedOperand>(inherited => (operand(inherited).Node, inherited), input, close.Remainder);
    };

    // The token after the ')' that closes the '(' at token index 'open', if the parentheses balance there.
    private static Token<K>? AfterMatchingParenthesis(int open)
    {
        var tokens = t_tokens!;
        int depth = 0;
        for (int i = open; i < tokens.Length; i++)
        {
            depth += tokens[i].Kind == K.LeftParen ? 1 : tokens[i].Kind == K.RightParen ? -1 : 0;
            if (depth == 0)
                return i + 1 < tokens.Length ? tokens[i + 1] : null;
        }
        return null;
    }

    private static bool IsArithmeticContinuation(Token<K>? t) => t?.Kind is K.Plus or K.Minus or K.Star or K.Slash
        or K.Percent or K.Ampersand or K.Pipe or K.Caret or K.ShiftLeft or K.ShiftRight or K.Greater or K.GreaterOrEqual
        or K.Less or K.LessOrEqual or K.Equal or K.NotEqual;

    // '(' opens a boolean group or an arithmetic operand ("(ip[0] + 1) > 2"): the group wins unless arithmetic follows.
    private static TokenListParserResult<K, QualifiedOperand> ParenthesizedOrRelation(TokenList<K> input)
    {
        // Arithmetic after the matching ')' means a relation that parses is the answer whatever the group reading gives:
        // trying it first keeps "((((1)))) = 1" linear instead of reading the arithmetic again at every level.
        if (IsArithmeticContinuation(AfterMatchingParenthesis(input.Position)))
        {
            var first = ParseAttempt<RelationNode>.Run(Relation, input);
            if (first.HasValue)
                return Then(first.Result, input, r => Unqualified(r));
        }
        var group = ParseAttempt<QualifiedOperand>.Run(Parenthesized, input);
        if (group.HasValue && !IsArithmeticContinuation(Peek(group.Result.Remainder)))
            return group.Result;
        var relation = ParseAttempt<RelationNode>.Run(Relation, input);
        if (relation.HasValue)
            return Then(relation.Result, input, r => Unqualified(r));
        return !group.HasValue && group.FailurePosition >= relation.FailurePosition
            ? group.Failure<QualifiedOperand>()
            : relation.Failure<QualifiedOperand>();
    }

    // ---- relation: arithmetic relop arithmetic

    private static readonly string[] ComparisonExpected = ["a comparison such as '=', '!=', '<', '>'"];

    private static readonly TokenListParser<K, (ushort Code, bool Reversed)> RelationalOperator = input =>
    {
        var next = input.ConsumeToken();
        (ushort Code, bool Reversed)? op = next.HasValue ? next.Value.Kind switch
        {
            K.Greater => (BpfOpcodes.Jgt, false),
            K.GreaterOrEqual => (BpfOpcodes.Jge, false),
            K.Equal => (BpfOpcodes.Jeq, false),
            K.LessOrEqual => (BpfOpcodes.Jgt, true),
            K.Less => (BpfOpcodes.Jge, true),
            K.NotEqual => (BpfOpcodes.Jeq, true),
            _ => null,
        } : null;
        return op is { } found
            ? Success(found, input, next.Remainder)
            : TokenListParserResult.Empty<K, (ushort, bool)>(input, ComparisonExpected);
    };

    // Written out step by step (each step's failure returned unchanged, as a query's SelectMany does) because a query
    // allocates closures at every step of every parse, and relations are common.
    private static readonly TokenListParser<K, RelationNode> Relation = input =>
    {
        var left = ArithmeticParsers.Expression(input);
        if (!left.HasValue)
            return TokenListParserResult.CastEmpty<K, ArithmeticNode, RelationNode>(left);
        var op = RelationalOperator(left.Remainder);
        if (!op.HasValue)
            return TokenListParserResult.CastEmpty<K, (ushort, bool), RelationNode>(op);
        var right = ArithmeticParsers.Expression(op.Remainder);
        if (!right.HasValue)
            return TokenListParserResult.CastEmpty<K, ArithmeticNode, RelationNode>(right);
        var (code, reversed) = op.Value;
        return Success(new RelationNode(left.Value, code, reversed, right.Value, left.Value.Position, End(right.Value) - left.Value.Position),
            input, right.Remainder);
    };

    // ---- keyword primitives

    private static SpecialNode Special(SpecialKind kind, Token<K> first, Token<K> last, ProtoQualifier proto, uint value = 0, bool hasValue = false) =>
        new(kind, proto, value, hasValue, null, '\0', 0, Start(first), End(last) - Start(first));

    // 'less 60', 'greater 100', 'ifindex 2'; written out as Relation is.
    private static TokenListParser<K, QualifiedOperand> NumberedSpecial(SpecialKind kind) => input =>
    {
        var keyword = KeywordToken(input);
        if (!keyword.HasValue)
            return TokenListParserResult.CastEmpty<K, Token<K>, QualifiedOperand>(keyword);
        var n = NumberExpected(keyword.Remainder);
        if (!n.HasValue)
            return TokenListParserResult.CastEmpty<K, Token<K>, QualifiedOperand>(n);
        var node = Special(kind, keyword.Value, n.Value, ProtoQualifier.Default, ArithmeticParsers.NumberValue(n.Value), true);
        return Success(Unqualified(node), input, n.Remainder);
    };

    private static readonly TokenListParser<K, (char Operator, Token<K> Token)> ByteOperator = input =>
    {
        var op = Peek(input);
        char c = op?.Kind switch
        {
            K.Equal => '=', K.Less => '<', K.Greater => '>', K.Ampersand => '&', K.Pipe => '|', _ => '\0',
        };
        // libpcap's byte primitive takes '=' but not '=='.
        if (c == '\0' || FilterKeywords.TextOf(op!.Value) is "==")
            return Fail<(char, Token<K>)>(input, "one of '=', '<', '>', '&', '|'");
        return Success((c, op.Value), input, input.ConsumeToken().Remainder);
    };

    private static readonly TokenListParser<K, QualifiedOperand> ByteCompare =
        from keyword in KeywordToken
        from index in ByteOffsetExpected
        from op in ByteOperator
        from value in NumberExpected
        select Unqualified(new SpecialNode(SpecialKind.ByteCompare, ProtoQualifier.Default, ArithmeticParsers.NumberValue(index), true, null,
            op.Operator, ArithmeticParsers.NumberValue(value), Start(keyword), End(value) - Start(keyword)));

    // vlan 5, vlan (5), vlan ((5)): libpcap allows a parenthesized number.
    private static readonly TokenListParser<K, (uint Value, int End)> ParenthesizedNumber = Nested(input =>
        Is(input, K.LeftParen) ? NumberInParentheses!(input) : BareNumber!(input));

    private static readonly TokenListParser<K, (uint Value, int End)> NumberInParentheses =
        from open in LeftParenToken
        from inner in Parse.Ref(() => ParenthesizedNumber)
        from close in RightParenExpected
        select (inner.Value, End(close));

    private static readonly TokenListParser<K, (uint Value, int End)> BareNumber =
        NumberExpected.Select(n => (ArithmeticParsers.NumberValue(n), End(n)));

    private static TokenListParser<K, QualifiedOperand> EncapsulationSpecial(SpecialKind kind) => input =>
    {
        var keyword = Peek(input)!.Value;
        var afterKeyword = input.ConsumeToken().Remainder;
        if (!Is(afterKeyword, K.Number) && !Is(afterKeyword, K.LeftParen))
            return Success(Unqualified(Special(kind, keyword, keyword, ProtoQualifier.Default)), input, afterKeyword);
        return Then(ParenthesizedNumber(afterKeyword), input, n =>
            Unqualified(new SpecialNode(kind, ProtoQualifier.Default, n.Value, true, null, '\0', 0, Start(keyword), n.End - Start(keyword))));
    };

    private static readonly TokenListParser<K, Token<K>> LlcType =
        TokenParsers.Kind(K.Name).Or(TokenParsers.Keyword("rnr")).OptionalOrDefault();

    private static readonly TokenListParser<K, QualifiedOperand> Llc =
        from keyword in KeywordToken
        from type in LlcType
        select Unqualified(type.HasValue
            ? new SpecialNode(SpecialKind.Llc, ProtoQualifier.Default, 0, false, type.ToStringValue(), '\0', 0, Start(keyword), End(type) - Start(keyword))
            : Special(SpecialKind.Llc, keyword, keyword, ProtoQualifier.Default));

    // Keyword primitives read by a parser of their own: 'less 60', 'byte 3 = 1', 'vlan 5', 'llc i'.
    private static readonly Dictionary<KeywordRole, TokenListParser<K, QualifiedOperand>> KeywordPrimitives = new()
    {
        [KeywordRole.Less] = NumberedSpecial(SpecialKind.Less),
        [KeywordRole.Greater] = NumberedSpecial(SpecialKind.Greater),
        [KeywordRole.IfIndex] = NumberedSpecial(SpecialKind.IfIndex),
        [KeywordRole.Byte] = ByteCompare,
        [KeywordRole.Vlan] = EncapsulationSpecial(SpecialKind.Vlan),
        [KeywordRole.Mpls] = EncapsulationSpecial(SpecialKind.Mpls),
        [KeywordRole.Pppoes] = EncapsulationSpecial(SpecialKind.Pppoes),
        [KeywordRole.Geneve] = EncapsulationSpecial(SpecialKind.Geneve),
        [KeywordRole.Llc] = Llc,
    };

    private static TokenListParserResult<K, QualifiedOperand> KeywordTerm(TokenList<K> input, Token<K> t)
    {
        FilterKeywords.TryGet(t, out var k);
        var afterKeyword = input.ConsumeToken().Remainder;
        switch (k.Role)
        {
            case KeywordRole.Protocol:
            {
                // What follows the protocol decides the primitive: read it, and its keyword role, once.
                var next = afterKeyword.ConsumeToken();
                if (next.HasValue && next.Value.Kind == K.LeftBracket)
                    return Then(Relation(input), input, r => Unqualified(r));
                var nextRole = next.HasValue ? RoleOf(next.Value) : null;
                if (nextRole is KeywordRole.Broadcast or KeywordRole.Multicast)
                {
                    var b = next.Value;
                    var kind = nextRole == KeywordRole.Broadcast ? SpecialKind.Broadcast : SpecialKind.Multicast;
                    return Success(Unqualified(Special(kind, t, b, (ProtoQualifier)k.Value)), input, next.Remainder);
                }
                if (nextRole is KeywordRole.Direction or KeywordRole.AddressType or KeywordRole.Proto or KeywordRole.Protochain or KeywordRole.Gateway)
                    return QualifiedIdentifier(input);
                return Success(Unqualified(new ProtocolNode((ProtoQualifier)k.Value, Start(t), t.Span.Length)), input, afterKeyword);
            }
            case KeywordRole.Direction or KeywordRole.AddressType or KeywordRole.Proto or KeywordRole.Protochain or KeywordRole.Gateway:
                return QualifiedIdentifier(input);
            case KeywordRole.Broadcast or KeywordRole.Multicast:
                return Success(Unqualified(Special(k.Role == KeywordRole.Broadcast ? SpecialKind.Broadcast : SpecialKind.Multicast, t, t, ProtoQualifier.Default)),
                    input, afterKeyword);
            case KeywordRole.Len:
                return Then(Relation(input), input, r => Unqualified(r));
            case KeywordRole.Inbound or KeywordRole.Outbound or KeywordRole.Pppoed:
            {
                var kind = k.Role switch { KeywordRole.Inbound => SpecialKind.Inbound, KeywordRole.Outbound => SpecialKind.Outbound, _ => SpecialKind.Pppoed };
                return Success(Unqualified(Special(kind, t, t, ProtoQualifier.Default)), input, afterKeyword);
            }
            case var role when KeywordPrimitives.TryGetValue(role, out var primitive):
                return primitive(input);
            default:
                throw new FilterSyntaxException(
                    $"unsupported keyword '{t.ToStringValue()}' at {Start(t)}: it does not apply to the supported link types", Start(t), t.Span.Length);
        }
    }

    // ---- qualified identifier: [proto] [dir] [type | proto | protochain | gateway] identifier

    private static TokenListParserResult<K, QualifiedOperand> QualifiedIdentifier(TokenList<K> input)
    {
        // Each token is read, and its keyword looked up, once: 'next' is the token at 'rest', 'role' and 'value' its keyword's.
        var rest = input;
        var next = rest.ConsumeToken();
        var role = KeywordOf(next, out int value);
        void Advance(TokenList<K> to)
        {
            rest = to;
            next = rest.ConsumeToken();
            role = KeywordOf(next, out value);
        }
        var proto = ProtoQualifier.Default;
        var dir = DirectionQualifier.Default;
        var addr = AddressQualifier.Default;
        if (role == KeywordRole.Protocol)
        {
            proto = (ProtoQualifier)value;
            Advance(next.Remainder);
        }
        bool any = false;
        if (role == KeywordRole.Direction)
        {
            dir = (DirectionQualifier)value;
            any = true;
            Advance(next.Remainder);
            // 'src or dst' and 'src and dst' (either order) are one direction qualifier.
            if ((dir is DirectionQualifier.Src or DirectionQualifier.Dst) && next.HasValue && next.Value.Kind is K.And or K.Or)
            {
                var after = next.Remainder.ConsumeToken();
                if (KeywordOf(after, out _) == KeywordRole.Direction)
                {
                    var other = FilterKeywords.TextOf(after.Value);
                    if ((dir == DirectionQualifier.Src && other is "dst") || (dir == DirectionQualifier.Dst && other is "src"))
                    {
                        dir = next.Value.Kind == K.And ? DirectionQualifier.And : DirectionQualifier.Or;
                        Advance(after.Remainder);
                    }
                }
            }
        }
        if (role == KeywordRole.AddressType)
        {
            addr = (AddressQualifier)value;
            any = true;
            Advance(next.Remainder);
        }
        else if (!any && role is KeywordRole.Proto or KeywordRole.Protochain or KeywordRole.Gateway)
        {
            addr = role switch
            {
                KeywordRole.Proto => AddressQualifier.Proto,
                KeywordRole.Protochain => AddressQualifier.Protochain,
                _ => AddressQualifier.Gateway,
            };
            any = true;
            Advance(next.Remainder);
        }
        if (!any)
            return Fail<QualifiedOperand>(rest, "a qualifier such as 'host', 'net', 'port', 'src', 'dst' or 'proto'");
        var q = new Qualifiers(proto, dir, addr);
        var identifier = Identifier(rest);
        if (!identifier.HasValue)
            return TokenListParserResult.CastEmpty<K, Func<Qualifiers, FilterNode>, QualifiedOperand>(identifier);
        // The qualifiers are known here, so a misapplied one is refused where it is read.
        var node = identifier.Value(q);
        return Success(Qualified(node, q), input, identifier.Remainder);
    }

    // Its own method so that only these two are captured: a lambda in QualifiedIdentifier would move all its locals to the heap.
    private static QualifiedOperand Qualified(FilterNode node, Qualifiers q) => _ => (node, q);

    // ---- identifier: not id | ( id ((and | or) id)* ) | number | name | address [/len | mask m]

    private static readonly TokenListParser<K, Func<Qualifiers, FilterNode>> NotIdentifier =
        from not in NotToken
        from inner in IdentifierRef
        select (Func<Qualifiers, FilterNode>)(q =>
        {
            var node = inner(q);
            return new NotNode(node, Start(not), End(node) - Start(not));
        });

    private static readonly TokenListParser<K, OperandChain> IdentifierChain =
        Parse.Chain(LogicalOperator, IdentifierRef.Select(i => new OperandChain(AsOperand(i))), OperandChain.Append);

    private static readonly TokenListParser<K, Token<K>> GroupCloseExpected = TokenParsers.Expect(K.RightParen, "')', 'and' or 'or'");

    // Inside a group every operand is an identifier with the group's qualifiers: 'host (a or b and c)'.
    private static readonly TokenListParser<K, Func<Qualifiers, FilterNode>> IdentifierGroup =
        from open in LeftParenToken
        from operands in IdentifierChain
        from close in GroupCloseExpected
        select (Func<Qualifiers, FilterNode>)(q => operands.Fold(q).Node);

    private static readonly TokenListParser<K, Token<K>> PrefixLength =
        TokenParsers.Kind(K.Slash).IgnoreThen(TokenParsers.Expect(K.Number, "a prefix length"));

    private static readonly TokenListParser<K, (Token<K>? Length, Token<K>? Mask)> Ipv4Suffix =
        PrefixLength.Select(length => (Length: (Token<K>?)length, Mask: (Token<K>?)null))
            .Or(TokenParsers.Keyword("mask").IgnoreThen(TokenParsers.Expect(K.HostAddress, "a netmask such as 255.255.0.0"))
                .Select(mask => (Length: (Token<K>?)null, Mask: (Token<K>?)mask)))
            .OptionalOrDefault();

    // Entered on an IPv4 address; written out as Relation is.
    private static TokenListParserResult<K, Func<Qualifiers, FilterNode>> Ipv4Identifier(
        TokenList<K> input, Token<K> address, TokenList<K> afterAddress)
    {
        var suffix = Ipv4Suffix(afterAddress);
        if (!suffix.HasValue)
            return TokenListParserResult.CastEmpty<K, (Token<K>?, Token<K>?), Func<Qualifiers, FilterNode>>(suffix);
        return Success(Ipv4Node(address, suffix.Value.Length, suffix.Value.Mask), input, suffix.Remainder);
    }

    private static Func<Qualifiers, FilterNode> Ipv4Node(Token<K> address, Token<K>? length, Token<K>? mask)
    {
        string text = address.ToStringValue();
        if (length is { } len)
        {
            var node = new IdentifierNode(default, IdentifierKind.Ipv4WithPrefix, text, ArithmeticParsers.NumberValue(len), null, Start(address), End(len) - Start(address));
            return q => node with { Qualifiers = q };
        }
        if (mask is { } m)
        {
            var node = new IdentifierNode(default, IdentifierKind.Ipv4WithMask, text, 0, m.ToStringValue(), Start(address), End(m) - Start(address));
            return q => node with { Qualifiers = q };
        }
        return q =>
        {
            string? misuse = q.Address switch
            {
                AddressQualifier.Port => "'port' modifier applied to IP address",
                AddressQualifier.Portrange => "'portrange' modifier applied to IP address",
                AddressQualifier.Proto => "'proto' modifier applied to IP address",
                AddressQualifier.Protochain => "'protochain' modifier applied to IP address",
                _ => null,
            };
            if (misuse is not null)
                throw new FilterSyntaxException($"{misuse} at {Start(address)}", Start(address), address.Span.Length);
            return new IdentifierNode(q, IdentifierKind.Ipv4, text, 0, null, Start(address), address.Span.Length);
        };
    }

    private static readonly TokenListParser<K, Token<K>?> OptionalPrefixLength =
        PrefixLength.Select(l => (Token<K>?)l).OptionalOrDefault();

    // Entered on an IPv6 address; written out as Relation is.
    private static TokenListParserResult<K, Func<Qualifiers, FilterNode>> Ipv6Identifier(
        TokenList<K> input, Token<K> address, TokenList<K> afterAddress)
    {
        var length = OptionalPrefixLength(afterAddress);
        if (!length.HasValue)
            return TokenListParserResult.CastEmpty<K, Token<K>?, Func<Qualifiers, FilterNode>>(length);
        Func<Qualifiers, FilterNode> node = length.Value is { } len
            ? q => new IdentifierNode(q, IdentifierKind.Ipv6WithPrefix, address.ToStringValue(), ArithmeticParsers.NumberValue(len), null, Start(address), End(len) - Start(address))
            : q => new IdentifierNode(q, IdentifierKind.Ipv6, address.ToStringValue(), 128, null, Start(address), address.Span.Length);
        return Success(node, input, length.Remainder);
    }

    private static Func<Qualifiers, FilterNode> Simple(Token<K> t, IdentifierKind kind, string text, uint number = 0) =>
        q => new IdentifierNode(q, kind, text, number, null, Start(t), t.Span.Length);

    private static readonly TokenListParser<K, Func<Qualifiers, FilterNode>> Identifier = Nested(input =>
    {
        var t = Peek(input);
        var after = input.ConsumeToken().Remainder;
        switch (t?.Kind)
        {
            case K.Not:
                return NotIdentifier(input);
            case K.LeftParen:
                return IdentifierGroup(input);
            case K.Number:
            {
                uint value = ArithmeticParsers.NumberValue(t.Value);
                return Success(Simple(t.Value, IdentifierKind.Number, t.Value.ToStringValue(), value), input, after);
            }
            case K.Name:
            {
                string text = t.Value.ToStringValue();
                return Success(Simple(t.Value, IdentifierKind.Name, text.StartsWith('\\') ? text[1..] : text), input, after);
            }
            case K.MacAddress:
                return Success(Simple(t.Value, IdentifierKind.Mac, t.Value.ToStringValue()), input, after);
            case K.HostAddress:
                return Ipv4Identifier(input, t.Value, after);
            case K.Ipv6Address:
                return Ipv6Identifier(input, t.Value, after);
            default:
                return Fail<Func<Qualifiers, FilterNode>>(input, IdentifierExpected);
        }
    });
}
