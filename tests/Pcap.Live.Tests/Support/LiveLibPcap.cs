using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Pcap.Filter.Bpf;

namespace Pcap.Live.Tests.Support;

/// <summary>
/// The live-handle oracle in bulk: libpcap's <c>pcap_create</c> + <c>pcap_activate</c> on a device inside a namespace,
/// then <c>pcap_compile</c> on that activated handle, which compiles with libpcap's Linux live-socket code generation
/// (BPF_SPECIAL_VLAN_HANDLING) just as <c>tcpdump -i DEVICE -d</c> does, without one process per expression.
/// </summary>
internal static unsafe partial class LiveLibPcap
{
    private const string Library = "libpcap.so.0.8";

    [StructLayout(LayoutKind.Sequential)]
    private struct BpfProgramNative
    {
        public uint Length;
        public BpfInstruction* Instructions;
    }

    [LibraryImport(Library, EntryPoint = "pcap_create", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint PcapCreate(string device, byte* errorBuffer);

    [LibraryImport(Library, EntryPoint = "pcap_activate")]
    private static partial int PcapActivate(nint pcap);

    [LibraryImport(Library, EntryPoint = "pcap_close")]
    private static partial void PcapClose(nint pcap);

    [LibraryImport(Library, EntryPoint = "pcap_compile", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int PcapCompile(nint pcap, BpfProgramNative* program, string expression, int optimize, uint netmask);

    [LibraryImport(Library, EntryPoint = "pcap_freecode")]
    private static partial void PcapFreeCode(BpfProgramNative* program);

    [LibraryImport(Library, EntryPoint = "pcap_geterr")]
    private static partial nint PcapGetError(nint pcap);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(SafeFileHandle file, int type);

    /// <summary>
    /// Compiles every expression on a live handle for <paramref name="device"/> in namespace <paramref name="ns"/>:
    /// per expression the program (null when libpcap refused it) and libpcap's error text.
    /// </summary>
    public static List<(BpfInstruction[]? Program, string? Error)> Compile(string ns, string device, IReadOnlyList<string> expressions, bool optimize)
    {
        var results = new List<(BpfInstruction[]?, string?)>();
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                _ = Pcap.Testing.LibPcap.Version; // fails with the install hint when the oracle is missing
                using (var file = File.OpenHandle($"/run/netns/{ns}"))
                    if (SetNs(file, 0x40000000) != 0)
                        throw new InvalidOperationException($"setns({ns}) failed: errno {Marshal.GetLastPInvokeError()}");
                byte* error = stackalloc byte[256];
                nint pcap = PcapCreate(device, error);
                if (pcap == 0)
                    throw new InvalidOperationException($"pcap_create({device}) failed: {Marshal.PtrToStringUTF8((nint)error)}");
                try
                {
                    if (PcapActivate(pcap) != 0)
                        throw new InvalidOperationException($"pcap_activate({device}) failed: {Marshal.PtrToStringUTF8(PcapGetError(pcap))}");
                    foreach (var expression in expressions)
                    {
                        BpfProgramNative program = default;
                        if (PcapCompile(pcap, &program, expression, optimize ? 1 : 0, 0xffffffff) != 0)
                        {
                            results.Add((null, Marshal.PtrToStringUTF8(PcapGetError(pcap))));
                            continue;
                        }
                        results.Add((new ReadOnlySpan<BpfInstruction>(program.Instructions, (int)program.Length).ToArray(), null));
                        PcapFreeCode(&program);
                    }
                }
                finally
                {
                    PcapClose(pcap);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
            throw new InvalidOperationException($"the live libpcap oracle failed: {failure.Message}", failure);
        return results;
    }
}
