using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// The value-numbering table (libpcap's <c>F</c>, <c>K</c> and <c>vmap</c>): each distinct
/// (operation, operand value, operand value) gets the next number, so equal numbers mean equal values.
/// Number 0 means "unknown". Numbers are handed out in the same order as libpcap so ties break the same way.
/// An open-addressing table whose slots carry the pass that filled them, so forgetting everything is one increment.
/// </summary>
internal sealed class ValueNumbering
{
    /// <summary>The "unknown value" number.</summary>
    public const uint Unknown = 0;

    private const int ImmediateCode = BpfOpcodes.Ld | BpfOpcodes.Imm | BpfOpcodes.W;

    private Slot[] _slots = new Slot[256];
    private int _generation = 1;
    private bool[] _isConstant = new bool[64];
    private uint[] _constant = new uint[64];
    private uint _current;

    /// <summary>Forgets every number (libpcap's <c>init_val</c>, run at the start of each pass).</summary>
    public void Reset()
    {
        Array.Clear(_isConstant, 0, (int)Math.Min(_current + 1, (uint)_isConstant.Length));
        _current = 0;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_slots);
            _generation = 1;
        }
    }

    /// <summary>The number of the value computed by <paramref name="code"/> from <paramref name="v0"/> and <paramref name="v1"/>.</summary>
    public uint Of(int code, uint v0, uint v1)
    {
        int mask = _slots.Length - 1;
        int i = Hash(code, v0, v1) & mask;
        while (true)
        {
            ref Slot slot = ref _slots[i];
            if (slot.Generation != _generation)
                break;
            if (slot.Code == code && slot.V0 == v0 && slot.V1 == v1)
                return slot.Value;
            i = (i + 1) & mask;
        }

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
        _slots[i] = new Slot { Generation = _generation, Code = code, V0 = v0, V1 = v1, Value = value };
        // Kept at most half full, so probe runs stay short.
        if (2 * value > (uint)_slots.Length)
            Grow();
        return value;
    }

    /// <summary>The number of the constant <paramref name="k"/>.</summary>
    public uint Constant(uint k) => Of(ImmediateCode, k, 0);

    /// <summary>True when value <paramref name="value"/> is a known constant.</summary>
    public bool IsConstant(uint value) => _isConstant[value];

    /// <summary>The constant behind value <paramref name="value"/>.</summary>
    public uint ConstantOf(uint value) => _constant[value];

    private static int Hash(int code, uint v0, uint v1) =>
        (int)((uint)code * 0x9E3779B1u ^ v0 * 0x85EBCA77u ^ (v1 + 0x165667B1u) * 0xC2B2AE3Du) ^ (int)(v0 >> 15);

    private void Grow()
    {
        Slot[] old = _slots;
        _slots = new Slot[old.Length * 2];
        int mask = _slots.Length - 1;
        foreach (Slot slot in old)
        {
            if (slot.Generation != _generation)
                continue;
            int i = Hash(slot.Code, slot.V0, slot.V1) & mask;
            while (_slots[i].Generation == _generation)
                i = (i + 1) & mask;
            _slots[i] = slot;
        }
    }

    private struct Slot
    {
        public int Generation;
        public int Code;
        public uint V0;
        public uint V1;
        public uint Value;
    }
}
