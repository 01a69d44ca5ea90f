using Pcap.Filter.Bpf;
using static Pcap.Filter.Compilation.ProtocolNumbers;

namespace Pcap.Filter.Compilation;

// Link-layer type tests: the EtherType / SAP / address-family checks per link type (gen_linktype and friends).
internal sealed partial class CodeGenerator
{
    private Block LinkTypeTest(uint proto)
    {
        if (_labelStackDepth > 0)
            return MplsLinkTypeTest(proto);
        switch (_link)
        {
            case DataLink.Ethernet:
                return EthernetLinkTypeTest(proto);
            case DataLink.LinuxSll:
                return SllLinkTypeTest(proto);
            case DataLink.Raw:
                return proto switch
                {
                    EtherTypeIp => CompareMasked(OffsetBase.LinkHeader, 0, BpfOpcodes.B, 0x40, 0xf0),
                    EtherTypeIpv6 => CompareMasked(OffsetBase.LinkHeader, 0, BpfOpcodes.B, 0x60, 0xf0),
                    _ => False(),
                };
            case DataLink.Ipv4:
                return proto == EtherTypeIp ? True() : False();
            case DataLink.Ipv6:
                return proto == EtherTypeIpv6 ? True() : False();
            case DataLink.Ppp:
                return Compare(OffsetBase.LinkTypeField, 0, BpfOpcodes.H, EtherTypeToPppType(proto));
            case DataLink.Null or DataLink.Loop:
                return proto switch
                {
                    EtherTypeIp => LoopbackTest(AfInet),
                    EtherTypeIpv6 => LoopbackTest(AfInet6Linux),
                    _ => False(),
                };
            default:
                return Compare(OffsetBase.LinkTypeField, 0, BpfOpcodes.H, proto);
        }
    }

    private Block LoopbackTest(uint family)
    {
        // DLT_NULL stores the family in host byte order; this mirrors libpcap on a little-endian host.
        if (_link == DataLink.Null)
            family = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(family);
        return Compare(OffsetBase.LinkHeader, 0, BpfOpcodes.W, family);
    }

    private static uint EtherTypeToPppType(uint proto) => proto switch
    {
        EtherTypeIp => PppIp,
        EtherTypeIpv6 => PppIpv6,
        EtherTypeDecnet => PppDecnet,
        EtherTypeAtalk => PppApple,
        EtherTypeNs => PppNs,
        LlcSapIsoNs => PppOsi,
        LlcSap8021D => PppBridgePdu,
        LlcSapIpx => PppIpx,
        _ => proto,
    };

    private Block NotIeee8023Length()
    {
        var b0 = CompareGreater(OffsetBase.LinkTypeField, 0, BpfOpcodes.H, EtherMtu);
        BlockLogic.Not(b0);
        return b0;
    }

    private Block EthernetLinkTypeTest(uint proto)
    {
        Block b0, b1;
        switch (proto)
        {
            case LlcSapIsoNs or LlcSapIp or LlcSapNetbeui:
                b0 = NotIeee8023Length();
                b1 = Compare(OffsetBase.Llc, 0, BpfOpcodes.H, proto << 8 | proto);
                BlockLogic.And(b0, b1);
                return b1;
            case LlcSapIpx:
                b0 = Compare(OffsetBase.Llc, 0, BpfOpcodes.B, LlcSapIpx);
                b1 = Compare(OffsetBase.Llc, 0, BpfOpcodes.H, 0xffff);
                BlockLogic.Or(b0, b1);
                b0 = Snap(0x000000, EtherTypeIpx);
                BlockLogic.Or(b0, b1);
                b0 = NotIeee8023Length();
                BlockLogic.And(b0, b1);
                b0 = Compare(OffsetBase.LinkTypeField, 0, BpfOpcodes.H, EtherTypeIpx);
                BlockLogic.Or(b0, b1);
                return b1;
            case EtherTypeAtalk or EtherTypeAarp:
                b0 = NotIeee8023Length();
                b1 = proto == EtherTypeAtalk ? Snap(0x080007, EtherTypeAtalk) : Snap(0x000000, EtherTypeAarp);
                BlockLogic.And(b0, b1);
                b0 = Compare(OffsetBase.LinkTypeField, 0, BpfOpcodes.H, proto);
                BlockLogic.Or(b0, b1);
                return b1;
            default:
                if (proto <= EtherMtu)
                {
                    b0 = NotIeee8023Length();
                    b1 = Compare(OffsetBase.LinkTypeField, 2, BpfOpcodes.B, proto);
                    BlockLogic.And(b0, b1);
                    return b1;
                }
                return Compare(OffsetBase.LinkTypeField, 0, BpfOpcodes.H, proto);
        }
    }

    private Block SllLinkTypeTest(uint proto)
    {
        Block b0, b1;
        switch (proto)
        {
            case LlcSapIsoNs or LlcSapIp or LlcSapNetbeui:
                b0 = Compare(OffsetBase.LinkTypeField, 0, BpfOpcodes.H, SllP8022);
                b1 = Compare(OffsetBase.Llc, 0, BpfOpcodes.H, proto << 8 | proto);
                BlockLogic.And(b0, b1);
                return b1;
            case LlcSapIpx:
                b0 = Compare(OffsetBase.Llc, 0, BpfOpcodes.B, LlcSapIpx);
                b1 = Snap(0x000000, EtherTypeIpx);
                BlockLogic.Or(b0, b1);
                b0 = Compare(OffsetBase.LinkTypeField, 0, BpfOpcodes.H, SllP8022);
                BlockLogic.And(b0, b1);
                b0 = Compare(OffsetBase.LinkTypeField, 0, BpfOpcodes.H, SllP8023);
                BlockLogic.Or(b0, b1);
                b0 = Compare(OffsetBase.LinkTypeField, 0, BpfOpcodes.H, EtherTypeIpx);
                BlockLogic.Or(b0, b1);
                return b1;
            case EtherTypeAtalk or EtherTypeAarp:
                b0 = Compare(OffsetBase.LinkTypeField, 0, BpfOpcodes.H, SllP8022);
                b1 = proto == EtherTypeAtalk ? Snap(0x080007, EtherTypeAtalk) : Snap(0x000000, EtherTypeAarp);
                BlockLogic.And(b0, b1);
                b0 = Compare(OffsetBase.LinkTypeField, 0, BpfOpcodes.H, proto);
                BlockLogic.Or(b0, b1);
                return b1;
            default:
                if (proto <= EtherMtu)
                {
                    b0 = Compare(OffsetBase.LinkTypeField, 0, BpfOpcodes.H, SllP8022);
                    b1 = Compare(OffsetBase.LinkHeader, _offLinkPayload.ConstantPart, BpfOpcodes.B, proto);
                    BlockLogic.And(b0, b1);
                    return b1;
                }
                return Compare(OffsetBase.LinkTypeField, 0, BpfOpcodes.H, proto);
        }
    }

    private Block Snap(uint orgCode, uint protoType)
    {
        ReadOnlySpan<byte> snap =
        [
            (byte)LlcSapSnap, (byte)LlcSapSnap, 0x03, (byte)(orgCode >> 16), (byte)(orgCode >> 8), (byte)orgCode,
            (byte)(protoType >> 8), (byte)protoType,
        ];
        return CompareBytes(OffsetBase.Llc, 0, snap);
    }

    private Block MplsLinkTypeTest(uint proto)
    {
        Block b0, b1;
        switch (proto)
        {
            case EtherTypeIp:
                b0 = CompareMasked(OffsetBase.LinkPayload, unchecked((uint)-2), BpfOpcodes.B, 0x01, 0x01);
                b1 = CompareMasked(OffsetBase.LinkPayload, 0, BpfOpcodes.B, 0x40, 0xf0);
                BlockLogic.And(b0, b1);
                return b1;
            case EtherTypeIpv6:
                b0 = CompareMasked(OffsetBase.LinkPayload, unchecked((uint)-2), BpfOpcodes.B, 0x01, 0x01);
                b1 = CompareMasked(OffsetBase.LinkPayload, 0, BpfOpcodes.B, 0x60, 0xf0);
                BlockLogic.And(b0, b1);
                return b1;
            default:
                throw Error("unsupported protocol over mpls");
        }
    }

    private Block LlcTest()
    {
        if (_link != DataLink.Ethernet)
            throw Error($"'llc' not supported for {LinkDescription}");
        var b0 = NotIeee8023Length();
        var b1 = Compare(OffsetBase.Llc, 0, BpfOpcodes.H, 0xffff);
        BlockLogic.Not(b1);
        BlockLogic.And(b0, b1);
        return b1;
    }
}
