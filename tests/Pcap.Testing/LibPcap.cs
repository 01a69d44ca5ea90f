using System.Runtime.InteropServices;
using Pcap.Filter.Bpf;

namespace Pcap.Testing;

/// <summary>
/// The oracle: libpcap 1.10 (libpcap.so.0.8) called through P/Invoke. Tests only; src/ never loads it.
/// </summary>
public static unsafe partial class LibPcap
{
    private const string Library = "libpcap.so.0.8";

    /// <summary>libpcap's "netmask unknown" (<c>PCAP_NETMASK_UNKNOWN</c>).</summary>
    public const uint NetmaskUnknown = 0xffffffff;

    // pcap_compile keeps global state in older releases; one compile at a time is always safe.
    private static readonly Lock CompileLock = new();

    [StructLayout(LayoutKind.Sequential)]
    private struct BpfProgramNative
    {
        public uint Length;
        public BpfInstruction* Instructions;
    }

    [LibraryImport(Library, EntryPoint = "pcap_open_dead")]
    private static partial nint PcapOpenDead(int linkType, int snapLength);

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

    [LibraryImport(Library, EntryPoint = "bpf_filter")]
    private static partial uint BpfFilter(BpfInstruction* program, byte* packet, uint wireLength, uint captureLength);

    [LibraryImport(Library, EntryPoint = "bpf_validate")]
    private static partial int BpfValidate(BpfInstruction* program, int length);

    [LibraryImport(Library, EntryPoint = "pcap_lib_version")]
    private static partial nint PcapLibVersion();

    /// <summary>libpcap's version string; loading it proves the oracle is installed.</summary>
    public static string Version
    {
        get
        {
            try
            {
                return Marshal.PtrToStringUTF8(PcapLibVersion()) ?? "";
            }
            catch (DllNotFoundException e)
            {
                throw new InvalidOperationException(
                    "The oracle libpcap.so.0.8 is not installed. Install it with: apt-get install -y libpcap0.8 (eng/test.sh does this).", e);
            }
        }
    }

    /// <summary>
    /// Compiles <paramref name="expression"/> with <c>pcap_compile</c> on <c>pcap_open_dead(linkType, snapLength)</c>.
    /// Returns the program, or null with libpcap's error text.
    /// </summary>
    public static BpfInstruction[]? Compile(string expression, int linkType, out string? error,
        int snapLength = 262144, bool optimize = true, uint netmask = NetmaskUnknown)
    {
        _ = Version;
        lock (CompileLock)
        {
            nint pcap = PcapOpenDead(linkType, snapLength);
            if (pcap == 0)
                throw new InvalidOperationException($"pcap_open_dead({linkType}, {snapLength}) failed.");
            try
            {
                BpfProgramNative program = default;
                if (PcapCompile(pcap, &program, expression, optimize ? 1 : 0, netmask) != 0)
                {
                    error = Marshal.PtrToStringUTF8(PcapGetError(pcap)) ?? "unknown error";
                    return null;
                }
                try
                {
                    error = null;
                    return new ReadOnlySpan<BpfInstruction>(program.Instructions, (int)program.Length).ToArray();
                }
                finally
                {
                    PcapFreeCode(&program);
                }
            }
            finally
            {
                PcapClose(pcap);
            }
        }
    }

    /// <summary>
    /// Compiles each expression on a live handle (<c>pcap_create</c> + <c>pcap_activate</c>) for <paramref name="device"/>
    /// in the calling thread's network namespace: the programs a live capture attaches (null with libpcap's error text
    /// where it refuses). Needs root.
    /// </summary>
    public static List<(BpfInstruction[]? Program, string? Error)> CompileLive(string device, IReadOnlyList<string> expressions, bool optimize = true)
    {
        _ = Version;
        var results = new List<(BpfInstruction[]?, string?)>(expressions.Count);
        byte* error = stackalloc byte[256];
        nint pcap = PcapCreate(device, error);
        if (pcap == 0)
            throw new InvalidOperationException($"pcap_create({device}) failed: {Marshal.PtrToStringUTF8((nint)error)}");
        try
        {
            if (PcapActivate(pcap) != 0)
                throw new InvalidOperationException($"pcap_activate({device}) failed: {Marshal.PtrToStringUTF8(PcapGetError(pcap))}");
            lock (CompileLock)
            {
                foreach (var expression in expressions)
                {
                    BpfProgramNative program = default;
                    if (PcapCompile(pcap, &program, expression, optimize ? 1 : 0, NetmaskUnknown) != 0)
                    {
                        results.Add((null, Marshal.PtrToStringUTF8(PcapGetError(pcap)) ?? "unknown error"));
                        continue;
                    }
                    results.Add((new ReadOnlySpan<BpfInstruction>(program.Instructions, (int)program.Length).ToArray(), null));
                    PcapFreeCode(&program);
                }
            }
        }
        finally
        {
            PcapClose(pcap);
        }
        return results;
    }

    /// <summary>
    /// Opens one <c>pcap_open_dead</c> handle for timing <c>pcap_compile</c> alone, as a program that compiles many
    /// filters on one handle does. Not thread-safe: one handle per thread, disposed with <c>pcap_close</c>.
    /// </summary>
    public static DeadHandle OpenDead(int linkType, int snapLength = 262144)
    {
        _ = Version;
        nint pcap = PcapOpenDead(linkType, snapLength);
        return pcap == 0 ? throw new InvalidOperationException($"pcap_open_dead({linkType}, {snapLength}) failed.") : new DeadHandle(pcap);
    }

    /// <summary>A <c>pcap_open_dead</c> handle that compiles with optimization and frees each program at once.</summary>
    public sealed class DeadHandle : IDisposable
    {
        private nint _pcap;

        internal DeadHandle(nint pcap) => _pcap = pcap;

        /// <summary>Runs <c>pcap_compile</c> (optimized, netmask unknown) and <c>pcap_freecode</c>; the program's length, or -1 on a refusal.</summary>
        public int CompileAndFree(string expression)
        {
            ObjectDisposedException.ThrowIf(_pcap == 0, this);
            BpfProgramNative program = default;
            if (PcapCompile(_pcap, &program, expression, 1, NetmaskUnknown) != 0)
                return -1;
            int length = (int)program.Length;
            PcapFreeCode(&program);
            return length;
        }

        /// <summary>Closes the handle.</summary>
        public void Dispose()
        {
            if (_pcap != 0)
                PcapClose(_pcap);
            _pcap = 0;
        }
    }

    /// <summary>Runs <paramref name="program"/> on a packet with libpcap's <c>bpf_filter</c>.</summary>
    public static uint Filter(ReadOnlySpan<BpfInstruction> program, ReadOnlySpan<byte> packet, uint wireLength)
    {
        fixed (BpfInstruction* code = program)
        fixed (byte* bytes = packet)
        {
            byte dummy = 0;
            // bpf_filter dereferences nothing for an empty packet, but a null pointer would still be passed.
            return BpfFilter(code, bytes == null ? &dummy : bytes, wireLength, (uint)packet.Length);
        }
    }

    /// <summary>Asks libpcap's <c>bpf_validate</c> whether it accepts <paramref name="program"/>.</summary>
    public static bool Validate(ReadOnlySpan<BpfInstruction> program)
    {
        fixed (BpfInstruction* code = program)
            return BpfValidate(code, program.Length) != 0;
    }
}
