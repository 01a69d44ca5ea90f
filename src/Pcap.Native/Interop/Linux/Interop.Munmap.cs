using System.Runtime.InteropServices;

namespace Pcap.Native;

internal static partial class Interop
{
    /// <summary><c>munmap(2)</c>.</summary>
    [LibraryImport(Libc, EntryPoint = "munmap", SetLastError = true)]
    internal static partial int Munmap(nint address, nuint length);
}
