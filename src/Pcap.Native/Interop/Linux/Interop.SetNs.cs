using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Pcap.Native;

internal static partial class Interop
{
    internal const int CloneNewNet = 0x40000000;

    /// <summary><c>setns(2)</c>: moves the calling thread (only) into the namespace <paramref name="namespaceFile"/> refers to.</summary>
    [LibraryImport(Libc, EntryPoint = "setns", SetLastError = true)]
    internal static partial int SetNs(SafeFileHandle namespaceFile, int namespaceType);
}
