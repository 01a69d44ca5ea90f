using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;
using Superpower;
using Superpower.Model;
using K = Pcap.Filter.Parsing.FilterTokenKind;

namespace Pcap.Filter.Parsing;

/// <summary>
/// libpcap's boolean grammar: <c>and</c>/<c>or</c> share one precedence and associate left, <c>not</c> binds tightest,
/// a primitive is a qualified identifier, a keyword primitive or a relation, and an identifier without qualifiers after
/// <c>and</c>/<c>or</c> inherits those of the primitive before it (<c>host a or b</c>, <c>tcp port 80 or 443</c>).
/// Qualifiers flow in reading order, so each rule is given the qualifiers in force as a value and returns the operand
/// with those it passes on (<see cref="ChainOperand"/>); the and/or chain is one loop over the tokens. Each rule is a
/// method over the <see cref="ParseState"/> returning Superpower's result, failing exactly as the Superpower combinators
/// it replaces (<c>Parse.Chain</c>, queries, <c>Or</c>) fail; Superpower's parsers read the primitives' small parts.
/// </summary>
internal static class BooleanParsers
{
    private const string PrimitiveExpected = "a primitive such as 'host', 'port', 'tcp'";
    private const string IdentifierExpected = "an address, a name or a number";

    private static readonly string[] PrimitiveExpectations = [PrimitiveExpected];
    private static readonly string[] IdentifierExpectations = [IdentifierExpected];
    private static readonly string[] EndExpected = ["'and', 'or' or the end of the expression"];
    private static readonly string[] QualifierExpected = ["a qualifier such as 'host', 'net', 'port', 'src', 'dst' or 'proto'"];
    private static readonly string[] ComparisonExpected = ["a comparison such as '=', '!=', '<', '>'"];
    private static readonly string[] ByteOperatorExpected = ["one of '=', '<', '>', '&', '|'"];

    // Parsers whose failures (expectations as Superpower formats them) the rules return; the rules test the kind first.
    private static readonly TokenListParser<K, Token<K>> RightParenExpected = TokenParsers.Expect(K.RightParen, "')'");
    private static readonly TokenListParser<K, Token<K>> NumberExpected = TokenParsers.Expect(K.Number, "a number");
    private static readonly TokenListParser<K, Token<K>> ByteOffsetExpected = TokenParsers.Expect(K.Number, "a byte offset");
    private static readonly TokenListParser<K, Token<K>> GroupCloseExpected = TokenParsers.Expect(K.RightParen, "')', 'and' or 'or'");

    // ---- tokens

    private static Token<K>? Peek(ParseState state, TokenList<K> input, int ahead = 0)
    {
        int at = input.Position + ahead;
        return at < state.Tokens.Length ? state.Tokens[at] : null;
    }

    private static bool Is(ParseState state, TokenList<K> input, K kind) => Peek(state, input) is { } t && t.Kind == kind;

    private static TokenList<K> Next(TokenList<K> input) => input.ConsumeToken().Remainder;

    // The keyword role (and value) of the token at index 'at', if there is one and it is a keyword: as the tokenizer found it.
    private static KeywordRole? KeywordAt(ParseState state, int at, out int value)
    {
        value = 0;
        if (at >= state.Tokens.Length || state.Tokens[at].Kind != K.Keyword)
            return null;
        var k = state.Keywords[at];
        value = k.Value;
        return k.Role;
    }

    private static int Start(Token<K> t) => t.Span.Position.Absolute;
    private static int End(Token<K> t) => t.Span.Position.Absolute + t.Span.Length;
    private static int End(FilterNode n) => n.Position + n.Length;

    private static TokenListParserResult<K, TOut> Cast<TIn, TOut>(TokenListParserResult<K, TIn> failure) =>
        TokenListParserResult.CastEmpty<K, TIn, TOut>(failure);

    private static TokenListParserResult<K, T> Success<T>(T value, TokenList<K> input, TokenList<K> remainder) =>
        TokenListParserResult.Value(value, input, remainder);

    private static TokenListParserResult<K, ChainOperand> Unqualified(FilterNode node, TokenList<K> input, TokenList<K> remainder) =>
        Success(new ChainOperand(node, Qualifiers.None), input, remainder);

    // Every recursive rule counts one level, as deep expressions would otherwise overflow the stack: false (with the
    // refusal) past the limit; a rule that enters leaves with state.Depth-- on its way out.
    private static bool Enter<T>(ParseState state, TokenList<K> input, out TokenListParserResult<K, T> refused)
    {
        if (++state.Depth <= Nesting.MaxBooleanDepth)
        {
            refused = default;
            return true;
        }
        state.Depth--;
        var t = Peek(state, input);
        int at = t is { } token ? Start(token) : state.TextLength;
        refused = state.Refuse<T>(input,
            new FilterSyntaxException($"expression nested more than {Nesting.MaxBooleanDepth} levels deep at {at}", at, t?.Span.Length ?? 0));
        return false;
    }

    // ---- the whole input: an expression and nothing after it

    /// <summary>The whole input: an expression and nothing after it, no qualifiers in force before it.</summary>
    public static TokenListParserResult<K, FilterNode> Filter(ParseState state, TokenList<K> input)
    {
        var result = Expression(state, input, Qualifiers.None);
        if (!result.HasValue)
            return Cast<ChainOperand, FilterNode>(result);
        if (!result.Remainder.IsAtEnd)
            return TokenListParserResult.Empty<K, FilterNode>(result.Remainder, EndExpected);
        return Success(result.Value.Node, input, result.Remainder);
    }

    // ---- expression: term ((and | or) (identifier | term))*

    // Parse.Chain's loop: an operator that does not follow ends the chain, an operand that fails fails it. Each operand is
    // given the qualifiers the one before it passes on; the nodes fold to the left as they are read.
    private static TokenListParserResult<K, ChainOperand> Expression(ParseState state, TokenList<K> input, Qualifiers inherited)
    {
        if (!Enter(state, input, out TokenListParserResult<K, ChainOperand> refused))
            return refused;
        var first = Operand(state, input, inherited);
        if (!first.HasValue)
        {
            state.Depth--;
            return first;
        }
        var (node, carried) = first.Value;
        var rest = first.Remainder;
        while (Peek(state, rest) is { Kind: K.And or K.Or } op)
        {
            var right = Operand(state, Next(rest), carried);
            if (!right.HasValue)
            {
                state.Depth--;
                return right;
            }
            var rightNode = right.Value.Node;
            int length = End(rightNode) - node.Position;
            node = op.Kind == K.And ? new AndNode(node, rightNode, node.Position, length) : new OrNode(node, rightNode, node.Position, length);
            carried = right.Value.Carried;
            rest = right.Remainder;
        }
        state.Depth--;
        return Success(new ChainOperand(node, carried), input, rest);
    }

    // Right after 'and'/'or' an operand may be a bare identifier that inherits qualifiers; first in an expression it may not.
    private static TokenListParserResult<K, ChainOperand> Operand(ParseState state, TokenList<K> input, Qualifiers inherited)
    {
        bool afterLogicalOperator = input.Position > 0 && state.Tokens[input.Position - 1].Kind is K.And or K.Or;
        return afterLogicalOperator ? IdentifierOrTerm(state, input, inherited) : Term(state, input, inherited);
    }

    // ---- after 'and'/'or': a bare identifier (inheriting qualifiers) or a term

    private static bool StartsIdentifier(Token<K>? t) => t?.Kind is K.Name or K.HostAddress or K.Ipv6Address
        or K.MacAddress or K.Number or K.LeftParen or K.Not;

    // Past any '(' and 'not', an identifier starts with an address, a name or a number; a keyword means a term.
    private static bool CouldBeIdentifier(ParseState state, TokenList<K> input)
    {
        for (int i = input.Position; i < state.Tokens.Length; i++)
        {
            var kind = state.Tokens[i].Kind;
            if (kind is K.LeftParen or K.Not)
                continue;
            return kind is K.Name or K.HostAddress or K.Ipv6Address or K.MacAddress or K.Number;
        }
        return false;
    }

    private static TokenListParserResult<K, ChainOperand> IdentifierOrTerm(ParseState state, TokenList<K> input, Qualifiers inherited)
    {
        var first = Peek(state, input);
        if (!StartsIdentifier(first) || !CouldBeIdentifier(state, input))
            return Term(state, input, inherited);
        // A reading given up takes its deferred refusals with it.
        var deferred = state.Deferred;
        var identifier = ParseAttempt<FilterNode>.Of(state, Identifier(state, input, inherited));
        if (identifier.HasValue && (identifier.Result.Remainder.IsAtEnd
            || Peek(state, identifier.Result.Remainder)?.Kind is K.And or K.Or or K.RightParen))
            return AsOperand(identifier.Result, input, inherited);
        if (first!.Value.Kind is K.Name or K.HostAddress or K.Ipv6Address or K.MacAddress)
            return identifier.HasValue ? AsOperand(identifier.Result, input, inherited) : identifier.Failure<ChainOperand>(state);
        state.Deferred = deferred;
        var term = ParseAttempt<ChainOperand>.Of(state, Term(state, input, inherited));
        if (term.HasValue)
            return term.Result;
        state.Deferred = deferred;
        // Report the reading that got further: that is where the expression really goes wrong.
        return !identifier.HasValue && identifier.FailurePosition > term.FailurePosition
            ? identifier.Failure<ChainOperand>(state)
            : term.Failure<ChainOperand>(state);
    }

    // A bare identifier passes on the qualifiers it inherited.
    private static TokenListParserResult<K, ChainOperand> AsOperand(TokenListParserResult<K, FilterNode> identifier, TokenList<K> input, Qualifiers inherited) =>
        Success(new ChainOperand(identifier.Value, inherited), input, identifier.Remainder);

    // ---- term: not term | ( expression ) | relation | keyword primitive

    private static TokenListParserResult<K, ChainOperand> Term(ParseState state, TokenList<K> input, Qualifiers inherited)
    {
        if (!Enter(state, input, out TokenListParserResult<K, ChainOperand> refused))
            return refused;
        var t = Peek(state, input);
        var result = t?.Kind switch
        {
            K.Not => NotTerm(state, input, t.Value, inherited),
            K.LeftParen => ParenthesizedOrRelation(state, input, inherited),
            K.Number or K.Minus => RelationOperand(state, input),
            K.Keyword => KeywordTerm(state, input, t.Value),
            _ => TokenListParserResult.Empty<K, ChainOperand>(input, PrimitiveExpectations),
        };
        state.Depth--;
        return result;
    }

    // 'not' term: the term's qualifiers pass on through the 'not'.
    private static TokenListParserResult<K, ChainOperand> NotTerm(ParseState state, TokenList<K> input, Token<K> not, Qualifiers inherited)
    {
        var inner = Term(state, Next(input), inherited);
        if (!inner.HasValue)
            return inner;
        var (node, carried) = inner.Value;
        return Success(new ChainOperand(new NotNode(node, Start(not), End(node) - Start(not)), carried), input, inner.Remainder);
    }

    // '(' expression ')': the group is given the qualifiers in force and passes them on unchanged.
    private static TokenListParserResult<K, ChainOperand> Parenthesized(ParseState state, TokenList<K> input, Qualifiers inherited)
    {
        var inner = Expression(state, Next(input), inherited);
        if (!inner.HasValue)
            return inner;
        var close = inner.Remainder.ConsumeToken();
        if (!close.HasValue || close.Value.Kind != K.RightParen)
            return Cast<Token<K>, ChainOperand>(RightParenExpected(inner.Remainder));
        return Success(new ChainOperand(inner.Value.Node, inherited), input, close.Remainder);
    }

    // The token after the ')' that closes the '(' at token index 'open', if the parentheses balance there.
    private static Token<K>? AfterMatchingParenthesis(ParseState state, int open)
    {
        var tokens = state.Tokens;
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
    private static TokenListParserResult<K, ChainOperand> ParenthesizedOrRelation(ParseState state, TokenList<K> input, Qualifiers inherited)
    {
        // Arithmetic after the matching ')' means a relation that parses is the answer whatever the group reading gives:
        // trying it first keeps "((((1)))) = 1" linear instead of reading the arithmetic again at every level.
        if (IsArithmeticContinuation(AfterMatchingParenthesis(state, input.Position)))
        {
            var first = ParseAttempt<RelationNode>.Of(state, Relation(state, input));
            if (first.HasValue)
                return Unqualified(first.Result.Value, input, first.Result.Remainder);
        }
        var deferred = state.Deferred;
        var group = ParseAttempt<ChainOperand>.Of(state, Parenthesized(state, input, inherited));
        if (group.HasValue && !IsArithmeticContinuation(Peek(state, group.Result.Remainder)))
            return group.Result;
        state.Deferred = deferred;
        var relation = ParseAttempt<RelationNode>.Of(state, Relation(state, input));
        if (relation.HasValue)
            return Unqualified(relation.Result.Value, input, relation.Result.Remainder);
        return !group.HasValue && group.FailurePosition >= relation.FailurePosition
            ? group.Failure<ChainOperand>(state)
            : relation.Failure<ChainOperand>(state);
    }

    // ---- relation: arithmetic relop arithmetic

    private static TokenListParserResult<K, ChainOperand> RelationOperand(ParseState state, TokenList<K> input)
    {
        var relation = Relation(state, input);
        return relation.HasValue ? Unqualified(relation.Value, input, relation.Remainder) : Cast<RelationNode, ChainOperand>(relation);
    }

    private static TokenListParserResult<K, RelationNode> Relation(ParseState state, TokenList<K> input)
    {
        var left = ArithmeticParsers.Expression(state, input);
        if (!left.HasValue)
            return Cast<ArithmeticNode, RelationNode>(left);
        var op = left.Remainder.ConsumeToken();
        (ushort Code, bool Reversed)? comparison = op.HasValue ? op.Value.Kind switch
        {
            K.Greater => (BpfOpcodes.Jgt, false),
            K.GreaterOrEqual => (BpfOpcodes.Jge, false),
            K.Equal => (BpfOpcodes.Jeq, false),
            K.LessOrEqual => (BpfOpcodes.Jgt, true),
            K.Less => (BpfOpcodes.Jge, true),
            K.NotEqual => (BpfOpcodes.Jeq, true),
            _ => null,
        } : null;
        if (comparison is not { } found)
            return TokenListParserResult.Empty<K, RelationNode>(left.Remainder, ComparisonExpected);
        var right = ArithmeticParsers.Expression(state, op.Remainder);
        if (!right.HasValue)
            return Cast<ArithmeticNode, RelationNode>(right);
        return Success(new RelationNode(left.Value, found.Code, found.Reversed, right.Value, left.Value.Position, End(right.Value) - left.Value.Position),
            input, right.Remainder);
    }

    // ---- keyword primitives

    private static SpecialNode Special(SpecialKind kind, Token<K> first, Token<K> last, ProtoQualifier proto, uint value = 0, bool hasValue = false) =>
        new(kind, proto, value, hasValue, null, '\0', 0, Start(first), End(last) - Start(first));

    private static TokenListParserResult<K, ChainOperand> KeywordTerm(ParseState state, TokenList<K> input, Token<K> t)
    {
        var k = state.Keywords[input.Position];
        var afterKeyword = Next(input);
        switch (k.Role)
        {
            case KeywordRole.Protocol:
            {
                // What follows the protocol decides the primitive: read it, and its keyword role, once.
                var next = Peek(state, afterKeyword);
                if (next is { Kind: K.LeftBracket })
                    return RelationOperand(state, input);
                var nextRole = KeywordAt(state, afterKeyword.Position, out _);
                if (nextRole is KeywordRole.Broadcast or KeywordRole.Multicast)
                {
                    var kind = nextRole == KeywordRole.Broadcast ? SpecialKind.Broadcast : SpecialKind.Multicast;
                    return Unqualified(Special(kind, t, next!.Value, (ProtoQualifier)k.Value), input, Next(afterKeyword));
                }
                if (nextRole is KeywordRole.Direction or KeywordRole.AddressType or KeywordRole.Proto or KeywordRole.Protochain or KeywordRole.Gateway)
                    return QualifiedIdentifier(state, input);
                return Unqualified(new ProtocolNode((ProtoQualifier)k.Value, Start(t), t.Span.Length), input, afterKeyword);
            }
            case KeywordRole.Direction or KeywordRole.AddressType or KeywordRole.Proto or KeywordRole.Protochain or KeywordRole.Gateway:
                return QualifiedIdentifier(state, input);
            case KeywordRole.Broadcast or KeywordRole.Multicast:
                return Unqualified(Special(k.Role == KeywordRole.Broadcast ? SpecialKind.Broadcast : SpecialKind.Multicast, t, t, ProtoQualifier.Default),
                    input, afterKeyword);
            case KeywordRole.Len:
                return RelationOperand(state, input);
            case KeywordRole.Inbound or KeywordRole.Outbound or KeywordRole.Pppoed:
            {
                var kind = k.Role switch { KeywordRole.Inbound => SpecialKind.Inbound, KeywordRole.Outbound => SpecialKind.Outbound, _ => SpecialKind.Pppoed };
                return Unqualified(Special(kind, t, t, ProtoQualifier.Default), input, afterKeyword);
            }
            case KeywordRole.Less:
                return NumberedSpecial(state, input, t, SpecialKind.Less);
            case KeywordRole.Greater:
                return NumberedSpecial(state, input, t, SpecialKind.Greater);
            case KeywordRole.IfIndex:
                return NumberedSpecial(state, input, t, SpecialKind.IfIndex);
            case KeywordRole.Byte:
                return ByteCompare(state, input, t);
            case KeywordRole.Vlan:
                return EncapsulationSpecial(state, input, t, SpecialKind.Vlan);
            case KeywordRole.Mpls:
                return EncapsulationSpecial(state, input, t, SpecialKind.Mpls);
            case KeywordRole.Pppoes:
                return EncapsulationSpecial(state, input, t, SpecialKind.Pppoes);
            case KeywordRole.Geneve:
                return EncapsulationSpecial(state, input, t, SpecialKind.Geneve);
            case KeywordRole.Llc:
            {
                var llc = Llc(input);
                return llc.HasValue ? Unqualified(llc.Value, input, llc.Remainder) : Cast<FilterNode, ChainOperand>(llc);
            }
            default:
                return state.Refuse<ChainOperand>(input, new FilterSyntaxException(
                    $"unsupported keyword '{t.ToStringValue()}' at {Start(t)}: it does not apply to the supported link types", Start(t), t.Span.Length));
        }
    }

    // 'less 60', 'greater 100', 'ifindex 2'.
    private static TokenListParserResult<K, ChainOperand> NumberedSpecial(ParseState state, TokenList<K> input, Token<K> keyword, SpecialKind kind)
    {
        var afterKeyword = Next(input);
        var n = afterKeyword.ConsumeToken();
        if (!n.HasValue || n.Value.Kind != K.Number)
            return Cast<Token<K>, ChainOperand>(NumberExpected(afterKeyword));
        if (!ArithmeticParsers.TryNumberValue(n.Value, out uint value, out var refusal))
            return state.Refuse<ChainOperand>(input, refusal);
        return Unqualified(Special(kind, keyword, n.Value, ProtoQualifier.Default, value, true), input, n.Remainder);
    }

    // 'byte 3 = 1': offset, operator and value read first, then the two numbers' values (offset first).
    private static TokenListParserResult<K, ChainOperand> ByteCompare(ParseState state, TokenList<K> input, Token<K> keyword)
    {
        var afterKeyword = Next(input);
        var index = afterKeyword.ConsumeToken();
        if (!index.HasValue || index.Value.Kind != K.Number)
            return Cast<Token<K>, ChainOperand>(ByteOffsetExpected(afterKeyword));
        var op = Peek(state, index.Remainder);
        char c = op?.Kind switch
        {
            K.Equal => '=', K.Less => '<', K.Greater => '>', K.Ampersand => '&', K.Pipe => '|', _ => '\0',
        };
        // libpcap's byte primitive takes '=' but not '=='.
        if (c == '\0' || FilterKeywords.TextOf(op!.Value) is "==")
            return TokenListParserResult.Empty<K, ChainOperand>(index.Remainder, ByteOperatorExpected);
        var afterOperator = Next(index.Remainder);
        var value = afterOperator.ConsumeToken();
        if (!value.HasValue || value.Value.Kind != K.Number)
            return Cast<Token<K>, ChainOperand>(NumberExpected(afterOperator));
        if (!ArithmeticParsers.TryNumberValue(index.Value, out uint offset, out var refusal)
            || !ArithmeticParsers.TryNumberValue(value.Value, out uint operand, out refusal))
            return state.Refuse<ChainOperand>(input, refusal);
        return Unqualified(new SpecialNode(SpecialKind.ByteCompare, ProtoQualifier.Default, offset, true, null,
            c, operand, Start(keyword), End(value.Value) - Start(keyword)), input, value.Remainder);
    }

    // vlan 5, vlan (5), vlan ((5)): libpcap allows a parenthesized number.
    private static TokenListParserResult<K, (uint Value, int End)> ParenthesizedNumber(ParseState state, TokenList<K> input)
    {
        if (!Enter(state, input, out TokenListParserResult<K, (uint, int)> refused))
            return refused;
        var result = Is(state, input, K.LeftParen) ? NumberInParentheses(state, input) : BareNumber(state, input);
        state.Depth--;
        return result;
    }

    private static TokenListParserResult<K, (uint Value, int End)> NumberInParentheses(ParseState state, TokenList<K> input)
    {
        var inner = ParenthesizedNumber(state, Next(input));
        if (!inner.HasValue)
            return inner;
        var close = inner.Remainder.ConsumeToken();
        if (!close.HasValue || close.Value.Kind != K.RightParen)
            return Cast<Token<K>, (uint, int)>(RightParenExpected(inner.Remainder));
        return Success((inner.Value.Value, End(close.Value)), input, close.Remainder);
    }

    private static TokenListParserResult<K, (uint Value, int End)> BareNumber(ParseState state, TokenList<K> input)
    {
        var n = input.ConsumeToken();
        if (!n.HasValue || n.Value.Kind != K.Number)
            return Cast<Token<K>, (uint, int)>(NumberExpected(input));
        if (!ArithmeticParsers.TryNumberValue(n.Value, out uint value, out var refusal))
            return state.Refuse<(uint, int)>(input, refusal);
        return Success((value, End(n.Value)), input, n.Remainder);
    }

    private static TokenListParserResult<K, ChainOperand> EncapsulationSpecial(ParseState state, TokenList<K> input, Token<K> keyword, SpecialKind kind)
    {
        var afterKeyword = Next(input);
        if (!Is(state, afterKeyword, K.Number) && !Is(state, afterKeyword, K.LeftParen))
            return Unqualified(Special(kind, keyword, keyword, ProtoQualifier.Default), input, afterKeyword);
        var n = ParenthesizedNumber(state, afterKeyword);
        if (!n.HasValue)
            return Cast<(uint, int), ChainOperand>(n);
        return Unqualified(new SpecialNode(kind, ProtoQualifier.Default, n.Value.Value, true, null, '\0', 0, Start(keyword), n.Value.End - Start(keyword)),
            input, n.Remainder);
    }

    private static readonly TokenListParser<K, Token<K>> KeywordToken = TokenParsers.Kind(K.Keyword);

    private static readonly TokenListParser<K, Token<K>> LlcType =
        TokenParsers.Kind(K.Name).Or(TokenParsers.Keyword("rnr")).OptionalOrDefault();

    private static readonly TokenListParser<K, FilterNode> Llc =
        from keyword in KeywordToken
        from type in LlcType
        select (FilterNode)(type.HasValue
            ? new SpecialNode(SpecialKind.Llc, ProtoQualifier.Default, 0, false, type.ToStringValue(), '\0', 0, Start(keyword), End(type) - Start(keyword))
            : Special(SpecialKind.Llc, keyword, keyword, ProtoQualifier.Default));

    // ---- qualified identifier: [proto] [dir] [type | proto | protochain | gateway] identifier

    private static TokenListParserResult<K, ChainOperand> QualifiedIdentifier(ParseState state, TokenList<K> input)
    {
        // Each token is read, and its keyword looked up, once: 'role' and 'value' are those of the token at 'at'.
        var tokens = state.Tokens;
        int at = input.Position;
        var role = KeywordAt(state, at, out int value);
        var proto = ProtoQualifier.Default;
        var dir = DirectionQualifier.Default;
        var addr = AddressQualifier.Default;
        if (role == KeywordRole.Protocol)
        {
            proto = (ProtoQualifier)value;
            role = KeywordAt(state, ++at, out value);
        }
        bool any = false;
        if (role == KeywordRole.Direction)
        {
            dir = (DirectionQualifier)value;
            any = true;
            role = KeywordAt(state, ++at, out value);
            // 'src or dst' and 'src and dst' (either order) are one direction qualifier.
            if ((dir is DirectionQualifier.Src or DirectionQualifier.Dst) && at < tokens.Length && tokens[at].Kind is K.And or K.Or
                && KeywordAt(state, at + 1, out _) == KeywordRole.Direction)
            {
                var other = FilterKeywords.TextOf(tokens[at + 1]);
                if ((dir == DirectionQualifier.Src && other is "dst") || (dir == DirectionQualifier.Dst && other is "src"))
                {
                    dir = tokens[at].Kind == K.And ? DirectionQualifier.And : DirectionQualifier.Or;
                    at += 2;
                    role = KeywordAt(state, at, out value);
                }
            }
        }
        if (role == KeywordRole.AddressType)
        {
            addr = (AddressQualifier)value;
            any = true;
            at++;
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
            at++;
        }
        var rest = input;
        while (rest.Position < at)
            rest = Next(rest);
        if (!any)
            return TokenListParserResult.Empty<K, ChainOperand>(rest, QualifierExpected);
        var q = new Qualifiers(proto, dir, addr);
        // The qualifiers are known here, so a misapplied one is refused where it is read, once the identifier has parsed.
        var outer = state.Deferred;
        state.Deferred = null;
        var identifier = Identifier(state, rest, q);
        var misapplied = state.Deferred;
        state.Deferred = outer;
        if (!identifier.HasValue)
            return Cast<FilterNode, ChainOperand>(identifier);
        if (misapplied is not null)
            return state.Refuse<ChainOperand>(input, misapplied);
        return Success(new ChainOperand(identifier.Value, q), input, identifier.Remainder);
    }

    // ---- identifier: not id | ( id ((and | or) id)* ) | number | name | address [/len | mask m]

    private static TokenListParserResult<K, FilterNode> Identifier(ParseState state, TokenList<K> input, Qualifiers q)
    {
        if (!Enter(state, input, out TokenListParserResult<K, FilterNode> refused))
            return refused;
        var result = IdentifierBody(state, input, q);
        state.Depth--;
        return result;
    }

    private static TokenListParserResult<K, FilterNode> IdentifierBody(ParseState state, TokenList<K> input, Qualifiers q)
    {
        var t = Peek(state, input);
        if (t is not { } token)
            return TokenListParserResult.Empty<K, FilterNode>(input, IdentifierExpectations);
        var after = Next(input);
        switch (token.Kind)
        {
            case K.Not:
            {
                var inner = Identifier(state, after, q);
                if (!inner.HasValue)
                    return inner;
                return Success<FilterNode>(new NotNode(inner.Value, Start(token), End(inner.Value) - Start(token)), input, inner.Remainder);
            }
            case K.LeftParen:
                return IdentifierGroup(state, input, after, q);
            case K.Number:
                return ArithmeticParsers.TryNumberValue(token, out uint value, out var refusal)
                    ? Success(Simple(token, q, IdentifierKind.Number, token.ToStringValue(), value), input, after)
                    : state.Refuse<FilterNode>(input, refusal);
            case K.Name:
            {
                string text = token.ToStringValue();
                return Success(Simple(token, q, IdentifierKind.Name, text.StartsWith('\\') ? text[1..] : text), input, after);
            }
            case K.MacAddress:
                return Success(Simple(token, q, IdentifierKind.Mac, token.ToStringValue()), input, after);
            case K.HostAddress:
                return Ipv4Identifier(state, input, token, after, q);
            case K.Ipv6Address:
                return Ipv6Identifier(state, input, token, after, q);
            default:
                return TokenListParserResult.Empty<K, FilterNode>(input, IdentifierExpectations);
        }
    }

    private static FilterNode Simple(Token<K> t, Qualifiers q, IdentifierKind kind, string text, uint number = 0) =>
        new IdentifierNode(q, kind, text, number, null, Start(t), t.Span.Length);

    // Inside a group every operand is an identifier with the group's qualifiers: 'host (a or b and c)'. Parse.Chain's loop.
    private static TokenListParserResult<K, FilterNode> IdentifierGroup(ParseState state, TokenList<K> input, TokenList<K> afterOpen, Qualifiers q)
    {
        var first = Identifier(state, afterOpen, q);
        if (!first.HasValue)
            return first;
        var node = first.Value;
        var rest = first.Remainder;
        while (Peek(state, rest) is { Kind: K.And or K.Or } op)
        {
            var right = Identifier(state, Next(rest), q);
            if (!right.HasValue)
                return right;
            int length = End(right.Value) - node.Position;
            node = op.Kind == K.And ? new AndNode(node, right.Value, node.Position, length) : new OrNode(node, right.Value, node.Position, length);
            rest = right.Remainder;
        }
        var close = rest.ConsumeToken();
        if (!close.HasValue || close.Value.Kind != K.RightParen)
            return Cast<Token<K>, FilterNode>(GroupCloseExpected(rest));
        return Success(node, input, close.Remainder);
    }

    private static readonly TokenListParser<K, Token<K>> PrefixLength =
        TokenParsers.Kind(K.Slash).IgnoreThen(TokenParsers.Expect(K.Number, "a prefix length"));

    private static readonly TokenListParser<K, (Token<K>? Length, Token<K>? Mask)> Ipv4Suffix =
        PrefixLength.Select(length => (Length: (Token<K>?)length, Mask: (Token<K>?)null))
            .Or(TokenParsers.Keyword("mask").IgnoreThen(TokenParsers.Expect(K.HostAddress, "a netmask such as 255.255.0.0"))
                .Select(mask => (Length: (Token<K>?)null, Mask: (Token<K>?)mask)))
            .OptionalOrDefault();

    // Entered on an IPv4 address.
    private static TokenListParserResult<K, FilterNode> Ipv4Identifier(ParseState state, TokenList<K> input, Token<K> address,
        TokenList<K> afterAddress, Qualifiers q)
    {
        // Nothing but '/' or 'mask' can follow as a suffix: anything else is the address alone, as the Or would find.
        var following = Peek(state, afterAddress);
        var suffix = following?.Kind is K.Slash or K.Keyword
            ? Ipv4Suffix(afterAddress)
            : Success<(Token<K>?, Token<K>?)>((null, null), afterAddress, afterAddress);
        if (!suffix.HasValue)
            return Cast<(Token<K>?, Token<K>?), FilterNode>(suffix);
        string text = address.ToStringValue();
        var (length, mask) = suffix.Value;
        var remainder = suffix.Remainder;
        if (length is { } len)
        {
            if (!ArithmeticParsers.TryNumberValue(len, out uint bits, out var refusal))
                return state.Refuse<FilterNode>(input, refusal);
            return Success<FilterNode>(new IdentifierNode(q, IdentifierKind.Ipv4WithPrefix, text, bits, null, Start(address), End(len) - Start(address)),
                input, remainder);
        }
        if (mask is { } m)
            return Success<FilterNode>(new IdentifierNode(q, IdentifierKind.Ipv4WithMask, text, 0, m.ToStringValue(), Start(address), End(m) - Start(address)),
                input, remainder);
        string? misuse = q.Address switch
        {
            AddressQualifier.Port => "'port' modifier applied to IP address",
            AddressQualifier.Portrange => "'portrange' modifier applied to IP address",
            AddressQualifier.Proto => "'proto' modifier applied to IP address",
            AddressQualifier.Protochain => "'protochain' modifier applied to IP address",
            _ => null,
        };
        // Deferred: an error only if the expression parses (libpcap applies the qualifiers as it reduces the primitive).
        if (misuse is not null)
            state.Deferred ??= new FilterSyntaxException($"{misuse} at {Start(address)}", Start(address), address.Span.Length);
        return Success<FilterNode>(new IdentifierNode(q, IdentifierKind.Ipv4, text, 0, null, Start(address), address.Span.Length), input, remainder);
    }

    private static readonly TokenListParser<K, Token<K>?> OptionalPrefixLength =
        PrefixLength.Select(l => (Token<K>?)l).OptionalOrDefault();

    // Entered on an IPv6 address.
    private static TokenListParserResult<K, FilterNode> Ipv6Identifier(ParseState state, TokenList<K> input, Token<K> address,
        TokenList<K> afterAddress, Qualifiers q)
    {
        var length = OptionalPrefixLength(afterAddress);
        if (!length.HasValue)
            return Cast<Token<K>?, FilterNode>(length);
        if (length.Value is not { } len)
            return Success<FilterNode>(new IdentifierNode(q, IdentifierKind.Ipv6, address.ToStringValue(), 128, null, Start(address), address.Span.Length),
                input, length.Remainder);
        // Deferred as a misapplied qualifier is: the prefix length's value is read when the qualifiers are applied.
        if (!ArithmeticParsers.TryNumberValue(len, out uint bits, out var refusal))
            state.Deferred ??= refusal;
        return Success<FilterNode>(new IdentifierNode(q, IdentifierKind.Ipv6WithPrefix, address.ToStringValue(), bits, null, Start(address), End(len) - Start(address)),
            input, length.Remainder);
    }
}
