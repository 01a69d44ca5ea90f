using Pcap.Filter.Bpf;
using Pcap.Testing;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests.Support;

/// <summary>
/// The live-handle oracle in bulk: libpcap's activated handle on a device inside a namespace compiles with its Linux
/// live-socket code generation (BPF_SPECIAL_VLAN_HANDLING) just as <c>tcpdump -i DEVICE -d</c> does, without one
/// process per expression.
/// </summary>
internal static class LiveLibPcap
{
    /// <summary>Compiles every expression on a live handle for <paramref name="device"/> in namespace <paramref name="ns"/>.</summary>
    public static List<(BpfInstruction[]? Program, string? Error)> Compile(string ns, string device, IReadOnlyList<string> expressions, bool optimize)
    {
        List<(BpfInstruction[]?, string?)> results = [];
        NamespaceThread.Run(ns, () => results = LibPcap.CompileLive(device, expressions, optimize));
        return results;
    }
}
