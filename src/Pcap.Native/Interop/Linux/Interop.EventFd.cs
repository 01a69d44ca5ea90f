using System.Runtime.InteropServices;

namespace Pcap.Native;

internal static partial class Interop
{
    internal const int EfdCloexec = 0x80000;
    internal const int EfdNonblock = 0x800;

    /// <summary><c>eventfd(2)</c>: the descriptor a stop request writes to so a blocked <c>poll</c> wakes up.</summary>
    [LibraryImport(Libc, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int EventFd(uint initialValue, int flags);

    /// <summary><c>write(2)</c> of one 8-byte counter to an eventfd.</summary>
    [LibraryImport(Libc, EntryPoint = "write", SetLastError = true)]
    internal static unsafe partial nint Write(int descriptor, void* buffer, nuint length);
}
