using Pcap.Filter.Bpf;
using static Pcap.Filter.Compilation.ProtocolNumbers;

namespace Pcap.Filter.Compilation;

// vlan [id]: the tag in the frame (offline, pcap_open_dead), or on a live Linux socket first the tag the kernel moved
// into metadata (libpcap's gen_vlan_bpf_extensions under BPF_SPECIAL_VLAN_HANDLING), outermost tag only.
internal sealed partial class CodeGenerator
{
    private const uint VlanTagPresentLoad = BpfAncillary.Offset + BpfAncillary.VlanTagPresent;
    private const uint VlanTagLoad = BpfAncillary.Offset + BpfAncillary.VlanTag;

    // Set once a vlan test made the payload and type offsets run-time values: the root then zeroes their registers.
    private bool _vlanOffsetsVariable;

    private CodeBlock Vlan(uint id, bool hasId)
    {
        if (_link != DataLink.Ethernet)
            throw Error($"no VLAN support for {LinkDescription}");
        // Only the outermost tag can be in metadata: not under another vlan, pppoes or a variable (geneve) link header.
        bool outermost = _vlanStackDepth == 0 && !_offLinkHeader.IsVariable && _offLinkHeader.ConstantPart == 0;
        var b0 = _linuxVlanAncillaryLoads && outermost ? VlanFromMetadataOrFrame(id, hasId) : VlanInFrame(id, hasId);
        _vlanStackDepth++;
        return b0;
    }

    private CodeBlock VlanInFrame(uint id, bool hasId)
    {
        var b0 = VlanTpidTest();
        if (hasId)
        {
            var b1 = VlanIdTest(id);
            BlockLogic.And(b0, b1);
            b0 = b1;
        }
        _offLinkPayload.ConstantPart += 4;
        _offLinkType.ConstantPart += 4;
        return b0;
    }

    // The tag is either in metadata (vlan_avail) or still in the frame; which one is known only at run time, so the
    // frame branch adds 4 to run-time parts of the payload and type offsets instead of moving their constant parts.
    private CodeBlock VlanFromMetadataOrFrame(uint id, bool hasId)
    {
        var b0 = Jump(BpfOpcodes.Jeq, 1, new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.B | BpfOpcodes.Abs, VlanTagPresentLoad));
        // Both tests are built before the offsets become variable, so their own loads still read the frame's fixed places.
        var tpid = VlanTpidTest();
        var vid = hasId ? VlanIdTest(id) : null;

        _vlanOffsetsVariable = true;
        var shift = AddToVariablePart(_offLinkPayload, 4);
        CodeStatement.Append(shift, AddToVariablePart(_offLinkType, 4));
        CodeStatement.Append(shift, tpid.Head.Statements);
        tpid.Head.Statements = shift;
        BlockLogic.Or(b0, tpid);
        b0 = tpid;

        if (vid is not null)
        {
            PreferMetadataTag(vid);
            BlockLogic.And(b0, vid);
            b0 = vid;
        }
        return b0;
    }

    private CodeBlock VlanTpidTest()
    {
        var b0 = LinkTypeTest(EtherType8021Q);
        var b1 = LinkTypeTest(EtherType8021AD);
        BlockLogic.Or(b0, b1);
        b0 = b1;
        b1 = LinkTypeTest(EtherType8021QinQ);
        BlockLogic.Or(b0, b1);
        return b1;
    }

    private CodeBlock VlanIdTest(uint id)
    {
        if (id > 0x0fff)
            throw Error($"VLAN tag {id} greater than maximum {0x0fff}");
        return CompareMasked(OffsetBase.LinkPayload, 0, BpfOpcodes.H, id, 0x0fff);
    }

    // M[reg] += value, making the offset variable (libpcap's gen_vlan_vloffset_add).
    private CodeStatement AddToVariablePart(AbsoluteOffset offset, uint value)
    {
        offset.IsVariable = true;
        if (offset.Register == -1)
            offset.Register = AllocateRegister();
        var s = new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.Mem, (uint)offset.Register);
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.K, value));
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.St, (uint)offset.Register));
        return s;
    }

    // Before the id test's own load from the frame: if the tag is in metadata, load it from there and jump past that load
    // to the mask (libpcap loads it with a byte-sized ancillary load; the kernel ignores the size of ancillary loads).
    private static void PreferMetadataTag(CodeBlock vid)
    {
        var frameLoad = vid.Statements!;
        var present = new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.B | BpfOpcodes.Abs, VlanTagPresentLoad);
        var test = new CodeStatement(BpfOpcodes.Jmp | BpfOpcodes.Jeq | BpfOpcodes.K, 1) { JumpFalse = frameLoad };
        var metadataLoad = new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.B | BpfOpcodes.Abs, VlanTagLoad);
        test.JumpTrue = metadataLoad;
        var skip = new CodeStatement(BpfOpcodes.Jmp | BpfOpcodes.Ja, (uint)(CodeStatement.CountOf(frameLoad) - 1));
        present.Next = test;
        test.Next = metadataLoad;
        metadataLoad.Next = skip;
        skip.Next = frameLoad;
        vid.Statements = present;
    }

    // libpcap's insert_compute_vloffsets for VLAN: both run-time offset parts start at zero.
    private void ZeroVlanOffsetRegisters(CodeBlock root)
    {
        if (!_vlanOffsetsVariable)
            return;
        if (_offLinkPayload.Register == -1)
            _offLinkPayload.Register = AllocateRegister();
        if (_offLinkType.Register == -1)
            _offLinkType.Register = AllocateRegister();
        var s = new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.W | BpfOpcodes.Imm, 0);
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.St, (uint)_offLinkPayload.Register));
        CodeStatement.Append(s, new CodeStatement(BpfOpcodes.St, (uint)_offLinkType.Register));
        CodeStatement.Append(s, root.Statements);
        root.Statements = s;
    }
}
