using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;
using Pcap.Filter.Names;
using static Pcap.Filter.Compilation.ProtocolNumbers;

namespace Pcap.Filter.Compilation;

// port and portrange over IPv4 (unfragmented or first fragment only) and IPv6 (fixed header only).
internal sealed partial class CodeGenerator
{
    private const uint ProtocolUndefined = uint.MaxValue;

    private CodeBlock NotLaterFragment()
    {
        var b = Jump(BpfOpcodes.Jset, 0x1fff, Load(OffsetBase.LinkPayload, 6, BpfOpcodes.H));
        BlockLogic.Not(b);
        return b;
    }

    private CodeBlock PortAtom(uint off, uint v) => Compare(OffsetBase.TransportIpv4, off, BpfOpcodes.H, v);
    private CodeBlock PortAtom6(uint off, uint v) => Compare(OffsetBase.TransportIpv6, off, BpfOpcodes.H, v);

    // The next-header test before a port test; IPv4 also needs the first fragment, where the ports are.
    private CodeBlock TransportProtocolCheck(uint proto, bool v6)
    {
        if (v6)
            return Compare(OffsetBase.LinkPayload, 6, BpfOpcodes.B, proto);
        var protocol = Compare(OffsetBase.LinkPayload, 9, BpfOpcodes.B, proto);
        var firstFragment = NotLaterFragment();
        BlockLogic.And(protocol, firstFragment);
        return firstFragment;
    }

    private CodeBlock PortOp(uint port, uint proto, DirectionQualifier dir, bool v6)
    {
        var b0 = TransportProtocolCheck(proto, v6);
        CodeBlock Atom(uint offset, uint value) => v6 ? PortAtom6(offset, value) : PortAtom(offset, value);
        CodeBlock b1;
        switch (dir)
        {
            case DirectionQualifier.Src: b1 = Atom(0, port); break;
            case DirectionQualifier.Dst: b1 = Atom(2, port); break;
            case DirectionQualifier.And:
            {
                var tmp = Atom(0, port);
                b1 = Atom(2, port);
                BlockLogic.And(tmp, b1);
                break;
            }
            case DirectionQualifier.Default or DirectionQualifier.Or:
            {
                var tmp = Atom(0, port);
                b1 = Atom(2, port);
                BlockLogic.Or(tmp, b1);
                break;
            }
            default:
                throw Error(MacOnlyDirection(dir, "ports")!);
        }
        BlockLogic.And(b0, b1);
        return b1;
    }

    private CodeBlock PortFor(uint port, uint ipProto, DirectionQualifier dir, bool v6)
    {
        var b0 = LinkTypeTest(v6 ? EtherTypeIpv6 : EtherTypeIp);
        CodeBlock b1;
        if (ipProto == ProtocolUndefined)
        {
            var tmp = PortOp(port, IpProtoTcp, dir, v6);
            b1 = PortOp(port, IpProtoUdp, dir, v6);
            BlockLogic.Or(tmp, b1);
            tmp = PortOp(port, IpProtoSctp, dir, v6);
            BlockLogic.Or(tmp, b1);
        }
        else
            b1 = PortOp(port, ipProto, dir, v6);
        BlockLogic.And(b0, b1);
        return b1;
    }

    private CodeBlock Port(uint port, uint ipProto, DirectionQualifier dir) => PortFor(port, ipProto, dir, false);
    private CodeBlock Port6(uint port, uint ipProto, DirectionQualifier dir) => PortFor(port, ipProto, dir, true);

    private CodeBlock PortRangeAtom(uint off, uint v1, uint v2, bool v6)
    {
        if (v1 > v2)
            (v1, v2) = (v2, v1);
        var rel = v6 ? OffsetBase.TransportIpv6 : OffsetBase.TransportIpv4;
        var b1 = CompareGreaterOrEqual(rel, off, BpfOpcodes.H, v1);
        var b2 = CompareLessOrEqual(rel, off, BpfOpcodes.H, v2);
        BlockLogic.And(b1, b2);
        return b2;
    }

    private CodeBlock PortRangeOp(uint p1, uint p2, uint proto, DirectionQualifier dir, bool v6)
    {
        var b0 = TransportProtocolCheck(proto, v6);
        CodeBlock b1;
        switch (dir)
        {
            case DirectionQualifier.Src: b1 = PortRangeAtom(0, p1, p2, v6); break;
            case DirectionQualifier.Dst: b1 = PortRangeAtom(2, p1, p2, v6); break;
            case DirectionQualifier.And:
            {
                var tmp = PortRangeAtom(0, p1, p2, v6);
                b1 = PortRangeAtom(2, p1, p2, v6);
                BlockLogic.And(tmp, b1);
                break;
            }
            case DirectionQualifier.Default or DirectionQualifier.Or:
            {
                var tmp = PortRangeAtom(0, p1, p2, v6);
                b1 = PortRangeAtom(2, p1, p2, v6);
                BlockLogic.Or(tmp, b1);
                break;
            }
            default:
                throw Error(MacOnlyDirection(dir, "port ranges")!);
        }
        BlockLogic.And(b0, b1);
        return b1;
    }

    private CodeBlock PortRangeFor(uint p1, uint p2, uint ipProto, DirectionQualifier dir, bool v6)
    {
        var b0 = LinkTypeTest(v6 ? EtherTypeIpv6 : EtherTypeIp);
        CodeBlock b1;
        if (ipProto == ProtocolUndefined)
        {
            var tmp = PortRangeOp(p1, p2, IpProtoTcp, dir, v6);
            b1 = PortRangeOp(p1, p2, IpProtoUdp, dir, v6);
            BlockLogic.Or(tmp, b1);
            tmp = PortRangeOp(p1, p2, IpProtoSctp, dir, v6);
            BlockLogic.Or(tmp, b1);
        }
        else
            b1 = PortRangeOp(p1, p2, ipProto, dir, v6);
        BlockLogic.And(b0, b1);
        return b1;
    }

    private CodeBlock PortRange(uint p1, uint p2, uint ipProto, DirectionQualifier dir) => PortRangeFor(p1, p2, ipProto, dir, false);
    private CodeBlock PortRange6(uint p1, uint p2, uint ipProto, DirectionQualifier dir) => PortRangeFor(p1, p2, ipProto, dir, true);

    private CodeBlock NamedPort(string name, Qualifiers q)
    {
        bool range = q.Address == AddressQualifier.Portrange;
        var proto = q.Proto;
        if (proto is not (ProtoQualifier.Default or ProtoQualifier.Udp or ProtoQualifier.Tcp or ProtoQualifier.Sctp))
            throw Error(range ? "illegal qualifier of 'portrange'" : "illegal qualifier of 'port'");
        int port1, port2;
        uint realProto;
        if (!range)
        {
            if (!NameResolver.TryPort(name, out port1, out realProto))
                throw Error($"unknown port '{name}'");
            port2 = port1;
        }
        else if (!NameResolver.TryPortRange(name, out port1, out port2, out realProto))
            throw Error($"unknown port in range '{name}'");
        string what = range ? "port in range" : "port";
        realProto = proto switch
        {
            ProtoQualifier.Udp => realProto == IpProtoTcp ? throw Error($"{what} '{name}' is tcp")
                : realProto == IpProtoSctp ? throw Error($"{what} '{name}' is sctp") : IpProtoUdp,
            ProtoQualifier.Tcp => realProto == IpProtoUdp ? throw Error($"{what} '{name}' is udp")
                : realProto == IpProtoSctp ? throw Error($"{what} '{name}' is sctp") : IpProtoTcp,
            ProtoQualifier.Sctp => realProto == IpProtoUdp ? throw Error($"{what} '{name}' is udp")
                : realProto == IpProtoTcp ? throw Error($"{what} '{name}' is tcp") : IpProtoSctp,
            _ => realProto,
        };
        foreach (int p in range ? new[] { port1, port2 } : new[] { port1 })
        {
            if (p < 0)
                throw Error($"illegal port number {p} < 0");
            if (p > 65535)
                throw Error($"illegal port number {p} > 65535");
        }
        CodeBlock b;
        if (range)
        {
            b = PortRange((uint)port1, (uint)port2, realProto, q.Direction);
            BlockLogic.Or(PortRange6((uint)port1, (uint)port2, realProto, q.Direction), b);
        }
        else
        {
            b = Port((uint)port1, realProto, q.Direction);
            BlockLogic.Or(Port6((uint)port1, realProto, q.Direction), b);
        }
        return b;
    }
}
