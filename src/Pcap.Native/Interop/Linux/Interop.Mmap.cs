using System.Runtime.InteropServices;

namespace Pcap.Native;

internal static partial class Interop
{
    internal const int ProtRead = 0x1;
    internal const int ProtWrite = 0x2;
    internal const int MapShared = 0x01;
    internal const int MapLocked = 0x2000;

    /// <summary>The value <c>mmap</c> returns on failure.</summary>
    internal static readonly nint MapFailed = -1;

    /// <summary><c>mmap(2)</c>: maps the packet ring of a socket.</summary>
    [LibraryImport(Libc, EntryPoint = "mmap", SetLastError = true)]
    internal static partial nint Mmap(nint address, nuint length, int protection, int flags, SafePacketSocketHandle socket, long offset);
}
