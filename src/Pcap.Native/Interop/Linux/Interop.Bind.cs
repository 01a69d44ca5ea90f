using System.Runtime.InteropServices;

namespace Pcap.Native;

internal static partial class Interop
{
    /// <summary><c>bind(2)</c> with a link-layer address.</summary>
    [LibraryImport(Libc, EntryPoint = "bind", SetLastError = true)]
    internal static unsafe partial int Bind(SafePacketSocketHandle socket, SockAddrLl* address, int addressLength);
}
