using Pcap.Filter.Bpf;
using Pcap.Testing.Allocation;
using Pcap.Testing;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Tests.Bpf;

public class BpfJitTests
{
    [Fact]
    public void Compiled_random_programs_return_what_the_interpreter_and_libpcap_return()
    {
        Assert.True(BpfJit.GeneratesCode, "this runtime cannot generate code, so the JIT path would go untested");
        var random = new RandomPrograms(seed: 31337);
        var packets = Enumerable.Range(0, 1000).Select(_ => random.Packet()).ToArray();
        var wireLengths = packets.Select(p => random.WireLength(p.Length)).ToArray();
        var differences = new List<string>();
        for (var p = 0; p < 2000; p++)
        {
            var program = random.ValidProgram();
            var compiled = BpfJit.Compile(program);
            for (var i = 0; i < 300; i++)
            {
                var n = random.Next(packets.Length);
                var expected = LibPcap.Filter(program, packets[n], wireLengths[n]);
                var interpreted = BpfInterpreter.Run(program, packets[n], wireLengths[n]);
                var jitted = compiled(packets[n], wireLengths[n]);
                if ((jitted != expected || interpreted != expected) && differences.Count < 5)
                    differences.Add($"{Dump(program)} on [{Convert.ToHexString(packets[n])}] wire {wireLengths[n]}: libpcap {expected}, interpreter {interpreted}, jit {jitted}");
            }
        }
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Fact]
    public void Compiled_invalid_programs_behave_as_the_interpreter()
    {
        // Unknown opcodes, jumps out of the program, backward and self jumps, constant division by 0, bad scratch
        // indexes: libpcap 1.10 has undefined behaviour there, so the interpreter is the reference.
        var random = new RandomPrograms(seed: 8080);
        var packets = Enumerable.Range(0, 200).Select(_ => random.Packet()).ToArray();
        for (var p = 0; p < 2000; p++)
        {
            var program = random.ValidProgram();
            for (var m = 0; m < 1 + random.Next(3); m++)
            {
                var at = random.Next(program.Length);
                program[at] = random.Next(4) switch
                {
                    0 => new BpfInstruction((ushort)random.Next(0x100), (byte)random.Next(256), (byte)random.Next(256), random.Constant()),
                    1 => BpfInstruction.Statement(Jmp | Ja, unchecked((uint)(random.Next(9) - 6))),
                    2 => BpfInstruction.Statement((ushort)(random.Next(2) == 0 ? Alu | Div | K : Alu | Mod | K), 0),
                    _ => BpfInstruction.Statement((ushort)(random.Next(2) == 0 ? Ld | Mem : St), (uint)random.Next(20)),
                };
            }
            var compiled = BpfJit.Compile(program);
            foreach (var packet in packets)
            {
                var wire = (uint)packet.Length + (uint)random.Next(3);
                Assert.Equal(BpfInterpreter.Run(program, packet, wire), compiled(packet, wire));
            }
        }
    }

    [Fact]
    public void Libpcap_compiled_filters_including_protochain_loops_agree()
    {
        var random = new RandomPrograms(seed: 6);
        foreach (var expression in new[] { "ip6 protochain 6", "tcp port 80 or udp port 53", "vlan and ip and len > 60", "ip[2:2] / (ip[8] - 64) > 3" })
        {
            var program = LibPcap.Compile(expression, 1, out var error) ?? throw new InvalidOperationException(error);
            var compiled = BpfJit.Compile(new BpfProgram(program));
            for (var i = 0; i < 2000; i++)
            {
                var packet = random.Packet();
                if (packet.Length > 20 && i % 2 == 0)
                {
                    packet[12] = 0x86; packet[13] = 0xdd; packet[20] = (byte)(i % 3 == 0 ? 0 : 6);
                }
                var wire = random.WireLength(packet.Length);
                Assert.Equal(LibPcap.Filter(program, packet, wire), compiled(packet, wire));
            }
        }
    }

    [Fact]
    public void Long_programs_compile_and_agree()
    {
        // Hundreds of ports make a program of well over a thousand instructions with long jump chains.
        var expression = string.Join(" or ", Enumerable.Range(1, 300).Select(port => $"port {port * 7}"));
        var program = LibPcap.Compile(expression, 1, out var error, optimize: false) ?? throw new InvalidOperationException(error);
        Assert.True(program.Length > 1000, $"only {program.Length} instructions");
        var compiled = BpfJit.Compile(program);
        var random = new RandomPrograms(seed: 12);
        for (var i = 0; i < 500; i++)
        {
            var packet = new byte[54];
            packet[12] = 8; packet[14] = 0x45; packet[23] = (byte)(i % 2 == 0 ? 6 : 17);
            packet[36] = (byte)(i % 9); packet[37] = (byte)random.Next(256);
            Assert.Equal(LibPcap.Filter(program, packet, 54), compiled(packet, 54));
        }
    }

    [Fact]
    public void Without_code_generation_the_interpreter_runs()
    {
        var program = LibPcap.Compile("udp", 1, out var error) ?? throw new InvalidOperationException(error);
        var fallback = BpfJit.Compile(program, generateCode: false);
        var random = new RandomPrograms(seed: 1);
        for (var i = 0; i < 500; i++)
        {
            var packet = random.Packet();
            if (packet.Length > 24)
            {
                packet[12] = 8; packet[13] = 0; packet[23] = 17;
            }
            Assert.Equal(LibPcap.Filter(program, packet, (uint)packet.Length), fallback(packet, (uint)packet.Length));
        }
    }

    [Fact]
    public void Running_compiled_code_allocates_nothing()
    {
        var program = LibPcap.Compile("tcp port 80 or udp", 1, out var error) ?? throw new InvalidOperationException(error);
        var compiled = BpfJit.Compile(program);
        var packet = new byte[60];
        packet[12] = 8; packet[14] = 0x45; packet[23] = 6; packet[37] = 80;
        compiled(packet, 60);
        uint sink = 0;
        var allocated = QuietestPass.Bytes(3, () =>
        {
            for (var i = 0; i < 10_000; i++)
                sink += compiled(packet, 60);
        });
        Assert.Equal(0, allocated);
        Assert.Equal(LibPcap.Filter(program, packet, 60) * 30_000, sink);
    }

    private static string Dump(BpfInstruction[] program) => string.Join(' ', program.Select(i => i.ToString()));
}
