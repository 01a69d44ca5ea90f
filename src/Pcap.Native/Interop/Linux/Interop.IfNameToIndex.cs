using System.Runtime.InteropServices;

namespace Pcap.Native;

internal static partial class Interop
{
    /// <summary><c>if_nametoindex(3)</c>: 0 when there is no such interface.</summary>
    [LibraryImport(Libc, EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial uint IfNameToIndex(string name);
}
