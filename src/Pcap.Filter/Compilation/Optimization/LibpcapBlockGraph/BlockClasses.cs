using System.Numerics;
using System.Runtime.InteropServices;
using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Block interning's classes of equal blocks: a block's key is its jump, its successors' classes and its live
/// statements. An open-addressing table of class numbers in arrays reused from compile to compile and sized to the
/// program at each use, instead of a dictionary of keys holding block references.
/// </summary>
internal sealed class BlockClasses
{
    private int[] _slots = new int[128];
    private int _mask;
    private int[] _hash = new int[64];
    private int[] _trueClass = new int[64];
    private int[] _falseClass = new int[64];
    private BasicBlock[] _representative = new BasicBlock[64];
    private int _count;

    /// <summary>Forgets every class, ready for a graph of <paramref name="blocks"/> blocks.</summary>
    public void Start(int blocks)
    {
        // At most one class per block, so the table stays at most half full.
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * blocks));
        if (_slots.Length < size)
            _slots = new int[size];
        _slots.AsSpan(0, size).Clear();
        _mask = size - 1;
        _count = 0;
        if (_hash.Length < blocks)
        {
            int length = Math.Max(blocks, 2 * _hash.Length);
            _hash = new int[length];
            _trueClass = new int[length];
            _falseClass = new int[length];
            _representative = new BasicBlock[length];
        }
    }

    /// <summary>The highest-numbered block of class <paramref name="blockClass"/> seen so far.</summary>
    public BasicBlock Representative(int blockClass) => _representative[blockClass];

    /// <summary>
    /// The class of <paramref name="block"/>, whose successors are of classes <paramref name="trueClass"/> and
    /// <paramref name="falseClass"/> (-1 for a return): an existing class of an equal block, whose representative
    /// becomes <paramref name="block"/> if its number is higher, or a new class.
    /// </summary>
    public int Classify(BasicBlock block, int trueClass, int falseClass)
    {
        int hash = Hash(block, trueClass, falseClass);
        int i = hash & _mask;
        while (_slots[i] != 0)
        {
            int existing = _slots[i] - 1;
            BasicBlock representative = _representative[existing];
            if (_hash[existing] == hash && _trueClass[existing] == trueClass && _falseClass[existing] == falseClass
                && representative.Branch.Code == block.Branch.Code && representative.Branch.K == block.Branch.K
                && SameLiveStatements(representative.Statements, block.Statements))
            {
                if (block.Id > representative.Id)
                    _representative[existing] = block;
                return existing;
            }
            i = (i + 1) & _mask;
        }
        int fresh = _count++;
        _slots[i] = fresh + 1;
        _hash[fresh] = hash;
        _trueClass[fresh] = trueClass;
        _falseClass[fresh] = falseClass;
        _representative[fresh] = block;
        return fresh;
    }

    /// <summary>Drops the representatives, so the thread's reused table does not keep the graph alive.</summary>
    public void Forget() => Array.Clear(_representative, 0, _count);

    private static int Hash(BasicBlock block, int trueClass, int falseClass)
    {
        uint hash = (uint)block.Branch.Code * 0x9E3779B1u + block.Branch.K;
        hash = hash * 0x85EBCA77u + (uint)trueClass;
        hash = hash * 0x85EBCA77u + (uint)falseClass;
        foreach (BlockStatement statement in CollectionsMarshal.AsSpan(block.Statements))
        {
            if (statement.IsNop)
                continue;
            hash = (hash * 0xC2B2AE3Du + (uint)statement.Code) * 0x9E3779B1u + statement.K;
        }
        return (int)(hash ^ hash >> 15);
    }

    private static bool SameLiveStatements(List<BlockStatement> first, List<BlockStatement> second)
    {
        ReadOnlySpan<BlockStatement> a = CollectionsMarshal.AsSpan(first), b = CollectionsMarshal.AsSpan(second);
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && a[i].IsNop)
                i++;
            while (j < b.Length && b[j].IsNop)
                j++;
            if (i == a.Length || j == b.Length)
                return i == a.Length && j == b.Length;
            if (a[i].Code != b[j].Code || a[i].K != b[j].K)
                return false;
            i++;
            j++;
        }
    }
}
