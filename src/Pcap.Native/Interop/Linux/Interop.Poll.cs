using System.Runtime.InteropServices;

namespace Pcap.Native;

internal static partial class Interop
{
    internal const short PollIn = 0x001;
    internal const short PollErr = 0x008;
    internal const short PollHup = 0x010;
    internal const short PollNval = 0x020;

    /// <summary><c>struct pollfd</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    /// <summary><c>poll(2)</c>; <paramref name="timeoutMilliseconds"/> -1 waits forever.</summary>
    [LibraryImport(Libc, EntryPoint = "poll", SetLastError = true)]
    internal static unsafe partial int Poll(PollFd* descriptors, nuint count, int timeoutMilliseconds);
}
