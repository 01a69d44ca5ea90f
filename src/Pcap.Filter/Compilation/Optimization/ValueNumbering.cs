using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// The value-numbering table (libpcap's <c>F</c>, <c>K</c> and <c>vmap</c>): each distinct
/// (operation, operand value, operand value) gets the next number, so equal numbers mean equal values.
/// Number 0 means "unknown". Numbers are handed out in the same order as libpcap so ties break the same way.
/// </summary>
internal sealed class ValueNumbering
{
    /// <summary>The "unknown value" number.</summary>
    public const uint Unknown = 0;

    private const int ImmediateCode = BpfOpcodes.Ld | BpfOpcodes.Imm | BpfOpcodes.W;

    private readonly Dictionary<(int Code, uint V0, uint V1), uint> _numbers = new();
    private bool[] _isConstant = new bool[64];
    private uint[] _constant = new uint[64];
    private uint _current;

    /// <summary>Forgets every number (libpcap's <c>init_val</c>, run at the start of each pass).</summary>
    public void Reset()
    {
        _numbers.Clear();
        Array.Clear(_isConstant, 0, (int)Math.Min(_current + 1, (uint)_isConstant.Length));
        _current = 0;
    }

    /// <summary>The number of the value computed by <paramref name="code"/> from <paramref name="v0"/> and <paramref name="v1"/>.</summary>
    public uint Of(int code, uint v0, uint v1)
    {
        if (_numbers.TryGetValue((code, v0, v1), out uint existing))
            return existing;
        uint value = ++_current;
        if (value >= _isConstant.Length)
        {
            Array.Resize(ref _isConstant, _isConstant.Length * 2);
            Array.Resize(ref _constant, _constant.Length * 2);
        }
        ushort c = (ushort)code;
        if (code >= 0 && BpfOpcodes.ModeOf(c) == BpfOpcodes.Imm
            && (BpfOpcodes.ClassOf(c) == BpfOpcodes.Ld || BpfOpcodes.ClassOf(c) == BpfOpcodes.Ldx))
        {
            _constant[value] = v0;
            _isConstant[value] = true;
        }
        _numbers.Add((code, v0, v1), value);
        return value;
    }

    /// <summary>The number of the constant <paramref name="k"/>.</summary>
    public uint Constant(uint k) => Of(ImmediateCode, k, 0);

    /// <summary>True when value <paramref name="value"/> is a known constant.</summary>
    public bool IsConstant(uint value) => _isConstant[value];

    /// <summary>The constant behind value <paramref name="value"/>.</summary>
    public uint ConstantOf(uint value) => _constant[value];
}
