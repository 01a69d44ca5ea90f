using System.Runtime.InteropServices;

namespace Pcap.Native;

internal static partial class Interop
{
    internal const int MsgDontWait = 0x40;
    internal const int MsgTrunc = 0x20;

    /// <summary><c>recv(2)</c>; used only to drain the socket queue when a filter is replaced.</summary>
    [LibraryImport(Libc, EntryPoint = "recv", SetLastError = true)]
    internal static unsafe partial nint Recv(SafePacketSocketHandle socket, void* buffer, nuint length, int flags);
}
