using Pcap.Filter.Bpf;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Known-outcome threading with value numbers and ranges, one forward walk over the DAG. It removes statements that
/// put into a register the value already there (a reload of A or X, a store of what the word holds), turns jumps whose
/// outcome the facts decide into no-ops (<c>A &gt; 100</c> decides <c>A &gt; 50</c>, a byte load decides <c>jgt #300</c>),
/// and moves each jump edge past what does nothing on it: no-ops, decided jumps, a short run of statements that leaves
/// A and X as they were, a reload of a tested value with the jumps it decides when A is written before it is read again.
/// Facts come from the jumps already taken and hold on every path into a point; a failed packet load ends the run, so a
/// value in a register was loaded, and loads within the bytes every path has loaded are marked as unable to fail.
/// </summary>
internal static class ShortenKnownOutcomes
{
    // How far one edge is threaded: keeps the pass linear.
    private const int MaxThreadSteps = 64;

    /// <summary>Runs the pass over <paramref name="graph"/>, in place.</summary>
    public static void Run(ShortenGraph graph, ShortenValues values)
    {
        var scratch = ShortenGraph.Scratch.For(graph.Count);
        // Every state pushed is taken back when its node is walked; the clear only drops what a failed run left.
        var states = scratch.States;
        Array.Clear(states, 0, graph.Count);
        var readsA = ReadsABeforeWriting(graph, scratch.Marks);
        states[0] = ShortenState.Entry(values);
        for (int node = 0; node < graph.Count; node++)
        {
            var state = states[node];
            if (state is null)
                continue;
            states[node] = null;
            if (graph.Skipped[node])
            {
                Push(states, graph.Next[node], state, values, scratch);
                continue;
            }
            if (graph.IsReturn(node))
            {
                Release(scratch, state);
                continue;
            }
            var instruction = graph.Instructions[node];
            if (!graph.IsConditional(node))
            {
                if (DoesNothing(instruction, state, values, out int register, out int value))
                    graph.Skip(node, graph.Next[node]);
                else
                    state[register] = value;
                if (LoadEnd(instruction, state, values) is uint end)
                {
                    graph.CannotFail[node] |= end <= state.KnownLength;
                    state.Loaded(end);
                }
                Push(states, graph.Next[node], state, values, scratch);
                continue;
            }
            var (canBeTrue, canBeFalse) = Outcomes(instruction.Code, instruction.K, state, values);
            if (canBeTrue != canBeFalse)
            {
                Refine(instruction, state, values, canBeTrue);
                graph.Skip(node, Thread(graph, canBeTrue ? graph.Next[node] : graph.Other[node], state, values, readsA));
                Push(states, graph.Next[node], state, values, scratch);
                continue;
            }
            var whenFalse = scratch.Released.TryPop(out var reused) ? state.CloneInto(reused) : state.Clone();
            Refine(instruction, state, values, true);
            Refine(instruction, whenFalse, values, false);
            int whenTrueTarget = Thread(graph, graph.Next[node], state, values, readsA);
            int whenFalseTarget = Thread(graph, graph.Other[node], whenFalse, values, readsA);
            graph.Changed |= whenTrueTarget != graph.Next[node] || whenFalseTarget != graph.Other[node];
            graph.Next[node] = whenTrueTarget;
            graph.Other[node] = whenFalseTarget;
            Push(states, graph.Next[node], state, values, scratch);
            Push(states, graph.Other[node], whenFalse, values, scratch);
        }
    }

    // Keeps a state no point owns any more for a later fork; a few are enough (one walk frees about as many as it forks).
    private static void Release(ShortenGraph.Scratch scratch, ShortenState state)
    {
        const int MaxReleased = 64;
        if (scratch.Released.Count < MaxReleased)
            scratch.Released.Push(state);
    }

    private static void Push(ShortenState?[] states, int target, ShortenState state, ShortenValues values, ShortenGraph.Scratch scratch)
    {
        if (states[target] is { } existing)
        {
            existing.MeetWith(state, target, values);
            // Met into the target's state: no point owns it any more.
            Release(scratch, state);
        }
        else
            states[target] = state;
    }

    // Follows an edge through nodes that do nothing on it: skipped nodes, no-op statements and decided jumps.
    private static int Thread(ShortenGraph graph, int target, ShortenState state, ShortenValues values, bool[] readsA)
    {
        for (int step = 0; step < MaxThreadSteps; step++)
        {
            if (graph.Skipped[target])
            {
                target = graph.Next[target];
                continue;
            }
            if (graph.IsReturn(target))
                break;
            var instruction = graph.Instructions[target];
            if (!graph.IsConditional(target))
            {
                if (DoesNothing(instruction, state, values, out _, out _))
                    target = graph.Next[target];
                else if (RunRestoringRegisters(graph, target, state, values) is int after)
                    target = after;
                else if (DecidedReload(graph, target, state, values, readsA) is int decided)
                    target = decided;
                else
                    break;
                continue;
            }
            var (canBeTrue, canBeFalse) = Outcomes(instruction.Code, instruction.K, state, values);
            if (canBeTrue == canBeFalse)
                break;
            Refine(instruction, state, values, canBeTrue);
            target = canBeTrue ? graph.Next[target] : graph.Other[target];
        }
        return target;
    }

    // A short run of statements that ends with A and X holding what they held, loading nothing that may fail and
    // storing nothing (libpcap's reload of `ldb [0]; and #0xf0` on the false edge of the IP version test): the node
    // after it, or null.
    private static int? RunRestoringRegisters(ShortenGraph graph, int node, ShortenState state, ShortenValues values)
    {
        const int MaxRun = 3;
        int a = state[ShortenState.A], x = state[ShortenState.X];
        if (a == ShortenValues.Unknown || x == ShortenValues.Unknown)
            return null;
        for (int step = 0; step < MaxRun; step++)
        {
            node = graph.Resolve(node);
            if (graph.IsReturn(node) || graph.IsConditional(node))
                return null;
            var instruction = graph.Instructions[node];
            ushort code = instruction.Code;
            uint k = instruction.K;
            switch (ClassOf(code), ModeOf(code))
            {
                case (Ld, Abs) when LoadEnd(instruction, state, values) <= state.KnownLength:
                    a = values.Load(code, k, x);
                    break;
                case (Ldx, Msh) when LoadEnd(instruction, state, values) <= state.KnownLength:
                    x = values.HeaderLength(k);
                    break;
                case (Ld, Imm):
                    a = values.Constant(k);
                    break;
                case (Ldx, Imm):
                    x = values.Constant(k);
                    break;
                case (Alu, _) when SourceOf(code) == BpfOpcodes.K:
                    a = values.Operation(OperationOf(code), a, values.Constant(k));
                    break;
                case (Misc, _):
                    (a, x) = MiscOperationOf(code) == Tax ? (a, a) : (x, x);
                    break;
                default:
                    return null;
            }
            node = graph.Next[node];
            if (a == state[ShortenState.A] && x == state[ShortenState.X])
                return node;
        }
        return null;
    }

    // A load into A of a value every path here has tested, followed by jumps its known range decides, ending where A
    // is not read before being written (libpcap's 'ldb [23]; jeq #0x84; jeq #0x6' after another test): that target.
    private static int? DecidedReload(ShortenGraph graph, int node, ShortenState state, ShortenValues values, bool[] readsA)
    {
        const int MaxJumps = 8;
        var load = graph.Instructions[node];
        if (ClassOf(load.Code) != Ld || ModeOf(load.Code) != Abs)
            return null;
        int value = values.Load(load.Code, load.K, ShortenValues.Unknown);
        if (value == ShortenValues.Unknown || !state.Knows(value))
            return null;
        var range = state.RangeOf(value, values);
        int target = graph.Resolve(graph.Next[node]);
        for (int jumps = 0; jumps < MaxJumps && graph.IsConditional(target); jumps++)
        {
            var test = graph.Instructions[target];
            if (SourceOf(test.Code) != BpfOpcodes.K)
                return null;
            var (canBeTrue, canBeFalse) = range.Outcomes(OperationOf(test.Code), test.K);
            if (canBeTrue == canBeFalse)
                return null;
            range = range.Refine(OperationOf(test.Code), test.K, canBeTrue);
            target = graph.Resolve(canBeTrue ? graph.Next[target] : graph.Other[target]);
            if (!readsA[target])
                return target;
        }
        return null;
    }

    // For each node, in <paramref name="reads"/>, whether some path from it reads A before writing it.
    private static bool[] ReadsABeforeWriting(ShortenGraph graph, bool[] reads)
    {
        for (int node = graph.Count - 1; node >= 0; node--)
        {
            var instruction = graph.Instructions[node];
            ushort code = instruction.Code;
            reads[node] = graph.Skipped[node] ? reads[graph.Next[node]]
                : graph.IsReturn(node) ? code == (Ret | RetA)
                : graph.IsConditional(node) || ClassOf(code) is St or Alu || code == (Misc | Tax)
                  || (ClassOf(code) is not Ld && code != (Misc | Txa) && reads[graph.Next[node]]);
        }
        return reads;
    }

    // Whether a statement writes into its register the value already there.
    private static bool DoesNothing(BpfInstruction instruction, ShortenState state, ShortenValues values, out int register, out int value)
    {
        (register, value) = Effect(instruction, state, values);
        return value != ShortenValues.Unknown && state[register] == value;
    }

    // The register a statement writes and the value number it writes there.
    private static (int Register, int Value) Effect(BpfInstruction instruction, ShortenState state, ShortenValues values)
    {
        ushort code = instruction.Code;
        uint k = instruction.K;
        switch (ClassOf(code))
        {
            case Ld:
                return (ShortenState.A, ModeOf(code) switch
                {
                    Imm => values.Constant(k),
                    Len => values.Length(),
                    Mem => state[ShortenState.Memory + (int)k],
                    _ => values.Load(code, k, state[ShortenState.X]),
                });
            case Ldx:
                return (ShortenState.X, ModeOf(code) switch
                {
                    Imm => values.Constant(k),
                    Len => values.Length(),
                    Mem => state[ShortenState.Memory + (int)k],
                    _ => values.HeaderLength(k),
                });
            case St:
                return (ShortenState.Memory + (int)k, state[ShortenState.A]);
            case Stx:
                return (ShortenState.Memory + (int)k, state[ShortenState.X]);
            case Alu:
                int left = Folded(state[ShortenState.A], state, values);
                int right = SourceOf(code) == BpfOpcodes.K ? values.Constant(k) : Folded(state[ShortenState.X], state, values);
                // Division by a run-time zero ends the run: keep the division unless X is known non-zero.
                if (OperationOf(code) is Div or Mod && SourceOf(code) == BpfOpcodes.X && !(values.TryGetConstant(right, out uint divisor) && divisor != 0))
                    right = state[ShortenState.X];
                return (ShortenState.A, values.Operation(OperationOf(code), left, right));
            default:
                return MiscOperationOf(code) == Tax
                    ? (ShortenState.X, state[ShortenState.A])
                    : (ShortenState.A, state[ShortenState.X]);
        }
    }

    // Where a packet load ends (offset plus size), when it is known at compile time; null for every other statement.
    private static uint? LoadEnd(BpfInstruction instruction, ShortenState state, ShortenValues values)
    {
        ushort code = instruction.Code;
        ulong start;
        switch (ClassOf(code), ModeOf(code))
        {
            case (Ld, Abs):
                start = instruction.K;
                break;
            case (Ld, Ind) when values.TryGetConstant(state[ShortenState.X], out uint x):
                start = (ulong)instruction.K + x;
                break;
            case (Ldx, Msh):
                return instruction.K < int.MaxValue ? instruction.K + 1 : null;
            default:
                return null;
        }
        ulong end = start + SizeOf(code) switch { B => 1u, H => 2u, _ => 4u };
        // Ancillary and negative offsets are not packet bytes.
        return end < int.MaxValue ? (uint)end : null;
    }

    // A value whose facts pin it to one constant becomes that constant, so operations on it fold.
    private static int Folded(int value, ShortenState state, ShortenValues values) =>
        value != ShortenValues.Unknown && state.RangeOf(value, values).TryGetSingle(out uint single) ? values.Constant(single) : value;

    private static (bool CanBeTrue, bool CanBeFalse) Outcomes(ushort code, uint k, ShortenState state, ShortenValues values)
    {
        int a = state[ShortenState.A];
        if (TryOperand(code, k, state, values, out uint operand))
            return state.RangeOf(a, values).Outcomes(OperationOf(code), operand);
        int x = state[ShortenState.X];
        if (a != ShortenValues.Unknown && a == x)
            return OperationOf(code) switch { Jeq or Jge => (true, false), Jgt => (false, true), _ => (true, true) };
        if (!state.RangeOf(a, values).TryGetSingle(out uint constant))
            return (true, true);
        // A constant against X: ask the same question of X's range, mirrored (c > X is X < c, that is not X >= c).
        var range = state.RangeOf(x, values);
        return OperationOf(code) switch
        {
            Jeq => range.Outcomes(Jeq, constant),
            Jset => range.Outcomes(Jset, constant),
            Jgt => Swap(range.Outcomes(Jge, constant)),
            Jge => Swap(range.Outcomes(Jgt, constant)),
            _ => (true, true),
        };
    }

    private static (bool, bool) Swap((bool CanBeTrue, bool CanBeFalse) outcomes) => (outcomes.CanBeFalse, outcomes.CanBeTrue);

    private static void Refine(BpfInstruction instruction, ShortenState state, ShortenValues values, bool outcome)
    {
        int a = state[ShortenState.A];
        if (a != ShortenValues.Unknown && !values.TryGetConstant(a, out _) && TryOperand(instruction.Code, instruction.K, state, values, out uint operand))
            state.Know(a, state.RangeOf(a, values).Refine(OperationOf(instruction.Code), operand, outcome));
    }

    private static bool TryOperand(ushort code, uint k, ShortenState state, ShortenValues values, out uint operand)
    {
        operand = k;
        if (SourceOf(code) == BpfOpcodes.K)
            return true;
        int x = state[ShortenState.X];
        return x != ShortenValues.Unknown && state.RangeOf(x, values).TryGetSingle(out operand);
    }
}
