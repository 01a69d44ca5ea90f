using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pcap.Filter.Bpf;

namespace Pcap.Filter.Tests.Bpf;

public class BpfInstructionTests
{
    [Fact]
    public void Layout_matches_struct_sock_filter()
    {
        Assert.Equal(8, Unsafe.SizeOf<BpfInstruction>());
        Assert.Equal(BpfInstruction.SizeInBytes, Marshal.SizeOf<BpfInstruction>());

        var instruction = new BpfInstruction(0x1234, 0x56, 0x78, 0x9abcdef0);
        var bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<BpfInstruction>(in instruction));
        // struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; } in host (little-endian) order.
        Assert.Equal(new byte[] { 0x34, 0x12, 0x56, 0x78, 0xf0, 0xde, 0xbc, 0x9a }, bytes.ToArray());
    }

    [Fact]
    public void Program_refuses_more_than_the_kernel_limit()
    {
        var tooLong = new BpfInstruction[BpfProgram.MaxInstructions + 1];
        var error = Assert.Throws<ArgumentException>(() => new BpfProgram(tooLong));
        Assert.Contains("4097", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new BpfProgram(ReadOnlySpan<BpfInstruction>.Empty));
        Assert.Equal(BpfProgram.MaxInstructions, new BpfProgram(tooLong.AsSpan(1)).Length);
    }
}
