using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation;

// Large sets: "host a or host b or ..." (or "not host a and not host b and ...") over one template primitive is
// generated once, and the blocks that compare against the primitive's value are recorded for MembershipLowering.
internal sealed partial class CodeGenerator
{
    /// <summary>The fewest distinct primitives in a run that make it a set.</summary>
    public const int MinimumSetSize = 16;

    // Made when the first set is found: most expressions have none.
    private List<ValueSet>? _sets;

    /// <summary>When true, long runs of same-shaped primitives become <see cref="ValueSet"/>s (never for <c>-O</c>).</summary>
    public bool GroupSets { get; init; }

    /// <summary>The sets found while generating; empty when the program is exactly libpcap's.</summary>
    public IReadOnlyList<ValueSet> Sets => (IReadOnlyList<ValueSet>?)_sets ?? [];

    private enum Joiner { First, And, Or }

    // Returns false (nothing generated) when the chain holds no set, so the caller takes libpcap's exact path.
    private bool TryGenerateChainWithSets(FilterNode node, int depth, out CodeBlock result)
    {
        result = null!;
        if (!GroupSets || !HasEnoughTerms(node))
            return false;
        var terms = new List<(Joiner Joiner, FilterNode Term)>();
        while (node is AndNode or OrNode)
        {
            terms.Add(node is AndNode a ? (Joiner.And, a.Right) : (Joiner.Or, ((OrNode)node).Right));
            node = node is AndNode l ? l.Left : ((OrNode)node).Left;
        }
        terms.Add((Joiner.First, node));
        terms.Reverse();
        if (!HasRun(terms))
            return false;

        CodeBlock? built = null;
        for (int i = 0; i < terms.Count;)
        {
            var (joiner, term) = terms[i];
            CodeBlock next;
            int end = RunEnd(terms, i);
            if (end - i >= MinimumSetSize && TryGenerateSet(terms, i, end, out var region))
            {
                next = region;
                i = end;
            }
            else
            {
                next = Generate(term, depth + 1);
                i++;
            }
            if (built is null)
                built = next;
            else
            {
                if (joiner == Joiner.And)
                    BlockLogic.And(built, next);
                else
                    BlockLogic.Or(built, next);
                built = next;
            }
        }
        result = built!;
        return true;
    }

    // A chain of fewer operands than a set needs cannot hold one: decided without building the term list.
    private static bool HasEnoughTerms(FilterNode node)
    {
        int terms = 1;
        for (; node is AndNode or OrNode && terms < MinimumSetSize; terms++)
            node = node is AndNode a ? a.Left : ((OrNode)node).Left;
        return terms >= MinimumSetSize;
    }

    private static bool HasRun(List<(Joiner Joiner, FilterNode Term)> terms)
    {
        for (int i = 0; i < terms.Count; i++)
            if (RunEnd(terms, i) - i >= MinimumSetSize)
                return true;
        return false;
    }

    // A run: primitives with equal qualifiers joined by "or" (or negated ones joined by "and"), whose joiner into the
    // expression before them is the same operator, so regrouping them leaves the boolean value unchanged.
    private static int RunEnd(List<(Joiner Joiner, FilterNode Term)> terms, int start)
    {
        var (joiner, first) = terms[start];
        bool negated = first is NotNode;
        if (Primitive(first) is not { } head)
            return start;
        var within = negated ? Joiner.And : Joiner.Or;
        if (joiner != Joiner.First && joiner != within)
            return start;
        int end = start + 1;
        while (end < terms.Count && terms[end].Joiner == within && (terms[end].Term is NotNode) == negated
               && Primitive(terms[end].Term) is { } id && id.Qualifiers == head.Qualifiers && id.Kind == head.Kind
               && (id.Kind != IdentifierKind.Ipv4WithPrefix || id.Number == head.Number)
               && id.MaskText == head.MaskText)
            end++;
        return end;
    }

    private static IdentifierNode? Primitive(FilterNode term)
    {
        var inner = term is NotNode n ? n.Operand : term;
        return inner is IdentifierNode { Kind: IdentifierKind.Ipv4 or IdentifierKind.Ipv4WithPrefix or IdentifierKind.Ipv4WithMask
            or IdentifierKind.Number or IdentifierKind.Name } id && id.Qualifiers.Direction != DirectionQualifier.And
            ? id : null;
    }

    // Generates the first primitive as the template, and every other one only to read off its value; gives up (and
    // generates nothing visible) unless all of them differ from the template only in one compared constant.
    private bool TryGenerateSet(List<(Joiner Joiner, FilterNode Term)> terms, int start, int end, out CodeBlock region)
    {
        region = null!;
        int registers = _registersInUse;
        int currentRegister = _currentRegister;
        var template = GenerateDetached(Primitive(terms[start].Term)!);
        var templateBlocks = Walk(template.Head);
        List<CodeBlock>? valueBlocks = null;
        uint templateValue = 0;
        var values = new List<uint>(end - start);
        uint? templateAddress = AddressValue(Primitive(terms[start].Term)!);
        bool valueIsAddress = false;
        for (int i = start + 1; i < end; i++)
        {
            var id = Primitive(terms[i].Term)!;
            // Once a generated member has shown that its value blocks compare its address as is, the others' values
            // are read off their addresses: generating 100,000 hosts only to compare them was most of a compile.
            if (valueIsAddress && AddressValue(id) is uint address)
            {
                values.Add(address);
                continue;
            }
            var member = Walk(GenerateDetached(id).Head);
            if (!Differences(templateBlocks, member, out var differing, out var templateK, out var memberK))
                return Abandon(registers, currentRegister);
            if (differing.Count == 0)
                continue;
            if (valueBlocks is null)
            {
                valueBlocks = differing;
                templateValue = templateK;
                values.Add(templateK);
            }
            else if (templateK != templateValue || !SameBlocks(valueBlocks, differing))
                return Abandon(registers, currentRegister);
            values.Add(memberK);
            valueIsAddress = templateAddress == templateK && AddressValue(id) == memberK;
        }
        if (valueBlocks is null || !AllExitTrue(template, valueBlocks))
            return Abandon(registers, currentRegister);
        values.Sort();
        int distinct = 0;
        for (int i = 0; i < values.Count; i++)
            if (i == 0 || values[i] != values[i - 1])
                values[distinct++] = values[i];
        values.RemoveRange(distinct, values.Count - distinct);
        bool negatedRun = terms[start].Term is NotNode;
        (_sets ??= []).Add(new ValueSet(valueBlocks, values.ToArray(), negatedRun ^ (_negations % 2 == 1)));
        if (terms[start].Term is NotNode)
            BlockLogic.Not(template);
        region = template;
        return true;
    }

    private CodeBlock GenerateDetached(IdentifierNode id) => Generate(id, 0);

    // A host address written as four numbers, under qualifiers that compare it whole (NumericIdentifier's
    // host path with an all-ones mask); null for anything else, which is generated to read its value.
    private static uint? AddressValue(IdentifierNode id) =>
        id.Kind == IdentifierKind.Ipv4
        && id.Qualifiers.Address is AddressQualifier.Default or AddressQualifier.Host or AddressQualifier.Net
        && id.Qualifiers.Proto is not (ProtoQualifier.Decnet or ProtoQualifier.Link)
        && DottedToNumber(id.Text, out uint address) == 32 ? address : null;

    private bool Abandon(int registers, int currentRegister)
    {
        _registersInUse = registers;
        _currentRegister = currentRegister;
        return false;
    }

    // Every block reachable from the head, pending links included, in a fixed depth-first order; each block's
    // Offset is set to its position + 1 (the linearizer overwrites Offset later), which makes graphs comparable.
    private static List<CodeBlock> Walk(CodeBlock head)
    {
        var order = new List<CodeBlock>();
        var pending = new Stack<CodeBlock>();
        pending.Push(head);
        while (pending.Count > 0)
        {
            var b = pending.Pop();
            if (b.Offset > 0)
                continue;
            order.Add(b);
            b.Offset = order.Count;
            if (b.JumpFalse is { Offset: 0 })
                pending.Push(b.JumpFalse);
            if (b.JumpTrue is { Offset: 0 })
                pending.Push(b.JumpTrue);
        }
        return order;
    }

    private static bool Differences(List<CodeBlock> template, List<CodeBlock> member, out List<CodeBlock> differing,
        out uint templateK, out uint memberK)
    {
        differing = [];
        templateK = memberK = 0;
        if (template.Count != member.Count)
            return false;
        for (int i = 0; i < template.Count; i++)
        {
            CodeBlock a = template[i], b = member[i];
            if (a.Code != b.Code || a.Sense != b.Sense || !SameStatements(a.Statements, b.Statements)
                || a.JumpTrue?.Offset != b.JumpTrue?.Offset || a.JumpFalse?.Offset != b.JumpFalse?.Offset)
                return false;
            if (a.K == b.K)
                continue;
            if (a.Code != (BpfOpcodes.Jmp | BpfOpcodes.Jeq | BpfOpcodes.K) || (differing.Count > 0 && (a.K != templateK || b.K != memberK)))
                return false;
            templateK = a.K;
            memberK = b.K;
            differing.Add(a);
        }
        return true;
    }

    private static bool SameStatements(CodeStatement? a, CodeStatement? b)
    {
        for (; a is not null && b is not null; a = a.Next, b = b.Next)
            if (a.Code != b.Code || a.K != b.K || a.JumpTrue is not null || a.JumpFalse is not null)
                return false;
        return a is null && b is null;
    }

    private static bool SameBlocks(List<CodeBlock> a, List<CodeBlock> b)
    {
        if (a.Count != b.Count)
            return false;
        for (int i = 0; i < a.Count; i++)
            if (!ReferenceEquals(a[i], b[i]))
                return false;
        return true;
    }

    // The regrouping is exact only if a match of any compared value makes the whole primitive true at once.
    private static bool AllExitTrue(CodeBlock region, List<CodeBlock> valueBlocks)
    {
        var trueExits = new HashSet<CodeBlock>(ReferenceEqualityComparer.Instance);
        for (var p = region; p is not null;)
        {
            if (!p.Sense)
                trueExits.Add(p);
            p = p.Sense ? p.JumpFalse : p.JumpTrue;
        }
        foreach (var v in valueBlocks)
            if (!trueExits.Contains(v))
                return false;
        return true;
    }
}
