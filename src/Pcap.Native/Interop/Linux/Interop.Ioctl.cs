using System.Runtime.InteropServices;

namespace Pcap.Native;

internal static partial class Interop
{
    internal const ulong SiocGIfName = 0x8910;
    internal const ulong SiocGIfFlags = 0x8913;
    internal const ulong SiocGIfMtu = 0x8921;
    internal const ulong SiocGIfHwAddr = 0x8927;
    internal const ulong SiocEthtool = 0x8946;
    internal const ulong SiocGIwName = 0x8B01;

    /// <summary><c>ioctl(2)</c> with a pointer argument (<c>struct ifreq</c> and friends).</summary>
    [LibraryImport(Libc, EntryPoint = "ioctl", SetLastError = true)]
    internal static unsafe partial int Ioctl(SafePacketSocketHandle socket, ulong request, void* argument);
}
