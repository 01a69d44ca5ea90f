using System.Runtime.InteropServices;
using System.Text;

namespace Pcap.Native;

/// <summary><c>struct ifreq</c> (40 bytes): an interface name and a union the interface ioctls fill in.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IfReq
{
    /// <summary><c>IFNAMSIZ</c>, including the terminating zero.</summary>
    public const int NameSize = 16;

    public fixed byte Name[NameSize];
    public fixed byte Union[24];

    /// <summary>A request for <paramref name="name"/> (at most 15 bytes of UTF-8).</summary>
    public static IfReq For(string name)
    {
        var request = new IfReq();
        var bytes = Encoding.UTF8.GetBytes(name);
        if (bytes.Length >= NameSize)
            throw new ArgumentException($"interface name '{name}' is longer than {NameSize - 1} bytes", nameof(name));
        bytes.CopyTo(new Span<byte>(request.Name, NameSize));
        return request;
    }

    /// <summary><c>ifr_flags</c> after SIOCGIFFLAGS.</summary>
    public readonly short Flags
    {
        get
        {
            fixed (byte* union = Union)
                return *(short*)union;
        }
    }

    /// <summary><c>ifr_ifindex</c> / <c>ifr_mtu</c>: the int at the start of the union.</summary>
    public int Integer
    {
        readonly get
        {
            fixed (byte* union = Union)
                return *(int*)union;
        }
        set
        {
            fixed (byte* union = Union)
                *(int*)union = value;
        }
    }

    /// <summary><c>ifr_hwaddr.sa_family</c> after SIOCGIFHWADDR: the ARPHRD_ hardware type.</summary>
    public readonly ushort HardwareType
    {
        get
        {
            fixed (byte* union = Union)
                return *(ushort*)union;
        }
    }

    /// <summary>Sets <c>ifr_data</c>, the pointer SIOCETHTOOL reads its command from.</summary>
    public void SetData(void* data)
    {
        fixed (byte* union = Union)
            *(void**)union = data;
    }

    /// <summary>The name, up to the first zero byte.</summary>
    public readonly string NameText
    {
        get
        {
            fixed (byte* name = Name)
            {
                var span = new ReadOnlySpan<byte>(name, NameSize);
                int end = span.IndexOf((byte)0);
                return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
            }
        }
    }
}
