using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;
using Pcap.Filter.Parsing;
using static Pcap.Filter.Compilation.ProtocolNumbers;

namespace Pcap.Filter.Compilation;

/// <summary>
/// Generates the control-flow graph for a parsed expression, block for block and register for register as
/// libpcap 1.10's gencode.c does, so the linearized program is identical to <c>pcap_compile(..., optimize = 0)</c>.
/// One instance per compilation: it holds the header offsets that <c>vlan</c>, <c>mpls</c> and <c>pppoes</c> move.
/// </summary>
internal sealed partial class CodeGenerator
{
    private readonly LinkType _outermost;
    private readonly uint _snapLength;
    private readonly bool _linuxVlanAncillaryLoads;

    /// <summary>Refuse what a capture file cannot answer (packet direction, interface index), as libpcap does offline.</summary>
    public bool ReadingSavefile { get; init; }

    /// <summary>The network's netmask for <c>ip broadcast</c>; null when not known (libpcap's PCAP_NETMASK_UNKNOWN).</summary>
    public uint? Netmask { get; init; }

    private DataLink _link;
    private AbsoluteOffset _offLinkHeader = new();
    private AbsoluteOffset _offPreviousLinkHeader;
    private AbsoluteOffset _offLinkPayload = new();
    private AbsoluteOffset _offLinkType = new();
    private uint _offNetwork;
    private uint _offNetworkNoSnap;
    private bool _offLinkTypeUnset;
    private int _labelStackDepth;
    private int _vlanStackDepth;
    // Scratch words in use, a bit each.
    private int _registersInUse;
    // Without any scratch word in use no path can read one unwritten, so the graph walk that checks it is skipped.
    private bool _anyRegisterAllocated;
    private int _currentRegister;
    private FilterNode? _current;

    private enum DataLink { Ethernet, LinuxSll, LinuxSll2, Raw, Ipv4, Ipv6, Null, Loop, Ppp }

    public CodeGenerator(LinkType linkType, int snapLength, bool linuxVlanAncillaryLoads = false)
    {
        _outermost = linkType;
        _snapLength = (uint)snapLength;
        _linuxVlanAncillaryLoads = linuxVlanAncillaryLoads;
        (_link, _offLinkType.ConstantPart, _offLinkPayload.ConstantPart, _offNetwork, _offNetworkNoSnap) = linkType switch
        {
            _ when linkType == LinkType.Ethernet => (DataLink.Ethernet, 12u, 14u, 0u, 3u),
            _ when linkType == LinkType.LinuxSll => (DataLink.LinuxSll, 14u, 16u, 0u, 0u),
            _ when linkType == LinkType.LinuxSll2 => (DataLink.LinuxSll2, 0u, 20u, 0u, 0u),
            _ when linkType == LinkType.Null => (DataLink.Null, 0u, 4u, 0u, 0u),
            _ when linkType == LinkType.Loop => (DataLink.Loop, 0u, 4u, 0u, 0u),
            _ when linkType == LinkType.Raw => (DataLink.Raw, 0u, 0u, 0u, 0u),
            _ when linkType == LinkType.Ipv4 => (DataLink.Ipv4, 0u, 0u, 0u, 0u),
            _ when linkType == LinkType.Ipv6 => (DataLink.Ipv6, 0u, 0u, 0u, 0u),
            _ => throw new FilterSyntaxException($"unknown link type {linkType.Value}", 0, 0),
        };
        _offLinkTypeUnset = linkType == LinkType.Raw || linkType == LinkType.Ipv4 || linkType == LinkType.Ipv6;
        _offPreviousLinkHeader = _offLinkHeader.Clone();
    }

    /// <summary>Builds the graph for <paramref name="root"/> (null: accept everything) and returns its entry block.</summary>
    public CodeBlock Generate(FilterNode? root)
    {
        if (root is null)
            return new CodeBlock(BpfOpcodes.Ret | BpfOpcodes.K, _snapLength);
        var b = Generate(root, 0);
        ZeroVlanOffsetRegisters(b.Head);
        BlockLogic.Backpatch(b, new CodeBlock(BpfOpcodes.Ret | BpfOpcodes.K, _snapLength));
        b.Sense = !b.Sense;
        BlockLogic.Backpatch(b, new CodeBlock(BpfOpcodes.Ret | BpfOpcodes.K, 0));
        return _anyRegisterAllocated ? ScratchMemoryCheck.ZeroUnwrittenWords(b.Head) : b.Head;
    }

    private FilterSyntaxException Error(string message)
    {
        int at = _current?.Position ?? 0;
        return new FilterSyntaxException($"{message} at {at}", at, _current?.Length ?? 0);
    }

    private string LinkDescription => _link switch
    {
        DataLink.Ethernet => "Ethernet",
        DataLink.LinuxSll => "Linux cooked v1",
        DataLink.LinuxSll2 => "Linux cooked v2",
        DataLink.Raw => "Raw IP",
        DataLink.Ipv4 => "Raw IPv4",
        DataLink.Ipv6 => "Raw IPv6",
        DataLink.Null => "BSD loopback",
        DataLink.Loop => "OpenBSD loopback",
        _ => "PPP",
    };

    // Registers: scratch memory words handed out round-robin, as libpcap's alloc_reg does.
    private int AllocateRegister()
    {
        for (int n = BpfOpcodes.MemoryWords; --n >= 0;)
        {
            if ((_registersInUse & (1 << _currentRegister)) != 0)
                _currentRegister = (_currentRegister + 1) % BpfOpcodes.MemoryWords;
            else
            {
                _registersInUse |= 1 << _currentRegister;
                _anyRegisterAllocated = true;
                return _currentRegister;
            }
        }
        throw Error("too many registers needed to evaluate expression");
    }

    private void FreeRegister(int n) => _registersInUse &= ~(1 << n);

    // Loads and comparisons.

    private CodeStatement? OffsetVariablePart(AbsoluteOffset off)
    {
        if (!off.IsVariable)
            return null;
        if (off.Register == -1)
            off.Register = AllocateRegister();
        return new CodeStatement(BpfOpcodes.Ldx | BpfOpcodes.Mem, (uint)off.Register);
    }

    private CodeStatement LoadRelative(AbsoluteOffset off, uint offset, ushort size)
    {
        var s = OffsetVariablePart(off);
        if (s is not null)
        {
            CodeStatement.Append(s, new CodeStatement((ushort)(BpfOpcodes.Ld | BpfOpcodes.Ind | size), off.ConstantPart + offset));
            return s;
        }
        return new CodeStatement((ushort)(BpfOpcodes.Ld | BpfOpcodes.Abs | size), off.ConstantPart + offset);
    }

    private CodeStatement Load(OffsetBase rel, uint offset, ushort size)
    {
        switch (rel)
        {
            case OffsetBase.Packet:
                return new CodeStatement((ushort)(BpfOpcodes.Ld | BpfOpcodes.Abs | size), offset);
            case OffsetBase.LinkHeader:
                return LoadRelative(_offLinkHeader, offset, size);
            case OffsetBase.PreviousLinkHeader:
                return LoadRelative(_offPreviousLinkHeader, offset, size);
            case OffsetBase.Llc:
                return LoadRelative(_offLinkPayload, offset, size);
            case OffsetBase.PreviousMplsHeader:
                return LoadRelative(_offLinkPayload, _offNetwork - 4 + offset, size);
            case OffsetBase.LinkPayload:
                return LoadRelative(_offLinkPayload, _offNetwork + offset, size);
            case OffsetBase.LinkPayloadNoSnap:
                return LoadRelative(_offLinkPayload, _offNetworkNoSnap + offset, size);
            case OffsetBase.LinkTypeField:
                return LoadRelative(_offLinkType, offset, size);
            case OffsetBase.TransportIpv4:
            {
                var s = LoadIpv4HeaderLengthIntoX();
                CodeStatement.Append(s, new CodeStatement((ushort)(BpfOpcodes.Ld | BpfOpcodes.Ind | size), _offLinkPayload.ConstantPart + _offNetwork + offset));
                return s;
            }
            default:
                return LoadRelative(_offLinkPayload, _offNetwork + 40 + offset, size);
        }
    }

    private CodeStatement LoadIpv4HeaderLengthIntoX()
    {
        var s = OffsetVariablePart(_offLinkPayload);
        if (s is not null)
        {
            CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.Ind | BpfOpcodes.B, _offLinkPayload.ConstantPart + _offNetwork));
            CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.And | BpfOpcodes.K, 0xf));
            CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Lsh | BpfOpcodes.K, 2));
            CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.X));
            CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Misc | BpfOpcodes.Tax));
            return s;
        }
        return new CodeStatement(BpfOpcodes.Ldx | BpfOpcodes.Msh | BpfOpcodes.B, _offLinkPayload.ConstantPart + _offNetwork);
    }

    private static CodeBlock Jump(ushort op, uint k, CodeStatement? statements)
    {
        return new CodeBlock((ushort)(BpfOpcodes.Jmp | op | BpfOpcodes.K), k) { Statements = statements };
    }

    private CodeBlock Compare(OffsetBase rel, uint offset, ushort size, uint value) =>
        CompareMasked(rel, offset, size, 0xffffffff, BpfOpcodes.Jeq, false, value);

    private CodeBlock CompareGreater(OffsetBase rel, uint offset, ushort size, uint value) =>
        CompareMasked(rel, offset, size, 0xffffffff, BpfOpcodes.Jgt, false, value);

    private CodeBlock CompareGreaterOrEqual(OffsetBase rel, uint offset, ushort size, uint value) =>
        CompareMasked(rel, offset, size, 0xffffffff, BpfOpcodes.Jge, false, value);

    private CodeBlock CompareLess(OffsetBase rel, uint offset, ushort size, uint value) =>
        CompareMasked(rel, offset, size, 0xffffffff, BpfOpcodes.Jge, true, value);

    private CodeBlock CompareLessOrEqual(OffsetBase rel, uint offset, ushort size, uint value) =>
        CompareMasked(rel, offset, size, 0xffffffff, BpfOpcodes.Jgt, true, value);

    private CodeBlock CompareMasked(OffsetBase rel, uint offset, ushort size, uint value, uint mask) =>
        CompareMasked(rel, offset, size, mask, BpfOpcodes.Jeq, false, value);

    private CodeBlock CompareMasked(OffsetBase rel, uint offset, ushort size, uint mask, ushort jump, bool reverse, uint value)
    {
        var s = Load(rel, offset, size);
        if (mask != 0xffffffff)
            CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.And | BpfOpcodes.K, mask));
        var b = Jump(jump, value, s);
        if (reverse && jump is BpfOpcodes.Jgt or BpfOpcodes.Jge)
            BlockLogic.Not(b);
        return b;
    }

    private CodeBlock CompareBytes(OffsetBase rel, uint offset, ReadOnlySpan<byte> v)
    {
        CodeBlock? b = null;
        int size = v.Length;
        while (size >= 4)
        {
            uint word = (uint)(v[size - 4] << 24 | v[size - 3] << 16 | v[size - 2] << 8 | v[size - 1]);
            var tmp = Compare(rel, offset + (uint)size - 4, BpfOpcodes.W, word);
            if (b is not null)
                BlockLogic.And(b, tmp);
            b = tmp;
            size -= 4;
        }
        while (size >= 2)
        {
            uint half = (uint)(v[size - 2] << 8 | v[size - 1]);
            var tmp = Compare(rel, offset + (uint)size - 2, BpfOpcodes.H, half);
            if (b is not null)
                BlockLogic.And(b, tmp);
            b = tmp;
            size -= 2;
        }
        if (size > 0)
        {
            var tmp = Compare(rel, offset, BpfOpcodes.B, v[0]);
            if (b is not null)
                BlockLogic.And(b, tmp);
            b = tmp;
        }
        return b!;
    }

    private static CodeBlock Unconditional(bool result) =>
        Jump(BpfOpcodes.Jeq, 0, new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.Imm, result ? 0u : 1u));

    private static CodeBlock True() => Unconditional(true);
    private static CodeBlock False() => Unconditional(false);
}
