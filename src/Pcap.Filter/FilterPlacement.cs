using Pcap.Filter.Bpf;

namespace Pcap.Filter;

/// <summary>
/// Where a live capture's filter runs (<see cref="FilterCompiler.CompileForKernel"/>): <see cref="Kernel"/> is attached
/// to the socket; when the whole program is too long for the kernel, <see cref="UserSpace"/> is the whole filter, run
/// on each packet the kernel's prefilter lets through.
/// </summary>
/// <param name="Kernel">The program for the socket: the whole filter, or a prefilter that accepts at least as much.</param>
/// <param name="UserSpace">The whole filter when <see cref="Kernel"/> is only a prefilter; otherwise null.</param>
/// <param name="KernelDescription">What <see cref="Kernel"/> is, in words (for <c>-d</c>).</param>
public sealed record FilterPlacement(BpfProgram Kernel, BpfProgram? UserSpace, string KernelDescription)
{
    /// <summary>True when the kernel runs a prefilter and user space the whole filter.</summary>
    public bool IsSplit => UserSpace is not null;
}
