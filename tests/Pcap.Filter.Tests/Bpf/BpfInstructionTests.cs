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
    public void Program_takes_any_length_and_says_whether_the_kernel_takes_it()
    {
        var longer = new BpfInstruction[BpfProgram.MaxInstructions + 1];
        longer[^1] = new BpfInstruction(BpfOpcodes.Ret | BpfOpcodes.K, 0, 0, 0);
        Assert.False(new BpfProgram(longer).FitsKernel);
        Assert.True(new BpfProgram(longer.AsSpan(1)).FitsKernel);
        Assert.Throws<ArgumentException>(() => new BpfProgram(ReadOnlySpan<BpfInstruction>.Empty));
        Assert.False(BpfValidator.TryValidate(longer, out var error));
        Assert.Contains("4097 instructions; the kernel takes at most 4096", error!.ToString(), StringComparison.Ordinal);
        Assert.True(BpfValidator.TryValidate(longer, int.MaxValue, out error), error?.ToString());
    }
}
