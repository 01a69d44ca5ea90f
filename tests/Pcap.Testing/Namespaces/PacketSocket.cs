using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Pcap.Testing.Namespaces;

/// <summary>
/// An AF_PACKET raw socket that sends hand-built Ethernet frames out of one device, in the network namespace of the
/// thread that opens it (see <see cref="NamespaceThread"/>).
/// </summary>
public sealed unsafe partial class PacketSocket : IDisposable
{
    private const int AfPacket = 17, SockRaw = 3, NoBufferSpace = 105;
    private readonly int _descriptor;
    private readonly int _interfaceIndex;

    private PacketSocket(int descriptor, int interfaceIndex) => (_descriptor, _interfaceIndex) = (descriptor, interfaceIndex);

    /// <summary>Opens a socket that sends out of <paramref name="device"/>.</summary>
    public static PacketSocket Open(string device)
    {
        int index = (int)if_nametoindex(device);
        if (index == 0)
            throw new InvalidOperationException($"no device '{device}' in this namespace: errno {Marshal.GetLastPInvokeError()}");
        int descriptor = socket(AfPacket, SockRaw, 0);
        if (descriptor < 0)
            throw new InvalidOperationException($"AF_PACKET socket failed: errno {Marshal.GetLastPInvokeError()}");
        return new PacketSocket(descriptor, index);
    }

    /// <summary>
    /// Sends one frame; when <paramref name="retryWhenQueueFull"/>, a full device queue (ENOBUFS) is waited out
    /// instead of failing.
    /// </summary>
    public void Send(ReadOnlySpan<byte> frame, bool retryWhenQueueFull = false)
    {
        var address = stackalloc byte[20];
        new Span<byte>(address, 20).Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(new Span<byte>(address, 2), AfPacket);
        BinaryPrimitives.WriteInt32LittleEndian(new Span<byte>(address + 4, 4), _interfaceIndex);
        fixed (byte* bytes = frame)
        {
            while (sendto(_descriptor, bytes, (nuint)frame.Length, 0, address, 20) != frame.Length)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (!retryWhenQueueFull || errno != NoBufferSpace)
                    throw new InvalidOperationException($"sendto failed: errno {errno}");
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => close(_descriptor);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint sendto(int socket, byte* buffer, nuint length, int flags, byte* address, int addressLength);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int descriptor);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial uint if_nametoindex(string name);
}
