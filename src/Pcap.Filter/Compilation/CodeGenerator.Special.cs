using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;
using static Pcap.Filter.Compilation.ProtocolNumbers;

namespace Pcap.Filter.Compilation;

// broadcast/multicast, less/greater, byte, inbound/outbound/ifindex, vlan/mpls/pppoe, llc.
internal sealed partial class CodeGenerator
{
    private static readonly byte[] EthernetBroadcast = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

    private CodeBlock Special(SpecialNode n)
    {
        switch (n.Kind)
        {
            case SpecialKind.Broadcast:
                if (n.Protocol is ProtoQualifier.Default or ProtoQualifier.Link)
                {
                    if (_link != DataLink.Ethernet)
                        throw Error("not a broadcast link");
                {
                    var check = PreviousLinkHeaderCheck();
                    var b = EthernetHostOp(EthernetBroadcast, DirectionQualifier.Dst);
                    if (check is not null)
                        BlockLogic.And(check, b);
                    return b;
                }
                }
                if (n.Protocol == ProtoQualifier.Ip)
                    return IpBroadcast();
                throw Error("only link-layer/IP broadcast filters supported");
            case SpecialKind.Multicast:
                return Multicast(n.Protocol);
            case SpecialKind.Less:
            {
                var b = Jump(BpfOpcodes.Jgt, n.Value, new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.Len));
                BlockLogic.Not(b);
                return b;
            }
            case SpecialKind.Greater:
                return Jump(BpfOpcodes.Jge, n.Value, new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.Len));
            case SpecialKind.ByteCompare:
                return ByteOperation(n.ByteOperator, n.Value, n.ByteValue);
            case SpecialKind.Inbound or SpecialKind.Outbound:
            {
                if (ReadingSavefile && _link is not (DataLink.LinuxSll or DataLink.LinuxSll2))
                    throw Error($"inbound/outbound not supported on {LinkDescription} when reading savefiles");
                CodeBlock b = _link switch
                {
                    DataLink.LinuxSll => Compare(OffsetBase.LinkHeader, 0, BpfOpcodes.H, SllOutgoing),
                    DataLink.LinuxSll2 => Compare(OffsetBase.LinkHeader, 10, BpfOpcodes.B, SllOutgoing),
                    _ => Compare(OffsetBase.LinkHeader, AncillaryBase + AncillaryPacketType, BpfOpcodes.H, PacketOutgoing),
                };
                if (n.Kind == SpecialKind.Inbound)
                    BlockLogic.Not(b);
                return b;
            }
            case SpecialKind.IfIndex:
                if (ReadingSavefile && _link != DataLink.LinuxSll2)
                    throw Error($"ifindex not supported on {LinkDescription} when reading savefiles");
                return _link == DataLink.LinuxSll2
                    ? Compare(OffsetBase.LinkHeader, 4, BpfOpcodes.W, n.Value)
                    : Compare(OffsetBase.LinkHeader, AncillaryBase + AncillaryInterfaceIndex, BpfOpcodes.W, n.Value);
            case SpecialKind.Vlan:
                return Vlan(n.Value, n.HasValue);
            case SpecialKind.Mpls:
                return Mpls(n.Value, n.HasValue);
            case SpecialKind.Pppoed:
                return LinkTypeTest(EtherTypePppoed);
            case SpecialKind.Pppoes:
                return Pppoes(n.Value, n.HasValue);
            case SpecialKind.Geneve:
                return Geneve(n.Value, n.HasValue);
            default:
                return Llc(n.Name);
        }
    }

    /// <summary>libpcap's <c>ip broadcast</c>: the destination's host part (under the netmask) all zeros or all ones.</summary>
    private CodeBlock IpBroadcast()
    {
        if (Netmask is not { } netmask)
            throw Error("netmask not known, so 'ip broadcast' not supported");
        var b0 = LinkTypeTest(EtherTypeIp);
        uint hostmask = ~netmask;
        var b1 = CompareMasked(OffsetBase.LinkPayload, 16, BpfOpcodes.W, 0, hostmask);
        var b2 = CompareMasked(OffsetBase.LinkPayload, 16, BpfOpcodes.W, hostmask, hostmask);
        BlockLogic.Or(b1, b2);
        BlockLogic.And(b0, b2);
        return b2;
    }

    private CodeBlock Multicast(ProtoQualifier proto)
    {
        CodeBlock b0, b1;
        switch (proto)
        {
            case ProtoQualifier.Default or ProtoQualifier.Link:
                if (_link == DataLink.Ethernet)
                {
                    var check = PreviousLinkHeaderCheck();
                    var b = Jump(BpfOpcodes.Jset, 1, Load(OffsetBase.LinkHeader, 0, BpfOpcodes.B));
                    if (check is not null)
                        BlockLogic.And(check, b);
                    return b;
                }
                break;
            case ProtoQualifier.Ip:
                b0 = LinkTypeTest(EtherTypeIp);
                b1 = CompareGreaterOrEqual(OffsetBase.LinkPayload, 16, BpfOpcodes.B, 224);
                BlockLogic.And(b0, b1);
                return b1;
            case ProtoQualifier.Ipv6:
                b0 = LinkTypeTest(EtherTypeIpv6);
                b1 = Compare(OffsetBase.LinkPayload, 24, BpfOpcodes.B, 255);
                BlockLogic.And(b0, b1);
                return b1;
        }
        throw Error("link-layer multicast filters supported only on ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel");
    }

    private CodeBlock ByteOperation(char op, uint index, uint value)
    {
        switch (op)
        {
            case '=': return Compare(OffsetBase.LinkHeader, index, BpfOpcodes.B, value);
            case '<': return CompareLess(OffsetBase.LinkHeader, index, BpfOpcodes.B, value);
            case '>': return CompareGreater(OffsetBase.LinkHeader, index, BpfOpcodes.B, value);
        }
        ushort alu = op == '|' ? BpfOpcodes.Or : BpfOpcodes.And;
        var b = Jump(BpfOpcodes.Jeq, 0, new CodeStatement((ushort)(BpfOpcodes.Alu | alu | BpfOpcodes.K), value));
        BlockLogic.Not(b);
        return b;
    }

    private CodeBlock Mpls(uint label, bool hasLabel)
    {
        CodeBlock b0;
        if (_labelStackDepth > 0)
            b0 = CompareMasked(OffsetBase.PreviousMplsHeader, 2, BpfOpcodes.B, 0, 0x01);
        else if (_link == DataLink.Ethernet)
            b0 = LinkTypeTest(EtherTypeMpls);
        else if (_link == DataLink.Ppp)
            b0 = LinkTypeTest(PppMplsUnicast);
        else
            throw Error($"no MPLS support for {LinkDescription}");
        if (hasLabel)
        {
            if (label > 0xfffff)
                throw Error($"MPLS label {label} greater than maximum {0xfffff}");
            var b1 = CompareMasked(OffsetBase.LinkPayload, 0, BpfOpcodes.W, label << 12, 0xfffff000);
            BlockLogic.And(b0, b1);
            b0 = b1;
        }
        _offNetworkNoSnap += 4;
        _offNetwork += 4;
        _labelStackDepth++;
        return b0;
    }

    private CodeBlock Pppoes(uint session, bool hasSession)
    {
        var b0 = LinkTypeTest(EtherTypePppoes);
        if (hasSession)
        {
            if (session > 0xffff)
                throw Error($"PPPoE session number {session} greater than maximum {0xffff}");
            var b1 = CompareMasked(OffsetBase.LinkPayload, 0, BpfOpcodes.W, session, 0xffff);
            BlockLogic.And(b0, b1);
            b0 = b1;
        }
        _offPreviousLinkHeader = _offLinkHeader;
        _offLinkHeader = new AbsoluteOffset
        {
            IsVariable = _offLinkPayload.IsVariable,
            ConstantPart = _offLinkPayload.ConstantPart + _offNetwork + 6,
            Register = _offLinkPayload.Register,
        };
        _link = DataLink.Ppp;
        _offLinkType = _offLinkHeader.Clone();
        _offLinkTypeUnset = false;
        _isGeneve = false;
        _offLinkPayload = _offLinkPayload.Clone();
        _offLinkPayload.ConstantPart = _offLinkHeader.ConstantPart + 2;
        _offNetwork = 0;
        _offNetworkNoSnap = 0;
        return b0;
    }

    private CodeBlock Llc(string? name)
    {
        switch (name)
        {
            case null:
                return LlcTest();
            case "i":
            {
                var b0 = LlcTest();
                var b1 = Jump(BpfOpcodes.Jset, 0x01, Load(OffsetBase.Llc, 2, BpfOpcodes.B));
                BlockLogic.Not(b1);
                BlockLogic.And(b0, b1);
                return b1;
            }
            case "s" or "u":
            {
                var b0 = LlcTest();
                var b1 = CompareMasked(OffsetBase.Llc, 2, BpfOpcodes.B, name == "s" ? 1u : 3u, 0x03);
                BlockLogic.And(b0, b1);
                return b1;
            }
        }
        uint? sType = name switch { "rr" => 0x01, "rnr" => 0x05, "rej" => 0x09, _ => null };
        uint? uType = name switch
        {
            "ui" => 0x03, "ua" => 0x63, "disc" => 0x43, "dm" => 0x0f, "sabme" => 0x6f, "test" => 0xe3, "xid" => 0xaf,
            "frmr" => 0x87, _ => null,
        };
        if (sType is null && uType is null)
            throw Error($"unknown LLC type name '{name}'");
        var t = LlcTest();
        var c = sType is not null
            ? CompareMasked(OffsetBase.Llc, 2, BpfOpcodes.B, sType.Value, 0x0f)
            : CompareMasked(OffsetBase.Llc, 2, BpfOpcodes.B, uType!.Value, 0xef);
        BlockLogic.And(t, c);
        return c;
    }
}
