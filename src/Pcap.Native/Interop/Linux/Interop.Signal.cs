using System.Runtime.InteropServices;

namespace Pcap.Native;

internal static partial class Interop
{
    /// <summary><c>SIG_DFL</c>: the default disposition.</summary>
    internal const nint SigDfl = 0;

    /// <summary><c>SIG_IGN</c>: the signal is discarded.</summary>
    internal const nint SigIgn = 1;

    /// <summary><c>SIG_ERR</c>: what <c>signal</c> returns on failure.</summary>
    internal const nint SigErr = -1;

    /// <summary><c>signal(2)</c>: sets a signal's disposition and returns the previous one.</summary>
    [LibraryImport(Libc, EntryPoint = "signal", SetLastError = true)]
    internal static partial nint Signal(int signal, nint handler);
}
