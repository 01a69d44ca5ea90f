using System.Diagnostics.CodeAnalysis;
using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;
using Superpower;
using Superpower.Model;
using K = Pcap.Filter.Parsing.FilterTokenKind;

namespace Pcap.Filter.Parsing;

/// <summary>
/// The arithmetic side of relations, with libpcap's precedence (lowest first): <c>|</c>, <c>&amp;</c>, shifts,
/// <c>+ -</c>, <c>* /</c>, unary minus; these associate left.
/// libpcap's grammar gives <c>%</c> and <c>^</c> no precedence, so yacc always shifts on them: they take the operand
/// just before them on the left and the whole rest of the arithmetic on the right (<c>a * b % c + d</c> is <c>a * (b % (c + d))</c>).
/// Each rule is a method over the <see cref="ParseState"/> returning Superpower's result, failing exactly as the
/// Superpower combinators it replaces (<c>Parse.Chain</c>, <c>Or</c>, queries) fail, with the same expectations.
/// </summary>
internal static class ArithmeticParsers
{
    private static int Start(Token<K> t) => t.Span.Position.Absolute;
    private static int EndOf(FilterNode n) => n.Position + n.Length;

    // Parsers whose failures (expectations as Superpower formats them) the rules return; the rules test the kind first.
    private static readonly TokenListParser<K, Token<K>> LeftBracketToken = TokenParsers.Kind(K.LeftBracket);
    private static readonly TokenListParser<K, Token<K>> RightBracketExpected = TokenParsers.Expect(K.RightBracket, "']'");
    private static readonly TokenListParser<K, Token<K>> RightParenExpected = TokenParsers.Expect(K.RightParen, "')'");
    private static readonly TokenListParser<K, Token<K>> AccessSizeExpected = TokenParsers.Expect(K.Number, "an access size of 1, 2 or 4");

    private static readonly string[] AtomExpected = ["a number, 'len' or an accessor such as 'ip[0]'"];

    private static TokenListParserResult<K, TOut> Cast<TIn, TOut>(TokenListParserResult<K, TIn> failure) =>
        TokenListParserResult.CastEmpty<K, TIn, TOut>(failure);

    private static TokenListParserResult<K, ArithmeticNode> Value(ArithmeticNode node, TokenList<K> input, TokenList<K> remainder) =>
        TokenListParserResult.Value(node, input, remainder);

    /// <summary>A whole arithmetic expression.</summary>
    public static TokenListParserResult<K, ArithmeticNode> Expression(ParseState state, TokenList<K> input) =>
        Chain(state, input, LoosestLevel);

    // The precedence level of a binary operator, tightest (0) first; -1 for any other token.
    private const int LoosestLevel = 4;

    private static int LevelOf(K kind) => kind switch
    {
        K.Star or K.Slash => 0,
        K.Plus or K.Minus => 1,
        K.ShiftLeft or K.ShiftRight => 2,
        K.Ampersand => 3,
        K.Pipe => 4,
        _ => -1,
    };

    // Operands joined by operators of at most 'maxLevel', left-associative: the tree and the failures of a Parse.Chain per
    // level (each level's operands the level below, Primary under the tightest), climbing only where the precedence
    // does instead of passing every operand up through all five levels. An operand that fails after an operator fails
    // the whole, as it does in the chain.
    private static TokenListParserResult<K, ArithmeticNode> Chain(ParseState state, TokenList<K> input, int maxLevel)
    {
        var first = Primary(state, input);
        if (!first.HasValue)
            return first;
        var node = first.Value;
        var rest = first.Remainder;
        while (rest.Position < state.Tokens.Length && LevelOf(state.Tokens[rest.Position].Kind) is var level && level >= 0 && level <= maxLevel)
        {
            var op = rest.ConsumeToken();
            var right = Chain(state, op.Remainder, level - 1);
            if (!right.HasValue)
                return right;
            node = new BinaryNode(Operation(op.Value.Kind), node, right.Value, node.Position, EndOf(right.Value) - node.Position);
            rest = right.Remainder;
        }
        return Value(node, input, rest);
    }

    // An atom, then optionally '%' or '^' and the whole rest of the arithmetic (these two have no precedence).
    private static TokenListParserResult<K, ArithmeticNode> Primary(ParseState state, TokenList<K> input)
    {
        var left = Atom(state, input);
        if (!left.HasValue)
            return left;
        var op = left.Remainder.ConsumeToken();
        if (!op.HasValue || op.Value.Kind is not (K.Percent or K.Caret))
            return Value(left.Value, input, left.Remainder);
        // The rest of the arithmetic nests one level deeper per '%' or '^': refused past Nesting.MaxOperatorRun before the stack runs out.
        if (++state.UnprecedentedDepth > Nesting.MaxOperatorRun)
        {
            state.UnprecedentedDepth = 0;
            int at = Start(op.Value);
            return state.Refuse<ArithmeticNode>(input,
                new FilterSyntaxException($"expression nested more than {Nesting.MaxOperatorRun} levels deep at {at}", at, op.Value.Span.Length));
        }
        var right = Expression(state, op.Remainder);
        state.UnprecedentedDepth = Math.Max(0, state.UnprecedentedDepth - 1);
        if (!right.HasValue)
            return right;
        var node = new BinaryNode(Operation(op.Value.Kind), left.Value, right.Value, left.Value.Position, EndOf(right.Value) - left.Value.Position);
        return Value(node, input, right.Remainder);
    }

    // A number, 'len', an accessor, a negation or a parenthesized expression, chosen by the first token: the result of
    // trying them in turn (Or, then Named), since every reading but the one its first token starts fails without consuming.
    private static TokenListParserResult<K, ArithmeticNode> Atom(ParseState state, TokenList<K> input)
    {
        var next = input.ConsumeToken();
        if (next.HasValue)
        {
            var t = next.Value;
            switch (t.Kind)
            {
                case K.Number:
                    return TryNumberValue(t, out uint value, out var refusal)
                        ? Value(new ConstantNode(value, Start(t), t.Span.Length), input, next.Remainder)
                        : state.Refuse<ArithmeticNode>(input, refusal);
                case K.Minus:
                    return Negation(state, input, t, next.Remainder);
                case K.LeftParen:
                    return Parenthesized(state, input, next.Remainder);
                case K.Keyword:
                    var k = state.Keywords[input.Position];
                    if (k.Role == KeywordRole.Len)
                        return Value(new PacketLengthNode(Start(t), t.Span.Length), input, next.Remainder);
                    if (k.Role == KeywordRole.Protocol)
                        return Accessor(state, input, t, (ProtoQualifier)k.Value, next.Remainder);
                    break;
            }
        }
        return TokenListParserResult.Empty<K, ArithmeticNode>(input, AtomExpected);
    }

    // '-' primary, after the minus.
    private static TokenListParserResult<K, ArithmeticNode> Negation(ParseState state, TokenList<K> input, Token<K> minus, TokenList<K> afterMinus)
    {
        var operand = Primary(state, afterMinus);
        if (!operand.HasValue)
            return operand;
        return Value(new NegateNode(operand.Value, Start(minus), EndOf(operand.Value) - Start(minus)), input, operand.Remainder);
    }

    // '(' expression ')', after the parenthesis.
    private static TokenListParserResult<K, ArithmeticNode> Parenthesized(ParseState state, TokenList<K> input, TokenList<K> afterOpen)
    {
        var inner = Expression(state, afterOpen);
        if (!inner.HasValue)
            return inner;
        var close = inner.Remainder.ConsumeToken();
        if (!close.HasValue || close.Value.Kind != K.RightParen)
            return Cast<Token<K>, ArithmeticNode>(RightParenExpected(inner.Remainder));
        return Value(inner.Value, input, close.Remainder);
    }

    // proto '[' expression [':' size] ']', after the protocol keyword ('protocol' is its value).
    private static TokenListParserResult<K, ArithmeticNode> Accessor(ParseState state, TokenList<K> input, Token<K> proto, ProtoQualifier protocol,
        TokenList<K> afterProto)
    {
        var open = afterProto.ConsumeToken();
        if (!open.HasValue || open.Value.Kind != K.LeftBracket)
            return Cast<Token<K>, ArithmeticNode>(LeftBracketToken(afterProto));
        var index = Expression(state, open.Remainder);
        if (!index.HasValue)
            return index;
        // [':' size]: a colon not followed by a number fails; no colon means the default size.
        uint size = 1;
        var rest = index.Remainder;
        var colon = rest.ConsumeToken();
        if (colon.HasValue && colon.Value.Kind == K.Colon)
        {
            var n = colon.Remainder.ConsumeToken();
            if (!n.HasValue || n.Value.Kind != K.Number)
                return Cast<Token<K>, ArithmeticNode>(AccessSizeExpected(colon.Remainder));
            if (!TryNumberValue(n.Value, out size, out var refusal))
                return state.Refuse<ArithmeticNode>(input, refusal);
            rest = n.Remainder;
        }
        var close = rest.ConsumeToken();
        if (!close.HasValue || close.Value.Kind != K.RightBracket)
            return Cast<Token<K>, ArithmeticNode>(RightBracketExpected(rest));
        var node = new PacketAccessNode(protocol, index.Value, size, Start(proto), Start(close.Value) + 1 - Start(proto));
        return Value(node, input, close.Remainder);
    }

    private static ushort Operation(K k) => k switch
    {
        K.Pipe => BpfOpcodes.Or,
        K.Caret => BpfOpcodes.Xor,
        K.Ampersand => BpfOpcodes.And,
        K.ShiftLeft => BpfOpcodes.Lsh,
        K.ShiftRight => BpfOpcodes.Rsh,
        K.Plus => BpfOpcodes.Add,
        K.Minus => BpfOpcodes.Sub,
        K.Star => BpfOpcodes.Mul,
        K.Slash => BpfOpcodes.Div,
        _ => BpfOpcodes.Mod,
    };

    /// <summary>The value of a number token (or a named constant such as <c>tcp-syn</c>), or the refusal of a bad number.</summary>
    internal static bool TryNumberValue(Token<K> t, out uint value, [NotNullWhen(false)] out FilterSyntaxException? refusal)
    {
        refusal = null;
        var text = FilterKeywords.TextOf(t);
        // Named constants (tcp-syn, icmp-echo) start with a letter, numbers with a digit.
        if (!char.IsAsciiDigit(text[0]) && FilterKeywords.TryGet(text, out var k) && k.Role == KeywordRole.NamedNumber)
        {
            value = (uint)k.Value;
            return true;
        }
        if (NumberParser.TryParse(text, out value, out string? error))
            return true;
        refusal = new FilterSyntaxException($"{error} at {Start(t)}", Start(t), t.Span.Length);
        return false;
    }
}
