using System.Runtime.InteropServices;
using Pcap.Filter.Bpf;

namespace Pcap.Native;

/// <summary><c>struct sock_fprog</c> (16 bytes on 64-bit): a classic BPF program for <c>SO_ATTACH_FILTER</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SockFProg
{
    public ushort Length;
    public BpfInstruction* Filter;
}
