using System.Runtime.InteropServices;
using Pcap.Filter.Bpf;

namespace Pcap.Testing;

/// <summary>
/// The kernel as an oracle for program validity: an AF_PACKET socket (protocol 0, so it receives nothing)
/// on which <c>setsockopt(SO_ATTACH_FILTER)</c> tells whether Linux accepts a program. Tests only; needs root.
/// </summary>
public sealed unsafe partial class KernelFilterAttach : IDisposable
{
    private const int AddressFamilyPacket = 17; // AF_PACKET
    private const int SocketRaw = 3; // SOCK_RAW
    private const int SolSocket = 1; // SOL_SOCKET
    private const int SoAttachFilter = 26; // SO_ATTACH_FILTER
    private const int SoDetachFilter = 27; // SO_DETACH_FILTER

    [StructLayout(LayoutKind.Sequential)]
    private struct SocketFilterProgram
    {
        public ushort Length;
        public BpfInstruction* Filter;
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSocketOption(int socket, int level, int name, void* value, uint length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);

    private int _socket;

    private KernelFilterAttach(int socket) => _socket = socket;

    /// <summary>Opens the packet socket, or fails with a message that says root (CAP_NET_RAW) is needed.</summary>
    public static KernelFilterAttach Open()
    {
        var socket = Socket(AddressFamilyPacket, SocketRaw, 0);
        if (socket < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new InvalidOperationException(
                $"socket(AF_PACKET, SOCK_RAW, 0) failed with errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)}); " +
                "asking the kernel whether it accepts a BPF program needs root (CAP_NET_RAW).");
        }
        return new KernelFilterAttach(socket);
    }

    /// <summary>
    /// Attaches <paramref name="program"/> (replacing the previous one) and returns 0 when the kernel accepted it,
    /// else the errno (22, EINVAL, for a refused program).
    /// </summary>
    public int Attach(ReadOnlySpan<BpfInstruction> program)
    {
        ObjectDisposedException.ThrowIf(_socket < 0, this);
        if (program.Length > ushort.MaxValue)
            throw new ArgumentException("struct sock_fprog counts instructions in 16 bits.", nameof(program));
        fixed (BpfInstruction* filter = program)
        {
            var fprog = new SocketFilterProgram { Length = (ushort)program.Length, Filter = filter };
            if (SetSocketOption(_socket, SolSocket, SoAttachFilter, &fprog, (uint)sizeof(SocketFilterProgram)) == 0)
            {
                int unused = 0;
                SetSocketOption(_socket, SolSocket, SoDetachFilter, &unused, sizeof(int));
                return 0;
            }
            return Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>Whether the kernel accepts <paramref name="program"/> for SO_ATTACH_FILTER.</summary>
    public bool Accepts(ReadOnlySpan<BpfInstruction> program) => Attach(program) == 0;

    /// <summary>Closes the socket.</summary>
    public void Dispose()
    {
        if (_socket >= 0)
        {
            Close(_socket);
            _socket = -1;
        }
    }
}
