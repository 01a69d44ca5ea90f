using Pcap.Filter.Bpf;
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
        BpfInterpreter.Run(program, packet, 64);
        BpfInterpreter.Run(program, packet, 64, in auxiliary);
        var before = GC.GetAllocatedBytesForCurrentThread();
        uint sink = 0;
        for (var i = 0; i < 10_000; i++)
        {
            sink += BpfInterpreter.Run(program, packet, 64);
            sink += BpfInterpreter.Run(program, packet, 64, in auxiliary);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(sink, sink);
    }

    [Fact]
    public void Ancillary_loads_without_metadata_reject_like_bpf_filter_and_with_metadata_read_it()
    {
        foreach (var field in new[] { BpfAncillary.VlanTag, BpfAncillary.VlanTagPresent, BpfAncillary.Protocol, BpfAncillary.PacketType, BpfAncillary.InterfaceIndex })
        foreach (var size in new[] { B, H, W })
        {
            BpfInstruction[] program =
            [
                BpfInstruction.Statement((ushort)(Ld | size | Abs), BpfAncillary.Offset + field),
                BpfInstruction.Statement(Alu | Add | K, 1),
                BpfInstruction.Statement(Ret | RetA, 0),
            ];
            var packet = new byte[60];
            // Without metadata: the same as libpcap's bpf_filter (which has none to give).
            Assert.Equal(LibPcap.Filter(program, packet, 60), BpfInterpreter.Run(program, packet, 60));
            var auxiliary = new BpfAuxiliaryData
            {
                VlanTag = 0x2005, VlanTagPresent = true, Protocol = 0x8100, PacketType = 4, InterfaceIndex = 77,
            };
            var expected = field switch
            {
                BpfAncillary.VlanTag => auxiliary.VlanTag,
                BpfAncillary.VlanTagPresent => 1u,
                BpfAncillary.Protocol => auxiliary.Protocol,
                BpfAncillary.PacketType => auxiliary.PacketType,
                _ => auxiliary.InterfaceIndex,
            };
            Assert.Equal(expected + 1, BpfInterpreter.Run(program, packet, 60, in auxiliary));
        }
    }

    private static string Dump(BpfInstruction[] program) => string.Join(' ', program.Select(i => i.ToString()));
}
