using Pcap.Filter.Bpf;
using Pcap.Testing.Allocation;
using Pcap.Testing;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Tests.Bpf;

public class BpfInterpreterTests
{
    private const int Programs = 3000;
    private const int PacketsPerProgram = 1000;

    [Fact]
    public void Random_valid_programs_return_what_libpcap_bpf_filter_returns()
    {
        var random = new RandomPrograms(seed: 20261124);
        var packets = Enumerable.Range(0, 2000).Select(_ => random.Packet()).ToArray();
        var wireLengths = packets.Select(p => random.WireLength(p.Length)).ToArray();
        var differences = new List<string>();
        long runs = 0;
        for (var p = 0; p < Programs; p++)
        {
            var program = random.ValidProgram();
            Assert.True(LibPcap.Validate(program), $"generator made a program bpf_validate refuses: {Dump(program)}");
            for (var i = 0; i < PacketsPerProgram; i++)
            {
                var index = random.Next(packets.Length);
                var expected = LibPcap.Filter(program, packets[index], wireLengths[index]);
                var actual = BpfInterpreter.Run(program, packets[index], wireLengths[index]);
                runs++;
                if (expected != actual && differences.Count < 5)
                    differences.Add($"program {Dump(program)} packet [{Convert.ToHexString(packets[index])}] wire {wireLengths[index]}: libpcap {expected}, ours {actual}");
            }
        }
        Assert.True(differences.Count == 0, $"{differences.Count}+ differences in {runs} runs:\n{string.Join('\n', differences)}");
        Assert.Equal((long)Programs * PacketsPerProgram, runs);
    }

    [Theory]
    [InlineData("ip", 1)]
    [InlineData("tcp port 80 or udp portrange 50-60", 1)]
    [InlineData("ip[2:2] > 40 and ip[6] & 0x20 = 0 and not icmp", 1)]
    [InlineData("len > 60 and ether[len - 4] != 0", 1)]
    [InlineData("tcp[tcpflags] & (tcp-syn|tcp-ack) != 0", 12)] // DLT_RAW
    [InlineData("ip6 and ip6 protochain 17", 1)]
    [InlineData("ip and (ip[0] & 0xf) * 4 / (ip[8] - ip[8]) = 0", 1)]
    public void Programs_libpcap_compiles_agree_with_bpf_filter(string expression, int linkType)
    {
        var program = LibPcap.Compile(expression, linkType, out var error) ?? throw new InvalidOperationException(error);
        var random = new RandomPrograms(seed: expression.Length * 7919 + linkType);
        for (var i = 0; i < 3000; i++)
        {
            var packet = random.Packet();
            // Make a share of packets IPv4/IPv6 over Ethernet so the filters go deep.
            if (linkType == 1 && packet.Length > 14 && i % 2 == 0)
            {
                packet[12] = i % 4 == 0 ? (byte)0x08 : (byte)0x86;
                packet[13] = i % 4 == 0 ? (byte)0x00 : (byte)0xdd;
                packet[14] = i % 4 == 0 ? (byte)(0x40 | (5 + i % 3)) : (byte)0x60;
            }
            var wire = random.WireLength(packet.Length);
            Assert.Equal(LibPcap.Filter(program, packet, wire), BpfInterpreter.Run(program, packet, wire));
        }
    }

    [Fact]
    public void Running_allocates_nothing()
    {
        var program = LibPcap.Compile("tcp port 80 or (udp and len > 100) or vlan", 1, out var error)
                      ?? throw new InvalidOperationException(error);
        var packet = new byte[64];
        packet[12] = 0x08;
        packet[14] = 0x45;
        packet[23] = 6;
        var auxiliary = new BpfAuxiliaryData { VlanTagPresent = true, VlanTag = 5 };
        uint plain = BpfInterpreter.Run(program, packet, 64);
        uint withMetadata = BpfInterpreter.Run(program, packet, 64, in auxiliary);
        uint sink = 0;
        var allocated = QuietestPass.Bytes(3, () =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                sink += BpfInterpreter.Run(program, packet, 64);
                sink += BpfInterpreter.Run(program, packet, 64, in auxiliary);
            }
        });
        Assert.Equal(0, allocated);
        // The loop's results are used, so it cannot be elided, and they are the warm-up's results every time.
        Assert.Equal(unchecked(30_000u * (plain + withMetadata)), sink);
    }

    [Fact]
    public void Ancillary_loads_without_metadata_reject_like_bpf_filter()
    {
        // With metadata, BpfAncillaryKernelTests checks the values against the kernel itself.
        for (var field = 0u; field < BpfAncillary.Max + 4; field++)
        foreach (var size in new[] { B, H, W })
        {
            BpfInstruction[] program =
            [
                BpfInstruction.Statement((ushort)(Ld | size | Abs), BpfAncillary.Offset + field),
                BpfInstruction.Statement(Alu | Add | K, 1),
                BpfInstruction.Statement(Ret | RetA, 0),
            ];
            var packet = new byte[60];
            Assert.Equal(LibPcap.Filter(program, packet, 60), BpfInterpreter.Run(program, packet, 60));
        }
    }

    [Fact]
    public void With_metadata_only_kernel_offsets_change_the_result_and_nothing_throws()
    {
        // Arbitrary programs (unknown opcodes, netlink attribute searches, header-relative loads) never throw, and
        // metadata changes nothing unless a load reaches the kernel's offsets at or above SKF_LL_OFF.
        var random = new RandomPrograms(seed: 5150);
        for (var p = 0; p < 3000; p++)
        {
            var program = random.ValidProgram();
            var at = random.Next(program.Length);
            program[at] = random.Next(3) switch
            {
                0 => BpfInstruction.Statement((ushort)(Ld | Abs | random.Next(3) * 8), BpfAncillary.Offset + (uint)random.Next(70)),
                1 => BpfInstruction.Statement((ushort)(Ld | Ind | random.Next(3) * 8), BpfAncillary.LinkLayerOffset + (uint)random.Next(40)),
                _ => new BpfInstruction((ushort)random.Next(0x100), (byte)random.Next(4), (byte)random.Next(4), random.Offset()),
            };
            var auxiliary = new BpfAuxiliaryData
            {
                Protocol = 0x0800, PacketType = 3, InterfaceIndex = 9, VlanTagPresent = true, VlanTag = 42,
                NetworkHeaderOffset = (uint)random.Next(30), Random = 7,
            };
            var touchesKernelOffsets = program.Any(i => (i.Code & 0x07) is Ld or Ldx && (i.Code & 0xe0) is Abs or Ind or Msh
                                                        && i.K >= BpfAncillary.LinkLayerOffset)
                                       || program.Any(i => (i.Code & 0xe0) is Ind or Msh && (i.Code & 0x07) is Ld or Ldx);
            for (var i = 0; i < 50; i++)
            {
                var packet = random.Packet();
                var wire = random.WireLength(packet.Length);
                var without = BpfInterpreter.Run(program, packet, wire);
                var with = BpfInterpreter.Run(program, packet, wire, in auxiliary);
                if (!touchesKernelOffsets)
                    Assert.Equal(without, with);
            }
        }
    }

    private static string Dump(BpfInstruction[] program) => string.Join(' ', program.Select(i => i.ToString()));
}
