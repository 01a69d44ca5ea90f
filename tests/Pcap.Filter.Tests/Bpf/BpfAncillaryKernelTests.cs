using System.Buffers.Binary;
using Pcap.Filter.Bpf;
using Xunit.Abstractions;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Tests.Bpf;

public class BpfAncillaryKernelTests(ITestOutputHelper output)
{
    private static readonly uint[] Fields =
    [
        BpfAncillary.Protocol, BpfAncillary.PacketType, BpfAncillary.InterfaceIndex, BpfAncillary.HardwareType,
        BpfAncillary.Mark, BpfAncillary.Queue, BpfAncillary.VlanTag, BpfAncillary.VlanTagPresent, BpfAncillary.VlanTpid,
    ];

    [Fact]
    public void Ancillary_and_header_relative_loads_match_the_kernel_on_a_live_socket()
    {
        // Each program turns 5 bits of one loaded value into a snap length of 1..32, which the kernel reports as the
        // received length; the interpreter, given the metadata the kernel reported, must compute the same.
        var loads = new List<(string Name, BpfInstruction[] Prefix)>();
        foreach (var field in Fields)
        foreach (var size in new[] { W, H, B })
            loads.Add(($"SKF_AD_OFF+{field} size 0x{size:x}", [BpfInstruction.Statement((ushort)(Ld | Abs | size), BpfAncillary.Offset + field)]));
        loads.Add(("xor_x", [BpfInstruction.Statement(Ld | Imm, 0x12345678), BpfInstruction.Statement(Ldx | Imm, 0x0f0f0f0f),
            BpfInstruction.Statement(Ld | W | Abs, BpfAncillary.Offset + BpfAncillary.AluXorX)]));
        loads.Add(("ldh [LL_OFF+12]", [BpfInstruction.Statement(Ld | H | Abs, BpfAncillary.LinkLayerOffset + 12)]));
        loads.Add(("ld [LL_OFF+14]", [BpfInstruction.Statement(Ld | W | Abs, BpfAncillary.LinkLayerOffset + 14)]));
        loads.Add(("ldb [NET_OFF+9]", [BpfInstruction.Statement(Ld | B | Abs, BpfAncillary.NetworkOffset + 9)]));
        loads.Add(("ld [NET_OFF+12]", [BpfInstruction.Statement(Ld | W | Abs, BpfAncillary.NetworkOffset + 12)]));
        loads.Add(("ldh [x + LL_OFF+16]", [BpfInstruction.Statement(Ldx | Imm, 2), BpfInstruction.Statement(Ld | H | Ind, BpfAncillary.LinkLayerOffset + 14)]));

        var programs = new List<(string Name, BpfInstruction[] Program)>();
        foreach (var (name, prefix) in loads)
        for (var shift = 0u; shift < 32; shift += 5)
            programs.Add(($"{name} bits {shift}..", [
                .. prefix,
                BpfInstruction.Statement(Alu | Rsh | K, shift),
                BpfInstruction.Statement(Alu | And | K, 0x1f),
                BpfInstruction.Statement(Alu | Add | K, 1),
                BpfInstruction.Statement(Ret | RetA, 0),
            ]));
        foreach (var (name, program) in programs)
            Assert.True(BpfValidator.TryValidate(program, out var error), $"{name}: {error}");

        byte[][] frames =
        [
            Frame([0, 0, 0, 0, 0, 0], tags: [], etherType: 0x0800),
            Frame([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], tags: [(0x8100, 0x2005)], etherType: 0x0800),
            Frame([0x01, 0x00, 0x5e, 0, 0, 1], tags: [(0x88a8, 0x0064)], etherType: 0x0800),
            Frame([0x02, 0, 0, 0, 0, 1], tags: [], etherType: 0x0806),
            Frame([0, 0, 0, 0, 0, 0], tags: [(0x8100, 0xe00a)], etherType: 0x86dd),
        ];
        var (seen, filtered) = LoopbackPacketSockets.Exchange(frames, programs.Select(p => p.Program).ToArray());

        Assert.True(seen.Count >= frames.Length * 2, $"expected an outgoing and an incoming copy of each frame, saw {seen.Count} frames");
        Assert.Contains(seen, r => (r.Status & LoopbackPacketSockets.StatusVlanValid) != 0);
        var differences = new List<string>();
        for (var p = 0; p < programs.Count; p++)
        {
            var ours = new List<int>();
            foreach (var received in seen)
            {
                var auxiliary = new BpfAuxiliaryData
                {
                    Protocol = received.Protocol,
                    PacketType = received.PacketType,
                    InterfaceIndex = (uint)received.InterfaceIndex,
                    HardwareType = received.HardwareType,
                    VlanTag = received.VlanTci,
                    VlanTagPresent = (received.Status & LoopbackPacketSockets.StatusVlanValid) != 0,
                    VlanTpid = (received.Status & LoopbackPacketSockets.StatusVlanTpidValid) != 0 ? received.VlanTpid : (ushort)0,
                    NetworkHeaderOffset = received.NetworkOffset,
                };
                var result = BpfInterpreter.Run(programs[p].Program, received.Frame, (uint)received.Frame.Length, in auxiliary);
                if (result != 0)
                    ours.Add((int)Math.Min(result, (uint)received.Frame.Length));
            }
            if (!ours.SequenceEqual(filtered[p]) && differences.Count < 10)
                differences.Add($"{programs[p].Name}: kernel [{string.Join(',', filtered[p])}], ours [{string.Join(',', ours)}]");
        }
        Assert.True(differences.Count == 0, string.Join('\n', differences));
        // The comparison must have seen the metadata vary: several distinct packet types and VLAN tags.
        Assert.True(seen.Select(r => r.PacketType).Distinct().Count() >= 3, "the frames should arrive with several packet types");
        Assert.True(filtered.Sum(lengths => lengths.Distinct().Count()) > programs.Count, "the kernel's results should vary");
        output.WriteLine(string.Join('\n', seen.Select(r => $"type {r.PacketType} proto 0x{r.Protocol:x} status 0x{r.Status:x} tci 0x{r.VlanTci:x} tpid 0x{r.VlanTpid:x} net {r.NetworkOffset} len {r.Frame.Length}")));
        output.WriteLine("vlan_tci bits 0..: " + string.Join(',', filtered[programs.FindIndex(p => p.Name.StartsWith($"SKF_AD_OFF+{BpfAncillary.VlanTag} size 0x0 bits 0", StringComparison.Ordinal))]));
    }

    private static byte[] Frame(byte[] destination, (ushort Tpid, ushort Tci)[] tags, ushort etherType)
    {
        var frame = new byte[80];
        destination.CopyTo(frame, 0);
        byte[] source = [0x02, 0x11, 0x22, 0x33, 0x44, 0x55];
        source.CopyTo(frame, 6);
        var offset = 12;
        foreach (var (tpid, tci) in tags)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), tpid);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset + 2), tci);
            offset += 4;
        }
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), etherType);
        for (var i = offset + 2; i < frame.Length; i++)
            frame[i] = (byte)(i * 7 + 3);
        if (etherType == 0x0800)
            frame[offset + 2] = 0x45;
        return frame;
    }
}
