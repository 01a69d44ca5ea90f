using System.Runtime.InteropServices;

namespace Pcap.Native;

internal static partial class Interop
{
    /// <summary><c>setsockopt(2)</c>.</summary>
    [LibraryImport(Libc, EntryPoint = "setsockopt", SetLastError = true)]
    internal static unsafe partial int SetSockOpt(SafePacketSocketHandle socket, int level, int name, void* value, int valueLength);
}
