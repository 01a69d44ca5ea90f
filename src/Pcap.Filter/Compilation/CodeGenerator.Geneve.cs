using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;
using static Pcap.Filter.Compilation.ProtocolNumbers;

namespace Pcap.Filter.Compilation;

// geneve [vni]: UDP port 6081 over IPv4 or IPv6, after which every offset is computed at run time into registers.
internal sealed partial class CodeGenerator
{
    private const uint GenevePort = 6081;
    private const uint EtherTypeTransparentBridging = 0x6558;
    private bool _isGeneve;

    private CodeBlock GeneveCheck(bool v6, uint vni, bool hasVni)
    {
        var rel = v6 ? OffsetBase.TransportIpv6 : OffsetBase.TransportIpv4;
        var b0 = v6 ? Port6(GenevePort, IpProtoUdp, DirectionQualifier.Dst) : Port(GenevePort, IpProtoUdp, DirectionQualifier.Dst);
        var b1 = CompareMasked(rel, 8, BpfOpcodes.B, 0, 0xc0);
        BlockLogic.And(b0, b1);
        b0 = b1;
        if (hasVni)
        {
            if (vni > 0xffffff)
                throw Error($"Geneve VNI {vni} greater than maximum {0xffffff}");
            b1 = CompareMasked(rel, 12, BpfOpcodes.W, vni << 8, 0xffffff00);
            BlockLogic.And(b0, b1);
            b0 = b1;
        }
        return b0;
    }

    private CodeBlock Geneve4(uint vni, bool hasVni)
    {
        var b0 = GeneveCheck(false, vni, hasVni);
        var s = LoadIpv4HeaderLengthIntoX();
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Misc | BpfOpcodes.Txa));
        var b1 = new CodeBlock(BpfOpcodes.Jmp | BpfOpcodes.Jeq | BpfOpcodes.X) { Statements = s };
        BlockLogic.And(b0, b1);
        return b1;
    }

    private CodeBlock Geneve6(uint vni, bool hasVni)
    {
        var b0 = GeneveCheck(true, vni, hasVni);
        var s = OffsetVariablePart(_offLinkPayload);
        if (s is not null)
        {
            CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.Imm, 40));
            CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.X));
        }
        else
            s = new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.Imm, 40);
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Misc | BpfOpcodes.Tax));
        var b1 = new CodeBlock(BpfOpcodes.Jmp | BpfOpcodes.Jeq | BpfOpcodes.X) { Statements = s };
        BlockLogic.And(b0, b1);
        return b1;
    }

    private CodeStatement GeneveOffsets()
    {
        var s = new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.K, _offLinkPayload.ConstantPart + _offNetwork + 8);
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Misc | BpfOpcodes.Tax));
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.K, 2));
        _offLinkType = new AbsoluteOffset { Register = AllocateRegister(), IsVariable = true, ConstantPart = 0 };
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.St, (uint)_offLinkType.Register));
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.Ind | BpfOpcodes.B, 0));
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.And | BpfOpcodes.K, 0x3f));
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Mul | BpfOpcodes.K, 4));
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.K, 8));
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.X));
        _offPreviousLinkHeader = _offLinkHeader;
        _offLinkHeader = new AbsoluteOffset { IsVariable = true, ConstantPart = 0, Register = AllocateRegister() };
        _link = DataLink.Ethernet;
        _isGeneve = false;
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.St, (uint)_offLinkHeader.Register));
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.Ind | BpfOpcodes.H, 2));
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Ldx | BpfOpcodes.Mem, (uint)_offLinkHeader.Register));
        var isBridged = new CodeStatement(BpfOpcodes.Jmp | BpfOpcodes.Jeq | BpfOpcodes.K, EtherTypeTransparentBridging);
        CodeStatement.Append(s, isBridged);
        var txa = new CodeStatement(BpfOpcodes.Misc | BpfOpcodes.Txa);
        CodeStatement.Append(s, txa);
        isBridged.JumpTrue = txa;
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.K, 12));
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.St, (uint)_offLinkType.Register));
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.K, 2));
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Misc | BpfOpcodes.Tax));
        _offLinkPayload = new AbsoluteOffset { Register = AllocateRegister(), IsVariable = true, ConstantPart = 0 };
        var stx = new CodeStatement(BpfOpcodes.Stx, (uint)_offLinkPayload.Register);
        CodeStatement.Append(s, stx);
        isBridged.JumpFalse = stx;
        _offNetwork = 0;
        return s;
    }

    private CodeBlock Geneve(uint vni, bool hasVni)
    {
        var b0 = Geneve4(vni, hasVni);
        var b1 = Geneve6(vni, hasVni);
        BlockLogic.Or(b0, b1);
        b0 = b1;
        var s = GeneveOffsets();
        b1 = True();
        CodeStatement.Append(s, b1.Statements);
        b1.Statements = s;
        BlockLogic.And(b0, b1);
        _isGeneve = true;
        _offLinkTypeUnset = false;
        return b1;
    }

    // For link-layer tests inside a Geneve payload: the inner frame has a MAC header only if the offsets differ.
    private CodeBlock? PreviousLinkHeaderCheck()
    {
        if (!_isGeneve)
            return null;
        var s = new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.Mem, (uint)_offLinkHeader.Register);
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Ldx | BpfOpcodes.Mem, (uint)_offLinkPayload.Register));
        var b0 = new CodeBlock(BpfOpcodes.Jmp | BpfOpcodes.Jeq | BpfOpcodes.X) { Statements = s };
        BlockLogic.Not(b0);
        return b0;
    }
}
