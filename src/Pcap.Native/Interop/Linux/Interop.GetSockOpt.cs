using System.Runtime.InteropServices;

namespace Pcap.Native;

internal static partial class Interop
{
    /// <summary><c>getsockopt(2)</c>; <paramref name="valueLength"/> is in/out.</summary>
    [LibraryImport(Libc, EntryPoint = "getsockopt", SetLastError = true)]
    internal static unsafe partial int GetSockOpt(SafePacketSocketHandle socket, int level, int name, void* value, int* valueLength);
}
