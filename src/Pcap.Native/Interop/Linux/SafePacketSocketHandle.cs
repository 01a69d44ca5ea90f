using System.Runtime.InteropServices;

namespace Pcap.Native;

/// <summary>Owns an AF_PACKET socket descriptor and closes it exactly once.</summary>
internal sealed class SafePacketSocketHandle : SafeHandle
{
    /// <summary>An invalid handle, filled in by the marshaller or <see cref="FromDescriptor"/>.</summary>
    public SafePacketSocketHandle()
        : base(new IntPtr(-1), ownsHandle: true)
    {
    }

    /// <summary>Wraps a descriptor returned by <c>socket(2)</c>.</summary>
    public static SafePacketSocketHandle FromDescriptor(int descriptor)
    {
        var handle = new SafePacketSocketHandle();
        handle.SetHandle(descriptor);
        return handle;
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == new IntPtr(-1);

    /// <summary>The raw descriptor, for <c>poll</c>.</summary>
    public int Descriptor => (int)handle;

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => Interop.Close((int)handle) == 0;
}
