using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;
using Pcap.Filter.Names;
using static Pcap.Filter.Compilation.ProtocolNumbers;

namespace Pcap.Filter.Compilation;

// port and portrange over IPv4 (unfragmented or first fragment only) and IPv6 (fixed header only).
internal sealed partial class CodeGenerator
{
    private const uint ProtocolUndefined = uint.MaxValue;

    private Block NotLaterFragment()
    {
        var b = Jump(BpfOpcodes.Jset, 0x1fff, Load(OffsetBase.LinkPayload, 6, BpfOpcodes.H));
        BlockLogic.Not(b);
        return b;
    }

    private Block PortAtom(uint off, uint v) => Compare(OffsetBase.TransportIpv4, off, BpfOpcodes.H, v);
    private Block PortAtom6(uint off, uint v) => Compare(OffsetBase.TransportIpv6, off, BpfOpcodes.H, v);

    private Block PortOp(uint port, uint proto, DirectionQualifier dir, bool v6)
    {
        Block b0;
        if (v6)
            b0 = Compare(OffsetBase.LinkPayload, 6, BpfOpcodes.B, proto);
        else
        {
            var tmp0 = Compare(OffsetBase.LinkPayload, 9, BpfOpcodes.B, proto);
            b0 = NotLaterFragment();
            BlockLogic.And(tmp0, b0);
        }
        Func<uint, uint, Block> atom = v6 ? PortAtom6 : PortAtom;
        Block b1;
        switch (dir)
        {
            case DirectionQualifier.Src: b1 = atom(0, port); break;
            case DirectionQualifier.Dst: b1 = atom(2, port); break;
            case DirectionQualifier.And:
            {
                var tmp = atom(0, port);
                b1 = atom(2, port);
                BlockLogic.And(tmp, b1);
                break;
            }
            case DirectionQualifier.Default or DirectionQualifier.Or:
            {
                var tmp = atom(0, port);
                b1 = atom(2, port);
                BlockLogic.Or(tmp, b1);
                break;
            }
            default:
                throw Error(MacOnlyDirection(dir, "ports")!);
        }
        BlockLogic.And(b0, b1);
        return b1;
    }

    private Block PortFor(uint port, uint ipProto, DirectionQualifier dir, bool v6)
    {
        var b0 = LinkTypeTest(v6 ? EtherTypeIpv6 : EtherTypeIp);
        Block b1;
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

    private Block Port(uint port, uint ipProto, DirectionQualifier dir) => PortFor(port, ipProto, dir, false);
    private Block Port6(uint port, uint ipProto, DirectionQualifier dir) => PortFor(port, ipProto, dir, true);

    private Block PortRangeAtom(uint off, uint v1, uint v2, bool v6)
    {
        if (v1 > v2)
            (v1, v2) = (v2, v1);
        var rel = v6 ? OffsetBase.TransportIpv6 : OffsetBase.TransportIpv4;
        var b1 = CompareGreaterOrEqual(rel, off, BpfOpcodes.H, v1);
        var b2 = CompareLessOrEqual(rel, off, BpfOpcodes.H, v2);
        BlockLogic.And(b1, b2);
        return b2;
    }

    private Block PortRangeOp(uint p1, uint p2, uint proto, DirectionQualifier dir, bool v6)
    {
        Block b0;
        if (v6)
            b0 = Compare(OffsetBase.LinkPayload, 6, BpfOpcodes.B, proto);
        else
        {
            var tmp0 = Compare(OffsetBase.LinkPayload, 9, BpfOpcodes.B, proto);
            b0 = NotLaterFragment();
            BlockLogic.And(tmp0, b0);
        }
        Block b1;
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

    private Block PortRangeFor(uint p1, uint p2, uint ipProto, DirectionQualifier dir, bool v6)
    {
        var b0 = LinkTypeTest(v6 ? EtherTypeIpv6 : EtherTypeIp);
        Block b1;
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

    private Block PortRange(uint p1, uint p2, uint ipProto, DirectionQualifier dir) => PortRangeFor(p1, p2, ipProto, dir, false);
    private Block PortRange6(uint p1, uint p2, uint ipProto, DirectionQualifier dir) => PortRangeFor(p1, p2, ipProto, dir, true);

    private Block NamedPort(string name, Qualifiers q)
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
        Block b;
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
