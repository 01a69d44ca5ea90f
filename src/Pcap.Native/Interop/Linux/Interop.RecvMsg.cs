using System.Runtime.InteropServices;

namespace Pcap.Native;

internal static partial class Interop
{
    /// <summary><c>struct iovec</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary><c>struct msghdr</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Vectors;
        public nuint VectorCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary><c>struct cmsghdr</c>: the header of one control message; its data follows, aligned to 8 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct CmsgHdr
    {
        public nuint Length;
        public int Level;
        public int Type;
    }

    /// <summary>
    /// <c>recvmsg(2)</c>: a packet plus control messages, such as the <see cref="TPacketAuxData"/> that
    /// <c>PACKET_AUXDATA</c> attaches when a socket is read without a ring.
    /// </summary>
    [LibraryImport(Libc, EntryPoint = "recvmsg", SetLastError = true)]
    internal static unsafe partial nint RecvMsg(SafePacketSocketHandle socket, MsgHdr* message, int flags);
}
