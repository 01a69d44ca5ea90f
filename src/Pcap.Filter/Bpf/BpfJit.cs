using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Bpf;

/// <summary>
/// Compiles a classic BPF program to IL (a <see cref="DynamicMethod"/>), which .NET's JIT turns into machine code,
/// with exactly the results of <see cref="BpfInterpreter.Run(ReadOnlySpan{BpfInstruction}, ReadOnlySpan{byte}, uint)"/>.
/// Where the runtime cannot generate code (<see cref="RuntimeFeature.IsDynamicCodeSupported"/> is false, e.g. Native AOT),
/// the returned function runs the interpreter instead.
/// </summary>
public static class BpfJit
{
    private static readonly MethodInfo SpanLength =
        typeof(ReadOnlySpan<byte>).GetProperty(nameof(ReadOnlySpan<byte>.Length))!.GetMethod!;

    // A non-generic wrapper: looking up and instantiating the generic MemoryMarshal.GetReference would not be trim-safe.
    private static readonly MethodInfo SpanReference =
        typeof(BpfJit).GetMethod(nameof(FirstByte), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo ReverseWord =
        typeof(BinaryPrimitives).GetMethod(nameof(BinaryPrimitives.ReverseEndianness), [typeof(uint)])!;

    private static readonly MethodInfo ReverseHalf =
        typeof(BinaryPrimitives).GetMethod(nameof(BinaryPrimitives.ReverseEndianness), [typeof(ushort)])!;

    private static readonly object ClosureTarget = new();

    /// <summary>Whether <see cref="Compile(BpfProgram)"/> generates code here, rather than falling back to the interpreter.</summary>
    public static bool GeneratesCode => RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>Compiles <paramref name="program"/> into a function with the interpreter's results.</summary>
    public static BpfFilterFunction Compile(BpfProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Compile(program.Instructions, GeneratesCode);
    }

    /// <summary>Compiles a copy of <paramref name="program"/> into a function with the interpreter's results.</summary>
    public static BpfFilterFunction Compile(ReadOnlySpan<BpfInstruction> program) => Compile(program, GeneratesCode);

    internal static BpfFilterFunction Compile(ReadOnlySpan<BpfInstruction> program, bool generateCode)
    {
        // The feature check is what the AOT analyzer and the trimmer recognise as the guard of Generate.
        if (generateCode && RuntimeFeature.IsDynamicCodeSupported)
            return Generate(program);
        var instructions = program.ToArray();
        return (packet, wireLength) => BpfInterpreter.Run(instructions, packet, wireLength);
    }

    [RequiresDynamicCode("Emits IL through a DynamicMethod; callers check RuntimeFeature.IsDynamicCodeSupported first.")]
    private static BpfFilterFunction Generate(ReadOnlySpan<BpfInstruction> program)
    {
        // The unused first parameter lets the delegate be closed over a target: calls then skip the shuffle thunk
        // that delegates to static methods go through.
        var method = new DynamicMethod("bpf_filter", typeof(uint), [typeof(object), typeof(ReadOnlySpan<byte>), typeof(uint)],
            typeof(BpfJit).Module, skipVisibility: true);
        new Emitter(method.GetILGenerator(), program).Emit();
        return method.CreateDelegate<BpfFilterFunction>(ClosureTarget);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte FirstByte(ReadOnlySpan<byte> bytes) => ref MemoryMarshal.GetReference(bytes);

    /// <summary>Emits the IL of one program: one label per instruction, A, X and each used scratch word in locals.</summary>
    private ref struct Emitter
    {
        private readonly ILGenerator _il;
        private readonly ReadOnlySpan<BpfInstruction> _program;
        private readonly Label[] _labels;
        private readonly LocalBuilder?[] _memory = new LocalBuilder?[MemoryWords];
        private readonly Label _reject;
        private readonly LocalBuilder _a, _x, _length, _bytes, _backwardJumps;

        public Emitter(ILGenerator il, ReadOnlySpan<BpfInstruction> program)
        {
            _il = il;
            _program = program;
            _labels = new Label[program.Length];
            for (var i = 0; i < _labels.Length; i++)
                _labels[i] = il.DefineLabel();
            _reject = il.DefineLabel();
            _a = il.DeclareLocal(typeof(uint));
            _x = il.DeclareLocal(typeof(uint));
            _length = il.DeclareLocal(typeof(uint));
            _bytes = il.DeclareLocal(typeof(byte).MakeByRefType());
            _backwardJumps = il.DeclareLocal(typeof(int));
        }

        public void Emit()
        {
            // Locals start zeroed (A, X, scratch memory, the backward-jump count), as in the interpreter.
            _il.Emit(OpCodes.Ldarga_S, (byte)1);
            _il.Emit(OpCodes.Call, SpanLength);
            _il.Emit(OpCodes.Stloc, _length);
            _il.Emit(OpCodes.Ldarg_1);
            _il.Emit(OpCodes.Call, SpanReference);
            _il.Emit(OpCodes.Stloc, _bytes);
            for (var pc = 0; pc < _program.Length; pc++)
            {
                _il.MarkLabel(_labels[pc]);
                EmitInstruction(pc, _program[pc]);
            }
            // Running off the end, failed bounds checks and division by zero all reject.
            _il.MarkLabel(_reject);
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Ret);
        }

        private void EmitInstruction(int pc, BpfInstruction instruction)
        {
            var k = instruction.K;
            switch (instruction.Code)
            {
                case Ret | K:
                    Constant(k);
                    _il.Emit(OpCodes.Ret);
                    return;
                case Ret | RetA:
                    _il.Emit(OpCodes.Ldloc, _a);
                    _il.Emit(OpCodes.Ret);
                    return;

                case Ld | W | Abs: LoadAbsolute(k, 4); Store(_a); return;
                case Ld | H | Abs: LoadAbsolute(k, 2); Store(_a); return;
                case Ld | B | Abs: LoadAbsolute(k, 1); Store(_a); return;
                case Ld | W | Ind: LoadIndirect(k, 4); Store(_a); return;
                case Ld | H | Ind: LoadIndirect(k, 2); Store(_a); return;
                case Ld | B | Ind: LoadIndirect(k, 1); Store(_a); return;
                case Ldx | B | Msh:
                    LoadAbsolute(k, 1);
                    Constant(0xf);
                    _il.Emit(OpCodes.And);
                    Constant(2);
                    _il.Emit(OpCodes.Shl);
                    Store(_x);
                    return;

                case Ld | W | Len: _il.Emit(OpCodes.Ldarg_2); Store(_a); return;
                case Ldx | W | Len: _il.Emit(OpCodes.Ldarg_2); Store(_x); return;
                case Ld | Imm: Constant(k); Store(_a); return;
                case Ldx | Imm: Constant(k); Store(_x); return;

                case Ld | Mem or Ldx | Mem:
                    if (k >= MemoryWords)
                    {
                        _il.Emit(OpCodes.Br, _reject);
                        return;
                    }
                    _il.Emit(OpCodes.Ldloc, Memory(k));
                    Store(instruction.Code == (Ld | Mem) ? _a : _x);
                    return;
                case St or Stx:
                    if (k >= MemoryWords)
                    {
                        _il.Emit(OpCodes.Br, _reject);
                        return;
                    }
                    _il.Emit(OpCodes.Ldloc, instruction.Code == St ? _a : _x);
                    _il.Emit(OpCodes.Stloc, Memory(k));
                    return;

                case Jmp | Ja:
                    EmitUnconditionalJump(pc, k);
                    return;
                case Jmp | Jgt | K or Jmp | Jge | K or Jmp | Jeq | K or Jmp | Jset | K
                    or Jmp | Jgt | X or Jmp | Jge | X or Jmp | Jeq | X or Jmp | Jset | X:
                    EmitConditionalJump(pc, instruction);
                    return;

                case Alu | Neg:
                    _il.Emit(OpCodes.Ldloc, _a);
                    _il.Emit(OpCodes.Neg);
                    Store(_a);
                    return;
                case Misc | Tax: _il.Emit(OpCodes.Ldloc, _a); Store(_x); return;
                case Misc | Txa: _il.Emit(OpCodes.Ldloc, _x); Store(_a); return;
            }

            if (ClassOf(instruction.Code) == Alu && BpfValidator.IsKnownOpcode(instruction.Code))
            {
                EmitArithmetic(instruction);
                return;
            }
            // An opcode libpcap does not know rejects the packet when reached.
            _il.Emit(OpCodes.Br, _reject);
        }

        private void EmitArithmetic(BpfInstruction instruction)
        {
            var operation = OperationOf(instruction.Code);
            var fromX = SourceOf(instruction.Code) == X;
            var k = instruction.K;
            if (operation is Div or Mod)
            {
                if (fromX)
                {
                    _il.Emit(OpCodes.Ldloc, _x);
                    _il.Emit(OpCodes.Brfalse, _reject);
                }
                else if (k == 0)
                {
                    _il.Emit(OpCodes.Br, _reject);
                    return;
                }
            }
            if (operation is Lsh or Rsh && fromX)
            {
                // libpcap: a shift by X of 32 or more leaves 0.
                var inRange = _il.DefineLabel();
                var done = _il.DefineLabel();
                _il.Emit(OpCodes.Ldloc, _x);
                Constant(32);
                _il.Emit(OpCodes.Blt_Un, inRange);
                Constant(0);
                Store(_a);
                _il.Emit(OpCodes.Br, done);
                _il.MarkLabel(inRange);
                _il.Emit(OpCodes.Ldloc, _a);
                _il.Emit(OpCodes.Ldloc, _x);
                _il.Emit(operation == Lsh ? OpCodes.Shl : OpCodes.Shr_Un);
                Store(_a);
                _il.MarkLabel(done);
                return;
            }
            _il.Emit(OpCodes.Ldloc, _a);
            if (fromX)
                _il.Emit(OpCodes.Ldloc, _x);
            else
                Constant(operation is Lsh or Rsh ? k & 31 : k); // a constant count is taken mod 32, as the interpreter does
            _il.Emit(operation switch
            {
                Add => OpCodes.Add,
                Sub => OpCodes.Sub,
                Mul => OpCodes.Mul,
                Div => OpCodes.Div_Un,
                Mod => OpCodes.Rem_Un,
                And => OpCodes.And,
                Or => OpCodes.Or,
                Xor => OpCodes.Xor,
                Lsh => OpCodes.Shl,
                _ => OpCodes.Shr_Un,
            });
            Store(_a);
        }

        private void EmitUnconditionalJump(int pc, uint k)
        {
            var target = (long)pc + 1 + (int)k;
            if (target < 0 || target >= _program.Length || (int)k == -1)
            {
                _il.Emit(OpCodes.Br, _reject);
                return;
            }
            if ((int)k < 0)
            {
                // Backward jumps (libpcap's protochain) are bounded as in the interpreter.
                _il.Emit(OpCodes.Ldloc, _backwardJumps);
                _il.Emit(OpCodes.Dup);
                Constant(1);
                _il.Emit(OpCodes.Add);
                _il.Emit(OpCodes.Stloc, _backwardJumps);
                Constant(BpfInterpreter.MaxBackwardJumps);
                _il.Emit(OpCodes.Bge, _reject);
            }
            _il.Emit(OpCodes.Br, _labels[target]);
        }

        private void EmitConditionalJump(int pc, BpfInstruction instruction)
        {
            var whenTrue = Target(pc + 1 + instruction.Jt);
            var whenFalse = Target(pc + 1 + instruction.Jf);
            _il.Emit(OpCodes.Ldloc, _a);
            if (SourceOf(instruction.Code) == X)
                _il.Emit(OpCodes.Ldloc, _x);
            else
                Constant(instruction.K);
            switch (OperationOf(instruction.Code))
            {
                case Jgt: _il.Emit(OpCodes.Bgt_Un, whenTrue); break;
                case Jge: _il.Emit(OpCodes.Bge_Un, whenTrue); break;
                case Jeq: _il.Emit(OpCodes.Beq, whenTrue); break;
                default:
                    _il.Emit(OpCodes.And);
                    _il.Emit(OpCodes.Brtrue, whenTrue);
                    break;
            }
            _il.Emit(OpCodes.Br, whenFalse);
        }

        private readonly Label Target(int index) => index < _program.Length ? _labels[index] : _reject;

        /// <summary>Pushes the value at the constant offset <paramref name="k"/>, or rejects when it is outside the packet.</summary>
        private void LoadAbsolute(uint k, int size)
        {
            if ((ulong)k + (ulong)size > int.MaxValue)
            {
                // No span is that long: always outside (ancillary offsets included, as without metadata).
                _il.Emit(OpCodes.Br, _reject);
                _il.Emit(OpCodes.Ldc_I4_0); // keeps the stack balanced for the store that follows
                return;
            }
            _il.Emit(OpCodes.Ldloc, _length);
            Constant(k + (uint)size);
            _il.Emit(OpCodes.Blt_Un, _reject);
            _il.Emit(OpCodes.Ldloc, _bytes);
            Constant(k);
            _il.Emit(OpCodes.Conv_U);
            _il.Emit(OpCodes.Add);
            Read(size);
        }

        /// <summary>Pushes the value at X + <paramref name="k"/>, or rejects when it is outside the packet (checked in 64 bits, as libpcap's three checks amount to).</summary>
        private void LoadIndirect(uint k, int size)
        {
            _il.Emit(OpCodes.Ldloc, _x);
            _il.Emit(OpCodes.Conv_U8);
            _il.Emit(OpCodes.Ldc_I8, (long)k + size);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Ldloc, _length);
            _il.Emit(OpCodes.Conv_U8);
            _il.Emit(OpCodes.Bgt_Un, _reject);
            _il.Emit(OpCodes.Ldloc, _bytes);
            _il.Emit(OpCodes.Ldloc, _x);
            Constant(k);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Conv_U);
            _il.Emit(OpCodes.Add);
            Read(size);
        }

        private readonly void Read(int size)
        {
            switch (size)
            {
                case 4:
                    _il.Emit(OpCodes.Unaligned, (byte)1);
                    _il.Emit(OpCodes.Ldind_U4);
                    if (BitConverter.IsLittleEndian)
                        _il.Emit(OpCodes.Call, ReverseWord);
                    break;
                case 2:
                    _il.Emit(OpCodes.Unaligned, (byte)1);
                    _il.Emit(OpCodes.Ldind_U2);
                    if (BitConverter.IsLittleEndian)
                        _il.Emit(OpCodes.Call, ReverseHalf);
                    break;
                default:
                    _il.Emit(OpCodes.Ldind_U1);
                    break;
            }
        }

        private LocalBuilder Memory(uint k) => _memory[k] ??= _il.DeclareLocal(typeof(uint));

        private readonly void Store(LocalBuilder register) => _il.Emit(OpCodes.Stloc, register);

        private readonly void Constant(uint value) => _il.Emit(OpCodes.Ldc_I4, unchecked((int)value));
    }
}
