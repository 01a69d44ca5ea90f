using System.Runtime.InteropServices;

namespace Pcap.Native;

internal static partial class Interop
{
    /// <summary><c>struct if_nameindex</c>: one entry of the array <c>if_nameindex(3)</c> returns.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct IfNameIndexEntry
    {
        public uint Index;
        public nint Name;
    }

    /// <summary><c>if_nameindex(3)</c>: every interface of the calling thread's network namespace, ended by a zero entry.</summary>
    [LibraryImport(Libc, EntryPoint = "if_nameindex", SetLastError = true)]
    internal static unsafe partial IfNameIndexEntry* IfNameIndex();

    /// <summary><c>if_freenameindex(3)</c>.</summary>
    [LibraryImport(Libc, EntryPoint = "if_freenameindex")]
    internal static unsafe partial void IfFreeNameIndex(IfNameIndexEntry* entries);
}
