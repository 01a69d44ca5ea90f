using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;
using static Pcap.Filter.Compilation.ProtocolNumbers;

namespace Pcap.Filter.Compilation;

// Protocol keywords (tcp, arp, ip6, stp, l1, ...), 'proto N' and 'protochain N'.
internal sealed partial class CodeGenerator
{
    private CodeBlock ProtocolAbbreviation(ProtoQualifier proto)
    {
        CodeBlock Either(uint v)
        {
            var v4 = Proto(v, ProtoQualifier.Ip, DirectionQualifier.Default);
            var v6 = Proto(v, ProtoQualifier.Ipv6, DirectionQualifier.Default);
            BlockLogic.Or(v4, v6);
            return v6;
        }
        CodeBlock Isis(params uint[] types)
        {
            var first = Proto(types[0], ProtoQualifier.Isis, DirectionQualifier.Default);
            var acc = Proto(types[1], ProtoQualifier.Isis, DirectionQualifier.Default);
            BlockLogic.Or(first, acc);
            for (int i = 2; i < types.Length; i++)
            {
                var next = Proto(types[i], ProtoQualifier.Isis, DirectionQualifier.Default);
                BlockLogic.Or(next, acc);
            }
            return acc;
        }
        switch (proto)
        {
            case ProtoQualifier.Sctp: return Either(IpProtoSctp);
            case ProtoQualifier.Tcp: return Either(IpProtoTcp);
            case ProtoQualifier.Udp: return Either(IpProtoUdp);
            case ProtoQualifier.Icmp: return Proto(IpProtoIcmp, ProtoQualifier.Ip, DirectionQualifier.Default);
            case ProtoQualifier.Igmp: return Proto(IpProtoIgmp, ProtoQualifier.Ip, DirectionQualifier.Default);
            case ProtoQualifier.Igrp: return Proto(IpProtoIgrp, ProtoQualifier.Ip, DirectionQualifier.Default);
            case ProtoQualifier.Pim: return Either(IpProtoPim);
            case ProtoQualifier.Vrrp or ProtoQualifier.Carp: return Proto(IpProtoVrrp, ProtoQualifier.Ip, DirectionQualifier.Default);
            case ProtoQualifier.Ip: return LinkTypeTest(EtherTypeIp);
            case ProtoQualifier.Arp: return LinkTypeTest(EtherTypeArp);
            case ProtoQualifier.Rarp: return LinkTypeTest(EtherTypeRarp);
            case ProtoQualifier.Link: throw Error("link layer applied in wrong context");
            case ProtoQualifier.Atalk: return LinkTypeTest(EtherTypeAtalk);
            case ProtoQualifier.Aarp: return LinkTypeTest(EtherTypeAarp);
            case ProtoQualifier.Decnet: return LinkTypeTest(EtherTypeDecnet);
            case ProtoQualifier.Sca: return LinkTypeTest(EtherTypeSca);
            case ProtoQualifier.Lat: return LinkTypeTest(EtherTypeLat);
            case ProtoQualifier.Mopdl: return LinkTypeTest(EtherTypeMopdl);
            case ProtoQualifier.Moprc: return LinkTypeTest(EtherTypeMoprc);
            case ProtoQualifier.Ipv6: return LinkTypeTest(EtherTypeIpv6);
            case ProtoQualifier.Icmpv6: return Proto(IpProtoIcmpv6, ProtoQualifier.Ipv6, DirectionQualifier.Default);
            case ProtoQualifier.Ah: return Either(IpProtoAh);
            case ProtoQualifier.Esp: return Either(IpProtoEsp);
            case ProtoQualifier.Iso: return LinkTypeTest(LlcSapIsoNs);
            case ProtoQualifier.Esis: return Proto(IsoEsis, ProtoQualifier.Iso, DirectionQualifier.Default);
            case ProtoQualifier.Isis: return Proto(IsoIsis, ProtoQualifier.Iso, DirectionQualifier.Default);
            case ProtoQualifier.IsisL1: return Isis(IsisL1LanIih, IsisPtpIih, IsisL1Lsp, IsisL1Csnp, IsisL1Psnp);
            case ProtoQualifier.IsisL2: return Isis(IsisL2LanIih, IsisPtpIih, IsisL2Lsp, IsisL2Csnp, IsisL2Psnp);
            case ProtoQualifier.IsisIih: return Isis(IsisL1LanIih, IsisL2LanIih, IsisPtpIih);
            case ProtoQualifier.IsisLsp: return Isis(IsisL1Lsp, IsisL2Lsp);
            case ProtoQualifier.IsisSnp: return Isis(IsisL1Csnp, IsisL2Csnp, IsisL1Psnp, IsisL2Psnp);
            case ProtoQualifier.IsisCsnp: return Isis(IsisL1Csnp, IsisL2Csnp);
            case ProtoQualifier.IsisPsnp: return Isis(IsisL1Psnp, IsisL2Psnp);
            case ProtoQualifier.Clnp: return Proto(IsoClnp, ProtoQualifier.Iso, DirectionQualifier.Default);
            case ProtoQualifier.Stp: return LinkTypeTest(LlcSap8021D);
            case ProtoQualifier.Ipx: return LinkTypeTest(LlcSapIpx);
            case ProtoQualifier.Netbeui: return LinkTypeTest(LlcSapNetbeui);
            default: throw Error("'radio' is not a valid protocol type");
        }
    }

    private CodeBlock Proto(uint v, ProtoQualifier proto, DirectionQualifier dir)
    {
        if (dir != DirectionQualifier.Default)
            throw Error("direction applied to 'proto'");
        CodeBlock b0, b1, b2;
        switch (proto)
        {
            case ProtoQualifier.Default:
                b0 = Proto(v, ProtoQualifier.Ip, dir);
                b1 = Proto(v, ProtoQualifier.Ipv6, dir);
                BlockLogic.Or(b0, b1);
                return b1;
            case ProtoQualifier.Link:
                return LinkTypeTest(v);
            case ProtoQualifier.Ip:
                b0 = LinkTypeTest(EtherTypeIp);
                b1 = Compare(OffsetBase.LinkPayload, 9, BpfOpcodes.B, v);
                BlockLogic.And(b0, b1);
                return b1;
            case ProtoQualifier.Ipv6:
                b0 = LinkTypeTest(EtherTypeIpv6);
                b2 = Compare(OffsetBase.LinkPayload, 6, BpfOpcodes.B, IpProtoFragment);
                b1 = Compare(OffsetBase.LinkPayload, 40, BpfOpcodes.B, v);
                BlockLogic.And(b2, b1);
                b2 = Compare(OffsetBase.LinkPayload, 6, BpfOpcodes.B, v);
                BlockLogic.Or(b2, b1);
                BlockLogic.And(b0, b1);
                return b1;
            case ProtoQualifier.Iso:
                b0 = LinkTypeTest(LlcSapIsoNs);
                b1 = Compare(OffsetBase.LinkPayloadNoSnap, 0, BpfOpcodes.B, v);
                BlockLogic.And(b0, b1);
                return b1;
            case ProtoQualifier.Isis:
                b0 = Proto(IsoIsis, ProtoQualifier.Iso, DirectionQualifier.Default);
                b1 = Compare(OffsetBase.LinkPayloadNoSnap, 4, BpfOpcodes.B, v);
                BlockLogic.And(b0, b1);
                return b1;
            case ProtoQualifier.Arp: throw Error("arp does not encapsulate another protocol");
            case ProtoQualifier.Rarp: throw Error("rarp does not encapsulate another protocol");
            case ProtoQualifier.Atalk: throw Error("AppleTalk encapsulation is not specifiable");
            case ProtoQualifier.Decnet: throw Error("DECNET encapsulation is not specifiable");
            case ProtoQualifier.Lat or ProtoQualifier.Sca or ProtoQualifier.Moprc or ProtoQualifier.Mopdl:
                throw Error($"{ProtoName(proto).ToUpperInvariant()} does not encapsulate another protocol");
            case ProtoQualifier.Clnp: throw Error("'clnp proto' is not supported");
            default: throw Error($"'{ProtoName(proto)} proto' is bogus");
        }
    }

    /// <summary>
    /// How many headers <c>protochain</c> steps over: IPv6 extension headers (hop-by-hop 0, destination options 60,
    /// routing 43, fragment 44) and AH (51). libpcap walks the chain in a loop with a backward <c>ja</c>, which the
    /// kernel refuses; we unroll the walk this many times, forward jumps only (28 instructions per IPv6 step and 15 per
    /// IPv4 step: a bare <c>protochain N</c>, IPv4 and IPv6, takes about 700 instructions, so five of them still fit
    /// a 4,096-instruction program). On a chain of up to this many such headers the answer is libpcap's. After the
    /// last step the header that follows is still compared with the protocol, but a chain going on beyond it is not
    /// followed further: there the primitive is false (libpcap would keep walking).
    /// </summary>
    internal const int ProtochainHeaderLimit = 16;

    private const uint IpProtoHopByHop = 0, IpProtoRouting = 43, IpProtoNoNextHeader = 59, IpProtoDestinationOptions = 60;

    // protochain: libpcap's walk of the header chain, unrolled (see ProtochainHeaderLimit), same loads, same answers.
    private CodeBlock ProtoChain(uint v, ProtoQualifier proto)
    {
        // libpcap takes the scratch register before looking at the qualifier, even when it then recurses.
        int reg2 = AllocateRegister();
        switch (proto)
        {
            case ProtoQualifier.Ip or ProtoQualifier.Ipv6:
                break;
            case ProtoQualifier.Default:
            {
                var b0 = ProtoChain(v, ProtoQualifier.Ip);
                var b = ProtoChain(v, ProtoQualifier.Ipv6);
                BlockLogic.Or(b0, b);
                return b;
            }
            default:
                throw Error("bad protocol applied for 'protochain'");
        }
        if (_offLinkPayload.IsVariable)
            throw Error("'protochain' not supported with variable length headers");
        uint nl = _offLinkPayload.ConstantPart + _offNetwork;
        // The statements are linked as they are made; count is the index of the next one.
        CodeStatement? first = null, last = null;
        int count = 0;
        CodeStatement Add(ushort code, uint k = 0)
        {
            var st = new CodeStatement(code, k);
            if (last is null)
                first = st;
            else
                last.Next = st;
            last = st;
            count++;
            return st;
        }
        const ushort Jeq = BpfOpcodes.Jmp | BpfOpcodes.Jeq | BpfOpcodes.K;
        const ushort Ja = BpfOpcodes.Jmp | BpfOpcodes.Ja;
        // A 'ja' inside a statement list carries its reach in K: remembered here with its index and its target's index
        // (-1: the end), resolved once every index is known.
        var unconditional = new List<(CodeStatement Jump, int At, int Target)>(2 * ProtochainHeaderLimit + 1);
        var end = new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.K, 0);

        CodeBlock linkTest;
        if (proto == ProtoQualifier.Ip)
        {
            linkTest = LinkTypeTest(EtherTypeIp);
            Add(BpfOpcodes.Ld | BpfOpcodes.Abs | BpfOpcodes.B, nl + 9);
            Add(BpfOpcodes.Ldx | BpfOpcodes.Msh | BpfOpcodes.B, nl);
        }
        else
        {
            linkTest = LinkTypeTest(EtherTypeIpv6);
            Add(BpfOpcodes.Ld | BpfOpcodes.Abs | BpfOpcodes.B, nl + 6);
            Add(BpfOpcodes.Ldx | BpfOpcodes.Imm, 40);
        }
        // Each step: A is a next-header value, X the offset (from the network header) of the header it names.
        (CodeStatement Jump, int At)? skipToNextStep = null;
        ReadOnlySpan<uint> extensionHeaders = [IpProtoHopByHop, IpProtoDestinationOptions, IpProtoRouting, IpProtoFragment];
        var extensionTests = new CodeStatement[extensionHeaders.Length];
        for (int step = 0; step < ProtochainHeaderLimit; step++)
        {
            var found = Add(Jeq, v);
            if (skipToNextStep is { } skip)
                unconditional.Add((skip.Jump, skip.At, count - 1));
            var none = Add(Jeq, IpProtoNoNextHeader);
            if (proto == ProtoQualifier.Ipv6)
                for (int h = 0; h < extensionHeaders.Length; h++)
                    extensionTests[h] = Add(Jeq, extensionHeaders[h]);
            var ah = Add(Jeq, IpProtoAh);
            var exit = Add(Ja);
            unconditional.Add((exit, count - 1, -1));
            found.JumpTrue = none.JumpTrue = ah.JumpFalse = exit;
            if (proto == ProtoQualifier.Ipv6)
            {
                // Extension header: next header at +0, length at +1 in 8-byte units not counting the first 8.
                var extension = Add(BpfOpcodes.Ld | BpfOpcodes.Ind | BpfOpcodes.B, nl);
                Add(BpfOpcodes.St, (uint)reg2);
                Add(BpfOpcodes.Ld | BpfOpcodes.Ind | BpfOpcodes.B, nl + 1);
                Add(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.K, 1);
                Add(BpfOpcodes.Alu | BpfOpcodes.Mul | BpfOpcodes.K, 8);
                Add(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.X);
                Add(BpfOpcodes.Misc | BpfOpcodes.Tax);
                Add(BpfOpcodes.Ld | BpfOpcodes.Mem, (uint)reg2);
                skipToNextStep = (Add(Ja), count - 1);
                foreach (var test in extensionTests)
                    test.JumpTrue = extension;
                extensionTests[^1].JumpFalse = ah;
            }
            // AH, as libpcap does it: X becomes the AH length ((len + 2) * 4) instead of moving forward by it.
            ah.JumpTrue = Add(BpfOpcodes.Misc | BpfOpcodes.Txa);
            Add(BpfOpcodes.Ld | BpfOpcodes.Ind | BpfOpcodes.B, nl);
            Add(BpfOpcodes.St, (uint)reg2);
            Add(BpfOpcodes.Misc | BpfOpcodes.Txa);
            Add(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.K, 1);
            Add(BpfOpcodes.Misc | BpfOpcodes.Tax);
            Add(BpfOpcodes.Ld | BpfOpcodes.Ind | BpfOpcodes.B, nl);
            Add(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.K, 2);
            Add(BpfOpcodes.Alu | BpfOpcodes.Mul | BpfOpcodes.K, 4);
            Add(BpfOpcodes.Misc | BpfOpcodes.Tax);
            Add(BpfOpcodes.Ld | BpfOpcodes.Mem, (uint)reg2);
        }
        last!.Next = end;
        int endAt = count;
        if (skipToNextStep is { } lastSkip)
            unconditional.Add((lastSkip.Jump, lastSkip.At, -1));
        foreach (var (jump, at, target) in unconditional)
            jump.K = (uint)((target < 0 ? endAt : target) - at - 1);
        var b2 = Jump(BpfOpcodes.Jeq, v, first);
        FreeRegister(reg2);
        BlockLogic.And(linkTest, b2);
        return b2;
    }
}
